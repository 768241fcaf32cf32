"""Backend tables of gift certificates: the certificates (PIN only hashed) and their ledger (balance = its sum)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.db import Base
from protocol.money_rules import CertificateStatus

CERTIFICATE_NUMBER_MAX = 14  # GC + 12 digits (protocol.money_rules.CERTIFICATE_PATTERN)


class GiftCertificate(Base):
    """A gift certificate: stock (printed) → active (sold at a counter) → spent | expired | blocked."""

    __tablename__ = "gift_certificates"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(CERTIFICATE_NUMBER_MAX), unique=True)
    pin_hash: Mapped[str] = mapped_column(String(200))  # argon2id, as club card activation codes
    face_kopecks: Mapped[int | None] = mapped_column(Integer)  # None: chosen at the sale
    status: Mapped[str] = mapped_column(String(16), default=CertificateStatus.STOCK)
    expires_at: Mapped[datetime | None]
    sold_point_id: Mapped[int | None] = mapped_column(ForeignKey("points.id"))
    sale_uid: Mapped[str | None] = mapped_column(String(36), unique=True)  # CertificateSold.sale
    sale_event_id: Mapped[str | None] = mapped_column(String(36))
    sold_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class CertificateEntry(Base):
    """The certificate ledger: sale (+face), redemption (− amount), reversal (+ amount back); kopecks, signed."""

    __tablename__ = "certificate_ledger"
    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("gift_certificates.id"), index=True)
    reason: Mapped[str] = mapped_column(String(16))  # sale | redemption | reversal
    amount: Mapped[int] = mapped_column(Integer)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    event_id: Mapped[str | None] = mapped_column(String(36))
    reference: Mapped[str] = mapped_column(String(64), default="")  # "" (sale), the handover uid (redemption)
    created_at: Mapped[datetime]
    __table_args__ = (
        UniqueConstraint("certificate_id", "reason", "reference", name="uq_certificate_ledger_reason_reference"),
    )
