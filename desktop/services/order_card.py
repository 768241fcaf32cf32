"""The order card: lines, boxes with cells, SMS, payments and the timeline (handovers included) of one order."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, literal_column, select
from sqlalchemy.orm import Session

from desktop.db.models import (
    AuditEntry,
    Box,
    Order,
    OrderLine,
    OutboxEvent,
    Payment,
    SmsMessage,
    Staff,
    StorageCell,
)
from desktop.services.order_summary import OrderSummary, summary_from_row, summary_query
from desktop.services.pickup_checks import amount_due
from desktop.services.sms_request import SmsView, sms_view
from protocol.errors import DomainError


@dataclass(frozen=True)
class LineInfo:
    """One order line as the card, the handover and the receipt show it."""

    id: int
    sku: str
    name: str
    quantity: int
    price_kopecks: int
    serial: str | None
    refused_quantity: int
    refusal_reason: str | None

    @property
    def handed_quantity(self) -> int:
        return self.quantity - self.refused_quantity


@dataclass(frozen=True)
class BoxInfo:
    barcode: str
    seq_no: int
    boxes_total: int
    status: str
    size_class: str
    cell_code: str | None
    cell_label: str | None
    damaged: bool


@dataclass(frozen=True)
class PaymentInfo:
    method: str
    due_kopecks: int
    tendered_kopecks: int
    change_kopecks: int
    staff_name: str
    paid_at: datetime


@dataclass(frozen=True)
class TimelineEntry:
    """One moment in an order's history: a journal entry or an outbox event with its sync status."""

    at: datetime
    source: str  # audit | event
    what: str  # journal action or event type
    staff_name: str | None
    sync_status: str | None  # outbox status for events; None for journal entries
    details: dict[str, Any]


@dataclass(frozen=True)
class OrderDetail:
    """The order card: everything the clerk or manager sees about one order."""

    summary: OrderSummary
    legal_entity_name: str | None
    amount_due_kopecks: int
    code_failed_attempts: int
    lines: tuple[LineInfo, ...]
    boxes: tuple[BoxInfo, ...]
    sms: tuple[SmsView, ...]
    payments: tuple[PaymentInfo, ...]
    timeline: tuple[TimelineEntry, ...]

    @property
    def number(self) -> str:
        return self.summary.number


def load_order_detail(s: Session, number: str) -> OrderDetail:
    """The full order card of the local point's order `number`, or DomainError('order.not_found')."""
    row = s.execute(
        summary_query()
        .add_columns(Order.id, Order.legal_entity_name, Order.code_failed_attempts)
        .where(Order.number == number)
    ).first()
    if row is None:
        raise DomainError("order.not_found", order=number)
    lines = _lines(s, row.id)
    payments = _payments(s, row.id)
    due = amount_due(row.prepaid, ((x.quantity, x.refused_quantity, x.price_kopecks) for x in lines))
    return OrderDetail(
        summary=summary_from_row(row),
        legal_entity_name=row.legal_entity_name,
        amount_due_kopecks=max(0, due - sum(p.due_kopecks for p in payments)),  # nothing once paid
        code_failed_attempts=row.code_failed_attempts,
        lines=lines,
        boxes=_boxes(s, row.id, row.boxes_total),
        sms=_sms(s, row.id),
        payments=payments,
        timeline=order_timeline(s, number),
    )


def _lines(s: Session, order_id: int) -> tuple[LineInfo, ...]:
    rows = s.execute(
        select(
            OrderLine.id,
            OrderLine.sku,
            OrderLine.name,
            OrderLine.quantity,
            OrderLine.price_kopecks,
            OrderLine.serial,
            OrderLine.refused_quantity,
            OrderLine.refusal_reason,
        )
        .where(OrderLine.order_id == order_id)
        .order_by(OrderLine.id)
    )
    return tuple(LineInfo(*r) for r in rows)


def _boxes(s: Session, order_id: int, boxes_total: int) -> tuple[BoxInfo, ...]:
    rows = s.execute(
        select(Box.barcode, Box.seq_no, Box.status, Box.size_class, StorageCell.code, StorageCell.label, Box.damaged)
        .outerjoin(StorageCell, StorageCell.id == Box.cell_id)
        .where(Box.order_id == order_id)
        .order_by(Box.seq_no)
    )
    return tuple(
        BoxInfo(b, n, max(boxes_total, n), st, size, code, label, dmg) for b, n, st, size, code, label, dmg in rows
    )


def _sms(s: Session, order_id: int) -> tuple[SmsView, ...]:
    rows = s.scalars(
        select(SmsMessage).where(SmsMessage.order_id == order_id).order_by(SmsMessage.requested_at, SmsMessage.id)
    )
    return tuple(sms_view(m) for m in rows)


def _payments(s: Session, order_id: int) -> tuple[PaymentInfo, ...]:
    rows = s.execute(
        select(
            Payment.method,
            Payment.due_kopecks,
            Payment.tendered_kopecks,
            Payment.change_kopecks,
            Staff.full_name,
            Payment.paid_at,
        )
        .join(Staff, Staff.id == Payment.staff_id)
        .where(Payment.order_id == order_id)
        .order_by(Payment.paid_at, Payment.id)
    )
    return tuple(PaymentInfo(*r) for r in rows)


# Same expression as the index ix_outbox_order, so SQLite searches the index instead of the whole outbox.
_OUTBOX_ORDER_KEY = func.json_extract(OutboxEvent.payload, literal_column("'$.order'"))


def order_timeline(s: Session, number: str) -> tuple[TimelineEntry, ...]:
    """Journal entries about the order merged with its outbox events (oldest first)."""
    audit = s.execute(
        select(AuditEntry.at, AuditEntry.action, Staff.full_name, AuditEntry.details, AuditEntry.id)
        .outerjoin(Staff, Staff.id == AuditEntry.staff_id)
        .where(AuditEntry.subject == number)
    )
    events = s.execute(
        select(
            OutboxEvent.occurred_at, OutboxEvent.type, OutboxEvent.status, OutboxEvent.payload, OutboxEvent.device_seq
        ).where(_OUTBOX_ORDER_KEY == number)
    )
    entries = [
        ((at, 0, i), TimelineEntry(at, "audit", action, staff, None, _json(details)))
        for at, action, staff, details, i in audit
    ]
    entries += [
        ((at, 1, seq), TimelineEntry(at, "event", type_, None, status, _json(payload)))
        for at, type_, status, payload, seq in events
    ]
    entries.sort(key=lambda pair: pair[0])
    return tuple(entry for _, entry in entries)


def _json(text_: str) -> dict[str, Any]:
    try:
        data = json.loads(text_)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {"value": data}
