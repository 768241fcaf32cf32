"""Issue 17 items 1 and 2, as the clerk sees them: after a restart the open receiving is on the Приёмка page.

A restart is a new context over the same cache file (the app was killed mid-receiving): the clerk logs in,
goes to Приёмка and finds the truck there with its scans, without scanning anything; F3 takes up the open
session without a waybill; a truck whose boxes were all in before the crash is closed with F9 and its act.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import ReceivingSession, SessionStatus, Shipment
from desktop.documents.model import DocumentKind
from protocol.states import ShipmentStatus
from tests.gui.fixtures import build_shell, log_in
from tests.gui.typing import focus_target, scan_keys
from tests.support.factories import box_barcode, make_order, make_shipment

WAYBILL = "R2611240001"


def _seed(db, point, boxes=2):
    with db.write() as s:
        shipment = make_shipment(s, point, number=WAYBILL)
        number = make_order(s, point, boxes=boxes, shipment=shipment).number
    return [box_barcode(point.code, number, i) for i in range(1, boxes + 1)]


def _receive(qtbot, shell, boxes, waybill: str | None = WAYBILL):
    """Open the truck (F2 + waybill, or F3 without one) and scan `boxes`; the session's uid."""
    page = shell.window.page_named("ReceivingPage")
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page.open_session(waybill)
    for barcode in boxes:
        with qtbot.waitSignal(page.became_idle, timeout=5000):
            scan_keys(shell.window, barcode)
    return page.session_uid


def _restart(qtbot, shell):
    """Killed and started again over the same cache file; the clerk logs in and lands on Приёмка by itself."""
    shell.close()
    shell.window.close()
    again = build_shell(qtbot, Database(shell.ctx.db.path), seeded=(shell.point, shell.clerk, shell.manager))
    log_in(qtbot, again)
    page = again.window.page_named("ReceivingPage")
    qtbot.waitUntil(lambda: again.window.current_page() is page and not page.busy, timeout=5000)
    return again, page


def _open_sessions(db) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(ReceivingSession.uid).where(ReceivingSession.status == SessionStatus.OPEN)))


def test_after_a_restart_the_page_shows_the_open_truck_and_its_last_scans_without_a_scan(qtbot, shell):
    boxes = _seed(shell.ctx.db, shell.point, boxes=3)
    log_in(qtbot, shell)
    uid = _receive(qtbot, shell, boxes[:2])
    again, page = _restart(qtbot, shell)
    try:
        assert page.session_uid == uid and WAYBILL in page.shipment_label.text()
        assert [page.scans.row(i)[1] for i in range(page.scans.rowCount())] == [boxes[1], boxes[0]]
        assert page.tiles["received"].text() == "2" and page.tiles["missing"].text() == "1"
        assert again.ctx.feedback.kind.value == "warning" and "продолжена" in again.ctx.feedback.title
    finally:
        again.close()
        again.ctx.db.dispose()


def test_f3_after_a_restart_keeps_the_one_session_without_a_waybill(qtbot, shell):
    boxes = _seed(shell.ctx.db, shell.point, boxes=2)
    log_in(qtbot, shell)
    uid = _receive(qtbot, shell, boxes[:1], waybill=None)
    again, page = _restart(qtbot, shell)
    try:
        assert page.session_uid == uid and page.scans.rowCount() == 1
        with qtbot.waitSignal(page.became_idle, timeout=5000):
            QTest.keyClick(focus_target(again.window), Qt.Key.Key_F3)
        assert page.session_uid == uid and page.scans.rowCount() == 1
        with qtbot.waitSignal(page.became_idle, timeout=5000):
            scan_keys(again.window, boxes[1])
        assert page.tiles["received"].text() == "2"
        assert _open_sessions(again.ctx.db) == [uid]
    finally:
        again.close()
        again.ctx.db.dispose()


def _close_with_f9(qtbot, shell, page, monkeypatch) -> list:
    """F9 on the page, «Да» in the question; the acts the service built."""
    service = shell.ctx.services.receiving
    acts, close = [], service.close_with_act
    monkeypatch.setattr(service, "close_with_act", lambda *a: acts.append(close(*a)) or acts[-1])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        QTest.keyClick(focus_target(shell.window), Qt.Key.Key_F9)
    return acts


def _assert_closed_with_act(shell, page, uid, acts) -> None:
    assert page.session_uid is None
    assert shell.ctx.feedback.kind.value == "ok" and "без расхождений" in shell.ctx.feedback.title
    assert [a.act.kind for a in acts] == [DocumentKind.DISCREPANCY_ACT] and acts[0].summary.received == 2
    with shell.ctx.db.read() as s:
        closed = s.execute(select(ReceivingSession).where(ReceivingSession.uid == uid)).scalar_one()
        assert closed.status == SessionStatus.CLOSED and closed.closed_at is not None and closed.summary
        assert s.scalar(select(Shipment.status).where(Shipment.number == WAYBILL)) == ShipmentStatus.RECEIVED
    assert _open_sessions(shell.ctx.db) == []


def test_a_truck_fully_received_before_the_crash_is_closed_with_f9_and_its_act(qtbot, shell, monkeypatch):
    boxes = _seed(shell.ctx.db, shell.point, boxes=2)
    log_in(qtbot, shell)
    uid = _receive(qtbot, shell, boxes)
    again, page = _restart(qtbot, shell)
    try:
        assert page.session_uid == uid and page.tiles["missing"].text() == "0"
        acts = _close_with_f9(qtbot, again, page, monkeypatch)
        _assert_closed_with_act(again, page, uid, acts)
    finally:
        again.close()
        again.ctx.db.dispose()


def test_the_fully_received_truck_scanned_again_after_the_crash_resumes_instead_of_refusing(
        qtbot, shell, monkeypatch):
    boxes = _seed(shell.ctx.db, shell.point, boxes=2)
    log_in(qtbot, shell)
    uid = _receive(qtbot, shell, boxes)
    again, page = _restart(qtbot, shell)
    try:
        page.session_uid = None  # the clerk scans the waybill as before the fix: it must resume, not refuse
        with qtbot.waitSignal(page.became_idle, timeout=5000):
            scan_keys(again.window, WAYBILL)
        assert page.session_uid == uid and page.scans.rowCount() == 2
        assert "уже принята" not in again.ctx.feedback.text
        acts = _close_with_f9(qtbot, again, page, monkeypatch)
        _assert_closed_with_act(again, page, uid, acts)
    finally:
        again.close()
        again.ctx.db.dispose()
