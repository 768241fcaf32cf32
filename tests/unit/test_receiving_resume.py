"""Interrupted receiving: resumed after a restart with its scan list; settled explicitly when the shift closes."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop.db.engine import Database
from desktop.db.models import AuditEntry, ReceivingSession, Shipment
from desktop.services.receiving import Outcome, ReceivingService
from desktop.services.staff import OpenSessions, StaffService
from protocol.errors import DomainError
from protocol.states import ShipmentStatus
from tests.support.factories import FAST_HASHER, actor_for, make_order, make_point, make_shipment, make_staff


@pytest.fixture
def world(db):
    with db.write() as s:
        point = make_point(s, code="0042")
        clerk = make_staff(s, point, full_name="Петрова Анна")
        colleague = make_staff(s, point, full_name="Иванов Пётр")
        shipment = make_shipment(s, point, number="R0000001")
        orders = [make_order(s, point, shipment=shipment, number=f"50000000{i}") for i in (1, 2)]
        late = make_order(s, point, number="500000009")  # came without a waybill
        return {
            "actor": actor_for(clerk),
            "colleague": actor_for(colleague),
            "boxes": [o.boxes[0].barcode for o in orders],
            "late": late.boxes[0].barcode,
        }


def _restart(db: Database, clock) -> tuple[ReceivingService, StaffService]:
    """A new app over the same database: new services, nothing kept in memory."""
    return ReceivingService(db, clock), StaffService(db, clock, hasher=FAST_HASHER)


def _open_count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(ReceivingSession).where(ReceivingSession.status == "open"))


def test_f3_after_a_restart_resumes_the_open_session_without_a_waybill(db, clock, world):
    svc, _ = _restart(db, clock)
    uid = svc.open_session(world["actor"], None)
    svc.scan_box(world["actor"], uid, world["late"])
    svc, _ = _restart(db, clock)
    assert svc.open_session(world["actor"], None) == uid
    assert _open_count(db) == 1
    resumed = svc.resume(uid)
    assert resumed.counts.received == 1 and [(r.box, r.outcome) for r in resumed.scans] == [
        (world["late"], Outcome.RECEIVED)
    ]


def test_the_page_finds_the_clerks_open_session_with_its_last_scans(db, clock, world):
    svc, _ = _restart(db, clock)
    uid = svc.open_session(world["actor"], "R0000001")
    svc.scan_box(world["actor"], uid, world["boxes"][0])
    clock.advance(minutes=1)
    svc.scan_box(world["actor"], uid, world["boxes"][1])
    svc.undo_last(world["actor"], uid)
    svc, _ = _restart(db, clock)
    found = svc.resumable(world["actor"])
    assert found is not None and found.uid == uid and found.shipment == "R0000001"
    assert [(r.box, r.undone) for r in found.scans] == [(world["boxes"][1], True), (world["boxes"][0], False)]
    assert (found.counts.received, found.counts.missing) == (1, 1)


def test_a_colleagues_session_is_theirs_while_they_are_on_shift(db, clock, world):
    svc, staff = _restart(db, clock)
    colleague = staff.open_shift(world["colleague"])
    svc.open_session(colleague, None)
    assert svc.resumable(world["actor"]) is None
    assert svc.open_session(world["actor"], None) != svc.resumable(colleague).uid  # F3 opens the clerk's own


def test_scanning_a_fully_received_waybill_resumes_its_session_and_f9_makes_its_act(db, clock, world):
    svc, _ = _restart(db, clock)
    uid = svc.open_session(world["actor"], "R0000001")
    for box in world["boxes"]:
        svc.scan_box(world["actor"], uid, box)
    with db.write() as s:  # the server's push marks the shipment received while the session is still open
        s.scalars(select(Shipment)).one().status = ShipmentStatus.RECEIVED
    svc, _ = _restart(db, clock)
    assert svc.open_session(world["actor"], "R0000001") == uid  # not «уже принята»
    closed = svc.close_with_act(world["actor"], uid)
    assert closed.summary.received == 2 and not closed.summary.missing
    with pytest.raises(DomainError) as err:
        svc.open_session(world["actor"], "R0000001")
    assert err.value.code == "receiving.shipment_done"


def test_closing_a_shift_with_an_open_session_needs_an_explicit_choice(db, clock, world):
    svc, staff = _restart(db, clock)
    actor = staff.open_shift(world["actor"])
    uid = svc.open_session(actor, None)
    svc.scan_box(actor, uid, world["late"])
    assert [p.uid for p in svc.pending_at_shift_close(actor)] == [uid]
    with pytest.raises(DomainError) as err:
        staff.close_shift(actor)
    assert err.value.code == "shift.sessions_open" and "без накладной" in str(err.value)
    report = staff.close_shift(actor, OpenSessions.CLOSE)
    assert report.boxes_received == 1
    assert _open_count(db) == 0
    summary = svc.summary(uid)
    assert summary is not None and summary.received == 1  # its act can be printed


def test_handing_over_leaves_the_session_open_for_the_next_shift_and_journals_it(db, clock, world):
    svc, staff = _restart(db, clock)
    actor = staff.open_shift(world["actor"])
    uid = svc.open_session(actor, "R0000001")
    staff.close_shift(actor, OpenSessions.HAND_OVER)
    with db.read() as s:
        entries = s.scalars(select(AuditEntry.subject).where(AuditEntry.action == "receiving.handed_over")).all()
    assert list(entries) == [uid]
    colleague = staff.open_shift(world["colleague"])
    found = svc.resumable(colleague)  # nobody on shift holds it: it falls to the next clerk
    assert found is not None and found.uid == uid
    staff.close_shift(colleague, OpenSessions.CLOSE)
    assert _open_count(db) == 0


def test_a_closed_session_names_its_closing_time_on_the_points_clock(db, clock, world):
    from zoneinfo import ZoneInfo

    from desktop.db.models import PickupPoint
    from desktop.point_time import point_time

    with db.write() as s:
        s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one().timezone = "Asia/Yekaterinburg"
    svc, _ = _restart(db, clock)
    uid = svc.open_session(world["actor"], None)
    svc.close(world["actor"], uid)
    with pytest.raises(DomainError) as err:
        svc.scan_box(world["actor"], uid, world["late"])
    assert err.value.params["closed_at"] == point_time(clock.now, ZoneInfo("Asia/Yekaterinburg"))
    assert "UTC" not in str(err.value)
