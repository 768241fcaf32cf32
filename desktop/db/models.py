"""Typed SQLAlchemy 2.0 models of the counter PC's local cache (money in kopecks, times in UTC)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint, false, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from protocol.claims import DEFAULT_WARRANTY_MONTHS
from protocol.coltypes import NAMING, UTCDateTime
from protocol.limits import DAMAGE_NOTE_MAX, OUTCOME_REASON_MAX, REFUSAL_REASON_MAX, SMS_ERROR_MAX
from protocol.order_states import OrderStatus
from protocol.states import BoxStatus, CardStatus, OutboxStatus, ShipmentStatus, SmsStatus


class SessionStatus(StrEnum):
    """A receiving or return session of this counter: open while scanning, closed with its act."""

    OPEN = "open"
    CLOSED = "closed"


class BonusStatus(StrEnum):
    """A bonus ledger entry on this counter: pending until the server confirms or rejects it."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class HandoverStatus(StrEnum):
    """A handover row (counter only): in progress until completed or aborted."""

    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ABORTED = "aborted"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict: JSON, list: JSON}


class PickupPoint(Base):
    __tablename__ = "pickup_points"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(300))
    hours: Mapped[str] = mapped_column(String(100), default="10:00–21:00")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Moscow")
    storage_days: Mapped[int] = mapped_column(Integer, default=7)
    id_check_threshold_kopecks: Mapped[int] = mapped_column(Integer, default=10_000_000)
    code_hash_params: Mapped[str | None] = mapped_column(String(200))
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    money: Mapped[dict | None]  # the retailer's money settings from point.upsert (protocol.money_rules defaults)


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("pickup_points.id"))
    login: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # clerk | manager | admin
    badge_code: Mapped[str | None] = mapped_column(String(32), unique=True)
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Shift(Base):
    __tablename__ = "shifts"
    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("pickup_points.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    report: Mapped[dict | None]


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(20), index=True)  # +7XXXXXXXXXX
    phone_last4: Mapped[str] = mapped_column(String(4), index=True)
    email: Mapped[str | None] = mapped_column(String(200))
    phone_confirmed: Mapped[bool] = mapped_column(Boolean, default=True)
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)


