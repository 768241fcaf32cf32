"""Issue 17 (end-to-end findings): after a restart the clerk lands on the interrupted work, on the point's clock.

A restart is a new context over the same cache file. Logging in lands on Приёмка when the clerk has a receiving
session left open (on Возвраты for an open return session), on the first page otherwise; and every time the page
shows — the restored scan list, the «Приёмка продолжена … в …» banner, the rows scanned after — is on the pickup
point's clock (Yekaterinburg, UTC+5 here) while the PC runs in UTC.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select, update

from desktop.db.engine import Database
from desktop.db.models import PickupPoint, ReceivingScan, ReceivingSession
from desktop.point_time import CLOCK, DAY_TIME, point_time, zone_named
from tests.gui.fixtures import build_shell, log_in, seed_point
from tests.gui.typing import scan_keys
from tests.support.factories import box_barcode, make_order, make_shipment

WAYBILL = "R2611240001"
POINT_ZONE = "Asia/Yekaterinburg"


@pytest.fixture
def ekb_shell(qtbot, db, pc_in_utc):
    """The shell of a point in Yekaterinburg on a PC in UTC (the zone set before anything reads it)."""
    seeded = seed_point(db)
    with db.write() as s:
        s.execute(update(PickupPoint).where(PickupPoint.id == seeded[0].id).values(timezone=POINT_ZONE))
    shell = build_shell(qtbot, db, seeded=seeded)
    yield shell
    shell.close()


def _seed(db, point, boxes=3):
    with db.write() as s:
        shipment = make_shipment(s, point, number=WAYBILL)
        number = make_order(s, point, boxes=boxes, shipment=shipment).number
    return [box_barcode(point.code, number, i) for i in range(1, boxes + 1)]


def _scan(qtbot, shell, page, code):
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        scan_keys(shell.window, code)


def _receive(qtbot, shell, boxes):
    """Log in, open the truck on Приёмка and scan `boxes`; the page."""
    log_in(qtbot, shell)
    page = shell.window.page_named("ReceivingPage")
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page.open_session(WAYBILL)
    for code in boxes:
        _scan(qtbot, shell, page, code)
    return page


def _restart(qtbot, shell):
    """Killed and started again over the same cache file; the clerk logs in (and presses nothing else)."""
    shell.close()
    shell.window.close()
    again = build_shell(qtbot, Database(shell.ctx.db.path), seeded=(shell.point, shell.clerk, shell.manager))
    log_in(qtbot, again)
    qtbot.waitUntil(lambda: not again.window._is_busy(), timeout=5000)
    return again


def _landed_on(qtbot, again, name):
    page = again.window.page_named(name)
    qtbot.waitUntil(lambda: again.window.current_page() is page and not page.busy, timeout=5000)
    return page


def _seconds(clock: str) -> int:
    hours, minutes, seconds = (int(part) for part in clock.split(":"))
    return hours * 3600 + minutes * 60 + seconds


def _same_clock(one: str, other: str) -> bool:
    """Two HH:MM:SS read off the same clock a few seconds apart (never hours: the PC's zone is not the point's)."""
    apart = abs(_seconds(one) - _seconds(other)) % 86400
    return min(apart, 86400 - apart) <= 5


def test_after_a_restart_login_lands_on_the_open_receiving_with_its_scans(qtbot, shell):
    boxes = _seed(shell.ctx.db, shell.point)
    uid = _receive(qtbot, shell, boxes[:2]).session_uid
    again = _restart(qtbot, shell)
    try:
        page = _landed_on(qtbot, again, "ReceivingPage")
        qtbot.waitUntil(lambda: page.session_uid == uid, timeout=5000)
        assert WAYBILL in page.shipment_label.text()
        assert [page.scans.row(i)[1] for i in range(page.scans.rowCount())] == [boxes[1], boxes[0]]
        assert "продолжена" in again.ctx.feedback.title
        _scan(qtbot, again, page, boxes[2])  # the next box goes straight into the truck, no F-key pressed
        assert page.tiles["received"].text() == "3"
    finally:
        again.close()
        again.ctx.db.dispose()


def test_without_work_left_open_login_lands_on_the_first_page(qtbot, shell):
    log_in(qtbot, shell)
    qtbot.waitUntil(lambda: not shell.window._is_busy(), timeout=5000)
    assert shell.window.current_page() is shell.window.page_named("HandoverPage")


def test_after_a_restart_login_lands_on_the_open_return_session(qtbot, shell):
    log_in(qtbot, shell)
    uid = shell.ctx.services.returns.open_session(shell.ctx.session.actor)
    again = _restart(qtbot, shell)
    try:
        page = _landed_on(qtbot, again, "ReturnsPage")
        qtbot.waitUntil(lambda: page.session_uid == uid, timeout=5000)
    finally:
        again.close()
        again.ctx.db.dispose()


def test_restored_rows_live_rows_and_the_banner_are_on_the_point_clock(qtbot, ekb_shell):
    boxes = _seed(ekb_shell.ctx.db, ekb_shell.point)
    live_before = _receive(qtbot, ekb_shell, boxes[:1]).scans.row(0)[0]
    again = _restart(qtbot, ekb_shell)
    try:
        page = again.window.page_named("ReceivingPage")
        again.window.show_page(page)  # (login lands here by itself; this test is about the times)
        qtbot.waitUntil(lambda: page.scans.rowCount() == 1 and not page.busy, timeout=5000)
        restored, banner = page.scans.row(0)[0], again.ctx.feedback.text  # «Приёмку начал(а) … в 01.12 HH:MM»
        _scan(qtbot, again, page, boxes[1])
        live_after = page.scans.row(0)[0]
        assert _same_clock(restored, live_before) and _same_clock(restored, live_after)
        with again.ctx.db.read() as s:
            opened_at: datetime = s.scalar(select(ReceivingSession.opened_at))
            scanned_at: datetime = s.scalar(select(ReceivingScan.scanned_at).order_by(ReceivingScan.id))
        zone = zone_named(POINT_ZONE)
        assert restored == point_time(scanned_at, zone, CLOCK)
        assert point_time(scanned_at, zone_named("UTC"), CLOCK) != restored  # the PC's clock would be 5 h off
        assert point_time(opened_at, zone, DAY_TIME) in banner
        assert point_time(opened_at, zone_named("UTC"), DAY_TIME) not in banner
    finally:
        again.close()
        again.ctx.db.dispose()
