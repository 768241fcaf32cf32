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
