"""Finding orders at the counter (number, box, phone + name, pickup code, QR token) and the order card."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Select, bindparam, func, literal_column, select
from sqlalchemy.orm import Session

from desktop import messages
from desktop.db.models import (
    AuditEntry,
    Box,
    Customer,
    Handover,
    Order,
    OrderLine,
    OutboxEvent,
    Payment,
    PickupPoint,
    SmsMessage,
    Staff,
    StorageCell,
    SyncState,
)
from desktop.services.base import Service, local_point
from protocol.errors import DomainError
from protocol.phone import mask_for_screen as mask_phone
from protocol.pickup_code import CodeHashParams, hash_code, is_code_shaped
from protocol.qr_token import PickupToken, public_key_from_b64, verify_token

SERVER_KEY = "server_public_key"  # SyncState key: the backend's Ed25519 public key, base64
SEARCH_LIMIT = 50
ORDER_NUMBER = re.compile(r"^\d{9}$")
BOX_BARCODE = re.compile(r"^B\d{4}(\d{9})\d{2}$")
PHONE_DIGITS = re.compile(r"^\+?[78]?\d{10}$")

messages.register(
    {
        "orders.box_not_found": "Коробка {box} не найдена в этом пункте выдачи. Проверьте штрихкод.",
        "orders.bad_phone_last4": "Введите последние 4 цифры телефона клиента (ровно 4 цифры).",
        "orders.name_required": "Введите фамилию или имя клиента (хотя бы 2 буквы).",
        "orders.bad_pickup_code": "Код получения — 6 цифр. Попросите клиента продиктовать код из SMS.",
        "orders.empty_query": "Введите номер заказа, телефон, имя клиента или штрихкод коробки.",
        "qr.no_server_key": "Ключ сервера ещё не получен: QR-код проверить нельзя. "
        "Синхронизируйтесь или попросите код из SMS.",
        "qr.other_point": "QR-код выдан для другого пункта выдачи ({point}). Заказ {order} здесь не выдаётся.",
    }
)


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


@dataclass(frozen=True)
class LineInfo:
    id: int
    sku: str
    name: str
    quantity: int
    price_kopecks: int
    serial: str | None
    refused_quantity: int
    refusal_reason: str | None


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

    @property
    def n_of_m(self) -> str:
        return f"{self.seq_no} из {self.boxes_total}"


@dataclass(frozen=True)
class SmsInfo:
    purpose: str
    attempt: int
    status: str
    requested_at: datetime
    updated_at: datetime
    error: str | None


@dataclass(frozen=True)
class PaymentInfo:
    method: str
    due_kopecks: int
    tendered_kopecks: int
    change_kopecks: int
    staff_name: str
    paid_at: datetime


@dataclass(frozen=True)
class HandoverInfo:
    uid: str
    status: str
    staff_name: str
    started_at: datetime
    completed_at: datetime | None
    verified_by: str | None


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
    sms: tuple[SmsInfo, ...]
    payments: tuple[PaymentInfo, ...]
    handovers: tuple[HandoverInfo, ...]
    timeline: tuple[TimelineEntry, ...]

    @property
    def number(self) -> str:
        return self.summary.number


def normalize_name(text_: str) -> str:
    """Case- and ё-insensitive form of a name for matching."""
    return " ".join(text_.casefold().replace("ё", "е").split())


def amount_due(prepaid: bool, lines: Iterable[tuple[int, int, int]]) -> int:
    """What the customer pays at pickup: the not refused (quantity, refused, price) lines, 0 if prepaid."""
    if prepaid:
        return 0
    return sum((qty - refused) * price for qty, refused, price in lines)


def point_code_params(point: PickupPoint) -> CodeHashParams:
    """The point's pickup-code hash parameters (salt and scrypt cost)."""
    if not point.code_hash_params:
        raise DomainError("point.not_configured")
    return CodeHashParams.decode(point.code_hash_params)


