"""One line of an order search result and the Core select that reads it for the local point."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select

from desktop.db.models import Customer, Order, PickupPoint
from protocol.phone import mask_for_screen as mask_phone


@dataclass(frozen=True)
class OrderSummary:
    """One line of a search result."""

    number: str
    status: str
    kind: str
    prepaid: bool
    customer_name: str
    masked_phone: str
    boxes_total: int
    total_kopecks: int
    storage_until: datetime | None
    locked: bool


SUMMARY_COLUMNS = (
    Order.number,
    Order.status,
    Order.kind,
    Order.prepaid,
    Customer.full_name,
    Customer.phone,
    Order.boxes_total,
    Order.total_kopecks,
    Order.storage_until,
    Order.locked_at,
)


def summary_query() -> Select[*tuple[Any, ...]]:
    """Core select of summary columns for orders of the local point."""
    return (
        select(*SUMMARY_COLUMNS)
        .join(Customer, Customer.id == Order.customer_id)
        .join(PickupPoint, PickupPoint.id == Order.point_id)
        .where(PickupPoint.is_local.is_(True))
    )


def summary_from_row(row: Sequence[Any]) -> OrderSummary:
    """An OrderSummary from a row whose first columns are SUMMARY_COLUMNS (the phone gets masked)."""
    number, status, kind, prepaid, name, phone, boxes, total, until, locked_at = row[: len(SUMMARY_COLUMNS)]
    return OrderSummary(
        number, status, kind, prepaid, name, mask_phone(phone), boxes, total, until, locked_at is not None
    )
