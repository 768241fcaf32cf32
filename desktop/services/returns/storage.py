"""Storage period step: a manager's one-time extension and the lists of orders expiring today or tomorrow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.db.models import Box, Order, PickupPoint
from desktop.services.base import Action
from desktop.services.returns.rules import (
    DEFAULT_STORAGE_DAYS,
    MAX_EXTENSION_DAYS,
    day_bounds,
    local_text,
    point_zone,
    storage_deadline,
)
from protocol.errors import DomainError
from protocol.events import StorageExtended
from protocol.order_states import OrderStatus
from protocol.states import BoxStatus


@dataclass(frozen=True)
class ExtensionResult:
    order_number: str
    days: int
    storage_until: datetime
    storage_until_local: str


@dataclass(frozen=True)
class ExpiringOrder:
    order_number: str
    customer_name: str
    phone_last4: str
    storage_until: datetime
    storage_until_local: str
    extended: bool
    cells: tuple[str, ...]


def check_extension_days(days: int) -> None:
    """Refuse anything but a whole number of days from 1 to MAX_EXTENSION_DAYS."""
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_EXTENSION_DAYS:
        raise DomainError("storage.bad_extension_days", days=days, max=MAX_EXTENSION_DAYS)


def extend_storage(act: Action, point: PickupPoint, order_number: str, days: int) -> ExtensionResult:
    """Move the order's storage deadline by `days`, once, with its event and audit entry."""
    order = _order_here(act.session, point, order_number)
    until = _extended_until(order, point, days, act.now)
    order.storage_until, order.extended_days = until, days
    act.emit(StorageExtended(order=order.number, days=days, until=until.isoformat()))
    act.audit("storage.extended", order.number, days=days, until=until.isoformat())
    return ExtensionResult(order.number, days, until, local_text(until, point_zone(point)))


def expiring_day(now: datetime, zone: ZoneInfo, day: str) -> date:
    """The point's local date of «today» or «tomorrow»."""
    if day not in ("today", "tomorrow"):
        raise DomainError("expiring.bad_day")
    return now.astimezone(zone).date() + timedelta(days=1 if day == "tomorrow" else 0)


def expiring_orders(session: Session, point: PickupPoint, local_day: date) -> list[ExpiringOrder]:
    """Ready orders whose storage period ends on `local_day` at the point."""
    zone = point_zone(point)
    start, end = day_bounds(local_day, zone)
    orders = session.scalars(
        select(Order)
        .where(
            Order.point_id == point.id,
            Order.status == OrderStatus.READY,
            Order.storage_until >= start,
            Order.storage_until < end,
        )
        .options(selectinload(Order.boxes).selectinload(Box.cell), selectinload(Order.customer))
        .order_by(Order.storage_until, Order.number)
    ).all()
    return [_expiring_view(order, zone) for order in orders]


def _order_here(session: Session, point: PickupPoint, number: str) -> Order:
    order = session.scalars(select(Order).where(Order.number == number.strip(), Order.point_id == point.id)).first()
    if order is None:
        raise DomainError("order.not_found", order=number)
    return order


def _extended_until(order: Order, point: PickupPoint, days: int, now: datetime) -> datetime:
    if order.status != OrderStatus.READY:
        raise DomainError("storage.not_ready", order=order.number, status=OrderStatus(order.status))
    if order.extended_days:
        raise DomainError("storage.already_extended", order=order.number, days=order.extended_days)
    if any(box.status == BoxStatus.RETURNED for box in order.boxes):
        raise DomainError("storage.return_in_progress", order=order.number)
    deadline = storage_deadline(order, point) or now + timedelta(days=point.storage_days or DEFAULT_STORAGE_DAYS)
    return deadline + timedelta(days=days)


def _expiring_view(order: Order, zone: ZoneInfo) -> ExpiringOrder:
    assert order.storage_until is not None
    cells = tuple(sorted({box.cell.label for box in order.boxes if box.cell is not None}))
    return ExpiringOrder(
        order.number,
        order.customer.full_name,
        order.customer.phone_last4,
        order.storage_until,
        local_text(order.storage_until, zone),
        bool(order.extended_days),
        cells,
    )
