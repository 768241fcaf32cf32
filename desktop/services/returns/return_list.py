"""Return list step: the orders that must go back now with the boxes still at the point."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from desktop.db.models import Box, Order, PickupPoint
from desktop.documents.model import RefusedItem
from desktop.services.returns.rules import NOT_AT_POINT, ReturnReason, return_reason
from protocol.order_states import OrderStatus
from protocol.states import BoxStatus

# Orders that go back whatever the date (a ready order only once its storage period is over).
ALWAYS_BACK = (OrderStatus.REFUSED, OrderStatus.CANCELLED, OrderStatus.PARTIALLY_HANDED_OVER)


@dataclass(frozen=True)
class ReturnBoxView:
    barcode: str
    seq_no: int
    boxes_total: int
    cell: str | None
    returned: bool


@dataclass(frozen=True)
class ReturnCandidate:
    """An order that must go back, with the boxes still to be scanned out (and the refused goods in them)."""

    order_number: str
    reason: ReturnReason
    status: str
    customer_name: str
    storage_until: datetime | None
    boxes: tuple[ReturnBoxView, ...]
    items: tuple[RefusedItem, ...] = ()  # partial handover: the refused lines kept at the point


@dataclass(frozen=True)
class ReturnList:
    orders: tuple[ReturnCandidate, ...]


def build_return_list(session: Session, point: PickupPoint, now: datetime) -> ReturnList:
    """Expired ready orders, refused and cancelled orders still here, refused lines of partial handovers."""
    candidates = [
        _candidate(order, reason)
        for order in _possible_returns(session, point, now)
        if (reason := return_reason(order, point, now)) is not None and pending_boxes(order)
    ]
    return ReturnList(tuple(candidates))


def pending_boxes(order: Order) -> list[Box]:
    """The order's boxes still at the point (not expected, not handed over, not yet returned)."""
    return [box for box in order.boxes if box.status not in NOT_AT_POINT]


def refused_items(order: Order) -> tuple[RefusedItem, ...]:
    """The refused lines of a partially handed-over order (nothing for any other order)."""
    if order.status != OrderStatus.PARTIALLY_HANDED_OVER:
        return ()
    return tuple(
        RefusedItem(x.sku, x.name, x.refused_quantity, x.refusal_reason) for x in order.lines if x.refused_quantity
    )


def _possible_returns(session: Session, point: PickupPoint, now: datetime) -> list[Order]:
    ready_due = (Order.status == OrderStatus.READY) & or_(Order.storage_until <= now, Order.storage_until.is_(None))
    here = Order.boxes.any(Box.status.in_((BoxStatus.RECEIVED, BoxStatus.PLACED)))
    return list(
        session.scalars(
            select(Order)
            # The status list first, alone: the planner reads the point's orders in these states by
            # ix_orders_point_status instead of all of them (the OR below is what decides).
            .where(Order.point_id == point.id, Order.status.in_((OrderStatus.READY, *ALWAYS_BACK)),
                   or_(ready_due, Order.status.in_(ALWAYS_BACK)), here)
            .options(
                selectinload(Order.boxes).selectinload(Box.cell),
                selectinload(Order.customer),
                selectinload(Order.lines),
            )
            .order_by(Order.number)
        )
    )


def _candidate(order: Order, reason: ReturnReason) -> ReturnCandidate:
    boxes = tuple(
        ReturnBoxView(
            b.barcode, b.seq_no, order.boxes_total, b.cell.label if b.cell else None, b.status == BoxStatus.RETURNED
        )
        for b in order.boxes
        if b.status not in (BoxStatus.EXPECTED, BoxStatus.HANDED_OVER)
    )
    return ReturnCandidate(
        order.number,
        reason,
        order.status,
        order.customer.full_name,
        order.storage_until,
        boxes,
        refused_items(order),
    )
