"""The system ends the app (SIGTERM, the end of the OS session): it quits cleanly, like a normal quit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from desktop import device_credentials
from desktop.device_credentials import DeviceCredentials
from tests.gui.test_app_startup import OFFLINE_SERVER, ROOT, clean_env

STARTED = "start-up done"
CLEAN = "shut down cleanly"


def wait_for_line(log: Path, text: str, process: subprocess.Popen[str], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and text in log.read_text(encoding="utf-8"):
            return
        if process.poll() is not None:
            pytest.fail(f"the app exited ({process.returncode}) before «{text}»: {process.stderr.read()[-2000:]}"
                        if process.stderr else "the app exited early")
        time.sleep(0.05)
    pytest.fail(f"no «{text}» in the log within {timeout} s")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_quits_the_real_app_cleanly(tmp_path: Path) -> None:
    data, logs = tmp_path / "data", tmp_path / "logs"
    device_credentials.save(data, DeviceCredentials(OFFLINE_SERVER, "dev-1", "token", "0042", "AAAA"))
    log = logs / "pickup-desk.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "ui", "--backend-url", OFFLINE_SERVER, "--data-dir", str(data), "--log-dir",
         str(logs), "-platform", "offscreen"], cwd=ROOT, env=clean_env(tmp_path), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        wait_for_line(log, STARTED, process)
        assert (data / "cache.sqlite3-wal").exists()  # the database is open in WAL mode
        sent = time.monotonic()
        os.kill(process.pid, signal.SIGTERM)
        code = process.wait(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert code == 0, process.stderr.read() if process.stderr else ""
    assert time.monotonic() - sent < 12  # the sync thread is stopped, not waited out
    text = log.read_text(encoding="utf-8")
    assert "SIGTERM received: quitting cleanly" in text
    assert f"{CLEAN} (SIGTERM): sync stopped, database closed" in text.splitlines()[-1]  # flushed, closed last
    assert not (data / "cache.sqlite3-wal").exists()  # the last connection closed: WAL checkpointed and removed


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_during_the_first_start_waits_for_it_and_closes_what_it_opened(tmp_path: Path) -> None:
    """The demo point is still being created (embedded default) when SIGTERM comes: nothing is left open."""
    data, logs = tmp_path / "data", tmp_path / "logs"
    process = subprocess.Popen(
        [sys.executable, "-m", "ui", "--data-dir", str(data), "--log-dir", str(logs), "-platform", "offscreen"],
        cwd=ROOT, env=clean_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (data / "cache.sqlite3").exists() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGTERM)
        code = process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    text = (logs / "pickup-desk.log").read_text(encoding="utf-8")
    assert code == 0, process.stderr.read() if process.stderr else ""
    assert STARTED not in text and f"{CLEAN} (SIGTERM): sync stopped, database closed" in text.splitlines()[-1]
    assert not (data / "cache.sqlite3-wal").exists()  # the start-up's database was closed too


def test_end_of_session_shuts_down_at_once_then_quits(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """commitDataRequest (Windows' WM_QUERYENDSESSION): the shutdown runs in the slot, the loop is asked to quit."""
    from PySide6.QtCore import SIGNAL
    from PySide6.QtWidgets import QApplication

    from ui.session_end import SessionEnd

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    done: list[str] = []
    quits: list[str] = []
    monkeypatch.setattr(app, "quit", lambda: quits.append("quit"))
    commit_data = SIGNAL("commitDataRequest(QSessionManager&)")
    before = app.receivers(commit_data)
    guard = SessionEnd(app, lambda reason: done.append(reason))
    try:
        assert app.receivers(commit_data) == before + 1  # the slot is connected to Qt's end-of-session signal
        guard.on_end_of_session(_FakeManager())  # type: ignore[arg-type]  # Qt makes a real one only in a session
        assert done == ["end of session"] and quits == ["quit"] and guard.reason == "end of session"
    finally:
        guard.uninstall()
        guard.deleteLater()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


class _FakeManager:
    """What the slot reads of a QSessionManager (Qt makes the real one only inside a session)."""

    def sessionId(self) -> str:  # Qt's name
        return "test-session"
