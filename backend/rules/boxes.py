"""Server rules for boxes and their orders: receiving, storage in cells and returns to the sender."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select, update

from backend.codes import issue_code, next_code_attempt
from backend.models import SESSION_UID_MAX, Box, Cell, Shipment
from backend.rules import claims
from backend.rules.base import (
    APPLIED,
    IN_STORAGE,
    Outcome,
    RuleContext,
    S,
    box_at_point,
    conflict,
    duplicate,
    move_box,
    order_at_point,
    rejected,
    rule,
)
from backend.serialize import parse_iso, shipment_dict
from backend.sms.promise import release_session, withdraw_ready
from protocol import events as ev
from protocol.errors import IllegalTransition
from protocol.limits import DAMAGE_NOTE_MAX
from protocol.order_states import AT_POINT, OrderEvent, next_status
from protocol.states import BoxStatus, EventOutcome, ShipmentStatus

BEFORE_ARRIVAL = (S.CREATED, S.IN_TRANSIT, S.PARTIALLY_ARRIVED)

# --- receiving ----------------------------------------------------------------------------------


@rule(ev.BoxReceived)
def box_received(ctx: RuleContext, event: ev.BoxReceived) -> Outcome:
    box = box_at_point(ctx, event.box, event.order)
    order = order_at_point(ctx, event.order)
    moved = move_box(ctx, box, (BoxStatus.EXPECTED,), status=BoxStatus.RECEIVED, received_at=ctx.now,
                     received_by=ctx.device_id, received_session=event.session[:SESSION_UID_MAX])
    if not moved:
        return duplicate("box_already_received")
    if order.status in BEFORE_ARRIVAL:
        order.status = next_status(order.number, order.status, OrderEvent.BOX_ARRIVED)
    ctx.publish_order(order)
    _update_shipment(ctx, box.shipment_id)
    return APPLIED


def shipment_status(current: str, waiting: int, undone: bool = False) -> str:
    """A truck's status once its boxes changed: received when none is expected any more; receiving while some are,
    except that a truck whose receiving was closed (its act lists the missing boxes) stays received when a late box
    comes in. Only an undone scan takes a received truck back to receiving."""
    if not waiting or (current == ShipmentStatus.RECEIVED and not undone):
        return ShipmentStatus.RECEIVED
    return ShipmentStatus.RECEIVING


def set_shipment_status(ctx: RuleContext, shipment: Shipment, status: str) -> None:
    """Change a truck's status and tell the point's PCs."""
    if shipment.status != status:
        shipment.status = status
        ctx.publish("shipment.upsert", shipment_dict(shipment, ctx.point.code))


def _update_shipment(ctx: RuleContext, shipment_id: int | None, undone: bool = False) -> None:
    """in_transit → receiving at its first box, → received when none of its boxes is still expected
    (`shipment_status`)."""
    shipment = ctx.session.get(Shipment, shipment_id) if shipment_id is not None else None
    if shipment is None:
        return
    waiting = ctx.session.scalar(
        select(func.count()).select_from(Box).where(Box.shipment_id == shipment.id, Box.status == BoxStatus.EXPECTED)
    )
    set_shipment_status(ctx, shipment, shipment_status(shipment.status, waiting or 0, undone))


@rule(ev.ReceivingScanUndone)
def scan_undone(ctx: RuleContext, event: ev.ReceivingScanUndone) -> Outcome:
    box = box_at_point(ctx, event.box, event.order)
    if not move_box(ctx, box, (BoxStatus.RECEIVED,), status=BoxStatus.EXPECTED, received_at=None,
                    received_by=None, received_session=None):
        return duplicate("box_not_received")
    _update_shipment(ctx, box.shipment_id, undone=True)  # expected again: its truck is receiving, not received
    order = order_at_point(ctx, box.order.number)
    any_left = any(b.status != BoxStatus.EXPECTED for b in order.boxes)
    undo = OrderEvent.ARRIVAL_UNDONE if any_left else OrderEvent.ALL_ARRIVAL_UNDONE
    previous = order.status
    try:
        order.status = next_status(order.number, order.status, undo)
    except IllegalTransition:
        return APPLIED
    if previous in (S.ARRIVED, S.READY):  # the «ready» SMS promised too much: cancel it, or correct it
        withdraw_ready(ctx.session, ctx.point, order, ctx.now)
        claims.return_arrival_undone(ctx, order)  # a warranty return order: its claim is on its way again
    ctx.publish_order(order)
    return APPLIED


@rule(ev.ReceivingClosed)
def receiving_closed(ctx: RuleContext, event: ev.ReceivingClosed) -> Outcome:
    """The session's orders are final: their held «ready» SMS go now (backend/sms/promise.py); its truck is
    received, whatever boxes its act lists missing (the counter marks it so when the session closes)."""
    release_session(ctx.session, ctx.point, event.session[:SESSION_UID_MAX], ctx.now)
    number = event.summary.get("shipment")
    shipment = ctx.session.scalar(select(Shipment).where(
        Shipment.number == number, Shipment.point_id == ctx.point.id)) if isinstance(number, str) else None
    if shipment is not None:
        set_shipment_status(ctx, shipment, ShipmentStatus.RECEIVED)
    return APPLIED


@rule(ev.OrderArrived)
def order_arrived(ctx: RuleContext, event: ev.OrderArrived) -> Outcome:
    order = order_at_point(ctx, event.order)
    if order.status == S.CANCELLED:
        return conflict("order_cancelled")
    if order.status not in BEFORE_ARRIVAL:
        return duplicate("order_already_arrived")
    order.status = next_status(order.number, order.status, OrderEvent.ALL_ARRIVED)
    order.arrived_at = ctx.now
    claims.return_arrived(ctx, order)  # a warranty return order: its claim awaits pickup
    ctx.session.execute(
        update(Box)
        .where(Box.order_id == order.id, Box.status == BoxStatus.EXPECTED)
        .values(status=BoxStatus.RECEIVED, received_at=ctx.now, received_by=ctx.device_id)
    )
    for shipment_id in {box.shipment_id for box in order.boxes}:
        _update_shipment(ctx, shipment_id)
    # Arrived again after an undone scan: the first «ready» SMS was cancelled or corrected, so a new
    # code goes with a new «ready» SMS (the counter's own request names the same next attempt).
    if not issue_code(ctx.session, ctx.issuer, ctx.point, order, attempt=next_code_attempt(ctx.session, order.id)):
        order.status = next_status(order.number, order.status, OrderEvent.MAKE_READY)
        ctx.publish_order(order)
    return APPLIED


@rule(ev.BoxDamaged)
def box_damaged(ctx: RuleContext, event: ev.BoxDamaged) -> Outcome:
    box = box_at_point(ctx, event.box, event.order)
    box.damaged = True
    box.damage_note = event.note[:DAMAGE_NOTE_MAX]
    return APPLIED


# --- storage ------------------------------------------------------------------------------------


@rule(ev.BoxPlaced)
def box_placed(ctx: RuleContext, event: ev.BoxPlaced) -> Outcome:
    box = box_at_point(ctx, event.box, event.order)
    cell = ctx.session.scalars(select(Cell).where(Cell.point_id == ctx.point.id, Cell.code == event.cell)).first()
    if cell is None:
        return rejected(f"unknown_cell:{event.cell}")
    return _move_stored_box(ctx, box, conflict, status=BoxStatus.PLACED, cell_code=cell.code, placed_at=ctx.now)


def _move_stored_box(ctx: RuleContext, box: Box, refuse: Callable[[str], Outcome], **values: Any) -> Outcome:
    """Move a box still in storage (placed in a cell or returned); `refuse` when it already left storage."""
    if not move_box(ctx, box, IN_STORAGE, **values):
        return refuse(f"box_not_in_storage:{box.status}")
    ctx.publish_order(box.order)
    return APPLIED


@rule(ev.StorageExtended)
def storage_extended(ctx: RuleContext, event: ev.StorageExtended) -> Outcome:
    order = order_at_point(ctx, event.order)
    until = parse_iso(event.until)
    if until is None or event.days <= 0:
        return rejected("invalid_extension")
    if order.status not in AT_POINT:
        return conflict(f"order_not_in_storage:{order.status}")
    order.storage_until = until
    order.extended_days += event.days
    ctx.publish_order(order)
    return APPLIED


# --- returns ------------------------------------------------------------------------------------


@rule(ev.BoxReturned)
def box_returned(ctx: RuleContext, event: ev.BoxReturned) -> Outcome:
    box = box_at_point(ctx, event.box, event.order)
    return _move_stored_box(ctx, box, duplicate, status=BoxStatus.RETURNED, cell_code=None)


@rule(ev.OrderReturned)
def order_returned(ctx: RuleContext, event: ev.OrderReturned) -> Outcome:
    order = order_at_point(ctx, event.order)
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
