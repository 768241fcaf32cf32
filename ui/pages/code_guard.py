"""The handover page's code-only lookup: when this PC reached its limit of wrong codes, a manager's badge and PIN.

The service refuses a code-only lookup while the PC waits for a manager (desktop.services.handover.code_guard);
the page then asks for the manager's badge and PIN in a dialog and, in one background call, signs the manager in
(the staff service checks the PIN and counts failures), records the authorisation and repeats the lookup.
A clerk's badge is refused by the service; the lookup stays refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from desktop.services.handover import HandoverLookup
from ui.pages.base import Page
from ui.workers import Failure

LOCKED = "handover.code_guesses_locked"


class ManagerDialog(QDialog):
    """Badge (scanned or typed) and PIN of a manager; Enter accepts, Esc cancels."""

    def __init__(self, parent: QWidget, reason: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Нужно разрешение менеджера"))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        form.addRow(self.reason)
        self.badge = QLineEdit()
        self.badge.setPlaceholderText(self.tr("пропуск менеджера"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Пропуск:"), self.badge)
        form.addRow(self.tr("PIN:"), self.pin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.badge.returnPressed.connect(self.pin.setFocus)
        self.badge.setFocus()


def ask_manager(parent: QWidget, reason: str) -> tuple[str, str] | None:
    """(badge, PIN) typed by a manager, or None; the scanner's wedge is paused so a badge scan fills the field."""
    wedge, app = _wedge_of(parent), QCoreApplication.instance()
    if wedge is not None and app is not None:
        wedge.uninstall(app)
    try:
        dialog = ManagerDialog(parent, reason)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return (dialog.badge.text().strip().upper(), dialog.pin.text()) if accepted else None
    finally:
        if wedge is not None and app is not None:
            wedge.install(app)


def _wedge_of(widget: QWidget) -> Any:
    hardware = getattr(widget.window(), "hardware", None)
    return getattr(hardware, "wedge", None) if hardware is not None else None


class CodeLookupGuard:
    """Runs the page's code-only lookups; a refusal for too many wrong codes turns into the manager's dialog."""

    def __init__(self, page: Page, found: Callable[[HandoverLookup], None],
                 failed: Callable[[Failure], None]) -> None:
        self.page, self._found, self._failed = page, found, failed

    def look_up(self, code: str) -> None:
        actor = self.page.require_actor()
        if actor is not None:
            service = self.page.ctx.services.handover
            self.page.run(lambda: service.start_with_code(actor, code), self._found,
                          lambda failure: self._on_refused(failure, code))

    def _on_refused(self, failure: Failure, code: str) -> None:
        self._failed(failure)  # the red banner says why
        if getattr(failure.error, "code", "") == LOCKED:
            QTimer.singleShot(0, lambda: self._ask_manager(failure.message, code))  # after this task is done

    def _ask_manager(self, reason: str, code: str) -> None:
        answer = ask_manager(self.page, reason)
        actor = self.page.actor
        if answer is None or actor is None:
            return
        badge, pin = answer
        staff, handover = self.page.ctx.services.staff, self.page.ctx.services.handover

        def authorised_lookup() -> HandoverLookup:
            handover.authorise_code_lookups(actor, staff.login_badge(badge, pin))
            return handover.start_with_code(actor, code)

        self.page.run(authorised_lookup, self._found, lambda failure: self._on_refused(failure, code))
