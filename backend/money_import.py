"""Admin import of money state in the snapshot's shapes: gift certificates (PIN already hashed, as card activation
codes are), their ledger, bonus ledger entries (a loyalty system's balances; the demo's) and cards activated there.

Every item names its event id (`event_id`): an item already imported is skipped, so a feed can be sent again.
A malformed item raises ValueError / KeyError / TypeError (the import answers 422).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.models import BonusEntry, ClubCard, Customer, Order, Point
from backend.money import publish_bonus_entry, publish_certificate, publish_certificate_entry
from backend.money_models import CertificateEntry, GiftCertificate
from backend.serialize import parse_iso as _parse_iso
from protocol.limits import INT_MAX, INT_MIN
from protocol.money_rules import CERTIFICATE_PATTERN, CertificateStatus, LedgerReason
from protocol.states import CardStatus

CERTIFICATE_REASONS = ("sale", "redemption", "reversal")


def import_money(session: Session, point: Point, data: dict[str, Any], now: datetime) -> dict[str, int]:
    """Upsert the feed's `certificates`, `certificate_entries` and `bonus_entries`; link activated `cards`."""
    certificates = _items(data, "certificates")
    for item in certificates:
        _certificate(session, point, item, now)
    cert_entries = _items(data, "certificate_entries")
    for item in cert_entries:
        _certificate_entry(session, item, now)
    for item in _items(data, "cards"):
        if item.get("status") == CardStatus.ACTIVE and item.get("customer"):
            _activated_card(session, item)
    bonus = _items(data, "bonus_entries")
    for item in bonus:
        _bonus_entry(session, item, now)
    return {"certificates": len(certificates), "certificate_entries": len(cert_entries), "bonus_entries": len(bonus)}


def parse_iso(value: Any) -> datetime | None:
    try:
        return _parse_iso(value)
    except OverflowError:
        raise ValueError(f"not a moment the server can keep: {value!r}") from None


def _items(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = list(data.get(key) or [])
    if not all(isinstance(item, dict) for item in items):
        raise ValueError(f"{key}: every item is an object")
    return items


def _text(item: dict[str, Any], key: str, limit: int, *, required: bool = True) -> str | None:
    value = item.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value or len(value) > limit or "\x00" in value:
        raise ValueError(f"{key}: 1 to {limit} characters")
    return value


def _whole(item: dict[str, Any], key: str, *, required: bool = True) -> int | None:
    value = item.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not INT_MIN <= value <= INT_MAX:
        raise ValueError(f"{key}: a whole number")
    return value


def _certificate(session: Session, point: Point, item: dict[str, Any], now: datetime) -> None:
    number = _text(item, "certificate", 14)
    if not re.fullmatch(CERTIFICATE_PATTERN, number or ""):
        raise ValueError(f"certificate {number!r}: GC and 12 digits")
    status = CertificateStatus(item.get("status") or CertificateStatus.STOCK)
    if status is CertificateStatus.PENDING:
        raise ValueError(f"certificate {number}: pending is the counter's state, not the server's")
    if session.scalar(select(GiftCertificate.id).where(GiftCertificate.number == number)) is not None:
        return  # the server's ledger decides a known certificate's state
    cert = GiftCertificate(number=number, pin_hash=_text(item, "pin_hash", 200), face_kopecks=_whole(
        item, "face", required=False), status=status, expires_at=parse_iso(item.get("expires_at")),
        sold_point_id=None if status is CertificateStatus.STOCK else point.id, created_at=now, updated_at=now)
    session.add(cert)
    publish_certificate(session, cert, now)


def _certificate_entry(session: Session, item: dict[str, Any], now: datetime) -> None:
    event_id = _text(item, "event_id", 36)
    if session.scalar(select(CertificateEntry.id).where(CertificateEntry.event_id == event_id)) is not None:
        return
    number = _text(item, "certificate", 14)
    cert = session.scalars(select(GiftCertificate).where(GiftCertificate.number == number)).first()
    if cert is None or item.get("reason") not in CERTIFICATE_REASONS:
        raise ValueError(f"certificate entry {event_id}: unknown certificate or reason")
    order = _order(session, item)
    entry = CertificateEntry(certificate_id=cert.id, reason=item["reason"], amount=_whole(item, "amount"),
                             order_id=order.id if order else None, event_id=event_id,
                             reference="" if item["reason"] == "sale" else str(event_id),
                             created_at=parse_iso(item.get("at")) or now)
    session.add(entry)
    publish_certificate_entry(session, entry, now)


def _order(session: Session, item: dict[str, Any]) -> Order | None:
    number = _text(item, "order", 16, required=False)
    if number is None:
        return None
    order = session.scalars(select(Order).where(Order.number == number)).first()
    if order is None:
        raise ValueError(f"unknown order {number}")
    return order


def _customer(session: Session, external_id: Any) -> Customer:
    customer = session.scalars(select(Customer).where(Customer.external_id == str(external_id))).first()
    if customer is None:
        raise ValueError(f"unknown customer {external_id}")
    return customer


def _activated_card(session: Session, item: dict[str, Any]) -> None:
    """A card the loyalty system activated: its holder, city and activation time (once)."""
    card = session.scalars(select(ClubCard).where(ClubCard.number == str(item["number"]))).first()
    if card is None or card.customer_id is not None:
        return
    card.customer_id = _customer(session, item["customer"]).id
    card.status, card.city = CardStatus.ACTIVE, _text(item, "city", 100, required=False)
    card.activated_at = parse_iso(item.get("activated_at"))


def _bonus_entry(session: Session, item: dict[str, Any], now: datetime) -> None:
    event_id = _text(item, "event_id", 36)
    if session.scalar(select(BonusEntry.id).where(BonusEntry.event_id == event_id)) is not None:
        return
    reason = LedgerReason(str(item.get("reason")))
    card_number = _text(item, "card", 13, required=False)
    card = session.scalars(select(ClubCard).where(ClubCard.number == card_number)).first() if card_number else None
    order = _order(session, item)
    entry = BonusEntry(customer_id=_customer(session, item.get("customer")).id, card_id=card.id if card else None,
                       order_id=order.id if order else None, reason=reason, points=_whole(item, "points"),
                       event_id=event_id, reference="" if reason is LedgerReason.ACCRUAL else str(event_id),
                       created_at=parse_iso(item.get("at")) or now)
    try:
        with session.begin_nested():
            session.add(entry)
    except IntegrityError:
        raise ValueError(f"bonus entry {event_id}: the order's {reason} is already in the ledger") from None
    publish_bonus_entry(session, entry, now)
