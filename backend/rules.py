"""Server rules: how each device event changes the server's view (and which changes it publishes).

A rule returns an `Outcome`; it never compares client clocks. Physical facts reported by a counter
PC (goods handed over, boxes returned) are accepted even when the server's view disagrees, and
flagged for staff instead of being refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from backend import changes
from backend.codes import CodeIssuer, code_issued, issue_code, sms_context
from backend.db import rowcount
from backend.models import (
    BonusEntry,
    Box,
    Cell,
    ClubCard,
    Customer,
    Handover,
    Order,
    OrderFlag,
    OrderLine,
    Point,
    Shipment,
    StaffTask,
)
from backend.serialize import card_dict, load_order, order_dict, parse_iso, shipment_dict
from backend.sms.models import PURPOSES
from backend.sms.service import request_sms
from protocol import events as ev
from protocol.club_rules import points_for
from protocol.errors import IllegalTransition
from protocol.limits import DAMAGE_NOTE_MAX, REFUSAL_REASON_MAX
from protocol.order_states import AT_POINT, OrderEvent, OrderStatus, next_status
from protocol.states import BoxStatus, CardStatus, EventOutcome, ShipmentStatus

S = OrderStatus
BEFORE_ARRIVAL = (S.CREATED, S.IN_TRANSIT, S.PARTIALLY_ARRIVED)
CLOSED = (S.HANDED_OVER, S.PARTIALLY_HANDED_OVER, S.REFUSED, S.RETURNED)
HANDOVER_EVENTS: dict[str, OrderEvent] = {
    S.HANDED_OVER: OrderEvent.HAND_OVER,
    S.PARTIALLY_HANDED_OVER: OrderEvent.HAND_OVER_PARTIALLY,
    S.REFUSED: OrderEvent.REFUSE,
}
IN_STORAGE = (BoxStatus.EXPECTED, BoxStatus.RECEIVED, BoxStatus.PLACED)
CARD_ACTIVATABLE = (CardStatus.STOCK, CardStatus.PENDING)
FLAG_AFTER_CANCEL = "handed_over_after_cancel"


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
        self.session.flush()
        self.publish("order.upsert", order_dict(order, self.point.code))


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
    """Apply one validated event; every known type has a rule (record-only types just answer applied)."""
    fn = RULES.get(event.TYPE, _record_only)
    try:
        return fn(ctx, event)
    except Refused as refusal:
        return refusal.outcome


def _record_only(_ctx: RuleContext, _event: Any) -> Outcome:
    return APPLIED


# --- lookups ------------------------------------------------------------------------------------


def _order(ctx: RuleContext, number: str) -> Order:
    order = load_order(ctx.session, number, for_update=True)
    if order is None:
        raise Refused(rejected(f"unknown_order:{number}"))
    if order.point_id != ctx.point.id:
        raise Refused(rejected(f"foreign_order:{number}"))
    return order


def _box(ctx: RuleContext, barcode: str, order_number: str | None = None) -> Box:
    box = ctx.session.scalars(select(Box).where(Box.barcode == barcode).options(joinedload(Box.order))).first()
    if box is None:
        raise Refused(rejected(f"unknown_box:{barcode}"))
    if box.order.point_id != ctx.point.id:
        raise Refused(rejected(f"foreign_box:{barcode}"))
    if order_number is not None and box.order.number != order_number:
        raise Refused(rejected(f"box_order_mismatch:{barcode}"))
    return box


def _move_box(ctx: RuleContext, box: Box, from_statuses: tuple[BoxStatus, ...], **values: Any) -> bool:
    """Conditional update: True only for the one transaction that really moved the box."""
    result = ctx.session.execute(  # ORM-enabled: also refreshes `box` in the session
        update(Box).where(Box.id == box.id, Box.status.in_(from_statuses)).values(**values)
    )
    return rowcount(result) > 0


# --- receiving ----------------------------------------------------------------------------------


@rule(ev.BoxReceived)
def box_received(ctx: RuleContext, event: ev.BoxReceived) -> Outcome:
    box = _box(ctx, event.box, event.order)
    order = _order(ctx, event.order)
    moved = _move_box(ctx, box, (BoxStatus.EXPECTED,), status=BoxStatus.RECEIVED, received_at=ctx.now,
                      received_by=ctx.device_id)
    if not moved:
        return duplicate("box_already_received")
    if order.status in BEFORE_ARRIVAL:
        order.status = next_status(order.number, order.status, OrderEvent.BOX_ARRIVED)
    ctx.publish_order(order)
    _update_shipment(ctx, box.shipment_id)
    return APPLIED


def _update_shipment(ctx: RuleContext, shipment_id: int | None) -> None:
    """in_transit → receiving at its first box, → received when none of its boxes is still expected."""
    shipment = ctx.session.get(Shipment, shipment_id) if shipment_id is not None else None
    if shipment is None:
        return
    waiting = ctx.session.scalar(
        select(func.count()).select_from(Box).where(Box.shipment_id == shipment.id, Box.status == BoxStatus.EXPECTED)
    )
    status = ShipmentStatus.RECEIVED if not waiting else ShipmentStatus.RECEIVING
    if shipment.status != status:
        shipment.status = status
        ctx.publish("shipment.upsert", shipment_dict(shipment, ctx.point.code))


@rule(ev.ReceivingScanUndone)
def scan_undone(ctx: RuleContext, event: ev.ReceivingScanUndone) -> Outcome:
    box = _box(ctx, event.box, event.order)
    if not _move_box(ctx, box, (BoxStatus.RECEIVED,), status=BoxStatus.EXPECTED, received_at=None,
                     received_by=None):
        return duplicate("box_not_received")
    order = _order(ctx, box.order.number)
    any_left = any(b.status != BoxStatus.EXPECTED for b in order.boxes)
    undo = OrderEvent.ARRIVAL_UNDONE if any_left else OrderEvent.ALL_ARRIVAL_UNDONE
    try:
        order.status = next_status(order.number, order.status, undo)
    except IllegalTransition:
        return APPLIED
    ctx.publish_order(order)
    return APPLIED


@rule(ev.OrderArrived)
def order_arrived(ctx: RuleContext, event: ev.OrderArrived) -> Outcome:
    order = _order(ctx, event.order)
    if order.status == S.CANCELLED:
        return conflict("order_cancelled")
    if order.status not in BEFORE_ARRIVAL:
        return duplicate("order_already_arrived")
    order.status = next_status(order.number, order.status, OrderEvent.ALL_ARRIVED)
    order.arrived_at = ctx.now
    ctx.session.execute(
        update(Box)
        .where(Box.order_id == order.id, Box.status == BoxStatus.EXPECTED)
        .values(status=BoxStatus.RECEIVED, received_at=ctx.now, received_by=ctx.device_id)
    )
    for shipment_id in {box.shipment_id for box in order.boxes}:
        _update_shipment(ctx, shipment_id)
    if not issue_code(ctx.session, ctx.issuer, ctx.point, order, attempt=1):
        # Arrived again after an undone scan: the code issued the first time still stands.
        order.status = next_status(order.number, order.status, OrderEvent.MAKE_READY)
        ctx.publish_order(order)
    return APPLIED


@rule(ev.BoxDamaged)
def box_damaged(ctx: RuleContext, event: ev.BoxDamaged) -> Outcome:
    box = _box(ctx, event.box, event.order)
    box.damaged = True
    box.damage_note = event.note[:DAMAGE_NOTE_MAX]
    return APPLIED


# --- storage ------------------------------------------------------------------------------------


@rule(ev.BoxPlaced)
def box_placed(ctx: RuleContext, event: ev.BoxPlaced) -> Outcome:
    box = _box(ctx, event.box, event.order)
    cell = ctx.session.scalars(select(Cell).where(Cell.point_id == ctx.point.id, Cell.code == event.cell)).first()
    if cell is None:
        return rejected(f"unknown_cell:{event.cell}")
    moved = _move_box(
        ctx, box, IN_STORAGE, status=BoxStatus.PLACED, cell_code=cell.code, placed_at=ctx.now
    )
    if not moved:
        return conflict(f"box_not_in_storage:{box.status}")
    ctx.publish_order(box.order)
    return APPLIED


@rule(ev.StorageExtended)
def storage_extended(ctx: RuleContext, event: ev.StorageExtended) -> Outcome:
    order = _order(ctx, event.order)
    until = parse_iso(event.until)
    if until is None or event.days <= 0:
        return rejected("invalid_extension")
    if order.status not in AT_POINT:
        return conflict(f"order_not_in_storage:{order.status}")
    order.storage_until = until
    order.extended_days += event.days
    ctx.publish_order(order)
    return APPLIED


# --- notification -------------------------------------------------------------------------------


@rule(ev.SmsRequested)
def sms_requested(ctx: RuleContext, event: ev.SmsRequested) -> Outcome:
    if event.purpose not in PURPOSES or event.attempt < 1:
        return rejected(f"invalid_sms_request:{event.purpose}/{event.attempt}")
    if event.purpose == "club":
        return _club_sms(ctx, event)
    order = _order(ctx, event.order)
    if event.purpose != "ready":
        context = sms_context(ctx.point, order, ctx.now, uid=event.sms)
        request_sms(ctx.session, order.number, event.purpose, event.attempt, context)
        return APPLIED
    if code_issued(ctx.session, order.id, event.attempt):
        return Outcome(EventOutcome.APPLIED, "already_requested")
    if order.status not in (S.ARRIVED, S.READY):
        return conflict(f"order_not_ready:{order.status}")
    issue_code(ctx.session, ctx.issuer, ctx.point, order, event.attempt, sms_uid=event.sms)
    return APPLIED


def _club_sms(ctx: RuleContext, event: ev.SmsRequested) -> Outcome:
    """The club welcome SMS: `order` is the qualifying order (or the card); the card is the one
    activated with the order customer's phone."""
    card = ctx.session.scalars(select(ClubCard).where(ClubCard.number == event.order)).first()
    if card is not None and card.point_id == ctx.point.id and card.customer_id is not None:
        customer = ctx.session.get(Customer, card.customer_id)
    else:
        order = _order(ctx, event.order)
        customer = order.customer
        card = _active_card_for(ctx, customer.phone)
    if card is None or customer is None:
        return conflict(f"no_active_card:{event.order}")
    context = {"card": card.number, "points": ctx.activation_points, "phone": customer.phone,
               "point_code": ctx.point.code, "now": ctx.now, "uid": event.sms}
    request_sms(ctx.session, event.order, "club", event.attempt, context)
    return APPLIED


