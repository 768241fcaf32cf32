"""Finding orders at the counter (number, manager search, phone + name, pickup code); the card is in order_card."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, bindparam, select
from sqlalchemy.orm import Session

from desktop import messages
from desktop.db.models import Box, Customer, Order
from desktop.services.base import Service, local_point
from desktop.services.order_card import LineInfo, OrderDetail, load_order_detail
from desktop.services.order_summary import OrderSummary, summary_from_row, summary_query
from desktop.services.pickup_checks import amount_due, point_code_params, verify_pickup_token
from protocol.errors import DomainError
from protocol.phone import BadPhoneError, canonical_phone
from protocol.phone import mask_for_screen as mask_phone

__all__ = [  # the names callers import from here; the card and the pickup checks live in their own modules
    "LineInfo",
    "OrderDetail",
    "OrderService",
    "OrderSummary",
    "amount_due",
    "mask_phone",
    "normalize_name",
    "point_code_params",
    "verify_pickup_token",
]

SEARCH_LIMIT = 50
ORDER_NUMBER = re.compile(r"^\d{9}$")
BOX_BARCODE = re.compile(r"^B\d{4}(\d{9})\d{2}$")
PHONE_DIGITS = re.compile(r"^\+?[78]?\d{10}$")

messages.register(
    {
        "orders.bad_phone_last4": "Введите последние 4 цифры телефона клиента (ровно 4 цифры).",
        "orders.name_required": "Введите фамилию или имя клиента (хотя бы 2 буквы).",
        "orders.bad_pickup_code": "Код получения — 6 цифр. Попросите клиента продиктовать код из SMS.",
        "orders.empty_query": "Введите номер заказа, телефон, имя клиента или штрихкод коробки.",
    }
)


def normalize_name(text_: str) -> str:
    """Case- and ё-insensitive form of a name for matching."""
    return " ".join(text_.casefold().replace("ё", "е").split())


# Hot lookups: statements built once, run through Core on a plain connection (no ORM session cost).
_BY_LAST4 = summary_query().where(Customer.phone_last4 == bindparam("key")).order_by(Order.id.desc())
_BY_CODE_HASH = summary_query().where(Order.pickup_code_hash.in_(bindparam("keys", expanding=True)))


def _name_matches(name_query: str, full_name: str) -> bool:
    return normalize_name(name_query) in normalize_name(full_name)


def local_order(s: Session, number: str) -> Order:
    """The order with this number at this point (ORM, to change it), or DomainError('order.not_found')."""
    number = number.strip()
    point = local_point(s)
    order = s.scalars(select(Order).where(Order.number == number, Order.point_id == point.id)).first()
    if order is None:
        raise DomainError("order.not_found", order=number)
    return order


def _phone_or_none(text: str) -> str | None:
    """The canonical phone for a typed full number; None (matches nothing) when it is not a valid one."""
    try:
        return canonical_phone(text)
    except BadPhoneError:
        return None


def orders_by_phone_and_name(conn: Connection | Session, last4: str, name: str) -> list[OrderSummary]:
    """Orders whose customer's phone ends with `last4` and whose name contains `name` (any case)."""
    last4 = last4.strip()
    if len(last4) != 4 or not last4.isdigit():
        raise DomainError("orders.bad_phone_last4")
    if len(normalize_name(name)) < 2:
        raise DomainError("orders.name_required")
    rows = conn.execute(_BY_LAST4, {"key": last4}).all()
    return [summary_from_row(r) for r in rows if _name_matches(name, r.full_name)][:SEARCH_LIMIT]


def orders_by_code_hash(conn: Connection | Session, stored: list[str]) -> list[OrderSummary]:
    """Orders at this point whose stored pickup-code hash is one of `stored`."""
    if not stored:
        return []
    return [summary_from_row(r) for r in conn.execute(_BY_CODE_HASH, {"keys": stored}).all()]


class OrderService(Service):
    """Read-only order lookups for the counter and the manager."""

    def search(self, query: str) -> list[OrderSummary]:
        """Manager search: order number, box barcode, full phone, 'last4 name', last 4 digits or a name."""
        query = " ".join(query.split())
        if not query:
            raise DomainError("orders.empty_query")
        with self.reading() as s:
            rows = self._search_rows(s, query)
        return [summary_from_row(r) for r in rows][:SEARCH_LIMIT]

    def _search_rows(self, s: Session, query: str) -> Sequence[Row[Any]]:
        compact = re.sub(r"[\s()\-]", "", query)
        base = summary_query().order_by(Order.id.desc()).limit(SEARCH_LIMIT)
        if ORDER_NUMBER.match(compact):
            return s.execute(base.where(Order.number == compact)).all()
        if BOX_BARCODE.match(compact.upper()):
            return s.execute(base.join(Box, Box.order_id == Order.id).where(Box.barcode == compact.upper())).all()
        if PHONE_DIGITS.match(compact):
            return s.execute(base.where(Customer.phone == _phone_or_none(compact))).all()
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
            rows += s.execute(summary_query().where(Order.customer_id.in_(chunk)).order_by(Order.id.desc())).all()
            if len(rows) >= SEARCH_LIMIT:
                break
        return rows

    def detail(self, number: str) -> OrderDetail:
        """The full order card: lines, boxes with cells, SMS, payments and the timeline."""
        with self.reading() as s:
            return load_order_detail(s, number.strip())
