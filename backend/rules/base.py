"""Server rules, the common part: an event's outcome, the rule context, the rule registry and lookups.

A rule returns an `Outcome`; it never compares client clocks. Physical facts reported by a counter
PC (goods handed over, boxes returned) are accepted even when the server's view disagrees, and
flagged for staff instead of being refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload, selectinload

from backend import changes
from backend.codes import BATCH_CODES, CodeIssuer, preload_codes
from backend.db import among, rowcount
from backend.models import Box, Order, Point
from backend.serialize import load_order
from protocol import events as ev
from protocol.order_states import OrderStatus
from protocol.states import BoxStatus, EventOutcome

S = OrderStatus
IN_STORAGE = (BoxStatus.EXPECTED, BoxStatus.RECEIVED, BoxStatus.PLACED)


@dataclass(frozen=True)
class Outcome:
    status: EventOutcome
    reason: str | None = None


APPLIED = Outcome(EventOutcome.APPLIED)


def duplicate(reason: str) -> Outcome:
    return Outcome(EventOutcome.DUPLICATE, reason)


def conflict(reason: str) -> Outcome:
    return Outcome(EventOutcome.CONFLICT, reason)


def rejected(reason: str) -> Outcome:
    return Outcome(EventOutcome.REJECTED, reason)


@dataclass
class RuleContext:
    """One event being applied: the session, the device's point, the server clock value and settings."""

    session: Session
    point: Point
    device_id: str
    event_id: str
    now: datetime
    issuer: CodeIssuer
    activation_points: int

    def publish(self, type_: str, payload: dict[str, Any]) -> None:
        changes.publish(self.session, self.point.id, type_, payload, self.now)

    def publish_order(self, order: Order) -> None:
        changes.publish_order(self.session, self.point, order, self.now)


class Refused(Exception):
    """A rule's early exit carrying the outcome (keeps each rule a straight line)."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.reason)
        self.outcome = outcome


Rule = Callable[[RuleContext, Any], Outcome]
RULES: dict[str, Rule] = {}


def rule(event_cls: type[ev.Event]) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        RULES[event_cls.TYPE] = fn
        return fn

    return register


def has_rule(event_type: str) -> bool:
    """Does this type change the server's view (else it is only recorded)?"""
    return event_type in RULES


def apply_event(ctx: RuleContext, event: ev.Event) -> Outcome:
    """Apply one validated event of a type with a rule (`has_rule`; other types are only recorded)."""
    try:
        return RULES[event.TYPE](ctx, event)
    except Refused as refusal:
        return refusal.outcome


# --- lookups ------------------------------------------------------------------------------------


LOCKED_ORDERS = "locked_orders"  # session.info key: the orders this transaction holds locked, by number


def order_at_point(ctx: RuleContext, number: str) -> Order:
    """The order, locked for update; refused when unknown or another point's.

    An order already locked by an earlier event of the batch is taken from the session (it is the identity
    map's object either way; the lock is held to the commit), so the three events of a receiving scan load it
    once. A rolled-back savepoint (which releases the locks taken inside it) forgets them: `forget_locked`."""
    locked: dict[str, Order] = ctx.session.info.setdefault(LOCKED_ORDERS, {})
    order = locked.get(number) or load_order(ctx.session, number, for_update=True)
    if order is None:
        raise Refused(rejected(f"unknown_order:{number}"))
    locked[number] = order
    if order.point_id != ctx.point.id:
        raise Refused(rejected(f"foreign_order:{number}"))
    return order


def forget_locked(session: Session) -> None:
    session.info.pop(LOCKED_ORDERS, None)
    session.info.pop(BATCH_BOXES, None)
    session.info.pop(BATCH_CODES, None)  # a code inserted in the rolled-back savepoint is gone


BATCH_BOXES = "batch_boxes"  # session.info key: the batch's boxes by barcode, loaded at once (`preload`)
CHUNK = 500


def preload(session: Session, numbers: set[str], barcodes: set[str]) -> None:
    """Load (and lock, in number order) the orders a batch names and its boxes with their orders, a query per
    chunk instead of one per event: `order_at_point` and `box_at_point` then find them in the session."""
    locked: dict[str, Order] = session.info.setdefault(LOCKED_ORDERS, {})
    boxes: dict[str, Box] = session.info.setdefault(BATCH_BOXES, {})
    wanted = sorted(numbers - locked.keys())
    for start in range(0, len(wanted), CHUNK):
        stmt = (select(Order).where(among(session, Order.number, wanted[start:start + CHUNK])).order_by(Order.number)
                .options(selectinload(Order.lines), selectinload(Order.boxes).selectinload(Box.shipment))
                .with_for_update(of=Order))
        loaded = list(session.scalars(stmt))
        locked.update((order.number, order) for order in loaded)
        # their boxes came with them (a receiving scan names the box's order): those are not queried again below
        boxes.update((box.barcode, box) for order in loaded for box in order.boxes if box.barcode in barcodes)
    preload_codes(session, [order.id for order in locked.values()])
    codes = sorted(barcodes - boxes.keys())
    for start in range(0, len(codes), CHUNK):
        box_stmt = select(Box).where(among(session, Box.barcode, codes[start:start + CHUNK])).options(
            joinedload(Box.order, innerjoin=True))
        boxes.update((box.barcode, box) for box in session.scalars(box_stmt))


def box_at_point(ctx: RuleContext, barcode: str, order_number: str | None = None) -> Box:
    """The box with its order; refused when unknown, another point's or of another order."""
    # An inner join (every box has an order): an outer join to (orders JOIN customers) makes SQLite scan every order.
    box = ctx.session.info.get(BATCH_BOXES, {}).get(barcode) or ctx.session.scalars(
        select(Box).where(Box.barcode == barcode).options(joinedload(Box.order, innerjoin=True))
    ).first()
    if box is None:
        raise Refused(rejected(f"unknown_box:{barcode}"))
    if box.order.point_id != ctx.point.id:
        raise Refused(rejected(f"foreign_box:{barcode}"))
    if order_number is not None and box.order.number != order_number:
        raise Refused(rejected(f"box_order_mismatch:{barcode}"))
    return box


def move_box(ctx: RuleContext, box: Box, from_statuses: tuple[BoxStatus, ...], **values: Any) -> bool:
    """Conditional update: True only for the one transaction that really moved the box."""
    result = ctx.session.execute(  # ORM-enabled: also refreshes `box` in the session
        update(Box).where(Box.id == box.id, Box.status.in_(from_statuses)).values(**values)
    )
    return rowcount(result) > 0
