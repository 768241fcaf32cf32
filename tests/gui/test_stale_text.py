"""Issue 17 item 6: nothing of the previous truck, order or clerk stays on Приёмка and Выдача once the next starts.

Every visible text of the page (labels, fields, table cells, counters) and the banner is collected and searched
for what only the previous truck / order had: its waybill, order number, boxes, customer, goods, amounts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QMessageBox, QWidget

from desktop.services.money import TenderInput
from tests.gui.fixtures import log_in
from tests.gui.typing import focus_target, scan_keys
from tests.support.factories import box_barcode, make_customer, make_order, make_shipment


def visible_texts(page: QWidget, shell) -> str:
    """All text the clerk can see on `page` and in the banner, one string."""
    parts = [shell.ctx.feedback.title, shell.ctx.feedback.text]
    parts += [w.text() for w in page.findChildren(QLabel) if w.isVisible()]
    parts += [w.text() for w in page.findChildren(QLineEdit) if w.isVisible()]
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if view.isVisible() and model is not None:
            cells = ((r, c) for r in range(model.rowCount()) for c in range(model.columnCount()))
            parts += [str(model.index(r, c).data()) for r, c in cells]
    return "\n".join(parts)


def _settle(qtbot, page, action) -> None:
    with qtbot.waitSignal(page.became_idle, timeout=10000):
        action()


# --- Приёмка: truck 1, then truck 2 -------------------------------------------------------------------------


def _trucks(db, point):
    with db.write() as s:
        first, second = make_shipment(s, point, number="R2611240001"), make_shipment(s, point, number="R2611240002")
        one = make_order(s, point, boxes=2, shipment=first).number
        two = make_order(s, point, boxes=3, shipment=second).number
    return one, [box_barcode(point.code, one, i) for i in (1, 2)], two


def _truck_one(qtbot, shell, close: bool, monkeypatch):
    one, boxes, two = _trucks(shell.ctx.db, shell.point)
    log_in(qtbot, shell)
    page = shell.window.page_named("ReceivingPage")
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    for code in ("R2611240001", boxes[0], boxes[0], boxes[1]):  # the waybill, a box, a repeat, the last box
        _settle(qtbot, page, lambda c=code: scan_keys(shell.window, c))
    assert one in page.progress_label.text() and page.scans.rowCount() == 3
    if close:
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        _settle(qtbot, page, lambda: QTest.keyClick(focus_target(shell.window), Qt.Key.Key_F9))
    return page, one, boxes, two


def _assert_only_truck_two(page, shell, one, boxes) -> None:
    seen = visible_texts(page, shell)
    for stale in ("R2611240001", one, *boxes):
        assert stale not in seen
    assert page.shipment == "R2611240002" and "R2611240002" in page.shipment_label.text()
    assert page.scans.rowCount() == 0 and page.progress_label.text() == ""
    tiles = {name: tile.text() for name, tile in page.tiles.items()}
    assert tiles == {"expected": "3", "received": "0", "missing": "3", "surplus": "0", "foreign": "0",
                     "other_shipment": "0", "earlier": "0"}


def test_finish_truck_one_then_open_truck_two_shows_nothing_of_truck_one(qtbot, shell, monkeypatch):
    page, one, boxes, _ = _truck_one(qtbot, shell, True, monkeypatch)
    _settle(qtbot, page, lambda: scan_keys(shell.window, "R2611240002"))
    _assert_only_truck_two(page, shell, one, boxes)


def test_truck_two_scanned_while_truck_one_is_open_shows_nothing_of_truck_one(qtbot, shell, monkeypatch):
    page, one, boxes, _ = _truck_one(qtbot, shell, False, monkeypatch)
    _settle(qtbot, page, lambda: scan_keys(shell.window, "R2611240002"))
    _assert_only_truck_two(page, shell, one, boxes)


def test_closing_a_truck_keeps_its_record_but_clears_the_last_scan_line(qtbot, shell, monkeypatch):
    page, one, boxes, _ = _truck_one(qtbot, shell, True, monkeypatch)
    assert page.session_uid is None and "закрыта" in page.shipment_label.text()
    assert page.progress_label.text() == ""  # «Заказ …: коробка 2 из 2» of the last scan is gone
    labels = "\n".join(w.text() for w in page.findChildren(QLabel) if w.isVisible())
    assert one not in labels and not [box for box in boxes if box in labels]
    assert page.tiles["received"].text() == "2" and page.scans.rowCount() == 3  # what was just closed
    _settle(qtbot, page, lambda: scan_keys(shell.window, "R2611240002"))
    _assert_only_truck_two(page, shell, one, boxes)


def test_receiving_without_a_waybill_after_a_truck_starts_blank(qtbot, shell, monkeypatch):
    page, one, boxes, _ = _truck_one(qtbot, shell, True, monkeypatch)
    _settle(qtbot, page, lambda: QTest.keyClick(focus_target(shell.window), Qt.Key.Key_F3))
    seen = visible_texts(page, shell)
    assert not [stale for stale in ("R2611240001", one, *boxes) if stale in seen]
    assert page.tiles["received"].text() == "0" and page.tiles["expected"].text() == "—"


# --- Выдача: order A, then order B ---------------------------------------------------------------------------

A_CUSTOMER, B_CUSTOMER = "Петров Пётр Петрович", "Сидорова Анна Ивановна"
A_GOODS, B_GOODS = "Ноутбук ZenBook 14", "Наушники Buds 2"


def _orders(db, point):
    """Order A (and A2, the same customer's, so that a phone look-up finds two), order B of another customer."""
    with db.write() as s:
        petrov = make_customer(s, A_CUSTOMER, phone="+79161234567")
        a = make_order(s, point, petrov, status="ready", code="111111", prepaid=False,
                       lines=[(A_GOODS, 1, 8_999_000), ("Мышь", 1, 99_000)]).number
        a2 = make_order(s, point, petrov, status="ready", code="333333").number
        b = make_order(s, point, make_customer(s, B_CUSTOMER), status="ready", code="222222",
                       lines=[(B_GOODS, 1, 1_299_000)]).number
    return a, a2, b


def _handover_page(qtbot, shell):
    log_in(qtbot, shell)
    page = shell.window.page_named("HandoverPage")
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    return page


def _a_midway(qtbot, shell, page, a):
    """Order A found by phone + surname (two orders: chosen by number), verified, a box in, a line refused."""
    page.last4.setText("4567")
    page.name.setText("Петров")
    _settle(qtbot, page, page._on_find)
    assert shell.ctx.feedback.kind.value == "warning"  # two orders of Петров: scan the one
    _settle(qtbot, page, lambda: scan_keys(shell.window, a))
    _settle(qtbot, page, lambda: scan_keys(shell.window, "111111"))
    _settle(qtbot, page, lambda: scan_keys(shell.window, page.state.boxes[0].barcode))
    _settle(qtbot, page, lambda: page.refuse(page.state.lines[1].id, 1, "changed_mind"))
    assert A_CUSTOMER in visible_texts(page, shell) and page.state.order_number == a


def _assert_only_b(page, shell, a, b) -> None:
    seen = visible_texts(page, shell)
    for stale in (a, A_CUSTOMER, A_GOODS, "Мышь", "89 990", "4567", "Петров", "Передумал"):
        assert stale not in seen, stale
    assert page.state is not None and page.state.order_number == b and B_CUSTOMER in seen


def _find_b_by_code(qtbot, shell, page) -> None:
    """The next customer says their SMS code: typed into the search field, Enter."""
    page.query.setFocus()
    page.query.setText("222222")
    _settle(qtbot, page, lambda: QTest.keyClick(page.query, Qt.Key.Key_Return))


def test_hand_over_a_then_look_up_b_shows_nothing_of_a(qtbot, shell, monkeypatch):
    a, _, b = _orders(shell.ctx.db, shell.point)
    page = _handover_page(qtbot, shell)
    _a_midway(qtbot, shell, page, a)
    _settle(qtbot, page, lambda: page.pay([TenderInput("cash", page.state.due_kopecks, tendered_kopecks=9_000_000)]))
    _settle(qtbot, page, page._on_complete)
    assert page.state is None
    _find_b_by_code(qtbot, shell, page)
    _assert_only_b(page, shell, a, b)


def test_cancel_a_midway_then_look_up_b_shows_nothing_of_a(qtbot, shell):
    a, _, b = _orders(shell.ctx.db, shell.point)
    page = _handover_page(qtbot, shell)
    _a_midway(qtbot, shell, page, a)
    _settle(qtbot, page, lambda: QTest.keyClick(focus_target(shell.window), Qt.Key.Key_F12))
    _find_b_by_code(qtbot, shell, page)
    _assert_only_b(page, shell, a, b)


def test_b_scanned_while_a_is_open_shows_nothing_of_a(qtbot, shell):
    a, _, b = _orders(shell.ctx.db, shell.point)
    page = _handover_page(qtbot, shell)
    _a_midway(qtbot, shell, page, a)
    _settle(qtbot, page, lambda: scan_keys(shell.window, b))
    _assert_only_b(page, shell, a, b)


def _lock_and_log_in(qtbot, shell, login, password):
    shell.window._on_idle_timed_out()
    assert shell.ctx.session.actor is None
    log_in(qtbot, shell, login, password)


def test_after_the_idle_lock_another_clerk_does_not_get_the_previous_clerks_order(qtbot, shell):
    a, _, _ = _orders(shell.ctx.db, shell.point)
    page = _handover_page(qtbot, shell)
    _a_midway(qtbot, shell, page, a)
    _lock_and_log_in(qtbot, shell, "manager", "secret-2222")
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    seen = visible_texts(page, shell)
    assert page.state is None
    for stale in (a, A_CUSTOMER, A_GOODS, "4567", "Петров"):
        assert stale not in seen, stale


def test_after_the_idle_lock_the_same_clerk_gets_their_order_back(qtbot, shell):
    a, _, _ = _orders(shell.ctx.db, shell.point)
    page = _handover_page(qtbot, shell)
    _a_midway(qtbot, shell, page, a)
    _lock_and_log_in(qtbot, shell, "kassir", "secret-1111")
    qtbot.waitUntil(lambda: page.state is not None and not page.busy, timeout=5000)
    assert page.state.order_number == a and A_CUSTOMER in page.panel.customer.text()


def test_after_the_idle_lock_receiving_shows_each_clerk_only_what_is_theirs(qtbot, shell, monkeypatch):
    page, one, boxes, _ = _truck_one(qtbot, shell, False, monkeypatch)
    uid = page.session_uid
    _lock_and_log_in(qtbot, shell, "manager", "secret-2222")
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    seen = visible_texts(page, shell)
    assert page.session_uid is None and page.scans.rowCount() == 0
    assert not [stale for stale in ("R2611240001", one, *boxes) if stale in seen]  # the colleague's truck
    _lock_and_log_in(qtbot, shell, "kassir", "secret-1111")
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: page.session_uid == uid and not page.busy, timeout=5000)
    assert {page.scans.row(i)[1] for i in range(page.scans.rowCount())} == set(boxes)
    assert "R2611240001" in page.shipment_label.text()
