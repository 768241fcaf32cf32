"""A service call that prints on the cash register: a progress window while it runs, «Повторить» on a register error.

The call runs off the GUI thread through the page (the page counts as busy, scans wait). A register error (a
`FiscalError`: offline, out of paper, shift expired…) asks «Повторить» / «Отмена»; a retry is the same call
again — the receipt's idempotency key makes sure nothing is taken twice. Any other refusal is a red banner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ui.pages.base import Page
from ui.workers import Failure


def is_register_error(error: BaseException) -> bool:
    """A cash register's refusal (FiscalError carries `retryable`; its codes start with «fiscal.»)."""
    return hasattr(error, "retryable") or str(getattr(error, "code", "")).startswith("fiscal.")


def ask_register_retry(parent: QWidget | None, text: str) -> bool:
    """«Повторить» (True) or «Отмена» (False) after a register error."""
    title = QCoreApplication.translate("RegisterCall", "Касса не напечатала чек")
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    again = box.addButton(QCoreApplication.translate("RegisterCall", "Повторить"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("RegisterCall", "Отмена"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(again)
    box.exec()
    return box.clickedButton() is again


class RegisterCall:
    """One call through the register for `page`; `on_done` gets its result, a cancelled retry calls `on_cancel`."""

    def __init__(self, page: Page, call: Callable[[], Any], on_done: Callable[[Any], None],
                 on_cancel: Callable[[Failure], None] | None = None, text: str = "") -> None:
        self.page, self.call, self.on_done, self.on_cancel = page, call, on_done, on_cancel
        self.text = text or QCoreApplication.translate("RegisterCall", "Касса печатает чек… Не закрывайте программу.")
        self.progress: QProgressDialog | None = None
        self.attempts = 0

    def start(self) -> None:
        self.attempts += 1
        self.progress = QProgressDialog(self.text, "", 0, 0, self.page)
        self.progress.setWindowTitle(QCoreApplication.translate("RegisterCall", "Печать чека"))
        self.progress.setCancelButton(None)  # the register is asked once; what it did is known after
        self.progress.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.progress.setMinimumDuration(0)
        self.progress.show()
        self.page.run(self.call, self._on_done, self._on_failed)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_done(self, result: Any) -> None:
        self._close_progress()
        self.on_done(result)

    def _on_failed(self, failure: Failure) -> None:
        self._close_progress()
        if not is_register_error(failure.error):
            self.page.show_failure(failure)
            return
        self.page.feedback.show_error(QCoreApplication.translate("RegisterCall", "Касса: чек не напечатан"),
                                      failure.message)
        if ask_register_retry(self.page, failure.message):
            self.start()
        elif self.on_cancel is not None:
            self.on_cancel(failure)
