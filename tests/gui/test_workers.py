"""The one worker mechanism: results on the GUI thread, environment errors vs bugs, progress; crash reporter."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from protocol.errors import DomainError
from ui import workers
from ui.crash import CrashReporter


def test_result_and_progress_arrive_on_the_gui_thread(qtbot):
    seen: dict[str, object] = {}
    gui = QThread.currentThread()

    def slow(progress):
        seen["worker_thread"] = threading.current_thread().name
        for i in range(3):
            progress(i + 1, 3, f"шаг {i + 1}")
        return 42

    steps: list[tuple[int, int, str]] = []
    done: list[object] = []
    workers.run_task(slow, lambda r: done.append((r, QThread.currentThread() is gui)),
                     on_progress=lambda *a: steps.append(a))
    qtbot.waitUntil(lambda: bool(done))
    assert done == [(42, True)]
    assert steps == [(1, 3, "шаг 1"), (2, 3, "шаг 2"), (3, 3, "шаг 3")]
    assert seen["worker_thread"] != threading.main_thread().name


def test_domain_error_is_an_environment_failure_with_russian_text(qtbot):
    failures: list[workers.Failure] = []

    def refuse():
        raise DomainError("auth.not_logged_in")

    workers.run_task(refuse, on_error=failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert not failures[0].is_bug
    assert "Войдите" in failures[0].message


def test_a_bug_goes_to_the_crash_reporter_with_the_log_path(qtbot, tmp_path, monkeypatch):
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    reporter = CrashReporter(str(tmp_path / "pickup-desk.log"), show_dialog=False)
    reporter.install()
    env_errors: list[workers.Failure] = []
    try:
        with qtbot.waitSignal(reporter.crashed, timeout=5000) as blocker:
            workers.run_task(lambda: {}["missing"], on_error=env_errors.append)
        assert "KeyError" in blocker.args[0]
        assert env_errors == []  # a bug is never shown as a plain environment message
    finally:
        workers.set_bug_handler(None)


def test_network_and_disk_errors_are_environment_errors():
    import requests

    assert workers.is_environment_error(requests.ConnectionError("down"))
    assert workers.is_environment_error(OSError(28, "No space left on device"))
    assert not workers.is_environment_error(KeyError("x"))
    assert "место" in workers.environment_message(OSError(28, "No space left on device"))
