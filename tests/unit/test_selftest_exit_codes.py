"""--self-test exit codes an install script can trust (0 works, 1 degraded, 2 cannot work), --json, no writes."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import parse_args, run_command
from desktop.config import AppConfig
from desktop.db.migrate import head_revision
from desktop.selftest import devices, run_self_test
from desktop.selftest.report import TITLES, Status

FIXTURES = Path(__file__).parents[1] / "fixtures" / "databases"


@pytest.fixture(autouse=True)
def _no_site_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "site"))


def self_test_json(tmp_path: Path, *extra: str, **probes: Any) -> tuple[int | None, dict[str, Any]]:
    out = io.StringIO()
    argv = ["--self-test", "--json", "--data-dir", str(tmp_path / "data"), "--log-dir", str(tmp_path / "logs"), *extra]
    code = run_command(parse_args(argv), out=out, **probes)
    return code, json.loads(out.getvalue())


def statuses(report: dict[str, Any]) -> dict[str, str]:
    return {check["name"]: check["status"] for check in report["checks"]}


def test_no_printer_and_no_camera_are_listed_but_the_pc_works(tmp_path: Path) -> None:
    code, report = self_test_json(tmp_path, printers=lambda: [], cameras=lambda: [], qt_platform=lambda: ["xcb"])
    assert code == 0 and report["exit_code"] == 0
    assert statuses(report)["printers"] == "warning" and statuses(report)["cameras"] == "warning"
    assert statuses(report)["qt_platform"] == "ok"
    assert report["version"] and {"name", "title", "status", "detail"} <= set(report["checks"][0])
    assert set(statuses(report)) <= set(TITLES)


def test_unreachable_server_is_degraded(tmp_path: Path) -> None:
    code, report = self_test_json(tmp_path, "--backend-url", "http://127.0.0.1:9")
    assert code == 1 and report["exit_code"] == 1
    assert statuses(report)["server"] == "degraded" and statuses(report)["enrolment"] == "degraded"


def test_unwritable_data_directory_cannot_work(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("a file where the directory should be")
    code, report = self_test_json(tmp_path)
    assert code == 2 and statuses(report)["data_dir"] == "failed"


def test_qt_platform_that_does_not_load_cannot_work(tmp_path: Path) -> None:
    def missing_library() -> list[str]:
        raise RuntimeError("libxcb-cursor.so.0: cannot open shared object file")

    code, report = self_test_json(tmp_path, qt_platform=missing_library)
    assert code == 2 and statuses(report)["qt_platform"] == "failed"
    detail = next(c["detail"] for c in report["checks"] if c["name"] == "qt_platform")
    assert "libxcb-cursor" in detail and "не откроется" in detail


def test_broken_barcode_runtime_means_a_broken_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(devices, "_barcode_round_trip", lambda: "zbar missing")
    code, report = self_test_json(tmp_path)
    assert code == 2 and statuses(report)["barcodes"] == "failed"


def test_the_round_trip_reads_with_both_camera_engines_and_names_the_one_that_fails(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.decode import engines

    assert devices._barcode_round_trip() is None
    monkeypatch.setattr(engines, "zxing", lambda image, step: [])
    problem = devices._barcode_round_trip()
    assert problem is not None and problem.startswith("zxing-cpp: ") and "2000000000008" in problem


def test_unreadable_configuration_is_a_json_failure_too(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("idle_lock_minutes = 'x'\n")
    code, report = self_test_json(tmp_path, "--config", str(bad))
    assert code == 2 and report["exit_code"] == 2 and statuses(report) == {"config": "failed"}


def test_text_report_names_the_degraded_class(tmp_path: Path) -> None:
    report = run_self_test(AppConfig(data_dir=tmp_path / "d", log_dir=tmp_path / "l",
                                     backend_url="http://127.0.0.1:9"))
    assert report.result("server").status is Status.DEGRADED
    assert "[СБОЙ] Сервер" in report.render() and "(код выхода 1)" in report.render()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_self_test_never_migrates_or_writes_the_database(tmp_path: Path) -> None:
    """The updater runs a new version's self-test on the live database before switching to it."""
    data = tmp_path / "data"
    data.mkdir()
    cache = AppConfig(data_dir=data, log_dir=tmp_path / "logs").cache_path
    shutil.copyfile(FIXTURES / "cache-0005.sqlite3", cache)
    with sqlite3.connect(cache) as conn:  # a rollback-journal file: any read-write open in WAL mode rewrites it
        conn.execute("PRAGMA journal_mode=DELETE")
    before = digest(cache)
    code, report = self_test_json(tmp_path, printers=lambda: ["HP"], cameras=lambda: ["Cam"])
    assert statuses(report)["schema"] == "warning" and code == 1  # migrated by the next start; not enrolled yet
    assert "0005" in next(c["detail"] for c in report["checks"] if c["name"] == "schema")
    assert head_revision() != "0005"
    assert digest(cache) == before
    with sqlite3.connect(f"file:{cache}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0005",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert sorted(path.name for path in data.iterdir()) == [cache.name]  # no backup, no WAL, nothing new


def test_no_platform_plugin_at_all_cannot_work(tmp_path: Path) -> None:
    code, report = self_test_json(tmp_path, qt_platform=lambda: [])
    assert code == 2 and statuses(report)["qt_platform"] == "failed"
