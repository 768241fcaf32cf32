"""Hand-built points for the manager's activity and charts: every figure the tests expect is set here on purpose.

The point is in Moscow (UTC+3); the period is 24–25.11.2026 on the point's clock.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from desktop import journal
from desktop.db.engine import Database
from desktop.db.models import (
    Handover,
    HandoverStatus,
    Payment,
    PickupPoint,
    ReceivingScan,
    ReceivingSession,
    SessionStatus,
    SmsMessage,
    Staff,
)
from desktop.services.base import Actor, Role
from desktop.services.manager.report import Period
from desktop.services.staff import StaffService
from tests.support.clock import FakeClock
from tests.support.factories import (
    FAST_HASHER,
    actor_for,
    make_cell,
    make_order,
    make_point,
    make_shipment,
    make_staff,
)

PERIOD = Period(date(2026, 11, 24), date(2026, 11, 25))
_uids = itertools.count(1)


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of November 2026 in UTC."""
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


@dataclass
class ActivityPoint:
    """Two clerks, two shifts (Анна's closed with its report, Борис's open) and a manager."""

    anna: Actor
    boris: Actor
    manager: Actor
    anna_shift: int
    boris_shift: int


# What each shift did (service order of metrics: received, placed, handed over, refused lines, refused orders,
# wrong codes, undos, cash in kopecks).
ANNA_SHIFT = (4, 2, 3, 3, 1, 2, 1, 150_000)
BORIS_SHIFT = (1, 1, 1, 0, 0, 1, 1, 50_000)
ANNA_PERIOD = (4, 3, 3, 3, 1, 2, 1, 150_000)  # plus one placement on the 25th outside any shift


def _scan(s: Session, session_id: int, staff: Actor, at: datetime, outcome: str, undone: bool = False) -> None:
    s.add(ReceivingScan(session_id=session_id, barcode=f"SCAN{next(_uids):06d}", outcome=outcome,
                        staff_id=staff.staff_id, scanned_at=at, undone=undone))


def _handover(s: Session, point: PickupPoint, staff: Actor, at: datetime, refused: tuple[int, ...],
              result: str, payment: tuple[str, int] | None = None) -> None:
    """A completed handover of a two-line order; `refused` gives each line's refused quantity."""
    order = make_order(s, point, status="ready", lines=[("Телевизор", 1, 100_000), ("Кабель HDMI", 2, 25_000)])
    for line, quantity in zip(order.lines, refused, strict=True):
        line.refused_quantity = quantity
    handover = Handover(uid=f"H{next(_uids):06d}", order_id=order.id, staff_id=staff.staff_id,
                        status=HandoverStatus.COMPLETED, started_at=at, completed_at=at)
    s.add(handover)
    s.flush()
    if payment is not None:
        s.add(Payment(order_id=order.id, handover_id=handover.id, method=payment[0], due_kopecks=payment[1],
                      tendered_kopecks=payment[1], staff_id=staff.staff_id, paid_at=at))
    journal.append(s, at, staff.staff_id, "handover.completed", order.number,
                   {"handover": handover.uid, "result": result})


def _journal(s: Session, staff: Actor, at: datetime, action: str, times: int = 1) -> None:
    for _ in range(times):
        journal.append(s, at, staff.staff_id, action, f"X{next(_uids)}", {})


def _anna_acts(s: Session, point: PickupPoint, anna: Actor, receiving_id: int) -> None:
    for minute in (10, 11, 12):
        _scan(s, receiving_id, anna, utc(24, 7, minute), "received")
    _scan(s, receiving_id, anna, utc(24, 7, 13), "received", undone=True)
    _scan(s, receiving_id, anna, utc(24, 7, 14), "other_shipment")
    _scan(s, receiving_id, anna, utc(24, 7, 15), "surplus")
    _journal(s, anna, utc(24, 7, 16), "receiving.undo")
    _journal(s, anna, utc(24, 8), "cell.place", 2)
    _journal(s, anna, utc(24, 9), "handover.wrong_code", 2)
    _handover(s, point, anna, utc(24, 10), (0, 0), "handed_over", ("cash", 150_000))
    _handover(s, point, anna, utc(24, 11), (0, 1), "partially_handed_over", ("card", 125_000))
    _handover(s, point, anna, utc(24, 12), (1, 2), "refused")
    _journal(s, anna, utc(25, 16), "cell.place")  # no shift open: counts for Анна in the period only
    _scan(s, receiving_id, anna, utc(23, 10), "received")  # before the period: counts nowhere


def _boris_acts(s: Session, point: PickupPoint, boris: Actor, receiving_id: int) -> None:
    _scan(s, receiving_id, boris, utc(25, 8), "received")
    _journal(s, boris, utc(25, 8, 5), "receiving.undo")
    _journal(s, boris, utc(25, 8, 10), "cell.place")
    _journal(s, boris, utc(25, 9), "handover.wrong_code")
    _handover(s, point, boris, utc(25, 10), (0, 0), "handed_over", ("cash", 50_000))


