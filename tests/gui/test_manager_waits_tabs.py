"""The console's «Ожидают» and «Исключения» tabs (issue 11 items 2, 3): rows shown, order cards, actions on rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import func, select, update

from desktop.db.models import AuditEntry, Order, OutboxEvent, ReturnSession, SmsMessage
from desktop.services.base import Service
from protocol.events import OrderLocked
from tests.gui.fixtures import log_in
from tests.support.factories import actor_for, make_order
from ui.pages.manager.exceptions_tab import LOCKED, PROBLEMS, SESSIONS, SMS, ExceptionsTab
from ui.pages.manager.waiting_tab import WaitingTab


def _ready(s, point, number, until=timedelta(days=3)):
    now = datetime.now(UTC)
    order = make_order(s, point, status="ready", number=number)
    order.ready_at, order.storage_until = now - timedelta(days=1), now + until
    for box in order.boxes:
        box.status = "placed"
    return order


@pytest.fixture
def point(shell):
    """A locked order, an order whose «ready» SMS failed, an unplaced box, a refused event, yesterday's return."""
    now = datetime.now(UTC)
    with shell.ctx.db.write() as s:
        locked = _ready(s, shell.point, "500000101")
        locked.locked_at, locked.code_failed_attempts = now - timedelta(minutes=20), 5
        failed = _ready(s, shell.point, "500000109", until=timedelta(hours=1))
        s.add(SmsMessage(uid="sms-failed", order_id=failed.id, purpose="ready", attempt=1, status="failed",
                         requested_at=now - timedelta(hours=1), updated_at=now - timedelta(hours=1), timeline=[]))
        waiting = make_order(s, shell.point, status="partially_arrived", number="500000103")
        waiting.boxes[0].status, waiting.boxes[0].received_at = "received", now - timedelta(days=2)
        s.add(ReturnSession(uid="return-yesterday", point_id=shell.point.id, opened_by=shell.clerk.id,
                            opened_at=now - timedelta(days=1)))
    with Service(shell.ctx.db).action(actor_for(shell.clerk)) as act:
        event_id = act.emit(OrderLocked(order="500000101", failed_attempts=5))
    with shell.ctx.db.write() as s:
        s.execute(update(OutboxEvent).where(OutboxEvent.event_id == event_id)
                  .values(status="rejected", reason="unknown_order:500000101"))
    return {"locked": "500000101", "failed": "500000109", "unplaced": "500000103", "event": event_id}


def _console(qtbot, shell, tab_class):
    log_in(qtbot, shell, login="manager", password="secret-2222")
    page = shell.window.page_named("ManagerPage")
    shell.window.show_page(page)
    tab = page.show_tab(tab_class)
    qtbot.waitUntil(lambda: not page.busy and bool(tab.shown_reports), timeout=5000)
    return page, tab


def _keys(view):
    return [view.row_at(i).key for i in range(view.model().rowCount())]


def _wait_idle(qtbot, page):
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)


def test_waiting_tab_shows_its_reports_and_an_order_row_opens_the_order_card(qtbot, shell, point):
    _page, tab = _console(qtbot, shell, WaitingTab)
    unplaced, uncollected = tab.sections.views[0], tab.sections.views[1]
    assert _keys(unplaced) == [point["unplaced"]]
    assert _keys(uncollected) == [point["failed"], point["locked"]]  # the service's order (fewest days left first)
    assert _keys(tab.sections.views[4]) == ["return-yesterday"]
    assert tab.sections.tabText(0).endswith(": 1") and len(tab.shown_reports) == 5
    assert "2 д" in unplaced.model().index(0, 5).data()
    tab.sections.setCurrentIndex(1)
    row = _keys(uncollected).index(point["failed"])
    uncollected.setCurrentIndex(uncollected.model().index(row, 0))
    uncollected.setFocus()
    qtbot.keyClick(uncollected, Qt.Key.Key_Return)  # Enter on a row opens what it is about
    qtbot.waitUntil(lambda: tab.card is not None and tab.card.page.detail is not None, timeout=5000)
    assert tab.card.isVisible() and tab.card.page.detail.number == point["failed"]
    assert tab.card.page.results.rowCount() == 1  # found as if typed: its row in the card's list
    assert point["failed"] in tab.card.page.header.text()