class Shipment(Base):
    __tablename__ = "shipments"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("pickup_points.id"))
    status: Mapped[str] = mapped_column(String(16), default=ShipmentStatus.IN_TRANSIT)
    expected_at: Mapped[datetime | None]
    carrier: Mapped[str | None] = mapped_column(String(100))


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("pickup_points.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="retail")  # retail | legal_entity | credit
    status: Mapped[str] = mapped_column(String(24), default=OrderStatus.CREATED, index=True)
    total_kopecks: Mapped[int] = mapped_column(Integer)
    prepaid: Mapped[bool] = mapped_column(Boolean, default=True)
    boxes_total: Mapped[int] = mapped_column(Integer, default=1)
    legal_entity_name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    arrived_at: Mapped[datetime | None]
    ready_at: Mapped[datetime | None]
    storage_until: Mapped[datetime | None] = mapped_column(index=True)
    extended_days: Mapped[int] = mapped_column(Integer, default=0)
    pickup_code_hash: Mapped[str | None] = mapped_column(String(128), index=True)
    code_failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_at: Mapped[datetime | None]
    handed_over_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    returned_at: Mapped[datetime | None]
    lines: Mapped[list[OrderLine]] = relationship(back_populates="order", order_by="OrderLine.id")
    boxes: Mapped[list[Box]] = relationship(back_populates="order", order_by="Box.seq_no")
    customer: Mapped[Customer] = relationship()
    # A counter's cache holds its own point's orders only, so «point_id = ?» alone selects them all: the point's
    # orders in one state (ready), handed over in a period (manager's chart), locked, by an index that starts there.
    __table_args__ = (
        Index("ix_orders_point_status", "point_id", "status"),
        Index("ix_orders_point_handed_over_at", "point_id", "handed_over_at"),
        Index("ix_orders_point_locked_at", "point_id", "locked_at"),
    )


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
    warranty_months: Mapped[int] = mapped_column(Integer, default=DEFAULT_WARRANTY_MONTHS, server_default="12")
    order: Mapped[Order] = relationship(back_populates="lines")


class StorageCell(Base):
    __tablename__ = "storage_cells"
    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("pickup_points.id"))
    code: Mapped[str] = mapped_column(String(16), unique=True)  # barcode, e.g. CA0103
    label: Mapped[str] = mapped_column(String(16))  # human text, e.g. A-01-03
    size_class: Mapped[str] = mapped_column(String(4))  # S | M | L | XL
    capacity: Mapped[int] = mapped_column(Integer, default=4)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The point's overflow zone (зона переполнения): takes a box of any size when no cell of its size has room.
    overflow: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Box(Base):
    __tablename__ = "boxes"
    id: Mapped[int] = mapped_column(primary_key=True)
    barcode: Mapped[str] = mapped_column(String(32), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id"), index=True)
    seq_no: Mapped[int] = mapped_column(Integer, default=1)  # "n" of "n of m"; m is order.boxes_total
    size_class: Mapped[str] = mapped_column(String(4), default="M")
    weight_grams: Mapped[int] = mapped_column(Integer, default=1000)
    status: Mapped[str] = mapped_column(String(16), default=BoxStatus.EXPECTED)
    received_at: Mapped[datetime | None] = mapped_column(index=True)  # boxes received per day (manager's chart)
    damaged: Mapped[bool] = mapped_column(Boolean, default=False)
    damage_note: Mapped[str | None] = mapped_column(String(DAMAGE_NOTE_MAX))
    cell_id: Mapped[int | None] = mapped_column(ForeignKey("storage_cells.id"), index=True)
    placed_at: Mapped[datetime | None]
    order: Mapped[Order] = relationship(back_populates="boxes")
    cell: Mapped[StorageCell | None] = relationship()
    # The few boxes in one state without reading the year's; a manifest's done boxes counted from an index alone.
    __table_args__ = (Index("ix_boxes_status_received_at", "status", "received_at"),
                      Index("ix_boxes_shipment_status", "shipment_id", "status"))


class ReceivingSession(Base):
    __tablename__ = "receiving_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("pickup_points.id"))
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id"))
    opened_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    opened_at: Mapped[datetime]
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    closed_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(8), default=SessionStatus.OPEN)
    summary: Mapped[dict | None]
    # Live counters kept by each scan (the receiving screen reads them without counting rows).
    n_expected: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    n_received: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    n_missing: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    n_surplus: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    n_foreign: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    n_cancelled: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ReceivingScan(Base):
    __tablename__ = "receiving_scans"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("receiving_sessions.id"), index=True)
    barcode: Mapped[str] = mapped_column(String(64))
    box_id: Mapped[int | None] = mapped_column(ForeignKey("boxes.id"))
    # received | repeat | surplus | foreign | cancelled
    outcome: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    scanned_at: Mapped[datetime]
    undone: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (
        Index("ix_receiving_scans_session_barcode", "session_id", "barcode"),
        # A clerk's receipts in a shift; a session's scans by outcome (its live counters): from the indexes alone.
        Index("ix_receiving_scans_staff_scanned_at", "staff_id", "scanned_at", "outcome", "undone"),
        Index("ix_receiving_scans_session_outcome", "session_id", "outcome", "undone", "box_id"),
    )


class Handover(Base):
    __tablename__ = "handovers"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    status: Mapped[str] = mapped_column(String(16), default=HandoverStatus.IN_PROGRESS)
    started_at: Mapped[datetime]
    verified_by: Mapped[str | None] = mapped_column(String(16))  # code | qr
    id_document_type: Mapped[str | None] = mapped_column(String(32))
    id_document_last4: Mapped[str | None] = mapped_column(String(4))
    power_of_attorney: Mapped[str | None] = mapped_column(String(64))
    scanned_boxes: Mapped[list] = mapped_column(default=list)
    payment: Mapped[dict | None]  # accepted tenders; its money tenders become Payment rows on completion
    credit_agreement: Mapped[str | None] = mapped_column(String(32))  # a credit order: the signed agreement's number
    completed_at: Mapped[datetime | None]  # a clerk's handovers in a shift are read from the index alone (+ order)
    __table_args__ = (Index("ix_handovers_staff_completed_at", "staff_id", "completed_at", "status", "order_id"),)