def build_activity_point(db: Database) -> ActivityPoint:
    """Анна's shift 24.11 09:00–18:00 (closed, so its report is stored), Борис's from 25.11 10:00 (open)."""
    with db.write() as s:
        point = make_point(s)
        anna = actor_for(make_staff(s, point, full_name="Анна Смирнова", login="anna"))
        boris = actor_for(make_staff(s, point, full_name="Борис Котов", login="boris"))
        manager = actor_for(make_staff(s, point, Role.MANAGER, full_name="Ольга Кузнецова", login="olga"))
        shipment = make_shipment(s, point)
        receiving = ReceivingSession(uid="RS-ACT", point_id=point.id, shipment_id=shipment.id,
                                     opened_by=anna.staff_id, opened_at=utc(23, 9), closed_at=utc(23, 9, 1),
                                     closed_by=anna.staff_id, status=SessionStatus.CLOSED)
        s.add(receiving)
        s.flush()
        receiving_id, point_id = receiving.id, point.id
    clock = FakeClock(utc(24, 6))
    staff = StaffService(db, clock, FAST_HASHER)
    anna_shift = staff.open_shift(anna).shift_id
    with db.write() as s:
        _anna_acts(s, s.get_one(PickupPoint, point_id), anna, receiving_id)
    clock.now = utc(24, 15)
    staff.close_shift(anna)
    clock.now = utc(25, 7)
    boris_shift = staff.open_shift(boris).shift_id
    with db.write() as s:
        _boris_acts(s, s.get_one(PickupPoint, point_id), boris, receiving_id)
    assert anna_shift is not None and boris_shift is not None
    return ActivityPoint(anna, boris, manager, anna_shift, boris_shift)


# --- charts -------------------------------------------------------------------------------------------------

RECEIVED_PER_DAY = {date(2026, 11, 24): 3, date(2026, 11, 25): 2}
HANDOVERS_PER_HOUR = {10: 3, 18: 1}  # hours on the point's clock
DISCREPANCIES = [("R-DISC", 20, 2, 1, 1, 1, 25.0), ("R-CLEAN", 10, 0, 0, 0, 0, 0.0)]
SMS_PER_DAY = {date(2026, 11, 24): (2, 1, 0), date(2026, 11, 25): (1, 0, 2)}  # delivered, failed, unknown
OCCUPANCY = [("S", 3, 8, 37.5), ("M", 4, 4, 100.0), ("L", 0, 2, 0.0), ("Переполнение", 1, 10, 10.0)]


def _received_boxes(s: Session, point: PickupPoint, other: PickupPoint) -> None:
    for boxes, at in ((3, utc(24, 20, 30)), (2, utc(24, 21, 30)), (1, utc(23, 20))):
        for box in make_order(s, point, boxes=boxes).boxes:
            box.status, box.received_at = "received", at
    for box in make_order(s, other).boxes:  # another point's box: not this point's receipt
        box.status, box.received_at = "received", utc(24, 12)


def _handed_over(s: Session, point: PickupPoint) -> None:
    for at in (utc(24, 7, 10), utc(24, 7, 10), utc(24, 7, 50), utc(24, 15), utc(25, 21, 30)):
        order = make_order(s, point, status="handed_over")
        order.handed_over_at = at


def _receiving(s: Session, point: PickupPoint, staff: Staff, number: str, counts: tuple[int, ...],
               status: str = SessionStatus.CLOSED, damaged: int = 0) -> None:
    expected, missing, surplus, foreign = counts
    shipment = make_shipment(s, point, number)
    row = ReceivingSession(uid=f"RS-{number}", point_id=point.id, shipment_id=shipment.id, opened_by=staff.id,
                           opened_at=utc(25, 9), closed_at=utc(25, 10), closed_by=staff.id, status=status,
                           n_expected=expected, n_missing=missing, n_surplus=surplus, n_foreign=foreign)
    s.add(row)
    s.flush()
    for box in make_order(s, point, boxes=damaged + 1, shipment=shipment).boxes:
        box.damaged = box.seq_no <= damaged
        s.add(ReceivingScan(session_id=row.id, barcode=box.barcode, box_id=box.id, outcome="received",
                            staff_id=staff.id, scanned_at=utc(25, 9, 30)))


def _sms(s: Session, point: PickupPoint) -> None:
    statuses = [(24, "delivered"), (24, "delivered"), (24, "failed"), (25, "unknown"), (25, "accepted"),
                (25, "delivered"), (25, "pending"), (26, "delivered")]
    for day, status in statuses:
        order = make_order(s, point)
        at = utc(day - 1, 22) if day == 26 else utc(day, 6)  # the 26th's is asked at 01:00 on the point's clock
        s.add(SmsMessage(uid=f"SMS{next(_uids)}", order_id=order.id, purpose="ready", status=status,
                         requested_at=at, updated_at=at))


def _cells(s: Session, point: PickupPoint, other: PickupPoint) -> None:
    s1, s2 = make_cell(s, point, "CA0101", "S"), make_cell(s, point, "CA0102", "S")
    m1, _l1 = make_cell(s, point, "CA0201", "M"), make_cell(s, point, "CA0301", "L", capacity=2)
    overflow = make_cell(s, point, "CZ0001", "XL", capacity=10)
    overflow.overflow = True
    make_cell(s, point, "CA0103", "S").active = False
    make_cell(s, other, "CB0101", "S")
    boxes = make_order(s, point, boxes=8).boxes
    for box, cell in zip(boxes, (s1, s1, s2, m1, m1, m1, m1, overflow), strict=True):
        box.status, box.cell_id = "placed", cell.id


def build_charts_point(db: Database) -> Actor:
    """A point with known receipts, handovers, shipments, SMS and cells; returns its manager."""
    with db.write() as s:
        point = make_point(s)
        other = make_point(s, code="0077", local=False)
        manager = make_staff(s, point, Role.MANAGER, full_name="Ольга Кузнецова", login="olga")
        _received_boxes(s, point, other)
        _handed_over(s, point)
        _receiving(s, point, manager, "R-DISC", (20, 2, 1, 1), damaged=1)
        _receiving(s, point, manager, "R-CLEAN", (10, 0, 0, 0))
        _receiving(s, point, manager, "R-OPEN", (5, 5, 0, 0), status=SessionStatus.OPEN)
        _sms(s, point)
        _cells(s, point, other)
        return actor_for(manager)

