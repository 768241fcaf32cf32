"""Receiving page: open a shipment, scan boxes (counters update), repeat warning, undo, close summary."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tests.gui.fixtures import log_in
from tests.gui.typing import scan_keys
from tests.support.factories import box_barcode, make_order, make_shipment


def _seed_shipment(db, point, orders=2, boxes=2):
    with db.write() as s:
        shipment = make_shipment(s, point, number="R2611240001")
        numbers = [make_order(s, point, boxes=boxes, shipment=shipment).number for _ in range(orders)]
    return [box_barcode(point.code, n, i) for n in numbers for i in range(1, boxes + 1)]


def _open_receiving(qtbot, shell):
    page = shell.window.page_named("ReceivingPage")
    shell.window.show_page(page)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page.open_session("R2611240001")
    return page


def test_scanning_boxes_updates_the_live_counters(qtbot, shell):
    boxes = _seed_shipment(shell.ctx.db, shell.point)
    log_in(qtbot, shell)
    page = _open_receiving(qtbot, shell)
    assert page.tiles["expected"].text() == "4"
    for barcode in boxes[:3]:
        with qtbot.waitSignal(page.became_idle, timeout=5000):
            scan_keys(shell.window, barcode)
    assert page.tiles["received"].text() == "3"
    assert page.tiles["missing"].text() == "1"
    assert shell.ctx.feedback.kind.value == "ok"
    assert page.scans.rowCount() == 3
    assert "из 2" in page.scans.row(0)[3]


def test_repeat_scan_is_an_amber_warning_and_undo_takes_the_box_back(qtbot, shell):
    boxes = _seed_shipment(shell.ctx.db, shell.point, orders=1, boxes=2)
    log_in(qtbot, shell)
    page = _open_receiving(qtbot, shell)
    for barcode in (boxes[0], boxes[0]):
        with qtbot.waitSignal(page.became_idle, timeout=5000):
            scan_keys(shell.window, barcode)
    assert shell.ctx.feedback.kind.value == "warning"
    assert "Повтор" in shell.ctx.feedback.title
    assert page.tiles["received"].text() == "1"
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_undo()
    assert page.tiles["received"].text() == "0"
    assert page.tiles["missing"].text() == "2"


def test_box_scan_without_an_open_session_is_refused(qtbot, shell):
    boxes = _seed_shipment(shell.ctx.db, shell.point, orders=1, boxes=1)
    log_in(qtbot, shell)
    shell.window.show_page(shell.window.page_named("ReceivingPage"))
    with qtbot.waitSignal(shell.ctx.feedback.shown) as blocker:
        scan_keys(shell.window, boxes[0])
    assert blocker.args[0] == "error"
    assert "F2" in blocker.args[1]


def test_close_shows_the_discrepancy_summary(qtbot, shell, monkeypatch):
    boxes = _seed_shipment(shell.ctx.db, shell.point, orders=1, boxes=2)
    log_in(qtbot, shell)
    page = _open_receiving(qtbot, shell)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        scan_keys(shell.window, boxes[0])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_close()
    assert page.session_uid is None
    assert shell.ctx.feedback.kind.value == "warning"
    assert "не хватает: 1" in shell.ctx.feedback.text
    assert boxes[1] in shell.ctx.feedback.text


def test_damage_flag_on_the_last_received_box(qtbot, shell, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    boxes = _seed_shipment(shell.ctx.db, shell.point, orders=1, boxes=1)
    log_in(qtbot, shell)
    page = _open_receiving(qtbot, shell)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        scan_keys(shell.window, boxes[0])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("вмятина, порван скотч", True))
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_damage()
    assert "Повреждение отмечено" in shell.ctx.feedback.title
    from sqlalchemy import select

    from desktop.db.models import Box

    with shell.ctx.db.read() as s:
        assert s.scalar(select(Box.damage_note).where(Box.barcode == boxes[0])) == "вмятина, порван скотч"


def _restart(qtbot, shell, db_path):
    """The app stops mid-receiving and starts again over the same database file: a new context, a new page."""
    from desktop.db.engine import Database
    from tests.gui.fixtures import build_shell

    shell.close()
    shell.window.close()
    again = build_shell(qtbot, Database(db_path), seeded=(shell.point, shell.clerk, shell.manager))
    log_in(qtbot, again)
    page = again.window.page_named("ReceivingPage")
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        again.window.show_page(page)
    return again, page


def test_after_a_restart_the_open_session_comes_back_with_its_scans(qtbot, shell, tmp_path):
    boxes = _seed_shipment(shell.ctx.db, shell.point)
    log_in(qtbot, shell)
    page = _open_receiving(qtbot, shell)
    for barcode in boxes[:2]:
        with qtbot.waitSignal(page.became_idle, timeout=5000):
            scan_keys(shell.window, barcode)
    uid = page.session_uid
    again, page = _restart(qtbot, shell, tmp_path / "cache.sqlite3")
    try:
        assert page.session_uid == uid and page.shipment == "R2611240001"
        assert page.tiles["received"].text() == "2" and page.tiles["missing"].text() == "2"
        assert [page.scans.row(i)[1] for i in range(page.scans.rowCount())] == [boxes[1], boxes[0]]
        assert "продолжена" in again.ctx.feedback.title
        with qtbot.waitSignal(page.became_idle, timeout=5000):
            scan_keys(again.window, boxes[2])
        assert page.tiles["received"].text() == "3" and page.scans.rowCount() == 3
    finally:
        again.close()
        again.ctx.db.dispose()


def test_f3_after_a_restart_takes_up_the_open_session_without_a_waybill(qtbot, shell, tmp_path):
    boxes = _seed_shipment(shell.ctx.db, shell.point, orders=1, boxes=1)
    log_in(qtbot, shell)
    page = shell.window.page_named("ReceivingPage")
    shell.window.show_page(page)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page.open_session(None)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        scan_keys(shell.window, boxes[0])
    uid = page.session_uid
    again, page = _restart(qtbot, shell, tmp_path / "cache.sqlite3")
    try:
        page.session_uid = None  # even when the page did not take it up by itself, F3 does
        with qtbot.waitSignal(page.became_idle, timeout=5000):
            page.open_session(None)
        assert page.session_uid == uid and page.scans.rowCount() == 1
    finally:
        again.close()
        again.ctx.db.dispose()


def test_a_box_of_the_other_truck_is_amber_and_counted_apart(qtbot, shell):
    boxes = _seed_shipment(shell.ctx.db, shell.point, orders=1, boxes=1)
    with shell.ctx.db.write() as s:
        other = make_shipment(s, shell.point, number="R2611240002")
        late = box_barcode(shell.point.code, make_order(s, shell.point, shipment=other).number, 1)
    log_in(qtbot, shell)
    page = _open_receiving(qtbot, shell)
    for barcode in (boxes[0], late):
        with qtbot.waitSignal(page.became_idle, timeout=5000):
            scan_keys(shell.window, barcode)
    assert shell.ctx.feedback.kind.value == "warning"
    assert "другой поставки (R2611240002)" in shell.ctx.feedback.title
    assert page.tiles["received"].text() == "1" and page.tiles["other_shipment"].text() == "1"
    assert page.tiles["expected"].text() == "1" and page.tiles["missing"].text() == "0"


def test_a_restored_scan_list_names_a_box_received_on_another_pc(qtbot, shell):
    from datetime import UTC, datetime

    from desktop.services.receiving import Outcome
    from desktop.services.receiving.resume import RecentScan

    page = shell.window.page_named("ReceivingPage")
    at = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    row = page._restored_row(RecentScan(at, "B-1", "500000001", Outcome.ELSEWHERE, False))
    assert row[1:] == ["B-1", "500000001", "—", "Принята на другом рабочем месте"]


def test_the_box_of_an_item_back_from_service_names_its_warranty_claim(qtbot, shell):
    """A repaired item comes back in a normal truck: the banner says whose claim it is, so the clerk knows."""
    from desktop.db.claim_models import Claim
    from protocol.claims import WARRANTY_ORDER_KIND, ClaimStatus

    with shell.ctx.db.write() as s:
        shipment = make_shipment(s, shell.point, number="R2611240001")
        back = make_order(s, shell.point, boxes=1, shipment=shipment, kind=WARRANTY_ORDER_KIND)
        s.add(Claim(number="W0042123456", point_id=shell.point.id, order_number="500000001", sku="SKU1",
                    serial="SN-1", product="Смартфон", prefiled=False, status=ClaimStatus.RETURNING,
                    return_order=back.number, filed_at=back.created_at, updated_at=back.created_at))
    log_in(qtbot, shell)
    page = _open_receiving(qtbot, shell)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        scan_keys(shell.window, box_barcode(shell.point.code, back.number, 1))
    assert shell.ctx.feedback.kind.value == "ok"
    assert "из сервиса по гарантийной заявке W0042123456" in shell.ctx.feedback.text
