"""Server rules for handovers: the order's final state, refused lines and the flag after a central cancel."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from backend.models import Box, Handover, Order, OrderFlag, OrderLine, StaffTask
from backend.rules import claims, money
from backend.rules.base import (
    APPLIED,
    Outcome,
    RuleContext,
    S,
    conflict,
    duplicate,
    order_at_point,
    rejected,
    rule,
)
from protocol import events as ev
from protocol.errors import IllegalTransition
from protocol.limits import REFUSAL_REASON_MAX
from protocol.order_states import OrderEvent, next_status
from protocol.states import BoxStatus, EventOutcome

CLOSED = (S.HANDED_OVER, S.PARTIALLY_HANDED_OVER, S.REFUSED, S.RETURNED)
HANDOVER_EVENTS: dict[str, OrderEvent] = {
    S.HANDED_OVER: OrderEvent.HAND_OVER,
    S.PARTIALLY_HANDED_OVER: OrderEvent.HAND_OVER_PARTIALLY,
    S.REFUSED: OrderEvent.REFUSE,
}
FLAG_AFTER_CANCEL = "handed_over_after_cancel"

# --- handover -----------------------------------------------------------------------------------


@rule(ev.HandoverCompleted)
def handover_completed(ctx: RuleContext, event: ev.HandoverCompleted) -> Outcome:
    if event.result not in HANDOVER_EVENTS:
        return rejected(f"invalid_result:{event.result}")
    order = order_at_point(ctx, event.order)
    if ctx.session.scalar(select(Handover.id).where(Handover.uid == event.handover)) is not None:
        return duplicate("handover_already_recorded")
    if order.status in CLOSED:
        return conflict(f"order_already_closed:{order.status}")
    payment = money.checked_payment(ctx, order, event)
    outcome = _handover_status(ctx, order, event)
    _handover_effects(ctx, order, event, payment)
    if event.result != S.REFUSED:
        claims.return_handed_over(ctx, order)  # a warranty return order: its claim is closed
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


def _handover_effects(ctx: RuleContext, order: Order, event: ev.HandoverCompleted, payment: dict[str, Any]) -> None:
    ctx.session.add(
        Handover(uid=event.handover, order_id=order.id, device_id=ctx.device_id, result=event.result,
                 completed_at=ctx.now, payment=payment, credit_agreement=event.credit_agreement)
    )
    if event.result != S.REFUSED:
        order.handed_over_at = ctx.now
        leaving = update(Box).where(Box.order_id == order.id, Box.status != BoxStatus.RETURNED)
        if event.result == S.PARTIALLY_HANDED_OVER and event.kept_box:
            leaving = leaving.where(Box.barcode != event.kept_box)
            _keep_return_box(ctx, order, event.kept_box)
        ctx.session.execute(leaving.values(status=BoxStatus.HANDED_OVER, cell_code=None))  # out of its cell
    _record_refusals(order.lines, event.lines)


def _keep_return_box(ctx: RuleContext, order: Order, barcode: str) -> None:
    """Partial handover: the box holding the refused goods stays at the point, out of its cell, for the return."""
    ctx.session.execute(
        update(Box)
        .where(Box.order_id == order.id, Box.barcode == barcode, Box.status != BoxStatus.RETURNED)
        .values(status=BoxStatus.RECEIVED, cell_code=None)
    )


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
        f"Order {order.number} was cancelled but handed over to the customer: contact the customer and "
        "arrange a return of the goods or the payment."
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
