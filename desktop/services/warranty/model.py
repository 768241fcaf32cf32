"""What the warranty service hands to the pages: claim views, the intake draft, the cover, results of each step."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from desktop.documents.model import Document
from desktop.labels.content import LabelContent
from protocol.claims import WarrantyCover


@dataclass(frozen=True)
class ClaimView:
    """One claim as the counter knows it (the customer from its order, when the order is here)."""

    number: str
    status: str  # a ClaimStatus value
    order: str
    sku: str
    product: str
    serial: str | None
    prefiled: bool
    customer_name: str
    masked_phone: str
    fault: str
    cover: str | None
    checklist: tuple[str, ...]
    condition: str
    label: str | None
    filed_at: datetime
    accepted_at: datetime | None
    outcome: str | None
    conclusion: str | None
    return_order: str | None


@dataclass(frozen=True)
class ClaimSearch:
    """What `find` found: the claims, and the order when the query was a purchased order of this point (a new
    claim can be opened for it)."""

    claims: tuple[ClaimView, ...]
    order: str | None = None


@dataclass(frozen=True)
class IntakeLine:
    """An order line the item can be: what was bought, with the serial the order recorded (if any)."""

    sku: str
    product: str
    serial: str | None
    warranty_months: int


@dataclass(frozen=True)
class IntakeDraft:
    """An intake in progress (nothing stored yet): the claim, the order, the item, the serial as checked.

    `start_intake` makes it; `check_serial` / `override_serial` return a new draft with the serial settled;
    `accept` re-checks all of it inside its transaction.
    """

    number: str  # the pre-filed claim's number, or the number this counter gives a new claim
    prefiled: bool
    order: str
    customer_name: str
    masked_phone: str
    lines: tuple[IntakeLine, ...]  # the order's lines (a pre-filed claim: its own line only)
    fault: str = ""  # the customer's words on the pre-filed claim (the clerk may complete them)
    sku: str | None = None  # the line the item is (known for a pre-filed claim or a one-line order)
    serial: str | None = None  # the serial scanned from the item, once checked
    serial_override: str | None = None  # the manager's note when the serial does not match the line
    override_by: str | None = None  # the manager's login

    @property
    def serial_settled(self) -> bool:
        """The scanned serial matched its line, or a manager allowed the mismatch."""
        return self.serial is not None and self.sku is not None

    def line(self) -> IntakeLine | None:
        return next((line for line in self.lines if line.sku == self.sku), None)

    def with_serial(self, sku: str, serial: str, note: str | None = None, manager: str | None = None) -> IntakeDraft:
        return replace(self, sku=sku, serial=serial, serial_override=note, override_by=manager)


@dataclass(frozen=True)
class CoverInfo:
    """The warranty on the item: bought on (the point's date of the handover), months, last day, the cover today."""

    purchased: date
    months: int
    last_day: date
    today: date
    cover: WarrantyCover

    @property
    def expired(self) -> bool:
        return self.cover is WarrantyCover.PAID_REPAIR


@dataclass(frozen=True)
class AcceptedClaim:
    """The result of an intake: the claim, its service box label and the intake act (two copies)."""

    claim: ClaimView
    label: LabelContent
    act: Document
    photos: tuple[str, ...]  # sha256 of each saved photo


@dataclass(frozen=True)
class DispatchScan:
    """One claim scanned into a dispatch session (or taken back out by undo)."""

    claim: str
    label: str
    product: str
    order: str
    undone: bool = False
    repeat: bool = False  # the label was already in this session: nothing changed


@dataclass(frozen=True)
class OpenDispatch:
    """A service dispatch session still open (after a restart too) with the labels scanned into it, oldest first."""

    uid: str
    opened_at: datetime
    opened_by: str
    scans: tuple[DispatchScan, ...]


@dataclass(frozen=True)
class PendingDispatch:
    """An open service dispatch session a clerk's shift close must settle (theirs, or left by nobody on shift)."""

    uid: str
    opened_at: datetime
    opened_by: str
    items: int
