"""Outbox event types: defined once, typed and versioned; the backend imports this module too.

Each event is a frozen dataclass registered under its wire `TYPE` with its `SCHEMA_V`.
Payloads are plain JSON (strings, ints, bools, lists, dicts); business keys (order number,
box barcode, card number, session uid) rather than local row ids.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from protocol import limits

SCHEMA_V = 1  # current payload schema version written by this app
MIN_SCHEMA_V = 1  # oldest schema version this code can still read

EVENT_TYPES: dict[str, type[Event]] = {}
E = TypeVar("E", bound="Event")


def event_type(name: str, schema_v: int = SCHEMA_V) -> Any:
    """Class decorator: register a dataclass as the payload of event `name`."""

    def register(cls: type[E]) -> type[E]:
        if name in EVENT_TYPES:
            raise ValueError(f"event type registered twice: {name}")
        cls.TYPE = name
        cls.SCHEMA_V = schema_v
        EVENT_TYPES[name] = cls
        return cls

    return register


@dataclass(frozen=True)
class Event:
    """Base of every outbox event payload."""

    TYPE: ClassVar[str] = ""
    SCHEMA_V: ClassVar[int] = SCHEMA_V

    def payload(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)  # one, not one a call


def canonical_json(data: Any) -> str:
    """Stable JSON text: sorted keys, no spaces, UTF-8 kept (what is hashed and compared)."""
    return _CANONICAL.encode(data)


def parse_event(type_: str, payload: dict[str, Any]) -> Event:
    """Rebuild a typed event from the wire; ValueError for an unknown type or wrong fields."""
    cls = EVENT_TYPES.get(type_)
    if cls is None:
        raise ValueError(f"unknown event type: {type_}")
    _, names, required = _shape(cls)
    if not isinstance(payload, dict) or not required <= payload.keys() <= names:
        shown = sorted(payload) if isinstance(payload, dict) else payload
        raise ValueError(f"payload of {type_} has wrong fields: {shown!r}")
    return cls(**payload)


def storage_problem(event: Event) -> str | None:
    """Why the server could not store this event's values (`reason:field`), None when every value fits.

    One generic check for every event type: text within its column's length and free of NUL bytes (also
    inside nested lists and dicts), top-level integers within a 32-bit column.
    """
    for name in field_names(type(event)):
        value = getattr(event, name)
        if isinstance(value, bool):
            continue
        if isinstance(value, int) and not limits.INT_MIN <= value <= limits.INT_MAX:
            return f"number_out_of_range:{name}"
        if isinstance(value, str) and len(value) > limits.FIELD_TEXT_MAX.get(name, limits.TEXT_MAX):
            return f"text_too_long:{name}"
        if _has_nul(value):
            return f"text_has_nul:{name}"
    return None


_SHAPES: dict[type[Event], tuple[tuple[str, ...], frozenset[str], frozenset[str]]] = {}


def _shape(cls: type[Event]) -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    """An event type's field names in order, as a set, and the required ones: read once per type (a server batch
    parses hundreds of events)."""
    if cls not in _SHAPES:
        fields = dataclasses.fields(cls)
        names = tuple(f.name for f in fields)
        _SHAPES[cls] = names, frozenset(names), frozenset(f.name for f in fields if _required(f))
    return _SHAPES[cls]


def field_names(cls: type[Event]) -> tuple[str, ...]:
    """An event type's fields in order."""
    return _shape(cls)[0]


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


# --- staff and shifts -------------------------------------------------------------------------


@event_type("shift.opened")
@dataclass(frozen=True)
class ShiftOpened(Event):
    shift: str
    staff: str


@event_type("shift.closed")
@dataclass(frozen=True)
class ShiftClosed(Event):
    shift: str
    staff: str
    report: dict[str, Any] = field(default_factory=dict)


# --- receiving ----------------------------------------------------------------------------------


@event_type("receiving.opened")
@dataclass(frozen=True)
class ReceivingOpened(Event):
    session: str
    shipment: str | None


@event_type("box.received")
@dataclass(frozen=True)
class BoxReceived(Event):
    session: str
    box: str
    order: str


@event_type("receiving.unexpected_box")
@dataclass(frozen=True)
class UnexpectedBoxScanned(Event):
    """A scanned box that is not ours to receive: surplus, another point's, or a cancelled order's."""

    session: str
    box: str
    kind: str  # surplus | foreign | cancelled


@event_type("receiving.scan_undone")
@dataclass(frozen=True)
class ReceivingScanUndone(Event):
    session: str
    box: str
    order: str | None


@event_type("box.damaged")
@dataclass(frozen=True)
class BoxDamaged(Event):
    box: str
    order: str
    note: str


@event_type("receiving.closed")
@dataclass(frozen=True)
class ReceivingClosed(Event):
    session: str
    summary: dict[str, Any]


@event_type("order.arrived")
@dataclass(frozen=True)
class OrderArrived(Event):
    order: str
    arrived_at: str  # ISO 8601 UTC


# --- storage cells ------------------------------------------------------------------------------


