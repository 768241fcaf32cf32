"""Handover page: after wrong codes typed alone, the next code-only lookup asks for a manager's badge and PIN."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from desktop.db.models import AuditEntry
from tests.gui.test_handover_page import _idle, _page, _seed
from tests.support.factories import actor_for
from ui.manager_dialog import ManagerDialog
from ui.pages.terms import alert_kind


def answer_prompt(prompts: list[str], badge: str, pin: str) -> None:
    """When the manager's dialog opens: note its text, type the badge and the PIN, press OK."""

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ManagerDialog):
            QTimer.singleShot(20, fill)
            return
        prompts.append(dialog.reason.text())
        dialog.badge.setText(badge)
        dialog.pin.setText(pin)
        dialog.accept()

    QTimer.singleShot(0, fill)


def journal_count(db, action: str) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).where(AuditEntry.action == action)) or 0


def test_a_manager_pin_lets_the_next_code_through_a_clerk_pin_does_not(qtbot, shell):
    number, _ = _seed(shell.ctx.db, shell.point, prepaid=True)  # its code is 123456
    page = _page(qtbot, shell)
    feedback = shell.ctx.feedback
    for guess in ("111111", "222222", "333333"):
        _idle(qtbot, page, lambda g=guess: page._by_code(g))
        assert page.state is None
    idles: list[int] = []
    page.became_idle.connect(lambda: idles.append(1))
    prompts: list[str] = []

    answer_prompt(prompts, "ST000001", "1111")  # the clerk's own badge and PIN
    page._by_code("123456")
    qtbot.waitUntil(lambda: len(idles) == 2, timeout=10000)  # the refused lookup, then the dialog's call
    assert len(prompts) == 1 and "разрешения менеджера" in prompts[0]
    assert page.state is None and feedback.kind.value == "error" and "Недостаточно прав" in feedback.text

    answer_prompt(prompts, "st000002", "2222")  # the manager's
    page._by_code("123456")
    qtbot.waitUntil(lambda: len(idles) == 4, timeout=10000)
    assert len(prompts) == 2
    assert page.state is not None and page.state.order_number == number and page.state.verified_by == "code"

    _idle(qtbot, page, page._on_abort)
    _idle(qtbot, page, lambda: page._by_code("444444"))  # the next guess is allowed again: no prompt
    assert len(prompts) == 2 and page.state is None and "менеджера" not in feedback.text  # «not found» only
    db = shell.ctx.db
    assert journal_count(db, "handover.code_lookup_refused") == 2
    assert journal_count(db, "handover.code_lookup_not_authorised") == 1
    assert journal_count(db, "handover.code_lookup_authorised") == 1
    manager = actor_for(shell.manager)  # the manager's review lists the alert, named in words
    problems = shell.ctx.services.review.problems(manager)
    assert [alert_kind(p.what) for p in problems] == ["подбор кодов получения"]
