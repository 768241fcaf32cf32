"""Backend tables: points, devices, orders and boxes, club cards, the event log and the change feed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.db import Base
from protocol.claims import DEFAULT_WARRANTY_MONTHS
from protocol.limits import (
    CONCLUSION_MAX,
    CONDITION_MAX,
    DAMAGE_NOTE_MAX,
    FAULT_MAX,
    OUTCOME_REASON_MAX,
    REFUSAL_REASON_MAX,
    SERIAL_MAX,
)
from protocol.order_states import OrderStatus
from protocol.states import BoxStatus, CardStatus, ShipmentStatus

READY_SMS_GRACE_MINUTES = 10
CREDIT_AGREEMENT_MAX = 30  # protocol.money_rules.CREDIT_AGREEMENT_PATTERN
SESSION_UID_MAX = 36  # a receiving session's uid as kept on its boxes (a longer one is cut, never a 500)


class Point(Base):
    __tablename__ = "points"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(300))
    hours: Mapped[str] = mapped_column(String(100), default="10:00–21:00")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Moscow")
    storage_days: Mapped[int] = mapped_column(Integer, default=7)
    id_check_threshold_kopecks: Mapped[int] = mapped_column(Integer, default=10_000_000)
    code_hash_params: Mapped[str] = mapped_column(String(200))
    # The «ready» SMS waits for its receiving session to close, at most this long after the order is ready.
    ready_sms_grace_minutes: Mapped[int] = mapped_column(
        Integer, default=READY_SMS_GRACE_MINUTES, server_default=str(READY_SMS_GRACE_MINUTES)
    )


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("points.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    last_seen_at: Mapped[datetime | None]


class EnrolmentCode(Base):
    __tablename__ = "enrolment_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("points.id"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    device_id: Mapped[str | None] = mapped_column(String(36))


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(20), index=True)
    email: Mapped[str | None] = mapped_column(String(200))


class Shipment(Base):
    __tablename__ = "shipments"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("points.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=ShipmentStatus.IN_TRANSIT)
    expected_at: Mapped[datetime | None]
    carrier: Mapped[str | None] = mapped_column(String(100))


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("points.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="retail")
    status: Mapped[str] = mapped_column(String(24), default=OrderStatus.CREATED)
    total_kopecks: Mapped[int] = mapped_column(Integer)
    prepaid: Mapped[bool] = mapped_column(Boolean, default=True)
    boxes_total: Mapped[int] = mapped_column(Integer, default=1)
    legal_entity_name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    arrived_at: Mapped[datetime | None]
    ready_at: Mapped[datetime | None]
    storage_until: Mapped[datetime | None]
    extended_days: Mapped[int] = mapped_column(Integer, default=0)
    pickup_code_hash: Mapped[str | None] = mapped_column(String(128))
    handed_over_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    returned_at: Mapped[datetime | None]
    customer: Mapped[Customer] = relationship(lazy="joined", innerjoin=True)
    lines: Mapped[list[OrderLine]] = relationship(order_by="OrderLine.id", cascade="all, delete-orphan")
    boxes: Mapped[list[Box]] = relationship(order_by="Box.seq_no", back_populates="order")


class OrderLine(Base):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    sku: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[int] = mapped_column(Integer)
    price_kopecks: Mapped[int] = mapped_column(Integer)
    serial: Mapped[str | None] = mapped_column(String(64))
    refused_quantity: Mapped[int] = mapped_column(Integer, default=0)
    refusal_reason: Mapped[str | None] = mapped_column(String(REFUSAL_REASON_MAX))
    warranty_months: Mapped[int] = mapped_column(
        Integer, default=DEFAULT_WARRANTY_MONTHS, server_default=str(DEFAULT_WARRANTY_MONTHS)
    )


class Box(Base):
    __tablename__ = "boxes"
    id: Mapped[int] = mapped_column(primary_key=True)
    barcode: Mapped[str] = mapped_column(String(32), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id"), index=True)
    seq_no: Mapped[int] = mapped_column(Integer, default=1)
    size_class: Mapped[str] = mapped_column(String(4), default="M")
    weight_grams: Mapped[int] = mapped_column(Integer, default=1000)
    # expected | received | placed | handed_over | returned
    status: Mapped[str] = mapped_column(String(16), default=BoxStatus.EXPECTED)
    received_at: Mapped[datetime | None]
    received_by: Mapped[str | None] = mapped_column(String(36))  # device id
    received_session: Mapped[str | None] = mapped_column(String(SESSION_UID_MAX), index=True)  # cleared when it closes
    cell_code: Mapped[str | None] = mapped_column(String(16))
    placed_at: Mapped[datetime | None]
    damaged: Mapped[bool] = mapped_column(Boolean, default=False)
    damage_note: Mapped[str | None] = mapped_column(String(DAMAGE_NOTE_MAX))
    order: Mapped[Order] = relationship(back_populates="boxes")
    shipment: Mapped[Shipment | None] = relationship()


class Claim(Base):
    """A warranty claim (protocol/claims.py): pre-filed online or opened at the counter, until handed back."""

    __tablename__ = "claims"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("points.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)  # the purchase
    sku: Mapped[str] = mapped_column(String(32))
    product: Mapped[str] = mapped_column(String(300))
    serial: Mapped[str | None] = mapped_column(String(SERIAL_MAX), index=True)
    prefiled: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16))
    fault: Mapped[str] = mapped_column(String(FAULT_MAX), default="")
    cover: Mapped[str | None] = mapped_column(String(16))
    checklist: Mapped[list[str]] = mapped_column(JSON, default=list)
    condition: Mapped[str] = mapped_column(String(CONDITION_MAX), default="")
    photos: Mapped[list[str]] = mapped_column(JSON, default=list)  # sha256 of the intake photos (kept on the counter)
    label: Mapped[str | None] = mapped_column(String(32))
    serial_override: Mapped[str | None] = mapped_column(String(CONDITION_MAX))  # the manager's note
    override_by: Mapped[str | None] = mapped_column(String(64))
    dispatch_session: Mapped[str | None] = mapped_column(String(SESSION_UID_MAX))
    outcome: Mapped[str | None] = mapped_column(String(16))
    conclusion: Mapped[str | None] = mapped_column(String(CONCLUSION_MAX))
    repair_kopecks: Mapped[int] = mapped_column(Integer, default=0)
    return_order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), unique=True)
    filed_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    dispatched_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]
    order: Mapped[Order] = relationship(foreign_keys=[order_id])
    return_order: Mapped[Order | None] = relationship(foreign_keys=[return_order_id])


class Cell(Base):
    __tablename__ = "cells"
    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("points.id"))
    code: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(16))
    size_class: Mapped[str] = mapped_column(String(4))
    capacity: Mapped[int] = mapped_column(Integer, default=4)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The point's overflow zone: takes a box of any size when no cell of its size has room.
    overflow: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    __table_args__ = (UniqueConstraint("point_id", "code", name="uq_cells_point_code"),)


class ClubCard(Base):
    __tablename__ = "club_cards"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(13), unique=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("points.id"), index=True)
    activation_code_hash: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default=CardStatus.STOCK)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    city: Mapped[str | None] = mapped_column(String(100))
    activated_at: Mapped[datetime | None]
    activation_event_id: Mapped[str | None] = mapped_column(String(36), unique=True)


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("points.id"), index=True)
    login: Mapped[str] = mapped_column(String(64))
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    badge_code: Mapped[str | None] = mapped_column(String(32))
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    __table_args__ = (UniqueConstraint("point_id", "login", name="uq_staff_point_login"),)


class EventRecord(Base):
    """Every event id ever received, forever: the idempotency key of the sync protocol."""

    __tablename__ = "events"
    server_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    device_id: Mapped[str] = mapped_column(String(36))  # not indexed: nothing reads events by device (0013)
    point_id: Mapped[int] = mapped_column(ForeignKey("points.id"))
    device_seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(48))
    schema_v: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON
    payload_hash: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[str] = mapped_column(String(40))  # client clock, as sent (audit only)
    received_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(12))  # applied | duplicate | rejected | conflict
    reason: Mapped[str | None] = mapped_column(String(OUTCOME_REASON_MAX))


class Change(Base):
    """The change feed: one row per state change, written in the transaction that made the change."""

    __tablename__ = "changes"
    __table_args__ = (  # a point's feed in order; the global one (PostgreSQL sorts IS NULL otherwise)
        Index("ix_changes_point_id_seq", "point_id", "seq"),
        Index("ix_changes_global_seq", "seq", postgresql_where=text("point_id IS NULL"),
              sqlite_where=text("point_id IS NULL")),
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    point_id: Mapped[int | None] = mapped_column(ForeignKey("points.id"))  # NULL: every point's
    type: Mapped[str] = mapped_column(String(48))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(index=True)


class Counter(Base):
    """Named counters (change sequence, pruned-through mark); updating one locks it until commit."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class ServerSetting(Base):
    """Server key/value state (the QR signing key is not kept here: backend/keys.py)."""

    __tablename__ = "server_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class BonusEntry(Base):
    """The bonus ledger (protocol.money_rules.LedgerReason); a customer's balance is the sum of the signed points."""

    __tablename__ = "bonus_ledger"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    card_id: Mapped[int | None] = mapped_column(ForeignKey("club_cards.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    reason: Mapped[str] = mapped_column(String(16))  # accrual | activation | redemption | reversal
    points: Mapped[int] = mapped_column(Integer)  # signed: a redemption or a reversal is negative
    event_id: Mapped[str | None] = mapped_column(String(36))  # the device event (None: an admin's customer return)
    # What makes the entry unique within its order: "" (accrual), the handover uid (redemption), the return's
    # reference (reversal).
    reference: Mapped[str] = mapped_column(String(64), default="", server_default="")
    created_at: Mapped[datetime]
    __table_args__ = (
        UniqueConstraint("reason", "order_id", "reference", name="uq_bonus_ledger_reason_order_reference"),
        UniqueConstraint("reason", "card_id", name="uq_bonus_ledger_reason_card"),
    )


class PickupCode(Base):
    """An issued pickup code: only its scrypt hash; one per (order, ready-SMS attempt)."""

    __tablename__ = "pickup_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    attempt: Mapped[int] = mapped_column(Integer)
    code_hash: Mapped[str] = mapped_column(String(128))
    issued_at: Mapped[datetime]
    __table_args__ = (UniqueConstraint("order_id", "attempt", name="uq_pickup_codes_order_attempt"),)


class CodePoolEntry(Base):
    """A pickup code hashed ahead of time (backend/code_pool.py): the clear code waits here, as in the SMS outbox,
    until an arrival takes it (the row is deleted then); the hash is kept without its lookup tag."""

    __tablename__ = "code_pool"
    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("points.id"), index=True)
    cost: Mapped[str] = mapped_column(String(64))  # "scrypt$n$r$p": the point's cost it was hashed under
    code: Mapped[str] = mapped_column(String(6))
    code_hash: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime]