class Payment(Base):
    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)  # None: a certificate sale
    handover_id: Mapped[int | None] = mapped_column(ForeignKey("handovers.id"))
    method: Mapped[str] = mapped_column(String(8))  # cash | card
    due_kopecks: Mapped[int] = mapped_column(Integer)
    tendered_kopecks: Mapped[int] = mapped_column(Integer)
    change_kopecks: Mapped[int] = mapped_column(Integer, default=0)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    paid_at: Mapped[datetime]  # a clerk's cash in a shift is read from the index alone:
    __table_args__ = (Index("ix_payments_staff_paid_at", "staff_id", "paid_at", "method", "due_kopecks"),)


class SmsMessage(Base):
    __tablename__ = "sms_messages"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(16))  # ready | reminder | receipt | club
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default=SmsStatus.REQUESTED)
    requested_at: Mapped[datetime]
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    updated_at: Mapped[datetime]
    error: Mapped[str | None] = mapped_column(String(SMS_ERROR_MAX))
    timeline: Mapped[list] = mapped_column(default=list)  # [{"status":..., "at": iso}]
    __table_args__ = (
        UniqueConstraint("order_id", "purpose", "attempt"),
        Index("ix_sms_messages_requested_at", "requested_at", "status"),  # SMS outcomes per day, from the index alone
    )


class ClubCard(Base):
    __tablename__ = "club_cards"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(13), unique=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("pickup_points.id"))
    activation_code_hash: Mapped[str] = mapped_column(String(200))
    extra_code_hash: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default=CardStatus.STOCK)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    city: Mapped[str | None] = mapped_column(String(100))
    activated_at: Mapped[datetime | None]
    activated_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class BonusLedgerEntry(Base):
    __tablename__ = "bonus_ledger"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    card_id: Mapped[int | None] = mapped_column(ForeignKey("club_cards.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    reason: Mapped[str] = mapped_column(String(16))  # LedgerReason: activation | accrual | redemption | reversal
    points: Mapped[int] = mapped_column(Integer)  # signed: a redemption or a reversal is negative
    status: Mapped[str] = mapped_column(String(16), default=BonusStatus.PENDING)
    created_at: Mapped[datetime]
    event_id: Mapped[str | None] = mapped_column(String(36), index=True)  # the event that caused it (outbox id)
    server_id: Mapped[int | None] = mapped_column(Integer, unique=True)  # the server's entry, once it confirmed it
    __table_args__ = (Index("uq_bonus_ledger_activation_card", "card_id", unique=True,
                            sqlite_where=text("reason = 'activation'")),)  # +190 once per card


class ReturnSession(Base):
    __tablename__ = "return_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("pickup_points.id"))
    opened_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(8), default=SessionStatus.OPEN)
    act: Mapped[dict | None]


class ReturnItem(Base):
    __tablename__ = "return_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("return_sessions.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    box_id: Mapped[int] = mapped_column(ForeignKey("boxes.id"), unique=True)
    reason: Mapped[str] = mapped_column(String(16))  # expired | refused | cancelled
    scanned_at: Mapped[datetime]


class ManagerAlert(Base):
    __tablename__ = "manager_alerts"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # order_locked | conflict | rejected_event | ...
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    message: Mapped[str] = mapped_column(String(500))
    details: Mapped[dict | None]
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class AuditEntry(Base):
    __tablename__ = "audit_journal"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)  # the manager's journal of a period
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(64), index=True)  # order timeline looks entries up by subject
    details: Mapped[str] = mapped_column(Text)  # canonical JSON (hashed as written)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # A clerk's counted acts in a shift: the action is checked in the index before the entry is read.
    __table_args__ = (Index("ix_audit_journal_staff_at", "staff_id", "at", "action"),)


class OutboxEvent(Base):
    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    device_seq: Mapped[int] = mapped_column(Integer, unique=True)
    type: Mapped[str] = mapped_column(String(48))
    schema_v: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON
    occurred_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(12), default=OutboxStatus.PENDING, index=True)
    server_seq: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(OUTCOME_REASON_MAX))
    pushed_at: Mapped[datetime | None]
    reviewed_at: Mapped[datetime | None]
    # Order timeline: events found by their business key "order" without scanning the outbox.
    __table_args__ = (Index("ix_outbox_order", text("json_extract(payload, '$.order')")),)


class SyncState(Base):
    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# Warranty claim, fiscal receipt and gift certificate tables (own modules: this one is full), on Base.metadata too.
from desktop.db import claim_models, fiscal_models, money_models  # noqa: E402, F401
