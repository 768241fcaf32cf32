"""The one worker mechanism: results on the GUI thread, environment errors vs bugs, progress; crash reporter."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from desktop.faults import StorageProblem, StorageUnavailable
from desktop.sync.client import BackendUnavailable
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
    workers.TaskRunner(workers.ignore_bug).run(slow, lambda r: done.append((r, QThread.currentThread() is gui)),
                     on_progress=lambda *a: steps.append(a))
    qtbot.waitUntil(lambda: bool(done))
    assert done == [(42, True)]
    assert steps == [(1, 3, "шаг 1"), (2, 3, "шаг 2"), (3, 3, "шаг 3")]
    assert seen["worker_thread"] != threading.main_thread().name


def test_domain_error_is_an_environment_failure_with_russian_text(qtbot):
    failures: list[workers.Failure] = []

    def refuse():
        raise DomainError("auth.not_logged_in")

    workers.TaskRunner(workers.ignore_bug).run(refuse, on_error=failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert not failures[0].is_bug
    assert "Войдите" in failures[0].message


def test_a_bug_goes_to_the_crash_reporter_with_the_log_path(qtbot, tmp_path, monkeypatch):
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    reporter = CrashReporter(str(tmp_path / "pickup-desk.log"), show_dialog=False)
    reporter.install()
    runner = workers.TaskRunner(reporter.report_failure)  # the crash reporter is the runner's bug handler
    env_errors: list[workers.Failure] = []
    with qtbot.waitSignal(reporter.crashed, timeout=5000) as blocker:
        runner.run(lambda: {}["missing"], on_error=env_errors.append)
    assert "KeyError" in blocker.args[0]
    assert env_errors == []  # a bug is never shown as a plain environment message


def test_each_runner_sends_bugs_to_its_own_handler_and_logs_them(qtbot, caplog):
    first: list[workers.Failure] = []
    second: list[workers.Failure] = []
    workers.TaskRunner(first.append).run(lambda: 1 / 0)
    qtbot.waitUntil(lambda: bool(first))
    assert second == [] and first[0].is_bug and isinstance(first[0].error, ZeroDivisionError)
    assert "ZeroDivisionError" in first[0].trace
    assert any("Bug in a background task" in r.getMessage() and "ZeroDivisionError" in r.getMessage()
               for r in caplog.records)


def test_the_application_gives_its_runner_the_crash_reporter(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from desktop.config import AppConfig
    from ui.app import Launcher

    reporter = CrashReporter(str(tmp_path / "pickup-desk.log"), show_dialog=False)
    launcher = Launcher(QApplication.instance(), AppConfig(data_dir=tmp_path / "data"), reporter)
    try:
        with qtbot.waitSignal(reporter.crashed, timeout=5000) as blocker:
            launcher.tasks.run(lambda: [][1])
        assert "IndexError" in blocker.args[0]
    finally:
        launcher.scanner.deleteLater()


def test_network_and_disk_errors_are_environment_errors():
    assert workers.is_environment_error(BackendUnavailable("Нет связи с сервером."))
    assert workers.is_environment_error(OSError(28, "No space left on device"))
    assert not workers.is_environment_error(KeyError("x"))
    assert "место" in workers.environment_message(OSError(28, "No space left on device"))
    assert "Нет связи" in workers.environment_message(BackendUnavailable("offline"))


def test_storage_faults_from_the_core_have_their_own_texts():
    busy = StorageUnavailable(StorageProblem.BUSY, "database is locked")
    full = StorageUnavailable(StorageProblem.DISK_FULL, "database or disk is full")
    read_only = StorageUnavailable(StorageProblem.READ_ONLY, "attempt to write a readonly database")
    assert all(workers.is_environment_error(fault) for fault in (busy, full, read_only))
    assert "занята" in workers.environment_message(busy)
    assert "место" in workers.environment_message(full)
    assert "права" in workers.environment_message(read_only)


def test_a_locked_database_in_a_service_call_reaches_the_clerk_as_plain_text(qtbot, tmp_path, monkeypatch):
    import sqlite3

    from sqlalchemy import text

    import desktop.db.engine as engine_module
    from desktop.db.engine import Database

    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    db = Database(tmp_path / "cache.sqlite3")
    holder = sqlite3.connect(tmp_path / "cache.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    failures: list[workers.Failure] = []

    def write():
        with db.write() as session:
            session.execute(text("SELECT 1"))

    try:
        workers.TaskRunner(workers.ignore_bug).run(write, on_error=failures.append)
        qtbot.waitUntil(lambda: bool(failures))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        db.dispose()
    assert not failures[0].is_bug and "занята" in failures[0].message


def test_a_late_result_of_a_closed_page_goes_nowhere(qtbot):
    """A page closed while its task runs (a test's teardown, a logout) never gets the late result: touching
    its deleted widgets would raise in the next moment of the event loop."""
    from PySide6.QtWidgets import QLabel

    owner = QLabel()
    release = threading.Event()
    seen: list[object] = []
    finished: list[bool] = []
    runner = workers.TaskRunner(workers.ignore_bug)
    runner.run(lambda: release.wait(5), lambda _r: seen.append(owner.text()), on_error=seen.append,
               on_finished=lambda: finished.append(True), owner=owner)
    owner.deleteLater()
    qtbot.wait(50)  # the deferred delete runs
    release.set()
    qtbot.waitUntil(lambda: not runner._live, timeout=5000)
    assert seen == [] and finished == []