def _active_card_for(ctx: RuleContext, phone: str) -> ClubCard | None:
    return ctx.session.scalars(
        select(ClubCard)
        .join(Customer, Customer.id == ClubCard.customer_id)
        .where(Customer.phone == phone, ClubCard.status == CardStatus.ACTIVE, ClubCard.point_id == ctx.point.id)
        .order_by(ClubCard.activated_at.desc())
    ).first()


# --- handover -----------------------------------------------------------------------------------


@rule(ev.HandoverCompleted)
def handover_completed(ctx: RuleContext, event: ev.HandoverCompleted) -> Outcome:
    if event.result not in HANDOVER_EVENTS:
        return rejected(f"invalid_result:{event.result}")
    order = _order(ctx, event.order)
    if ctx.session.scalar(select(Handover.id).where(Handover.uid == event.handover)) is not None:
        return duplicate("handover_already_recorded")
    if order.status in CLOSED:
        return conflict(f"order_already_closed:{order.status}")
    outcome = _handover_status(ctx, order, event)
    _handover_effects(ctx, order, event)
    ctx.publish_order(order)
    return outcome


def _handover_status(ctx: RuleContext, order: Order, event: ev.HandoverCompleted) -> Outcome:
    previous = order.status
    if previous == S.CANCELLED:
        order.status = event.result
        _flag_after_cancel(ctx, order)
        return Outcome(EventOutcome.APPLIED, FLAG_AFTER_CANCEL)
    try:
        order.status = next_status(order.number, previous, HANDOVER_EVENTS[event.result])
    except IllegalTransition:
        order.status = event.result  # the goods are gone: the fact wins over the server's view
        return Outcome(EventOutcome.APPLIED, f"forced_from:{previous}")
    return APPLIED


