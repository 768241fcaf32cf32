"""Return list step: the orders that must go back now with the boxes still at the point."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from desktop.db.models import Box, Order, PickupPoint
from desktop.services.returns.rules import NOT_AT_POINT, ReturnReason, return_reason
from protocol.order_states import OrderStatus
from protocol.states import BoxStatus


@dataclass(frozen=True)
class ReturnBoxView:
    barcode: str
    seq_no: int
    boxes_total: int
    cell: str | None
    returned: bool


@dataclass(frozen=True)
class ReturnCandidate:
    """An order that must go back, with the boxes still to be scanned out."""

    order_number: str
    reason: ReturnReason
    status: str
    customer_name: str
    storage_until: datetime | None
    boxes: tuple[ReturnBoxView, ...]


@dataclass(frozen=True)
class ReturnList:
    orders: tuple[ReturnCandidate, ...]


def build_return_list(session: Session, point: PickupPoint, now: datetime) -> ReturnList:
    """Expired ready orders, refused and cancelled orders still here, with their boxes."""
    candidates = [
        _candidate(order, reason)
        for order in _possible_returns(session, point, now)
        if (reason := return_reason(order, point, now)) is not None and pending_boxes(order)
    ]
    return ReturnList(tuple(candidates))


def pending_boxes(order: Order) -> list[Box]:
    """The order's boxes still at the point (not expected, not yet returned)."""
    return [box for box in order.boxes if box.status not in NOT_AT_POINT]


def _possible_returns(session: Session, point: PickupPoint, now: datetime) -> list[Order]:
    ready_due = (Order.status == OrderStatus.READY) & or_(Order.storage_until <= now, Order.storage_until.is_(None))
    return list(
        session.scalars(
            select(Order)
            .where(
                Order.point_id == point.id,
                or_(ready_due, Order.status.in_((OrderStatus.REFUSED, OrderStatus.CANCELLED))),
            )
            .options(selectinload(Order.boxes).selectinload(Box.cell), selectinload(Order.customer))
            .order_by(Order.number)
        )
    )


def _candidate(order: Order, reason: ReturnReason) -> ReturnCandidate:
    boxes = tuple(
        ReturnBoxView(
            b.barcode, b.seq_no, order.boxes_total, b.cell.label if b.cell else None, b.status == BoxStatus.RETURNED
        )
        for b in order.boxes
        if b.status != BoxStatus.EXPECTED
    )
    return ReturnCandidate(order.number, reason, order.status, order.customer.full_name, order.storage_until, boxes)