def verify_pickup_token(session: Session, token_text: str, now: datetime) -> PickupToken:
    """Check a scanned QR token: server signature, expiry, and that it was issued for this point."""
    key_text = session.get(SyncState, SERVER_KEY)
    if key_text is None:
        raise DomainError("qr.no_server_key")
    try:
        key = public_key_from_b64(key_text.value)
    except ValueError:
        raise DomainError("qr.no_server_key") from None
    token = verify_token(key, token_text, now)
    point = local_point(session)
    if token.point_code != point.code:
        raise DomainError("qr.other_point", point=token.point_code, order=token.order_number)
    return token


_SUMMARY_COLUMNS = (
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


def _summary_query() -> Select[*tuple[Any, ...]]:
    """Core select of summary columns for orders of the local point."""
    return (
        select(*_SUMMARY_COLUMNS)
        .join(Customer, Customer.id == Order.customer_id)
        .join(PickupPoint, PickupPoint.id == Order.point_id)
        .where(PickupPoint.is_local.is_(True))
    )


# Hot lookups: statements built once, run through Core on a plain connection (no ORM session cost).
_BY_NUMBER = _summary_query().where(Order.number == bindparam("key"))
_BY_BOX = _summary_query().join(Box, Box.order_id == Order.id).where(Box.barcode == bindparam("key"))
_BY_LAST4 = _summary_query().where(Customer.phone_last4 == bindparam("key")).order_by(Order.id.desc())
_BY_CODE_HASH = _summary_query().where(Order.pickup_code_hash == bindparam("key"))


def _summary(row: Sequence[Any]) -> OrderSummary:
    number, status, kind, prepaid, name, phone, boxes, total, until, locked_at = row
    return OrderSummary(
        number, status, kind, prepaid, name, mask_phone(phone), boxes, total, until, locked_at is not None
    )


def _name_matches(name_query: str, full_name: str) -> bool:
    return normalize_name(name_query) in normalize_name(full_name)


class OrderService(Service):
    """Read-only order lookups for the counter and the manager."""

    def _all(self, statement: Select[*tuple[Any, ...]], key: str) -> Sequence[Row[Any]]:
        with self.db.engine.connect() as conn:
            return conn.execute(statement, {"key": key}).all()

    def _first(self, statement: Select[*tuple[Any, ...]], key: str) -> Row[Any] | None:
        rows = self._all(statement, key)
        return rows[0] if rows else None

    def by_number(self, number: str) -> OrderSummary:
        """The order with this number at this point, or DomainError('order.not_found')."""
        number = number.strip()
        row = self._first(_BY_NUMBER, number)
        if row is None:
            raise DomainError("order.not_found", order=number)
        return _summary(row)

    def by_box(self, barcode: str) -> OrderSummary:
        """The order a box barcode belongs to (this point only)."""
        barcode = barcode.strip().upper()
        row = self._first(_BY_BOX, barcode)
        if row is None:
            raise DomainError("orders.box_not_found", box=barcode)
        return _summary(row)

    def by_phone_and_name(self, last4: str, name: str) -> list[OrderSummary]:
        """Orders whose customer's phone ends with `last4` and whose name contains `name` (any case)."""
        last4 = last4.strip()
        if len(last4) != 4 or not last4.isdigit():
            raise DomainError("orders.bad_phone_last4")
        if len(normalize_name(name)) < 2:
            raise DomainError("orders.name_required")
        rows = self._all(_BY_LAST4, last4)
        return [_summary(r) for r in rows if _name_matches(name, r.full_name)][:SEARCH_LIMIT]

    def by_pickup_code(self, code: str) -> list[OrderSummary]:
        """Orders at this point whose pickup code hash matches the typed code (one slow hash)."""
        code = code.strip()
        if not is_code_shaped(code):
            raise DomainError("orders.bad_pickup_code")
        with self.reading() as s:
            params = point_code_params(local_point(s))
        digest = hash_code(code, params)  # slow on purpose; no transaction is held meanwhile
        rows = self._all(_BY_CODE_HASH, digest)
        return [_summary(r) for r in rows]

    def by_qr_token(self, token_text: str) -> OrderSummary:
        """The order a pickup QR token names, after checking signature, expiry and point."""
        with self.reading() as s:
            token = verify_pickup_token(s, token_text, self.clock())
        return self.by_number(token.order_number)

    def search(self, query: str) -> list[OrderSummary]:
        """Manager search: order number, box barcode, full phone, 'last4 name', last 4 digits or a name."""
        query = " ".join(query.split())
        if not query:
            raise DomainError("orders.empty_query")
        with self.reading() as s:
            rows = self._search_rows(s, query)
        return [_summary(r) for r in rows][:SEARCH_LIMIT]

    def _search_rows(self, s: Session, query: str) -> Sequence[Row[Any]]:
        compact = re.sub(r"[\s()\-]", "", query)
        base = _summary_query().order_by(Order.id.desc()).limit(SEARCH_LIMIT)
        if ORDER_NUMBER.match(compact):
            return s.execute(base.where(Order.number == compact)).all()
        if BOX_BARCODE.match(compact.upper()):
            return s.execute(base.join(Box, Box.order_id == Order.id).where(Box.barcode == compact.upper())).all()
        if PHONE_DIGITS.match(compact):
            phone = "+7" + compact[-10:]
            return s.execute(base.where(Customer.phone == phone)).all()
        if compact.isdigit() and len(compact) == 4:
            return s.execute(base.where(Customer.phone_last4 == compact)).all()
        head, _, rest = query.partition(" ")
        if len(head) == 4 and head.isdigit() and rest:
            rows = s.execute(_BY_LAST4, {"key": head}).all()
            return [r for r in rows if _name_matches(rest, r.full_name)]
        return self._name_rows(s, query)

    def _name_rows(self, s: Session, name: str) -> list[Row[Any]]:
        """Name-only search: SQLite cannot fold Cyrillic case, so customers are filtered in Python."""
        if len(normalize_name(name)) < 2:
            raise DomainError("orders.name_required")
        ids = [cid for cid, full in s.execute(select(Customer.id, Customer.full_name)) if _name_matches(name, full)]
        rows: list[Row[Any]] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows += s.execute(_summary_query().where(Order.customer_id.in_(chunk)).order_by(Order.id.desc())).all()
            if len(rows) >= SEARCH_LIMIT:
                break
        return rows

    def detail(self, number: str) -> OrderDetail:
        """The full order card: lines, boxes with cells, SMS, payments, handovers and the timeline."""
        number = number.strip()
        with self.reading() as s:
            row = s.execute(
                _summary_query()
                .add_columns(Order.id, Order.legal_entity_name, Order.code_failed_attempts)
                .where(Order.number == number)
            ).first()
            if row is None:
                raise DomainError("order.not_found", order=number)
            order_id = row.id
            lines = _lines(s, order_id)
            payments = _payments(s, order_id)
            due = amount_due(row.prepaid, ((x.quantity, x.refused_quantity, x.price_kopecks) for x in lines))
            return OrderDetail(
                summary=_summary(row[: len(_SUMMARY_COLUMNS)]),
                legal_entity_name=row.legal_entity_name,
                amount_due_kopecks=max(0, due - sum(p.due_kopecks for p in payments)),  # nothing once paid
                code_failed_attempts=row.code_failed_attempts,
                lines=lines,
                boxes=_boxes(s, order_id, row.boxes_total),
                sms=_sms(s, order_id),
                payments=payments,
                handovers=_handovers(s, order_id),
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


def _sms(s: Session, order_id: int) -> tuple[SmsInfo, ...]:
    rows = s.execute(
        select(
            SmsMessage.purpose,
            SmsMessage.attempt,
            SmsMessage.status,
            SmsMessage.requested_at,
            SmsMessage.updated_at,
            SmsMessage.error,
        )
        .where(SmsMessage.order_id == order_id)
        .order_by(SmsMessage.requested_at, SmsMessage.id)
    )
    return tuple(SmsInfo(*r) for r in rows)


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


def _handovers(s: Session, order_id: int) -> tuple[HandoverInfo, ...]:
    rows = s.execute(
        select(
            Handover.uid,
            Handover.status,
            Staff.full_name,
            Handover.started_at,
            Handover.completed_at,
            Handover.verified_by,
        )
        .join(Staff, Staff.id == Handover.staff_id)
        .where(Handover.order_id == order_id)
        .order_by(Handover.started_at, Handover.id)
    )
    return tuple(HandoverInfo(*r) for r in rows)


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