def test_exceptions_tab_unlocks_a_locked_order_with_a_journal_entry(qtbot, shell, point):
    page, tab = _console(qtbot, shell, ExceptionsTab)
    view = tab.sections.views[LOCKED]
    assert _keys(view) == [point["locked"]]
    assert _keys(tab.sections.views[SESSIONS]) == ["return-yesterday"]
    assert tab.unlock_button.isVisible() and not tab.resend_button.isVisible()
    view.selectRow(0)
    tab.unlock_button.click()
    qtbot.waitUntil(lambda: view.model().rowCount() == 0, timeout=5000)
    _wait_idle(qtbot, page)
    assert shell.ctx.feedback.kind.value == "ok" and point["locked"] in shell.ctx.feedback.title
    with shell.ctx.db.read() as s:
        assert s.scalar(select(Order.locked_at).where(Order.number == point["locked"])) is None
        entry = s.scalars(select(AuditEntry).where(AuditEntry.subject == point["locked"],
                                                   AuditEntry.action == "order.unlocked")).one()
        assert entry.staff_id == shell.manager.id


def _resend(qtbot, page, tab):
    tab.sections.setCurrentIndex(SMS)
    tab.sections.views[SMS].selectRow(0)
    tab.resend_button.click()
    _wait_idle(qtbot, page)


def test_exceptions_tab_resends_an_sms_and_refuses_a_second_within_ten_minutes(qtbot, shell, point):
    page, tab = _console(qtbot, shell, ExceptionsTab)
    assert _keys(tab.sections.views[SMS]) == [point["failed"]]
    _resend(qtbot, page, tab)
    qtbot.waitUntil(lambda: tab.sections.views[SMS].model().rowCount() == 0, timeout=5000)  # on its way now
    assert shell.ctx.feedback.kind.value == "ok"
    with shell.ctx.db.write() as s:
        assert s.scalar(select(func.count()).select_from(OutboxEvent).where(OutboxEvent.type == "sms.requested")) == 1
        s.execute(update(SmsMessage).where(SmsMessage.attempt == 2).values(status="failed"))  # failed again at once
    page.reload()
    qtbot.waitUntil(lambda: tab.sections.views[SMS].model().rowCount() == 1, timeout=5000)
    _resend(qtbot, page, tab)
    qtbot.waitUntil(lambda: shell.ctx.feedback.kind.value == "error", timeout=5000)
    assert "уже отправлялось недавно" in shell.ctx.feedback.text and "Повторить можно после" in shell.ctx.feedback.text
    with shell.ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(SmsMessage)) == 2


def test_exceptions_tab_explains_a_refused_event_and_marks_it_reviewed(qtbot, shell, point):
    _page, tab = _console(qtbot, shell, ExceptionsTab)
    tab.sections.setCurrentIndex(PROBLEMS)
    view = tab.sections.views[PROBLEMS]
    assert _keys(view) == [point["locked"]]
    assert "неизвестен серверу" in view.model().index(0, 4).data()
    assert "сообщите в центр" in view.model().index(0, 5).data()
    assert tab.reviewed_button.isVisible()
    view.selectRow(0)
    assert "неизвестен серверу" in tab.advice.text() and "Что делать: Сверьте номер" in tab.advice.text()
    tab.reviewed_button.click()
    qtbot.waitUntil(lambda: view.model().rowCount() == 0, timeout=5000)
    with shell.ctx.db.read() as s:
        assert s.scalar(select(OutboxEvent.reviewed_at).where(OutboxEvent.event_id == point["event"])) is not None
        assert s.scalar(select(AuditEntry.staff_id).where(AuditEntry.action == "review.closed")) == shell.manager.id


def test_an_action_without_a_selected_row_says_which_section_to_pick_from(qtbot, shell, point):
    _page, tab = _console(qtbot, shell, ExceptionsTab)
    tab.sections.setCurrentIndex(SMS)
    tab.resend_button.click()
    assert shell.ctx.feedback.kind.value == "warning" and "SMS не доставлены" in shell.ctx.feedback.text


def test_the_sessions_section_is_named_for_what_it_lists(qtbot, shell, point):
    """It lists sessions left open (an earlier day, or the opener's shift closed), not every open one: a return
    session opened today by a clerk on shift is not counted, so «Открытые сессии: 0» read wrong."""
    _page, tab = _console(qtbot, shell, ExceptionsTab)
    assert tab.sections.tabText(SESSIONS).startswith("Забытые сессии")


def test_exceptions_tab_opens_the_locked_orders_card_with_its_own_unlock_button(qtbot, shell, point):
    _page, tab = _console(qtbot, shell, ExceptionsTab)
    tab.sections.views[LOCKED].selectRow(0)
    open_card = next(b for b in tab.findChildren(QPushButton) if b.text() == "Открыть карточку заказа")
    open_card.click()
    qtbot.waitUntil(lambda: tab.card is not None and tab.card.page.detail is not None, timeout=5000)
    assert tab.card.page.detail.number == point["locked"] and "Заблокирован" in tab.card.page.header.text()
    assert tab.card.page.unlock_button.isVisible()  # the Orders page's own card, manager's unlock included
