"""The SMS outbox table: one row per (order, purpose, attempt), moved by the dispatcher."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.db import Base
from protocol.coltypes import UTCDateTime
from protocol.limits import SMS_ERROR_MAX
from protocol.states import SmsPurpose, SmsStatus

PURPOSES = tuple(SmsPurpose)


class SmsOutbox(Base):
    """One SMS to send. `text` holds the pickup code: it is never logged, only sent."""

    __tablename__ = "sms_outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    order_number: Mapped[str] = mapped_column(String(16))  # the card number for purpose "club"
    purpose: Mapped[str] = mapped_column(String(16))
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    point_code: Mapped[str | None] = mapped_column(String(8), index=True)
    phone: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=SmsStatus.PENDING, index=True)
    gateway: Mapped[str | None] = mapped_column(String(16))
    gateway_message_id: Mapped[str | None] = mapped_column(String(64), index=True)
    send_attempts: Mapped[int] = mapped_column(Integer, default=0)
    status_checks: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(String(SMS_ERROR_MAX))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    next_action_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    timeline: Mapped[list] = mapped_column(JSON, default=list)  # [{"status", "at", "note"?}]
    __table_args__ = (UniqueConstraint("order_number", "purpose", "attempt", name="uq_sms_outbox_key"),)


class SmsGatewayState(Base):
    """The circuit breaker of one gateway, shared by every worker process through the database.

    An account-level error (wrong password, no funds, IP blocked) pauses the whole gateway until
    `paused_until`; `reason` stays set while paused so the alert is raised once per outage.
    """

    __tablename__ = "sms_gateway_state"
    gateway: Mapped[str] = mapped_column(String(16), primary_key=True)
    reason: Mapped[str | None] = mapped_column(String(16))
    paused_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    since: Mapped[datetime | None] = mapped_column(UTCDateTime())