def _handover_effects(ctx: RuleContext, order: Order, event: ev.HandoverCompleted) -> None:
    ctx.session.add(
        Handover(uid=event.handover, order_id=order.id, device_id=ctx.device_id, result=event.result,
                 completed_at=ctx.now)
    )
    if event.result != S.REFUSED:
        order.handed_over_at = ctx.now
        ctx.session.execute(
            update(Box)
            .where(Box.order_id == order.id, Box.status != BoxStatus.RETURNED)
            .values(status=BoxStatus.HANDED_OVER)
        )
    _record_refusals(order.lines, event.lines)


def _record_refusals(lines: list[OrderLine], reported: list[dict[str, Any]]) -> None:
    by_sku = {line.sku: line for line in lines}
    for item in reported:
        line = by_sku.get(str(item.get("sku")))
        refused = item.get("refused") or 0
        if line is not None and isinstance(refused, int) and refused > 0:
            line.refused_quantity = min(refused, line.quantity)
            line.refusal_reason = (str(item.get("reason") or ""))[:REFUSAL_REASON_MAX] or None


def _flag_after_cancel(ctx: RuleContext, order: Order) -> None:
    text = (
        f"Заказ {order.number} был отменён, но выдан клиенту. Свяжитесь с клиентом и "
        "оформите возврат товара или оплату."
    )
    try:
        with ctx.session.begin_nested():
            ctx.session.add(OrderFlag(order_id=order.id, flag=FLAG_AFTER_CANCEL, event_id=ctx.event_id,
                                      created_at=ctx.now))
    except IntegrityError:
        return
    ctx.session.add(StaffTask(point_id=ctx.point.id, order_id=order.id, kind=FLAG_AFTER_CANCEL, text=text,
                              created_at=ctx.now))
    ctx.publish("order.flagged", {"order": order.number, "flag": FLAG_AFTER_CANCEL, "task": text})


