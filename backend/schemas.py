"""Request and response bodies of the HTTP API (they also make the OpenAPI document)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from uuid import UUID

from pydantic import AfterValidator, BaseModel, Field, model_validator

from protocol.claims import ClaimOutcome, ClaimStatus
from protocol.events import canonical_json
from protocol.limits import CONCLUSION_MAX, FAULT_MAX, INT_MAX, INT_MIN, SERIAL_MAX


def _utf8(text: str) -> None:
    """UTF-8 without lone surrogates (JSON allows `\\ud800`; storage does not)."""
    try:
        text.encode()
    except UnicodeEncodeError:
        raise ValueError("text is not valid Unicode (a lone surrogate)") from None


def _encodable(value: Any) -> Any:
    """A document the database can store: its canonical JSON text is valid UTF-8 (keys and values alike)."""
    _encodable_text(value)
    return value


def _encodable_text(value: Any) -> str:
    """`value`'s canonical JSON text, once it is known to be valid UTF-8."""
    text = canonical_json(value)
    _utf8(text)
    return text


def _storable_text(value: str) -> str:
    """A text field stored as is: valid Unicode and no NUL byte (PostgreSQL text cannot hold one)."""
    if "\x00" in value:
        raise ValueError("text contains a NUL byte")
    _utf8(value)  # the text itself: no JSON text built for it
    return value


class CanonicalDocument(dict[str, Any]):
    """A JSON object and its canonical text (`canonical_json`), built once when the object is validated: an event's
    payload is checked here, then stored and hashed as that text (backend/ingest.py `check`)."""

    __slots__ = ("text",)
    text: str


def _canonical_document(value: dict[str, Any]) -> CanonicalDocument:
    document = CanonicalDocument(value)
    document.text = _encodable_text(value)
    return document


def canonical_text(document: dict[str, Any]) -> str:
    """The canonical text of a `CanonicalPayload` field's value."""
    assert isinstance(document, CanonicalDocument)
    return document.text


Text = Annotated[str, AfterValidator(_storable_text)]
Document = Annotated[dict[str, Any], AfterValidator(_encodable)]
CanonicalPayload = Annotated[dict[str, Any], AfterValidator(_canonical_document)]  # a `Document` with its text


class Health(BaseModel):
    status: str
    version: str
    schema_v: int
    min_schema_v: int
    min_client_version: str


class ApiErrorBody(BaseModel):
    code: str
    message: str


class EnrolmentCodeIn(BaseModel):
    point_code: Text = Field(min_length=1, max_length=8)


class EnrolmentCodeOut(BaseModel):
    code: str
    expires_at: str


class EnrolIn(BaseModel):
    code: Text = Field(min_length=1, max_length=64)
    device_name: Text = Field(min_length=1, max_length=100)


class EnrolOut(BaseModel):
    device_id: str
    token: str
    point: dict[str, Any]
    public_key: str


class ImportOut(BaseModel):
    imported: dict[str, int]


class CancelOut(BaseModel):
    order: str
    status: str


class PruneOut(BaseModel):
    deleted: int
    pruned_through: int


class EventIn(BaseModel):
    event_id: UUID
    device_seq: int = Field(ge=0, le=INT_MAX)  # an INTEGER column: a bigger value is a 422, never a 500
    type: Text = Field(min_length=1, max_length=48)
    schema_v: int = Field(ge=INT_MIN, le=INT_MAX)
    payload: CanonicalPayload  # over EVENT_PAYLOAD_MAX bytes the event alone is rejected (backend/ingest.py)
    occurred_at: Text = Field(max_length=40)


class EventsIn(BaseModel):
    events: list[EventIn] = Field(min_length=1)


class EventResultOut(BaseModel):
    event_id: str
    status: str
    reason: str | None
    server_seq: int | None


class EventsOut(BaseModel):
    results: list[EventResultOut]


class ChangeOut(BaseModel):
    seq: int
    type: str
    payload: dict[str, Any]


class ChangesOut(BaseModel):
    changes: list[ChangeOut]
    next_cursor: int
    has_more: bool
    code_tag_key: str | None = None  # base64: the point's pickup-code lookup tag key (backend/keys.py)


class SnapshotOut(BaseModel):
    cursor: int
    point: dict[str, Any]
    orders: list[dict[str, Any]]
    shipments: list[dict[str, Any]]
    cells: list[dict[str, Any]]
    cards: list[dict[str, Any]]
    staff: list[dict[str, Any]]
    claims: list[dict[str, Any]] = []  # warranty claims, in the `claim.upsert` shape
    bonus_entries: list[dict[str, Any]] = []  # the `bonus.entry` items of the accounts with an order here
    certificates: list[dict[str, Any]] = []  # every gift certificate, `certificate.upsert` shape
    certificate_entries: list[dict[str, Any]] = []  # the certificate ledger, `certificate.entry` shape
    code_tag_key: str | None = None