@event_type("box.placed")
@dataclass(frozen=True)
class BoxPlaced(Event):
    box: str
    order: str
    cell: str
    previous_cell: str | None = None


# --- notification -------------------------------------------------------------------------------


@event_type("sms.requested")
@dataclass(frozen=True)
class SmsRequested(Event):
    sms: str
    order: str
    purpose: str  # ready | reminder | receipt | club
    attempt: int


# --- handover -----------------------------------------------------------------------------------


@event_type("order.locked")
@dataclass(frozen=True)
class OrderLocked(Event):
    order: str
    failed_attempts: int


@event_type("order.unlocked")
@dataclass(frozen=True)
class OrderUnlocked(Event):
    order: str
    by: str


@event_type("handover.completed")
@dataclass(frozen=True)
class HandoverCompleted(Event):
    handover: str
    order: str
    result: str  # handed_over | partially_handed_over | refused
    verified_by: str  # code | qr
    lines: list[dict[str, Any]]  # [{"sku", "quantity", "refused", "reason"}]
    payment: dict[str, Any] | None  # {"due", "tenders": [...], "receipt"} in kopecks (protocol.money_rules)
    id_document_type: str | None = None
    id_document_last4: str | None = None
    power_of_attorney: str | None = None
    kept_box: str | None = None  # partial handover: the box left at the point with the refused goods
    credit_agreement: str | None = None  # a credit order: the bank's agreement number the customer signed


@event_type("bonus.accrual")
@dataclass(frozen=True)
class BonusAccrual(Event):
    order: str
    points: int


@event_type("bonus.redeemed")
@dataclass(frozen=True)
class BonusRedeemed(Event):
    """Points paid at a handover (emitted after its `handover.completed`); an overdraft is a conflict for review."""

    redemption: str  # uid
    order: str
    handover: str
    points: int


# --- gift certificates (protocol/money_rules.py) -------------------------------------------------


@event_type("certificate.sold")
@dataclass(frozen=True)
class CertificateSold(Event):
    """A gift certificate sold at the counter: stock → active once the server applies it."""

    sale: str  # uid
    certificate: str  # GC + 12 digits
    amount: int  # the face value, kopecks
    payment: dict[str, Any]  # {"due", "tenders": [cash/card only], "receipt"} as in HandoverCompleted


@event_type("certificate.redeemed")
@dataclass(frozen=True)
class CertificateRedeemed(Event):
    """A certificate's amount paid at a handover (after its `handover.completed`); overdraft → conflict."""

    redemption: str  # uid
    certificate: str
    order: str
    handover: str
    amount: int  # kopecks


# --- club cards ---------------------------------------------------------------------------------


@event_type("club.card_activated")
@dataclass(frozen=True)
class ClubCardActivated(Event):
    card: str
    phone: str
    city: str
    points: int


# --- storage period and returns -----------------------------------------------------------------


@event_type("storage.extended")
@dataclass(frozen=True)
class StorageExtended(Event):
    order: str
    days: int
    until: str  # ISO 8601 UTC


@event_type("return.opened")
@dataclass(frozen=True)
class ReturnOpened(Event):
    session: str


@event_type("box.returned")
@dataclass(frozen=True)
class BoxReturned(Event):
    session: str
    box: str
    order: str
    reason: str  # expired | refused | cancelled


@event_type("order.returned")
@dataclass(frozen=True)
class OrderReturned(Event):
    order: str
    session: str


@event_type("return.closed")
@dataclass(frozen=True)
class ReturnClosed(Event):
    session: str
    act: dict[str, Any]


# --- warranty claims (protocol/claims.py) ------------------------------------------------------


@event_type("claim.accepted")
@dataclass(frozen=True)
class ClaimAccepted(Event):
    """An item taken in for service at the counter: a pre-filed claim (`prefiled`) or one opened here."""

    claim: str  # the claim number (pre-filed W + 9 digits, or opened here W + point + 6 digits)
    order: str
    sku: str
    serial: str  # as scanned from the item
    prefiled: bool
    cover: str  # WarrantyCover: in_warranty | paid_repair (the customer agreed to pay)
    checklist: list[str]  # CHECKLIST keys ticked: completeness present, condition observed
    condition: str  # the clerk's note on the visible condition
    fault: str  # the customer's description of the fault
    photos: list[str]  # sha256 of each webcam photo kept with the claim on the counter
    label: str  # the service box label printed for the item
    serial_override: str | None = None  # the manager's note when the serial does not match the order line
    override_by: str | None = None  # the manager's login who allowed the mismatch


@event_type("service.opened")
@dataclass(frozen=True)
class ServiceDispatchOpened(Event):
    """A service dispatch session: accepted items are scanned out to the service centre."""

    session: str


@event_type("claim.dispatched")
@dataclass(frozen=True)
class ClaimDispatched(Event):
    session: str
    claim: str
    label: str


@event_type("service.closed")
@dataclass(frozen=True)
class ServiceDispatchClosed(Event):
    session: str
    act: dict[str, Any]  # {"claims": [...], "count": n}
