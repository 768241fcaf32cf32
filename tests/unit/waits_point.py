"""A hand-built point for the manager's «Ожидают» and «Исключения» reports: every figure known in advance.

Clock: 24.11.2026 09:00 UTC = 12:00 at the point (Europe/Moscow). What is there:
- boxes received, not placed: 1 hour, 5 hours and 2 days old (the rest are on shelves);
- ready orders with 0 / 1 / 5 days of storage left and one expired a day ago, one locked after 5 wrong codes;
- SMS: failed, unknown, delivered, accepted 3 hours ago (stuck), requested 10 minutes ago (on its way),
  failed then delivered on a second attempt;
- a cancelled order with a box still here (to return);
- events: one rejected, one in conflict, one applied, one rejected but already reviewed;
- a return session opened yesterday; a receiving session of a clerk on shift today; one of a closed shift.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.engine import Database
from desktop.db.models import (
    Order,
    OutboxEvent,
    PickupPoint,
    ReceivingSession,
    ReturnSession,
    Shift,
    SmsMessage,
)
from desktop.services.base import Actor, Role, Service
from protocol.events import OrderLocked, ShiftOpened
from tests.support.factories import actor_for, make_order, make_point, make_shipment, make_staff

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@dataclass
class WaitsPoint:
    clerk: Actor
    manager: Actor
    numbers: dict[str, str] = field(default_factory=dict)  # role in the story -> order number
    boxes: dict[str, str] = field(default_factory=dict)  # age label -> box barcode
    events: dict[str, str] = field(default_factory=dict)  # label -> event id
    sessions: dict[str, str] = field(default_factory=dict)  # label -> session uid


def _ready(s: Session, point: PickupPoint, until: timedelta, number: str) -> Order:
    """A ready order (since 2 days ago) whose box is on a shelf, storage ending `until` from now."""
    order = make_order(s, point, status="ready", number=number)
    order.ready_at = NOW - timedelta(days=2)
    order.storage_until = NOW + until
    for box in order.boxes:
        box.status, box.placed_at = "placed", NOW - timedelta(days=2)
    return order


def _sms(s: Session, order: Order, status: str, at: datetime, attempt: int = 1, error: str | None = None) -> None:
    s.add(SmsMessage(uid=f"sms-{order.number}-{attempt}", order_id=order.id, purpose="ready", attempt=attempt,
                     status=status, requested_at=at, updated_at=at, error=error, timeline=[]))


def _orders(s: Session, point: PickupPoint, built: WaitsPoint) -> None:
    numbers = built.numbers
    storage = (("today", timedelta(hours=3), "500000001"), ("tomorrow", timedelta(days=1), "500000002"),
               ("five", timedelta(days=5), "500000003"), ("expired", -timedelta(days=1), "500000004"))
    for name, until, number in storage:
        numbers[name] = _ready(s, point, until, number).number
    locked = _ready(s, point, timedelta(days=4), "500000005")
    locked.locked_at, locked.code_failed_attempts = NOW - timedelta(minutes=30), 5
    numbers["locked"] = locked.number
    sms_cases = (("sms_failed", "failed", NOW - timedelta(hours=1)),
                 ("sms_unknown", "unknown", NOW - timedelta(hours=1)),
                 ("sms_delivered", "delivered", NOW - timedelta(hours=1)),
                 ("sms_stuck", "accepted", NOW - timedelta(hours=3)),
                 ("sms_fresh", "requested", NOW - timedelta(minutes=10)))
    for i, (name, status, at) in enumerate(sms_cases):
        order = _ready(s, point, timedelta(days=6), f"50000001{i}")
        _sms(s, order, status, at, error="abonent unavailable" if status == "failed" else None)
        numbers[name] = order.number
    resent = _ready(s, point, timedelta(days=6), "500000020")
    _sms(s, resent, "failed", NOW - timedelta(hours=5))
    _sms(s, resent, "delivered", NOW - timedelta(hours=4), attempt=2)
    numbers["sms_resent"] = resent.number
    cancelled = make_order(s, point, status="cancelled", number="500000030")
    cancelled.boxes[0].status = "placed"
    numbers["cancelled"] = cancelled.number


def _unplaced(s: Session, point: PickupPoint, built: WaitsPoint) -> None:
    shipment = make_shipment(s, point, number="R0000777")
    order = make_order(s, point, status="partially_arrived", boxes=3, number="500000040", shipment=shipment)
    for box, age, label in zip(order.boxes, (timedelta(hours=1), timedelta(hours=5), timedelta(days=2)),
                               ("1h", "5h", "2d"), strict=True):
        box.status, box.received_at = "received", NOW - age
        built.boxes[label] = box.barcode
    built.numbers["unplaced"] = order.number


def _sessions(s: Session, point: PickupPoint, built: WaitsPoint, clerk_id: int, gone_id: int) -> None:
    s.add(Shift(point_id=point.id, staff_id=clerk_id, opened_at=NOW - timedelta(hours=3)))
    s.add(Shift(point_id=point.id, staff_id=gone_id, opened_at=NOW - timedelta(hours=3),
                closed_at=NOW - timedelta(hours=1)))
    for label, model, opener, age in (("return_yesterday", ReturnSession, clerk_id, timedelta(days=1)),
                                      ("receiving_today", ReceivingSession, clerk_id, timedelta(hours=2)),
                                      ("receiving_closed_shift", ReceivingSession, gone_id, timedelta(hours=2))):
        uid = f"{label}-uid"
        s.add(model(uid=uid, point_id=point.id, opened_by=opener, opened_at=NOW - age))
        built.sessions[label] = uid


def _events(db: Database, built: WaitsPoint) -> None:
    base = Service(db, lambda: NOW - timedelta(hours=6))
    with base.action(built.clerk) as act:
        labels = ("rejected", "conflict", "applied", "reviewed")
        for label in labels:
            number = built.numbers["locked"] if label != "conflict" else built.numbers["cancelled"]
            built.events[label] = act.emit(OrderLocked(order=number, failed_attempts=5))
        act.emit(ShiftOpened(shift="s", staff="x"))
    verdicts = {"rejected": ("rejected", "unknown_order:500000005", None),
                "conflict": ("conflict", "order_cancelled", None), "applied": ("applied", None, None),
                "reviewed": ("rejected", "internal_error", NOW)}
    with db.write() as s:
        for label, (status, reason, reviewed) in verdicts.items():
            row = s.scalars(select(OutboxEvent).where(OutboxEvent.event_id == built.events[label])).one()
            row.status, row.reason, row.reviewed_at = status, reason, reviewed


def build_waits_point(db: Database) -> WaitsPoint:
    with db.write() as s:
        point = make_point(s)
        clerk = make_staff(s, point)
        gone = make_staff(s, point, full_name="Ушедший Пётр")
        manager = make_staff(s, point, Role.MANAGER)
        built = WaitsPoint(actor_for(clerk), actor_for(manager))
        _orders(s, point, built)
        _unplaced(s, point, built)
        _sessions(s, point, built, clerk.id, gone.id)
    _events(db, built)
    return built
