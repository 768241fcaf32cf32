"""The installer's path run for real: server process, `enrolment-code` CSV, `PickupDesk --enrol`, `--self-test --json`.

backend/README.md «Installing a counter PC» documents these steps; this runs them as an install script would
(separate processes, exit codes read, JSON parsed), then asks the update policy with the PC's own credential.
"""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
ADMIN = "installer-test-token"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "XDG_CONFIG_DIRS": str(tmp_path / "site")}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The server as installed: a process on its own SQLite database with the demo point, serving /updates/."""
    port, db = _free_port(), f"sqlite:///{tmp_path / 'server' / 'backend.sqlite3'}"
    (tmp_path / "repo" / "metadata").mkdir(parents=True)
    (tmp_path / "repo" / "metadata" / "root.json").write_text("{}")
    cmd = [sys.executable, "-m", "backend.server", "--db", db, "--port", str(port), "--seed-demo",
           "--admin-token", ADMIN, "--log-level", "warning", "--update-repo", str(tmp_path / "repo")]
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=_env(tmp_path))
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}/v1/health", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        yield url, db
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def run(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *argv], capture_output=True, text=True, timeout=180, cwd=tmp_path,
                          env=_env(tmp_path))


def test_bare_pc_to_working_counter(server: tuple[str, str], tmp_path: Path) -> None:
    url, db = server
    (tmp_path / "points.txt").write_text("0042\n")
    made = run(tmp_path, "-m", "backend.server", "enrolment-code", "--db", db, "--points-file", "points.txt",
               "--csv", "codes.csv")
    assert made.returncode == 0, made.stderr
    code = next(csv.DictReader((tmp_path / "codes.csv").open(encoding="utf-8")))["code"]
    pc = ["--data-dir", str(tmp_path / "pc" / "data"), "--log-dir", str(tmp_path / "pc" / "logs")]

    before = run(tmp_path, "-m", "ui", "--self-test", "--json", "--backend-url", url, *pc)
    assert before.returncode == 1, before.stdout + before.stderr  # not enrolled yet: degraded
    assert json.loads(before.stdout)["exit_code"] == 1

    enrolled = run(tmp_path, "-m", "ui", "--enrol", url, code, "--point", "0042", *pc)
    assert enrolled.returncode == 0, enrolled.stdout + enrolled.stderr
    assert "0042" in enrolled.stdout

    checked = run(tmp_path, "-m", "ui", "--self-test", "--json", *pc)
    report = json.loads(checked.stdout)
    statuses = {check["name"]: check["status"] for check in report["checks"]}
    assert checked.returncode == 0 == report["exit_code"], checked.stdout
    assert statuses["server"] == statuses["device_key"] == statuses["enrolment"] == statuses["qt_platform"] == "ok"
    assert statuses["cameras"] in ("ok", "warning")  # a PC without a camera can work

    token = json.loads((tmp_path / "pc" / "data" / "device.json").read_text(encoding="utf-8"))["token"]
    policy = requests.get(f"{url}/v1/update/policy", headers={"Authorization": f"Bearer {token}"}, timeout=5).json()
    assert policy == {"channel": "everyone", "target_version": None, "repository_url": f"{url}/updates/"}
    assert run(tmp_path, "-m", "backend.server", "rollout", "--db", db, "--channel", "everyone",
               "--version", "0.2.0").returncode == 0
    policy = requests.get(f"{url}/v1/update/policy", headers={"Authorization": f"Bearer {token}"}, timeout=5).json()
    assert policy["target_version"] == "0.2.0"
    assert requests.get(policy["repository_url"] + "metadata/root.json", timeout=5).json() == {}
