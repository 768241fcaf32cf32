"""Warranty claims in the counter's cache: the claim rows (server-owned, upserted from the feed) and service dispatch.

A claim arrives as a `claim.upsert` change (pre-filed online) or is written here when the counter takes the item
in; the service dispatch session and its items are this counter's own, like the return sessions.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.models import Base, SessionStatus
from protocol.claims import ClaimStatus
from protocol.limits import CONCLUSION_MAX, CONDITION_MAX, FAULT_MAX, SERIAL_MAX

OVERRIDE_NOTE_MAX = 500  # the manager's note allowing a serial that does not match the order line


class Claim(Base):
    __tablename__ = "claims"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("pickup_points.id"))
    order_number: Mapped[str] = mapped_column(String(16), index=True)
    sku: Mapped[str] = mapped_column(String(32))
    product: Mapped[str] = mapped_column(String(300))
    serial: Mapped[str | None] = mapped_column(String(SERIAL_MAX), index=True)
    prefiled: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default=ClaimStatus.FILED, index=True)
    fault: Mapped[str] = mapped_column(String(FAULT_MAX), default="")
    cover: Mapped[str | None] = mapped_column(String(16))
    checklist: Mapped[list] = mapped_column(default=list)
    condition: Mapped[str] = mapped_column(String(CONDITION_MAX), default="")
    label: Mapped[str | None] = mapped_column(String(32), unique=True)
    photos: Mapped[list] = mapped_column(default=list)  # [{"file": name under claims/<number>/, "sha256": hex}]
    serial_override: Mapped[str | None] = mapped_column(String(OVERRIDE_NOTE_MAX))
    override_by: Mapped[str | None] = mapped_column(String(64))
    accepted_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    filed_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(16))
    conclusion: Mapped[str | None] = mapped_column(String(CONCLUSION_MAX))
    return_order: Mapped[str | None] = mapped_column(String(16), index=True)
    updated_at: Mapped[datetime]


class ServiceDispatch(Base):
    """A service dispatch session of this counter: accepted items scanned out to the service centre."""

    __tablename__ = "service_dispatches"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("pickup_points.id"))
    opened_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(8), default=SessionStatus.OPEN)
    act: Mapped[dict | None]


class ServiceDispatchItem(Base):
    """One service label scanned into a dispatch session (kept when undone, marked so: the journal tells both)."""

    __tablename__ = "service_dispatch_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("service_dispatches.id"), index=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    label: Mapped[str] = mapped_column(String(32))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    scanned_at: Mapped[datetime]
    undone: Mapped[bool] = mapped_column(Boolean, default=False)
    seq: Mapped[int] = mapped_column(Integer, default=1)  # scan order within the session
    __table_args__ = (Index("ix_service_dispatch_items_claim_undone", "claim_id", "undone"),)