class Handover(Base):
    __tablename__ = "handovers"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    result: Mapped[str] = mapped_column(String(24))
    completed_at: Mapped[datetime]
    # The payment as recorded: {"due", "tenders": [...]} ({} = nothing was taken; NULL = recorded before 0010).
    payment: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    credit_agreement: Mapped[str | None] = mapped_column(String(CREDIT_AGREEMENT_MAX))


class OrderFlag(Base):
    __tablename__ = "order_flags"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    flag: Mapped[str] = mapped_column(String(32))
    event_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime]
    __table_args__ = (UniqueConstraint("order_id", "flag", name="uq_order_flags_order_flag"),)


class StaffTask(Base):
    """Work for the point's staff raised by a server rule (e.g. recover goods handed over after cancel)."""

    __tablename__ = "staff_tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("points.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]


class JournalHead(Base):
    """The newest audit-journal entry a counter PC reported (its anchor): deleting newer entries shows up."""

    __tablename__ = "journal_heads"
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer)  # the entry's number on the counter
    entry_count: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    last_at: Mapped[datetime | None]  # when the counter wrote that entry (its clock)
    anchored_at: Mapped[datetime]  # when the server took it


class UpdateRollout(Base):
    """A rollout channel's target: the newest app version its points may install, or stopped."""

    __tablename__ = "update_rollouts"
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)  # backend.rollout.Channel
    target_version: Mapped[str | None] = mapped_column(String(64))
    stopped: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at: Mapped[datetime]


class PointChannel(Base):
    """The rollout channel of a pickup point (a point without a row is in `everyone`)."""

    __tablename__ = "point_channels"
    point_id: Mapped[int] = mapped_column(ForeignKey("points.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime]


from backend import money_models as money_models  # noqa: E402  (gift certificates: registers their tables)
