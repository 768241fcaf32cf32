"""Gift certificates in the counter's cache: the view with its balance, the spending rules and the PIN check.

Balance = the sum of the certificate's confirmed entries; what this PC may spend offline is that minus its own
pending spends, and only while the certificate is active (a sale made here offline is `pending`: not spendable
before the server confirms it). Wrong PINs are counted per certificate in this PC's journal (pin_guard).
"""

from __future__ import annotations

import re
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db.models import BonusStatus
from desktop.db.money_models import Certificate, CertificateEntry
from desktop.db.pepper import open_secret_hash, pepper_for_session
from desktop.point_time import DATE_TIME, point_time, zone_named
from desktop.services.base import local_point
from desktop.services.money.model import CertificateView
from desktop.translatable import QT_TRANSLATE_NOOP, translate
from protocol.errors import DomainError
from protocol.money import rub
from protocol.money_rules import CERTIFICATE_PATTERN, CERTIFICATE_PIN_LENGTH, CertificateStatus

_NUMBER = re.compile(CERTIFICATE_PATTERN)
_HASHER = PasswordHasher()
STATUS_CONTEXT = "CertificateStatus"
_STATUS_TEXT = {
    CertificateStatus.STOCK: QT_TRANSLATE_NOOP("CertificateStatus", "не продан"),
    CertificateStatus.PENDING: QT_TRANSLATE_NOOP("CertificateStatus", "продан, ждёт подтверждения центром"),
    CertificateStatus.ACTIVE: QT_TRANSLATE_NOOP("CertificateStatus", "действует"),
    CertificateStatus.SPENT: QT_TRANSLATE_NOOP("CertificateStatus", "использован"),
    CertificateStatus.EXPIRED: QT_TRANSLATE_NOOP("CertificateStatus", "срок истёк"),
    CertificateStatus.BLOCKED: QT_TRANSLATE_NOOP("CertificateStatus", "заблокирован"),
}


def status_text(status: str) -> str:
    """A certificate's status in the clerk's language (the code itself when this version does not know it)."""
    known = _STATUS_TEXT.get(CertificateStatus(status)) if status in set(CertificateStatus) else None
    return translate(STATUS_CONTEXT, known) if known else status


def certificate_number(text: str | None) -> str:
    """'gc000000000017 ' → 'GC000000000017'; DomainError when it is not GC + 12 digits."""
    number = (text or "").strip().upper()
    if not _NUMBER.fullmatch(number):
        raise DomainError("money.bad_certificate_number", number=(text or "").strip()[:40])
    return number


def find_certificate(s: Session, number: str) -> Certificate:
    """The cached certificate, or `money.certificate_unknown`."""
    found = s.scalars(select(Certificate).where(Certificate.number == number)).first()
    if found is None:
        raise DomainError("money.certificate_unknown", number=number)
    return found


def _sum(s: Session, number: str, *statuses: str, negative: bool = False) -> int:
    query = select(func.coalesce(func.sum(CertificateEntry.amount_kopecks), 0)).where(
        CertificateEntry.certificate == number, CertificateEntry.status.in_(statuses))
    if negative:
        query = query.where(CertificateEntry.amount_kopecks < 0)
    return int(s.scalar(query) or 0)


def certificate_view(s: Session, certificate: Certificate, now: datetime) -> CertificateView:
    """The certificate with its balance and what this PC may still spend of it."""
    balance = _sum(s, certificate.number, BonusStatus.CONFIRMED)
    status = certificate.status
    if status == CertificateStatus.ACTIVE and certificate.expires_at is not None and certificate.expires_at <= now:
        status = CertificateStatus.EXPIRED
    elif status == CertificateStatus.ACTIVE and balance <= 0:
        status = CertificateStatus.SPENT
    reserved = -_sum(s, certificate.number, BonusStatus.PENDING, negative=True)
    available = max(balance - reserved, 0) if status == CertificateStatus.ACTIVE else 0
    return CertificateView(certificate.number, status, certificate.face_kopecks, balance, available,
                           certificate.expires_at)


def require_spendable(s: Session, view: CertificateView, amount: int | None = None) -> None:
    """Refuse a certificate that cannot pay now (or not `amount` kopecks of it) with the reason."""
    number, status = view.number, view.status
    if status == CertificateStatus.PENDING:
        raise DomainError("money.certificate_pending", number=number)
    if status == CertificateStatus.STOCK:
        raise DomainError("money.certificate_not_sold", number=number)
    if status == CertificateStatus.EXPIRED:
        zone = zone_named(local_point(s).timezone)
        raise DomainError("money.certificate_expired", number=number, date=point_time(view.expires_at, zone,
                                                                                          DATE_TIME[:8]))
    if status == CertificateStatus.BLOCKED:
        raise DomainError("money.certificate_blocked", number=number)
    if status == CertificateStatus.SPENT or view.available_kopecks <= 0:
        raise DomainError("money.certificate_spent", number=number)
    if amount is not None and amount > view.available_kopecks:
        raise DomainError("money.certificate_over_balance", number=number, available=rub(view.available_kopecks),
                          amount=rub(amount), available_kopecks=view.available_kopecks)


def pin_shaped(pin: str | None) -> str:
    """The PIN as typed, stripped; `money.bad_pin` unless it is 8 digits (not counted as a guess)."""
    text = (pin or "").strip()
    if len(text) != CERTIFICATE_PIN_LENGTH or not text.isdigit():
        raise DomainError("money.bad_pin")
    return text


def pin_matches(s: Session, certificate: Certificate, pin: str) -> bool:
    """The PIN against the certificate's argon2 hash (kept sealed under this PC's pepper)."""
    stored = open_secret_hash(pepper_for_session(s), certificate.pin_hash)
    if not stored:
        return False
    try:
        return bool(_HASHER.verify(stored, pin))
    except (VerificationError, InvalidHashError):
        return False
