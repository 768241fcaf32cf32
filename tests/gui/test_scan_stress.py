"""200 wedge-scanner scans typed back to back while the sync thread pushes the outbox: each taken exactly once."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from desktop.db.models import OutboxEvent, ReceivingScan
from desktop.sync.engine import CURSOR_KEY, SyncEngine, set_state
from desktop.sync.runner import SyncRunner
from tests.gui.fixtures import build_shell, log_in
from tests.gui.typing import scan_keys
from tests.support.factories import box_barcode, make_order, make_shipment
from tests.support.loopback_backend import LoopbackBackend

SCANS = 200


def _seed(db, point):
    with db.write() as s:
        set_state(s, CURSOR_KEY, "0")  # enrolled already: pull asks for changes, not a snapshot
        shipment = make_shipment(s, point, number="R2611240099")
        numbers = [make_order(s, point, boxes=2, shipment=shipment).number for _ in range(SCANS // 2)]
    return [box_barcode(point.code, n, i) for n in numbers for i in (1, 2)]


def _pending(db):
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(OutboxEvent).where(OutboxEvent.status == "pending"))


def test_200_scans_during_background_sync_are_each_taken_once(qtbot, db):
    backend = LoopbackBackend()
    runner = SyncRunner(SyncEngine(db, backend), interval=0.02)
    shell = build_shell(qtbot, db, sync=runner)
    try:
        boxes = _seed(db, shell.point)
        log_in(qtbot, shell)
        page = shell.window.page_named("ReceivingPage")
        shell.window.show_page(page)
        with qtbot.waitSignal(page.became_idle, timeout=5000):
            page.open_session("R2611240099")
        dispatched: list[str] = []
        shell.window.scans.scan_dispatched.connect(lambda raw: dispatched.append(raw))
        runner.start()
        for barcode in boxes:
            scan_keys(shell.window, barcode)
            QApplication.processEvents()  # results arrive between scans, as they would at the counter
        qtbot.waitUntil(lambda: len(dispatched) == SCANS and not page.busy, timeout=60_000)
        # the outbox itself, not the runner's status: its count is from the last cycle, maybe older than the last scans
        qtbot.waitUntil(lambda: backend.pushes > 0 and _pending(db) == 0, timeout=30_000)
    finally:
        runner.stop(10)
        shell.close()
    assert dispatched == boxes  # every scan handed on once, in order
    assert page.tiles["received"].text() == str(SCANS)
    assert page.tiles["missing"].text() == "0"
    assert page.scans.rowCount() == SCANS
    with db.read() as s:
        per_box = Counter(s.scalars(select(ReceivingScan.barcode)))
    assert per_box == Counter(boxes)  # exactly one recorded scan per box
    assert _pending(db) == 0
    assert all(count == 1 for count in backend.seen.values())


def test_scans_wait_while_a_modal_dialog_is_open(qtbot, db):
    shell = build_shell(qtbot, db)
    try:
        log_in(qtbot, shell)
        dispatched: list[str] = []
        shell.window.scans.scan_dispatched.connect(lambda raw: dispatched.append(raw))
        box = QMessageBox(QMessageBox.Icon.Information, "Диалог", "Открыт диалог", parent=shell.window)
        box.open()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is box)
        scan_keys(box, "CA0101")
        qtbot.waitUntil(lambda: len(shell.window.scans) == 1)
        assert dispatched == []
        box.accept()
        qtbot.waitUntil(lambda: dispatched == ["CA0101"], timeout=3000)
    finally:
        shell.close()
