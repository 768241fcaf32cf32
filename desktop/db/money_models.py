"""Gift certificates in the counter's cache: the certificates (server-owned, from the feed) and their ledger entries.

A certificate's balance is the sum of its entries. Entries from the feed (`certificate.entry`) are confirmed;
this PC's own sales and spends are pending until the server's entry with the same `event_id` arrives (or the
server refuses the event: rejected). Offline spending is limited to the confirmed balance minus pending spends.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.models import Base, BonusStatus
from protocol.money_rules import CertificateStatus


class Certificate(Base):
    __tablename__ = "certificates"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(14), unique=True)  # GC + 12 digits
    status: Mapped[str] = mapped_column(String(16), default=CertificateStatus.STOCK)  # + pending: sold here
    face_kopecks: Mapped[int | None] = mapped_column(Integer)
    expires_at: Mapped[datetime | None]
    pin_hash: Mapped[str | None] = mapped_column(String(200))  # argon2, sealed under this PC's pepper
    updated_at: Mapped[datetime]


class CertificateEntry(Base):
    __tablename__ = "certificate_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    certificate: Mapped[str] = mapped_column(String(14), index=True)
    reason: Mapped[str] = mapped_column(String(16))  # sale | redemption | reversal
    amount_kopecks: Mapped[int] = mapped_column(Integer)  # signed: a redemption is negative
    order_number: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=BonusStatus.PENDING)
    event_id: Mapped[str | None] = mapped_column(String(36), index=True)  # the outbox event that caused it
    server_id: Mapped[int | None] = mapped_column(Integer, unique=True)  # the server's entry id
    created_at: Mapped[datetime]
