"""`pickup-desk-backend enrolment-code | rollout | point-channel`: the installer's commands on the server database."""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from backend import admin_cli
from backend.app import create_app
from backend.config import Settings
from backend.server import main, parse_args
from tests.backend.conftest import BOTH_DBS, Server, point_feed


@pytest.fixture
def served(settings: Settings) -> Server:
    """A server whose database holds points 0042 and 0043 (the commands then work on that database)."""
    client = TestClient(create_app(settings))
    server = Server(client, client.app)
    server.import_feed(point_feed("0042"))
    server.import_feed(point_feed("0043"))
    return server


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved, sys.stderr = sys.stderr, err
    try:
        code = admin_cli.run(list(argv), out=out)
    finally:
        sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


def enrol(server: Server, code: str) -> int:
    return int(server.client.post("/v1/enrol", json={"code": code, "device_name": "PC"}).status_code)


@BOTH_DBS
def test_one_code_is_printed_and_enrols_a_pc(served: Server, db_url: str) -> None:
    code, out, err = run("enrolment-code", "--db", db_url, "--point", "0042", "--valid-hours", "2")
    assert code == 0 and len(out.strip()) == 14 and "point 0042" in err
    assert enrol(served, out.strip()) == 200
    assert enrol(served, out.strip()) == 403  # one use


@BOTH_DBS
def test_batch_writes_a_private_csv_of_codes_for_many_pcs(served: Server, db_url: str, tmp_path: Path) -> None:
    points = tmp_path / "points.txt"
    points.write_text("0042\n# the second shop\n0043  # Tverskaya\n\n0042\n")
    target = tmp_path / "codes.csv"
    code, out, _ = run("enrolment-code", "--db", db_url, "--points-file", str(points), "--point", "0043",
                       "--csv", str(target))
    assert code == 0 and "2 enrolment codes" in out
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [row["point"] for row in rows] == ["0043", "0042"]  # --point first, then the file; each once
    assert all(row["expires_at"] for row in rows)
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert all(enrol(served, row["code"]) == 200 for row in rows)


def test_repeated_points_without_csv_print_csv(served: Server, db_url: str) -> None:
    code, out, _ = run("enrolment-code", "--db", db_url, "--point", "0042", "--point", "0043")
    assert code == 0 and out.splitlines()[0] == "point,code,expires_at" and len(out.splitlines()) == 3


@BOTH_DBS
def test_an_unknown_point_issues_no_code_at_all(served: Server, db_url: str, tmp_path: Path) -> None:
    target = tmp_path / "codes.csv"
    code, out, err = run("enrolment-code", "--db", db_url, "--point", "0042", "--point", "9999",
                         "--csv", str(target))
    assert code == 2 and "unknown pickup point '9999'" in err and out == "" and not target.exists()
    from sqlalchemy import func, select

    from backend.models import EnrolmentCode

    with served.db.read() as session:
        assert session.scalar(select(func.count()).select_from(EnrolmentCode)) == 0


@pytest.mark.parametrize("argv", [["--valid-hours", "0"], ["--valid-hours", "100000"], []])
def test_bad_arguments_are_refused(served: Server, db_url: str, argv: list[str]) -> None:
    code, _, err = run("enrolment-code", "--db", db_url, *(["--point", "0042"] if argv else []), *argv)
    assert code == 2 and err


def test_a_missing_database_file_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nope.sqlite3"
    code, _, err = run("enrolment-code", "--db", f"sqlite:///{missing}", "--point", "0042")
    assert code == 2 and "no database" in err and not missing.exists()


def test_unreadable_points_file_is_refused(served: Server, db_url: str, tmp_path: Path) -> None:
    code, _, err = run("enrolment-code", "--db", db_url, "--points-file", str(tmp_path / "none.txt"))
    assert code == 2 and "cannot read" in err


@BOTH_DBS
def test_rollout_and_point_channel_commands_drive_the_policy(served: Server, db_url: str) -> None:
    assert run("point-channel", "--db", db_url, "--point", "0042", "--channel", "pilot")[0] == 0
    code, out, _ = run("rollout", "--db", db_url, "--channel", "pilot", "--version", "1.5.0")
    assert code == 0 and "pilot: 1.5.0" in out
    device = served.enrol("0042")
    assert served.client.get("/v1/update/policy", headers=device.headers).json()["target_version"] == "1.5.0"
    code, out, _ = run("rollout", "--db", db_url, "--channel", "pilot", "--stop")
    assert code == 0 and "pilot: 1.5.0 (stopped)" in out
    assert served.client.get("/v1/update/policy", headers=device.headers).json()["target_version"] is None
    assert run("rollout", "--db", db_url)[1] == "pilot: 1.5.0 (stopped)\neveryone: -\n"


@pytest.mark.parametrize(("argv", "words"), [
    (["rollout", "--channel", "beta", "--version", "1.0"], "unknown channel 'beta'"),
    (["rollout", "--channel", "pilot", "--version", "one"], "not a PEP 440 version"),
    (["rollout", "--version", "1.0"], "--channel"),
    (["point-channel", "--point", "9999", "--channel", "pilot"], "unknown pickup point"),
    (["point-channel", "--point", "0042", "--channel", "beta"], "unknown channel"),
])
def test_rollout_commands_refuse_bad_input(served: Server, db_url: str, argv: list[str], words: str) -> None:
    code, _, err = run(argv[0], "--db", db_url, *argv[1:])
    assert code == 2 and words in err


def test_no_sub_command_still_serves_and_serve_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from backend import server

    seen: list[object] = []
    monkeypatch.setattr(server, "serve", seen.append)
    main(["--db", "sqlite:///x.sqlite3", "--port", "9"])
    main(["serve", "--port", "9", "--update-repo", "/srv/updates"])
    assert [(args.db, args.port) for args in seen] == [("sqlite:///x.sqlite3", 9), (parse_args([]).db, 9)]
    with pytest.raises(SystemExit) as refused:
        main(["enrolment-code", "--db", "sqlite:////nonexistent/x.sqlite3", "--point", "1"])
    assert refused.value.code == 2


def test_console_command_runs_as_a_process(served: Server, db_url: str, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "backend.server", "enrolment-code", "--db", db_url,
                             "--point", "0043"], capture_output=True, text=True, timeout=120, cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    assert result.returncode == 0, result.stderr
    assert enrol(served, result.stdout.strip()) == 200
