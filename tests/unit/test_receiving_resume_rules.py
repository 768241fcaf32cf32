"""Resuming receiving, the details the page and the shift close rely on: who opened the session and when, the 50
newest scans with their time and order, the newest orphaned session first, and no scan lists at shift close."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.services.receiving import Outcome, ReceivingService
from desktop.services.receiving.resume import RECENT_SCANS
from tests.support.factories import actor_for, box_barcode, make_order, make_point, make_shipment, make_staff


@pytest.fixture
def world(db):
    """Point 0042 with clerk Петрова and colleague Иванов (neither on shift), truck R0000001 with one 1-box order."""
    with db.write() as s:
        point = make_point(s, code="0042")
        clerk = make_staff(s, point, full_name="Петрова Анна")
        colleague = make_staff(s, point, full_name="Иванов Пётр")
        shipment = make_shipment(s, point, number="R0000001")
        make_order(s, point, shipment=shipment, number="500000001")
    return {"actor": actor_for(clerk), "colleague": actor_for(colleague)}


@pytest.fixture
def svc(db, clock):
    return ReceivingService(db, clock)


def test_the_resumed_session_names_who_opened_it_and_when(svc, world, clock):
    opened_at = clock.now
    uid = svc.open_session(world["actor"], "R0000001")
    clock.advance(minutes=5)
    resumed = svc.resume(uid)
    assert (resumed.uid, resumed.shipment, resumed.opened_at, resumed.opened_by) == (
        uid, "R0000001", opened_at, "Петрова Анна")
    without = svc.resume(svc.open_session(world["colleague"]))
    assert (without.shipment, without.opened_by) == (None, "Иванов Пётр")


def test_the_scan_list_holds_the_50_newest_scans_newest_first_with_their_time_and_order(svc, world, clock):
    assert RECENT_SCANS == 50
    uid = svc.open_session(world["actor"])
    start = clock.now
    for n in range(51):
        svc.scan_box(world["actor"], uid, box_barcode("0042", f"5123456{n:02d}", 1))  # surplus boxes
        clock.advance(seconds=10)
    scans = svc.resume(uid).scans
    assert len(scans) == 50
    newest, oldest = scans[0], scans[-1]
    assert (newest.box, newest.order, newest.at, newest.outcome, newest.undone) == (
        box_barcode("0042", "512345650", 1), "512345650", start + timedelta(seconds=500), Outcome.SURPLUS, False)
    assert (oldest.order, oldest.at) == ("512345601", start + timedelta(seconds=10))


def test_of_two_orphaned_sessions_the_newest_is_taken_up_first(svc, world):
    """Neither is the clerk's own and their opener is on no shift: the later-opened one comes first."""
    older = svc.open_session(world["colleague"], "R0000001")
    newer = svc.open_session(world["colleague"])
    found = svc.resumable(world["actor"])
    assert found is not None and found.uid == newer != older
    assert [p.uid for p in svc.pending_at_shift_close(world["actor"])] == [newer, older]


def test_the_shift_close_list_names_the_sessions_without_their_scan_lists(svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    svc.scan_box(world["actor"], uid, box_barcode("0042", "500000001", 1))
    [pending] = svc.pending_at_shift_close(world["actor"])
    assert (pending.uid, pending.counts.received, pending.opened_by, pending.scans) == (uid, 1, "Петрова Анна", ())


def test_a_closed_session_is_never_taken_up_again(svc, world):
    uid = svc.open_session(world["colleague"], "R0000001")
    svc.close(world["colleague"], uid)
    assert svc.resumable(world["actor"]) is None and svc.pending_at_shift_close(world["actor"]) == []
    assert svc.open_session(world["actor"]) != uid


def test_an_open_session_of_another_point_is_not_this_clerks_to_settle(db, svc, world, clock):
    from desktop.db.models import ReceivingSession

    with db.write() as s:
        other = make_point(s, code="0077", local=False)
        stranger = make_staff(s, other, full_name="Чужой Сотрудник")
        s.add(ReceivingSession(uid="other-point-session", point_id=other.id, opened_by=stranger.id,
                               opened_at=clock.now))
    assert svc.resumable(world["actor"]) is None and svc.pending_at_shift_close(world["actor"]) == []