HASH_PATTERN = r"^[0-9a-f]{64}$"


class JournalProof(BaseModel):
    """The head the counter last got back from the server and still holds in its chain."""

    sequence: int = Field(ge=1, le=INT_MAX)
    hash: str = Field(pattern=HASH_PATTERN)


class JournalHeadIn(BaseModel):
    """A counter's newest journal entry: its number, the entry count, its hash and when it was written."""

    sequence: int = Field(ge=0, le=INT_MAX)
    count: int = Field(ge=0, le=INT_MAX)
    hash: str = Field(pattern=HASH_PATTERN)
    last_at: datetime | None = None
    proof: JournalProof | None = None

    @model_validator(mode="after")
    def _consistent(self) -> JournalHeadIn:
        if self.count > self.sequence or (self.count == 0) != (self.sequence == 0):
            raise ValueError("count and sequence do not describe one journal")
        if self.proof is not None and self.proof.sequence > self.sequence:
            raise ValueError("the proof is newer than the head")
        return self


class JournalHeadHeld(BaseModel):
    sequence: int
    count: int
    hash: str
    last_at: str | None
    anchored_at: str


class JournalHeadOut(BaseModel):
    """`status`: anchored (the head was taken), unchanged, or mismatch (kept the older head the counter lost)."""

    status: str
    held: JournalHeadHeld


# --- warranty claims (backend/claims_api.py) -------------------------------------------------------------------


class ClaimIn(BaseModel):
    """A claim the customer filed online: the handed-over order, the item's line, its serial if known, the fault."""

    order: str = Field(pattern=r"^\d{1,16}$")
    sku: Text = Field(min_length=1, max_length=32)
    serial: Text | None = Field(default=None, min_length=1, max_length=SERIAL_MAX)
    fault: Text = Field(min_length=1, max_length=FAULT_MAX)


class ServiceResultIn(BaseModel):
    """The service centre's conclusion; `repair_kopecks` > 0 makes the return order unpaid (a paid repair)."""

    outcome: ClaimOutcome
    conclusion: Text = Field(min_length=1, max_length=CONCLUSION_MAX)
    repair_kopecks: int = Field(default=0, ge=0, le=INT_MAX)


class ClaimOut(BaseModel):
    """A claim in the `claim.upsert` shape (protocol/claims.py)."""

    number: str
    point_code: str
    status: ClaimStatus
    order: str
    sku: str
    serial: str | None
    product: str
    prefiled: bool
    fault: str
    cover: str | None
    checklist: list[str]
    condition: str
    label: str | None
    filed_at: str
    accepted_at: str | None
    outcome: str | None
    conclusion: str | None
    return_order: str | None
    updated_at: str


# --- money (backend/money_api.py) --------------------------------------------------------------------------------

CERTIFICATE_NUMBER = r"^GC\d{12}$"  # protocol.money_rules.CERTIFICATE_PATTERN
CERTIFICATES_PER_IMPORT = 1000


def _utc_moment(value: datetime) -> datetime:
    """An expiry the database can hold: aware UTC (naive is taken as UTC), years 2000…2999."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    if not 2000 <= value.year <= 2999:
        raise ValueError("the year must be 2000…2999")
    return value.astimezone(UTC)


class CertificateIn(BaseModel):
    """A printed certificate: its number, the 8-digit PIN under the scratch layer (hashed at once), the face value
    in kopecks (null: chosen at the sale) and the expiry (null: a year from the sale)."""

    number: str = Field(pattern=CERTIFICATE_NUMBER)
    pin: str = Field(pattern=r"^\d{8}$", repr=False)
    face: int | None = Field(default=None, ge=1, le=INT_MAX)
    expires_at: Annotated[datetime, AfterValidator(_utc_moment)] | None = None


class CertificatesIn(BaseModel):
    certificates: list[CertificateIn] = Field(min_length=1, max_length=CERTIFICATES_PER_IMPORT)


class CertificateStateOut(BaseModel):
    certificate: str
    status: str


class CertificatesOut(BaseModel):
    imported: list[CertificateStateOut]


class ReturnLineIn(BaseModel):
    sku: Text = Field(min_length=1, max_length=32)
    quantity: int = Field(ge=1, le=INT_MAX)


class CustomerReturnIn(BaseModel):
    """Goods the customer returned after the handover (the centre's return document `reference`)."""

    reference: Text = Field(min_length=1, max_length=64)
    lines: list[ReturnLineIn] = Field(min_length=1, max_length=500)


class CustomerReturnOut(BaseModel):
    order: str
    reference: str
    points_reversed: int
    entries: list[dict[str, Any]]  # the `bonus.entry` items made
