"""A simulated 8-hour shift at the receiving page, with the sync running, does not grow memory: after a warm-up
hour the shell holds the same Qt objects and the Python heap stays flat, and the scans list stays capped.

An hour here: a few real wedge-scanner scans (the whole path: scanner, dispatcher, service, sync) and the
verdicts of 240 more (one every 15 s: what the GUI does per scan: the banner, the counters, the scans table), a
page switch and back, the banner's fade. 8 hours: about 2,000 scans, as a busy counter sees."""

from __future__ import annotations

import gc
import tracemalloc
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from desktop.services.receiving.rows import Outcome
from desktop.sync.engine import CURSOR_KEY, SyncEngine, set_state
from desktop.sync.runner import SyncRunner
from tests.gui.fixtures import build_shell, log_in
from tests.gui.test_scan_stress import LoopbackBackend
from tests.gui.typing import scan_keys
from tests.support.factories import box_barcode, make_order, make_shipment

HOURS = 8
REAL_SCANS_PER_HOUR = 2
VERDICTS_PER_HOUR = 240
HEAP_GROWTH_LIMIT = 256 * 1024  # bytes of Python heap over 7 hours (a leak of one small object per scan: more)


def _seed(db, point) -> list[str]:
    with db.write() as s:
        set_state(s, CURSOR_KEY, "0")
        shipment = make_shipment(s, point, number="R2611240099")
        numbers = [make_order(s, point, boxes=2, shipment=shipment).number for _ in range(HOURS * 2)]
    return [box_barcode(point.code, n, i) for n in numbers for i in (1, 2)]


def _qt_objects(window) -> int:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # what deleteLater() let go is gone
    return len(window.findChildren(QObject)) + len(QApplication.topLevelWidgets())


def test_an_eight_hour_shift_does_not_grow_memory(qtbot, db) -> None:
    runner = SyncRunner(SyncEngine(db, LoopbackBackend()), interval=0.05)
    shell = build_shell(qtbot, db, sync=runner)
    window = shell.window
    try:
        boxes = iter(_seed(db, shell.point))
        log_in(qtbot, shell)
        page = window.page_named("ReceivingPage")
        window.show_page(page)
        with qtbot.waitSignal(page.became_idle, timeout=5000):
            page.open_session("R2611240099")
        runner.start()
        verdicts = []
        real_verdict = page._on_box_scanned
        page._on_box_scanned = lambda outcome: (verdicts.append(outcome), real_verdict(outcome))

        def hour(number: int) -> None:
            for _ in range(REAL_SCANS_PER_HOUR):
                done = len(verdicts)
                scan_keys(window, next(boxes))
                qtbot.waitUntil(lambda d=done: len(verdicts) > d and not page.busy, timeout=10_000)
            model = verdicts[-1]
            for n in range(VERDICTS_PER_HOUR):
                kind = Outcome.REPEAT if n % 3 else Outcome.RECEIVED
                real_verdict(replace(model, kind=kind, box=f"B0042{number:02d}{n:08d}"))
            window.show_page(window.page_named("PlacementPage"))
            window.show_page(page)
            shell.ctx.feedback._on_fade_timeout()
            QApplication.processEvents()

        hour(0)  # the warm-up: every page, cache and pool the shift uses is there now
        gc.collect()
        objects = _qt_objects(window)
        tracemalloc.start()
        try:
            heap = tracemalloc.get_traced_memory()[0]
            for number in range(1, HOURS):
                hour(number)
            gc.collect()
            grown = tracemalloc.get_traced_memory()[0] - heap
        finally:
            tracemalloc.stop()
        assert _qt_objects(window) <= objects + 2  # a task's bridge may be in flight; a leak per scan: hundreds
        assert grown < HEAP_GROWTH_LIMIT, f"the Python heap grew {grown} bytes over {HOURS - 1} hours"
        assert page.scans.rowCount() == 200  # the list is capped however long the shift
        assert len(verdicts) == HOURS * REAL_SCANS_PER_HOUR
    finally:
        runner.stop(10)
        shell.close()
