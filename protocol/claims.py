"""Warranty claims: a customer's faulty item taken in at the counter, sent to service and handed back.

Both sides share this module: the statuses and their one transition table (the server is authoritative
and refuses any other move), the service's outcomes, the intake checklist, the claim-number shapes and
the warranty period rule. The wire events are in `protocol.events` (section «warranty claims»); the
server publishes each claim to its point's counters as a ``claim.upsert`` change (`CLAIM_CHANGE`).

Lifecycle::

    filed ──accept──▶ accepted ──dispatch──▶ sent ──service_result──▶ returning ──arrive──▶ awaiting_pickup
      (pre-filed online)   ▲                                              arrival_undone ◀──────┤
    (opened at the counter)┘                                                           hand_over ▼
                                                                                            closed

``service_result`` is the service centre's conclusion recorded on the server (repaired, replaced, repair
refused, refund issued by the centre): the server then creates the claim's return order (kind
``warranty``) whose box travels back in a normal truck; receiving and handover treat it as any order.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from enum import StrEnum

from protocol.errors import DomainError

CLAIM_CHANGE = "claim.upsert"  # the change-feed type carrying one claim's current state
WARRANTY_ORDER_KIND = "warranty"  # Order.kind of the order that brings the item back from service
DEFAULT_WARRANTY_MONTHS = 12  # an order line without its own warranty period

PREFILED_NUMBER = re.compile(r"W\d{9}")  # issued by the server when the customer files online
COUNTER_NUMBER = re.compile(r"W\d{10}")  # opened at the counter: W + point code (4) + 6 random digits


class ClaimStatus(StrEnum):
    FILED = "filed"  # pre-filed by the customer online; the item is not at the point yet
    ACCEPTED = "accepted"  # taken in at the counter (intake act signed); waiting to be sent to service
    SENT = "sent"  # scanned out in a service dispatch session
    RETURNING = "returning"  # the service's conclusion is in; the return order is on its way to the point
    AWAITING_PICKUP = "awaiting_pickup"  # the return order's box arrived; the customer got the pickup SMS
    CLOSED = "closed"  # handed back to the customer with the outcome


class ClaimStep(StrEnum):
    ACCEPT = "accept"
    DISPATCH = "dispatch"
    SERVICE_RESULT = "service_result"
    ARRIVE = "arrive"
    ARRIVAL_UNDONE = "arrival_undone"  # the return box's receiving scan was undone: it is not at the point after all
    HAND_OVER = "hand_over"


class ClaimOutcome(StrEnum):
    """What the service centre concluded (recorded on the server, shown and confirmed at handover)."""

    REPAIRED = "repaired"
    REPLACED = "replaced"
    REPAIR_REFUSED = "repair_refused"
    REFUNDED = "refunded"  # the centre issued a refund; the box brings back the documents (and the item if kept)


class WarrantyCover(StrEnum):
    IN_WARRANTY = "in_warranty"
    PAID_REPAIR = "paid_repair"  # the warranty has ended; the customer agreed to a paid repair


# What the clerk checks at intake: completeness (ticked = present) and visible condition (ticked = observed).
COMPLETENESS = ("box", "charger", "cable", "accessories", "manual")
CONDITION = ("scratches", "cracks", "dents", "liquid_traces", "seal_broken")
CHECKLIST = COMPLETENESS + CONDITION

C, S = ClaimStatus, ClaimStep
TRANSITIONS: dict[tuple[ClaimStatus | None, ClaimStep], ClaimStatus] = {
    (None, S.ACCEPT): C.ACCEPTED,  # a claim opened at the counter has no earlier status
    (C.FILED, S.ACCEPT): C.ACCEPTED,
    (C.ACCEPTED, S.DISPATCH): C.SENT,
    (C.SENT, S.SERVICE_RESULT): C.RETURNING,
    (C.RETURNING, S.ARRIVE): C.AWAITING_PICKUP,
    (C.AWAITING_PICKUP, S.ARRIVAL_UNDONE): C.RETURNING,
    (C.AWAITING_PICKUP, S.HAND_OVER): C.CLOSED,
}
OPEN = frozenset(set(ClaimStatus) - {C.CLOSED})  # an item with an open claim cannot be taken in again


def next_claim_status(claim: str, current: ClaimStatus | str | None, step: ClaimStep) -> ClaimStatus:
    """The status after `step`; DomainError ``claim.closed`` / ``claim.illegal_step`` when the lifecycle forbids it."""
    status = None if current is None else ClaimStatus(current)
    if status == C.CLOSED:
        raise DomainError("claim.closed", claim=claim)
    try:
        return TRANSITIONS[(status, step)]
    except KeyError:
        raise DomainError("claim.illegal_step", claim=claim, current=str(current), step=step.value) from None


def warranty_ends(purchased: date, months: int) -> date:
    """The last day of cover: the same day `months` later (the month's last day when it has no such day)."""
    month_index = purchased.month - 1 + months
    year, month = purchased.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(purchased.day, calendar.monthrange(year, month)[1]))


def cover_on(purchased: date, months: int, today: date) -> WarrantyCover:
    """In warranty through its last day; a paid repair after it."""
    return WarrantyCover.IN_WARRANTY if today <= warranty_ends(purchased, months) else WarrantyCover.PAID_REPAIR


def is_claim_number(text: str) -> bool:
    return bool(PREFILED_NUMBER.fullmatch(text) or COUNTER_NUMBER.fullmatch(text))


def counter_claim_number(point_code: str, six_digits: int) -> str:
    """The number of a claim opened at the counter (offline-safe: the point plus a random part)."""
    if not (len(point_code) == 4 and point_code.isdigit() and 0 <= six_digits < 10**6):
        raise ValueError("point code must be 4 digits and the random part below 10**6")
    return f"W{point_code}{six_digits:06d}"
