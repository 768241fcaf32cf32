"""Retailer operations on money, shared by the admin routes (backend/money_api.py) and the CLI (backend/money_cli.py):
import gift certificates (PINs hashed, never kept or logged plain), block one, record a customer's return.

A refusal is a `MoneyProblem` with an HTTP status, a machine code and an English detail.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.models import BonusEntry
from backend.money import account_ids, bonus_entry_dict, publish_bonus_entry, publish_certificate
from backend.money_models import GiftCertificate
from backend.serialize import load_order
from protocol.money_rules import CertificateStatus, LedgerReason
from protocol.order_states import OrderStatus

log = logging.getLogger(__name__)
# argon2id at the OWASP minimum (19 MiB, 2 passes): the counter verifies it offline like a card's activation code.
PIN_HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
TAKEN = (OrderStatus.HANDED_OVER, OrderStatus.PARTIALLY_HANDED_OVER)


class MoneyProblem(Exception):
    """An operation refused: `status` (404, 409, 422), `code` and an English `detail`."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail


@dataclass(frozen=True)
class CertificateItem:
    number: str
    pin: str
    face: int | None
    expires_at: datetime | None


def import_certificates(session: Session, items: Sequence[CertificateItem], now: datetime) -> list[dict[str, Any]]:
    """New certificates in stock, or a stock one re-imported (new PIN, face, expiry); a sold one is refused (409)."""
    numbers = [item.number for item in items]
    if len(set(numbers)) != len(numbers):
        raise MoneyProblem(422, "certificate_repeated", "A certificate number appears twice in the import")
    found = {c.number: c for c in session.scalars(select(GiftCertificate).where(GiftCertificate.number.in_(numbers))
                                                 .with_for_update())}
    for number, cert in found.items():
        if cert.status != CertificateStatus.STOCK:
            raise MoneyProblem(409, "certificate_not_in_stock", f"Certificate {number} is {cert.status}: not imported")
    for item in items:
        cert = found.get(item.number) or GiftCertificate(number=item.number, status=CertificateStatus.STOCK,
                                                         created_at=now)
        session.add(cert)
        cert.pin_hash, cert.face_kopecks = PIN_HASHER.hash(item.pin), item.face
        cert.expires_at, cert.updated_at = item.expires_at, now
        publish_certificate(session, cert, now)
    log.info("imported %d gift certificates", len(items))
    return [{"certificate": item.number, "status": CertificateStatus.STOCK} for item in items]


def block_certificate(session: Session, number: str, now: datetime) -> dict[str, Any]:
    """Blocked by the retailer (lost, stolen, disputed): no counter may take it any more."""
    cert = session.scalars(select(GiftCertificate).where(GiftCertificate.number == number).with_for_update()).first()
    if cert is None:
        raise MoneyProblem(404, "certificate_not_found", f"Certificate {number} not found")
    if cert.status != CertificateStatus.BLOCKED:
        cert.status, cert.updated_at = CertificateStatus.BLOCKED, now
        publish_certificate(session, cert, now)
        log.info("certificate %s blocked", number)
    return {"certificate": number, "status": CertificateStatus.BLOCKED}


def customer_return(session: Session, number: str, reference: str, lines: Sequence[tuple[str, int]],
                    now: datetime) -> dict[str, Any]:
    """Goods returned after the handover: their share of the order's accrual is reversed (never more than it).

    The same `reference` again answers the entry already made (idempotent)."""
    order = load_order(session, number, for_update=True)
    if order is None:
        raise MoneyProblem(404, "order_not_found", f"Order {number} not found")
    if order.status not in TAKEN:
        raise MoneyProblem(409, "order_not_handed_over", f"Order {number} is {order.status}: nothing was taken")
    returned = _returned_value(order, lines)
    account_ids(session, order.customer_id, lock=True)
    done = session.scalars(select(BonusEntry).where(BonusEntry.reason == LedgerReason.REVERSAL,
                                                    BonusEntry.order_id == order.id,
                                                    BonusEntry.reference == reference)).first()
    if done is None:
        points = _reversal_points(session, order.id, returned,
                                  sum(max(x.quantity - x.refused_quantity, 0) * x.price_kopecks for x in order.lines))
        if points:
            done = BonusEntry(customer_id=order.customer_id, order_id=order.id, reason=LedgerReason.REVERSAL,
                              points=-points, event_id=None, reference=reference, created_at=now)
            session.add(done)
            publish_bonus_entry(session, done, now)
    entries = [bonus_entry_dict(session, done)] if done is not None else []
    return {"order": number, "reference": reference, "points_reversed": -done.points if done else 0,
            "entries": entries}


def _returned_value(order: Any, lines: Sequence[tuple[str, int]]) -> int:
    """Kopecks of the goods returned; 422 for a line the order does not have or more than was taken."""
    by_sku = {line.sku: line for line in order.lines}
    skus = [sku for sku, _ in lines]
    if not lines or len(set(skus)) != len(skus):
        raise MoneyProblem(422, "bad_lines", "Name each returned line once")
    value = 0
    for sku, quantity in lines:
        line = by_sku.get(sku)
        taken = max(line.quantity - line.refused_quantity, 0) if line is not None else 0
        if line is None or not 1 <= quantity <= taken:
            raise MoneyProblem(422, "bad_lines", f"Line {sku}: the order has {taken} taken, not {quantity}")
        value += quantity * line.price_kopecks
    return value


def _reversal_points(session: Session, order_id: int, returned: int, taken: int) -> int:
    """The returned goods' share of the accrual (rounded down), within what is left of it after earlier returns."""
    accrued = session.scalar(select(func.coalesce(func.sum(BonusEntry.points), 0)).where(
        BonusEntry.order_id == order_id, BonusEntry.reason == LedgerReason.ACCRUAL)) or 0
    reversed_ = session.scalar(select(func.coalesce(func.sum(BonusEntry.points), 0)).where(
        BonusEntry.order_id == order_id, BonusEntry.reason == LedgerReason.REVERSAL)) or 0
    left = int(accrued) + int(reversed_)
    share = int(accrued) * returned // taken if taken else 0
    return max(min(share, left), 0)
