"""Interrupted return sessions at shift close: listed with the receiving ones, closed with their act or handed over."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop.db.models import AuditEntry, OutboxEvent, ReceivingSession, ReturnSession
from desktop.services.receiving import ReceivingService
from desktop.services.returns import ReturnsService
from desktop.services.staff import OpenSessions, StaffService
from protocol.errors import DomainError
from tests.support.factories import FAST_HASHER, actor_for, make_order, make_point, make_staff


@pytest.fixture
def world(db):
    with db.write() as s:
        point = make_point(s, code="0042")
        clerk = make_staff(s, point, full_name="Петрова Анна")
        colleague = make_staff(s, point, full_name="Иванов Пётр")
        refused = make_order(s, point, number="500000001", status="refused")
        for box in refused.boxes:
            box.status = "received"  # a refused order's box is at the point
        late = make_order(s, point, number="500000009")
        return {"actor": actor_for(clerk), "colleague": actor_for(colleague),
                "box": refused.boxes[0].barcode, "late": late.boxes[0].barcode}


def _services(db, clock) -> tuple[ReturnsService, StaffService]:
    """A fresh app over the same database (as after a restart)."""
    return ReturnsService(db, clock), StaffService(db, clock, hasher=FAST_HASHER)


def _status(db, uid: str) -> str:
    with db.read() as s:
        return s.scalar(select(ReturnSession.status).where(ReturnSession.uid == uid))


def test_an_open_return_session_blocks_the_shift_close_until_the_clerk_chooses(db, clock, world):
    returns, staff = _services(db, clock)
    actor = staff.open_shift(world["actor"])
    uid = returns.open_session(actor)
    returns.scan_box(actor, uid, world["box"])
    returns, staff = _services(db, clock)
    pending = returns.pending_at_shift_close(actor)
    assert [(p.uid, p.opened_by, p.boxes) for p in pending] == [(uid, "Петрова Анна", 1)]
    with pytest.raises(DomainError) as err:
        staff.close_shift(actor)
    assert err.value.code == "shift.sessions_open" and "возврат от" in str(err.value)
    assert _status(db, uid) == "open"


def test_closing_the_shift_closes_the_return_session_with_its_act_in_the_same_transaction(db, clock, world):
    returns, staff = _services(db, clock)
    actor = staff.open_shift(world["actor"])
    receiving = ReceivingService(db, clock)
    received = receiving.open_session(actor, None)
    receiving.scan_box(actor, received, world["late"])
    uid = returns.open_session(actor)
    returns.scan_box(actor, uid, world["box"])
    report = staff.close_shift(actor, OpenSessions.CLOSE)
    assert report.boxes_returned == 1 and report.boxes_received == 1
    with db.read() as s:
        closed = s.scalars(select(ReturnSession).where(ReturnSession.uid == uid)).one()
        assert closed.status == "closed" and closed.act["boxes_count"] == 1
        types = list(s.scalars(select(OutboxEvent.type).order_by(OutboxEvent.device_seq)))
        assert s.scalar(select(func.count()).where(ReceivingSession.status == "open")) == 0
    assert types[-3:] == ["receiving.closed", "return.closed", "shift.closed"]
    assert returns.pending_at_shift_close(actor) == []


def test_handing_over_leaves_the_return_session_for_the_next_shift(db, clock, world):
    returns, staff = _services(db, clock)
    actor = staff.open_shift(world["actor"])
    uid = returns.open_session(actor)
    staff.close_shift(actor, OpenSessions.HAND_OVER)
    assert _status(db, uid) == "open"
    with db.read() as s:
        handed = s.scalars(select(AuditEntry.subject).where(AuditEntry.action == "return.handed_over")).all()
    assert list(handed) == [uid]
    colleague = staff.open_shift(world["colleague"])
    assert [p.uid for p in returns.pending_at_shift_close(colleague)] == [uid]  # nobody on shift holds it
    staff.close_shift(colleague, OpenSessions.CLOSE)
    assert _status(db, uid) == "closed"


def test_a_colleagues_open_return_session_is_theirs_while_they_are_on_shift(db, clock, world):
    returns, staff = _services(db, clock)
    actor = staff.open_shift(world["actor"])
    colleague = staff.open_shift(world["colleague"])
    uid = returns.open_session(colleague)
    assert returns.pending_at_shift_close(actor) == []
    staff.close_shift(actor)  # not this clerk's to settle
    assert _status(db, uid) == "open"
