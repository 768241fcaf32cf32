"""Issue 17 item 3: a truck's waybill is a scan like any other code — it opens (or resumes) its receiving anywhere."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from desktop.db.models import ReceivingSession, SessionStatus
from tests.gui.fixtures import log_in
from tests.gui.typing import scan_keys
from tests.support.factories import box_barcode, make_order, make_shipment

WAYBILL = "R2611240001"


def _seed(db, point, boxes=2):
    with db.write() as s:
        shipment = make_shipment(s, point, number=WAYBILL)
        number = make_order(s, point, boxes=boxes, shipment=shipment).number
    return [box_barcode(point.code, number, i) for i in range(1, boxes + 1)]


def _settled(qtbot, page):
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)


def _scan_waybill(qtbot, shell, raw=WAYBILL):
    receiving = shell.window.page_named("ReceivingPage")
    scan_keys(shell.window, raw)
    qtbot.waitUntil(lambda: shell.window.current_page() is receiving and not receiving.busy, timeout=5000)
    return receiving


def _sessions(db) -> list:
    with db.read() as s:
        return list(s.execute(select(ReceivingSession.uid, ReceivingSession.status)))


def test_a_waybill_scanned_on_receiving_before_f2_opens_its_session(qtbot, shell):
    _seed(shell.ctx.db, shell.point)
    log_in(qtbot, shell)
    page = shell.window.page_named("ReceivingPage")
    shell.window.show_page(page)
    _settled(qtbot, page)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        scan_keys(shell.window, WAYBILL)
    assert page.session_uid is not None and page.shipment == WAYBILL
    assert shell.ctx.feedback.kind.value == "ok" and "Приёмка открыта" in shell.ctx.feedback.title
    assert WAYBILL in page.shipment_label.text()
    assert page.tiles["expected"].text() == "2"


@pytest.mark.parametrize("start_page", ["HandoverPage", "PlacementPage", "OrdersPage", "ClubPage"])
def test_a_waybill_scanned_on_another_page_switches_to_receiving_with_the_session(qtbot, shell, start_page):
    _seed(shell.ctx.db, shell.point)
    log_in(qtbot, shell)
    other = shell.window.page_named(start_page)
    shell.window.show_page(other)
    _settled(qtbot, other)
    page = _scan_waybill(qtbot, shell)
    assert page.session_uid is not None and page.shipment == WAYBILL
    assert "Код не распознан" not in shell.ctx.feedback.title
    assert [s.status for s in _sessions(shell.ctx.db)] == [SessionStatus.OPEN]


def test_scanning_the_waybill_again_resumes_the_open_session_with_its_scans(qtbot, shell):
    boxes = _seed(shell.ctx.db, shell.point)
    log_in(qtbot, shell)
    page = _scan_waybill(qtbot, shell)
    uid = page.session_uid
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        scan_keys(shell.window, boxes[0])
    shell.window.show_page(shell.window.page_named("HandoverPage"))
    page.session_uid = None  # as after a restart: the page holds nothing until the waybill comes again
    page.scans.set_rows([])
    page = _scan_waybill(qtbot, shell)
    assert page.session_uid == uid and page.scans.rowCount() == 1 and page.scans.row(0)[1] == boxes[0]
    assert "продолжена" in shell.ctx.feedback.title
    assert len(_sessions(shell.ctx.db)) == 1


def test_a_waybill_received_and_closed_gets_the_clear_message(qtbot, shell, monkeypatch):
    boxes = _seed(shell.ctx.db, shell.point, boxes=1)
    log_in(qtbot, shell)
    page = _scan_waybill(qtbot, shell)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        scan_keys(shell.window, boxes[0])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_close()
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        scan_keys(shell.window, WAYBILL)
    assert shell.ctx.feedback.kind.value == "error"
    assert "уже принята" in shell.ctx.feedback.text and WAYBILL in shell.ctx.feedback.text
    assert page.session_uid is None
    assert [s.status for s in _sessions(shell.ctx.db)] == [SessionStatus.CLOSED]


def test_an_unknown_waybill_is_named_not_called_unrecognised(qtbot, shell):
    log_in(qtbot, shell)
    _scan_waybill(qtbot, shell, "R2611249999")
    assert shell.ctx.feedback.kind.value == "error"
    assert "R2611249999" in shell.ctx.feedback.text and "не распознан" not in shell.ctx.feedback.text
    assert _sessions(shell.ctx.db) == []


def test_a_waybill_scanned_while_locked_asks_to_log_in_first(qtbot, shell):
    _seed(shell.ctx.db, shell.point)
    with qtbot.waitSignal(shell.window.dispatcher.scan_routed, timeout=3000) as routed:
        scan_keys(shell.window, WAYBILL)
    assert routed.args == ["waybill", shell.window.login.objectName()]
    assert "Сначала войдите" in shell.window.login.message.text()
    assert _sessions(shell.ctx.db) == []
