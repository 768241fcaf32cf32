"""Bugs (not the environment's fault): log the traceback, show a dialog with the log path, keep the data."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.workers import Failure

log = logging.getLogger("pickup_desk.crash")


class CrashReporter(QObject):
    """Installs sys.excepthook / threading.excepthook; the bug handler of the app's TaskRunner; one dialog at a time."""

    crashed = Signal(str)
    _requested = Signal(str)

    def __init__(self, log_file: str, show_dialog: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.show_dialog = show_dialog
        self.reports: list[str] = []
        self._showing = False
        self._requested.connect(self._on_requested)

    def install(self) -> None:
        sys.excepthook = self._on_exception
        threading.excepthook = self._on_thread_exception

    def report_failure(self, failure: Failure) -> None:
        """A bug from a background task (already logged by the runner): show the crash dialog."""
        self.report(repr(failure.error))

    def _on_exception(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, error, tb))
        log.error("Unhandled exception (a bug):\n%s", text)
        self.report(repr(error))

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        self._on_exception(args.exc_type, args.exc_value or Exception(), args.exc_traceback)

    def report(self, summary: str) -> None:
        """Thread-safe: the dialog is shown on the GUI thread."""
        self._requested.emit(summary)

    @Slot(str)
    def _on_requested(self, summary: str) -> None:
        self.reports.append(summary)
        self.crashed.emit(summary)
        if not self.show_dialog or self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            QMessageBox.critical(None, QCoreApplication.translate("Crash", "Ошибка программы"), crash_text(
                summary, self.log_file))
        finally:
            self._showing = False


def crash_text(summary: str, log_file: str) -> str:
    return QCoreApplication.translate(
        "Crash",
        "В программе произошла ошибка. Все сохранённые данные на месте: каждое завершённое действие "
        "записано в базу.\n\nСообщите в поддержку и приложите файл журнала:\n{0}\n\nТехнически: {1}",
    ).format(log_file, summary[:300])