# --- bonus points and club cards ----------------------------------------------------------------


def _credit(ctx: RuleContext, entry: BonusEntry) -> bool:
    """Insert a ledger entry; False when (reason, order) or (reason, card) is already credited."""
    try:
        with ctx.session.begin_nested():
            ctx.session.add(entry)
    except IntegrityError:
        return False
    return True


@rule(ev.BonusAccrual)
def bonus_accrual(ctx: RuleContext, event: ev.BonusAccrual) -> Outcome:
    order = _order(ctx, event.order)
    if order.status not in (S.HANDED_OVER, S.PARTIALLY_HANDED_OVER):
        return conflict(f"order_not_handed_over:{order.status}")
    if event.points <= 0 or event.points > points_for(order.total_kopecks):
        return rejected(f"invalid_points:{event.points}")
    entry = BonusEntry(customer_id=order.customer_id, order_id=order.id, reason="accrual", points=event.points,
                       event_id=ctx.event_id, created_at=ctx.now)
    if not _credit(ctx, entry):
        return duplicate("bonus_already_credited")
    ctx.publish("bonus.confirmed", {"order": order.number, "card": None, "reason": "accrual",
                                    "points": event.points})
    return APPLIED


@rule(ev.ClubCardActivated)
def card_activated(ctx: RuleContext, event: ev.ClubCardActivated) -> Outcome:
    card = ctx.session.scalars(select(ClubCard).where(ClubCard.number == event.card)).first()
    if card is None:
        return rejected(f"unknown_card:{event.card}")
    if card.point_id != ctx.point.id:
        return rejected(f"foreign_card:{event.card}")
    if card.status not in CARD_ACTIVATABLE:
        return _activation_lost(ctx, card)
    customer = _club_customer(ctx, event.phone, event.card)
    won = rowcount(ctx.session.execute(
        update(ClubCard)
        .where(ClubCard.id == card.id, ClubCard.status.in_(CARD_ACTIVATABLE))
        .values(status=CardStatus.ACTIVE, customer_id=customer.id, city=event.city, activated_at=ctx.now,
                activation_event_id=ctx.event_id)
    ))
    ctx.session.expire(card)
    if not won:
        return _activation_lost(ctx, card)
    points = ctx.activation_points
    entry = BonusEntry(customer_id=customer.id, card_id=card.id, reason="activation", points=points,
                       event_id=ctx.event_id, created_at=ctx.now)
    if not _credit(ctx, entry):
        raise Refused(conflict("activation_bonus_already_credited"))
    ctx.publish("club.activation_result", {"card": card.number, "status": CardStatus.ACTIVE, "reason": None})
    ctx.publish("bonus.confirmed", {"order": None, "card": card.number, "reason": "activation", "points": points})
    ctx.publish("card.upsert", card_dict(card, ctx.point.code))
    return APPLIED


def _activation_lost(ctx: RuleContext, card: ClubCard) -> Outcome:
    """The second activation of a card: a conflict for review; the device learns it from the feed."""
    reason = "card_already_active"
    ctx.publish("club.activation_result", {"card": card.number, "status": CardStatus.REJECTED, "reason": reason})
    return conflict(reason)


def _club_customer(ctx: RuleContext, phone: str, card_number: str) -> Customer:
    customer = ctx.session.scalars(select(Customer).where(Customer.phone == phone).order_by(Customer.id)).first()
    if customer is None:
        customer = Customer(full_name=f"Владелец карты {card_number}", phone=phone)
        ctx.session.add(customer)
        ctx.session.flush()
    return customer


# --- returns ------------------------------------------------------------------------------------


@rule(ev.BoxReturned)
def box_returned(ctx: RuleContext, event: ev.BoxReturned) -> Outcome:
    box = _box(ctx, event.box, event.order)
    moved = _move_box(ctx, box, IN_STORAGE, status=BoxStatus.RETURNED, cell_code=None)
    if not moved:
        return duplicate(f"box_not_in_storage:{box.status}")
    ctx.publish_order(box.order)
    return APPLIED


@rule(ev.OrderReturned)
def order_returned(ctx: RuleContext, event: ev.OrderReturned) -> Outcome:
    order = _order(ctx, event.order)
    if order.status == S.RETURNED:
        return duplicate("order_already_returned")
    if order.status == S.HANDED_OVER:
        return conflict("order_handed_over")
    previous = order.status
    outcome = APPLIED
    try:
        order.status = next_status(order.number, previous, OrderEvent.RETURN)
    except IllegalTransition:
        order.status = S.RETURNED
        outcome = Outcome(EventOutcome.APPLIED, f"forced_from:{previous}")
    order.returned_at = ctx.now
    ctx.publish_order(order)
    return outcome
