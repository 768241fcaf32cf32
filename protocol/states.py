"""Status values that cross the wire (feed, snapshot, push results), one StrEnum each; orders: order_states."""

from __future__ import annotations

from enum import StrEnum


class SmsStatus(StrEnum):
    """An SMS outbox row: pending → sending → accepted → delivered | failed | unknown.

    A «ready» SMS starts `held` while its receiving session is open (until it closes or the point's
    grace period passes) and is `cancelled` when the order stops being ready before it went.
    """

    REQUESTED = "requested"  # counter only: asked for, the server has not reported the row yet
    PENDING = "pending"
    SENDING = "sending"
    ACCEPTED = "accepted"
    DELIVERED = "delivered"
    FAILED = "failed"
    UNKNOWN = "unknown"  # the gateway's answer was lost; the dispatcher asks again
    HELD = "held"  # a «ready» SMS waiting for its receiving session to close (or the grace period)
    CANCELLED = "cancelled"  # never sent: the order stopped being ready before it went


SMS_FINAL = frozenset({SmsStatus.DELIVERED, SmsStatus.FAILED, SmsStatus.CANCELLED})
# How far along a status is: the counter never moves an SMS back to an earlier one (unknown may be left).
SMS_PROGRESS: dict[str, int] = {
    SmsStatus.REQUESTED: 0, SmsStatus.PENDING: 1, SmsStatus.SENDING: 2, SmsStatus.ACCEPTED: 3,
    SmsStatus.UNKNOWN: 4, SmsStatus.DELIVERED: 5, SmsStatus.FAILED: 5,
    SmsStatus.HELD: 1, SmsStatus.CANCELLED: 5,
}


class SmsPurpose(StrEnum):
    """Why an SMS is sent: the pickup code (ready), the last-day reminder, the receipt, the club welcome,
    and the correction after a «ready» SMS whose order turned out not ready (server only)."""

    READY = "ready"
    REMINDER = "reminder"
    RECEIPT = "receipt"
    CLUB = "club"
    CORRECTION = "correction"


class BoxStatus(StrEnum):
    """A box of an order: expected at the point, received, placed in a cell, handed over or returned."""

    EXPECTED = "expected"
    RECEIVED = "received"
    PLACED = "placed"
    HANDED_OVER = "handed_over"
    RETURNED = "returned"


class ShipmentStatus(StrEnum):
    """A delivery of boxes to the point (a truck), the same meaning on both sides: in transit until its receiving
    starts, receiving while boxes are scanned, received once its receiving session is closed (the act lists what is
    missing) or every box is in; an undone scan takes it back to receiving. A counter receiving the truck keeps its
    own status until its close is sent (desktop/cache_import.py); the server's rules: backend/rules/boxes.py."""

    IN_TRANSIT = "in_transit"
    RECEIVING = "receiving"
    RECEIVED = "received"


class CardStatus(StrEnum):
    """A club card of the point's stock: pending while the counter's activation is not confirmed."""

    STOCK = "stock"
    PENDING = "pending"
    ACTIVE = "active"
    REJECTED = "rejected"


class EventOutcome(StrEnum):
    """The server's verdict on one pushed outbox event."""

    APPLIED = "applied"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    CONFLICT = "conflict"


PROBLEM_OUTCOMES = (EventOutcome.REJECTED, EventOutcome.CONFLICT)


class OutboxStatus(StrEnum):
    """A counter's outbox event: pending until pushed, then the server's verdict (an `EventOutcome` value)."""

    PENDING = "pending"
    APPLIED = EventOutcome.APPLIED.value
    DUPLICATE = EventOutcome.DUPLICATE.value
    REJECTED = EventOutcome.REJECTED.value
    CONFLICT = EventOutcome.CONFLICT.value
