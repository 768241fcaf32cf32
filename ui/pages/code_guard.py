"""The handover page's code-only lookup: when this PC reached its limit of wrong codes, a manager's badge and PIN.

The service refuses a code-only lookup while the PC waits for a manager (desktop.services.handover.code_guard);
the page then asks for the manager's badge and PIN in a dialog and, in one background call, signs the manager in
(the staff service checks the PIN and counts failures), records the authorisation and repeats the lookup.
A clerk's badge is refused by the service; the lookup stays refused.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

from desktop.services.handover import HandoverLookup
from ui.manager_dialog import ManagerDialog, ask_manager
from ui.pages.base import Page
from ui.workers import Failure

LOCKED = "handover.code_guesses_locked"


def ask_manager_badge(parent: QWidget, reason: str) -> tuple[str, str] | None:
    """(badge, PIN) typed or scanned by a manager, or None."""
    answer = ask_manager(ManagerDialog(parent, reason, QCoreApplication.translate("ManagerDialog",
                                                                                   "Нужно разрешение менеджера")))
    return answer[:2] if answer is not None else None


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
        answer = ask_manager_badge(self.page, reason)
        actor = self.page.actor
        if answer is None or actor is None:
            return
        badge, pin = answer
        staff, handover = self.page.ctx.services.staff, self.page.ctx.services.handover

        def authorised_lookup() -> HandoverLookup:
            handover.authorise_code_lookups(actor, staff.login_badge(badge, pin))
            return handover.start_with_code(actor, code)

        self.page.run(authorised_lookup, self._found, lambda failure: self._on_refused(failure, code))
