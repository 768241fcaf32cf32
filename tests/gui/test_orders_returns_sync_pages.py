"""Orders, Returns and Sync pages: main flow and main error of each."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from desktop.db.models import ManagerAlert, Order
from tests.gui.fixtures import log_in
from tests.gui.typing import scan_keys
from tests.support.factories import box_barcode, make_order


def _scan(qtbot, shell, page, code):
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        scan_keys(shell.window, code)


def _show(qtbot, shell, name):
    page = shell.window.page_named(name)
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)  # pages that load on show finish loading
    return page


def test_orders_page_finds_an_order_by_box_scan_and_shows_its_card(qtbot, shell):
    with shell.ctx.db.write() as s:
        order = make_order(s, shell.point, status="ready", boxes=2, code="123456")
    log_in(qtbot, shell)
    page = _show(qtbot, shell, "OrdersPage")
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        scan_keys(shell.window, box_barcode(shell.point.code, order.number, 2))
    qtbot.waitUntil(lambda: page.detail is not None, timeout=5000)
    assert order.number in page.header.text()
    assert page.boxes.rowCount() == 2
    assert page.lines.rowCount() == 1


def test_orders_page_resend_is_rate_limited_with_a_clear_message(qtbot, shell):
    with shell.ctx.db.write() as s:
        order = make_order(s, shell.point, status="ready")
    log_in(qtbot, shell)
    page = _show(qtbot, shell, "OrdersPage")
    _scan(qtbot, shell, page, order.number)
    qtbot.waitUntil(lambda: page.detail is not None, timeout=5000)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_resend()
    assert shell.ctx.feedback.kind.value == "ok"
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_resend()
    assert shell.ctx.feedback.kind.value == "error"


def test_orders_page_unknown_order_is_a_warning(qtbot, shell):
    log_in(qtbot, shell)
    page = _show(qtbot, shell, "OrdersPage")
    page.query.setText("999999999")
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_search()
    assert shell.ctx.feedback.kind.value in ("warning", "error")
    assert page.results.rowCount() == 0


def _expired_order(db, point):
    with db.write() as s:
        order = make_order(s, point, status="ready", boxes=1)
        order.storage_until = order.ready_at - timedelta(days=1)
    return order


def test_returns_page_session_scans_an_expired_order_out(qtbot, shell):
    order = _expired_order(shell.ctx.db, shell.point)
    log_in(qtbot, shell)
    page = _show(qtbot, shell, "ReturnsPage")
    qtbot.waitUntil(lambda: page.to_return.rowCount() == 1, timeout=5000)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_open_session()
    _scan(qtbot, shell, page, box_barcode(shell.point.code, order.number, 1))
    assert shell.ctx.feedback.kind.value == "ok"
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_close_session()
    assert page.session_uid is None
    with shell.ctx.db.read() as s:
        assert s.scalar(select(Order.status).where(Order.number == order.number)) == "returned"


def test_returns_page_scan_without_session_is_refused(qtbot, shell):
    order = _expired_order(shell.ctx.db, shell.point)
    log_in(qtbot, shell)
    page = _show(qtbot, shell, "ReturnsPage")
    scan_keys(shell.window, box_barcode(shell.point.code, order.number, 1))
    qtbot.waitUntil(lambda: shell.ctx.feedback.kind.value == "warning", timeout=5000)
    assert page.session_uid is None


def test_sync_page_is_for_managers_and_closes_alerts(qtbot, shell):
    log_in(qtbot, shell)
    assert "SyncPage" not in [type(p).__name__ for p in shell.window.visible_pages()]
    with shell.ctx.db.write() as s:
        order = make_order(s, shell.point, status="ready")
        s.add(ManagerAlert(kind="order_locked", order_id=order.id, message="5 неверных кодов",
                           created_at=order.ready_at))
    shell.ctx.session.log_out()
    log_in(qtbot, shell, login="manager", password="secret-2222")
    assert "SyncPage" in [type(p).__name__ for p in shell.window.visible_pages()]
    page = _show(qtbot, shell, "SyncPage")
    qtbot.waitUntil(lambda: page.problems.rowCount() == 1, timeout=5000)
    page.problems_view.selectRow(0)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_reviewed()
    qtbot.waitUntil(lambda: page.problems.rowCount() == 0, timeout=5000)
