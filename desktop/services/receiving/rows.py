"""Receiving building blocks shared by its steps: result types, the Russian messages, prebuilt statements, rows.

The box scan is the hottest path of the counter: its statements are built once here and executed
with parameters, and the session keeps live counters so the receiving screen never counts rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.engine import Connection

from desktop import messages
from desktop.db.models import Box, Order, PickupPoint, ReceivingScan, ReceivingSession, SessionStatus, Shipment
from desktop.point_time import point_time, zone_named
from desktop.translatable import of_total
from protocol.errors import DomainError
from protocol.states import BoxStatus

MAX_NOTE = 500
Row = Any  # a Core result row (attribute access by column label)

messages.register(
    {
        "receiving.session_not_found": "Приёмка не найдена. Откройте приёмку заново.",
        "receiving.closed": "Приёмка уже закрыта ({closed_at}): сканировать в неё нельзя. "
        "Откройте новую приёмку без накладной.",
        "receiving.shipment_not_found": "Поставка {shipment} не найдена в этом пункте выдачи. "
        "Проверьте номер или примите коробки без накладной.",
        "receiving.shipment_done": "Поставка {shipment} уже принята. Опоздавшие коробки примите без накладной.",
        "receiving.nothing_to_undo": "Отменять нечего: в этой приёмке нет отсканированных коробок.",
        "receiving.undo_placed": "Коробку {box} уже разместили в ячейке — отмена невозможна. "
        "Если коробка не та, сообщите менеджеру.",
        "receiving.not_a_box": "Это не штрихкод коробки ({kind}). Отсканируйте наклейку на коробке.",
        "receiving.box_not_found": "Коробка {box} не найдена среди грузов этого пункта выдачи.",
        "receiving.box_not_received": "Коробка {box} ещё не принята. Сначала отсканируйте её в приёмке.",
        "receiving.note_required": "Опишите повреждение коробки (например, «вмятина, порван скотч»).",
        "receiving.note_too_long": "Слишком длинное описание повреждения: не больше {limit:n} символов.",
    }
)


class Outcome(StrEnum):
    RECEIVED = "received"
    REPEAT = "repeat"
    SURPLUS = "surplus"
    FOREIGN = "foreign"
    CANCELLED = "cancelled"
    OTHER_SHIPMENT = "other_shipment"  # a box of this point from another shipment: received, listed apart
    ELSEWHERE = "elsewhere"  # scanned here, but another session (PC) received it first: the server said so
    UNKNOWN_FORMAT = "unknown-format"


@dataclass(frozen=True)
class ReceivingCounts:
    """The live counters of a receiving session (expected/missing only with a manifest).

    With a manifest they always add up: ``expected == received + missing + cancelled_own + earlier``,
    where ``earlier`` counts the manifest's boxes taken in outside this session (before it, or in
    another session — a box this session scanned that another PC received first included, also counted
    in ``elsewhere``), and a box of another shipment of this point counts in ``other_shipment`` only.
    """

    has_manifest: bool
    expected: int
    received: int
    missing: int
    surplus: int
    foreign: int
    cancelled: int
    other_shipment: int = 0
    earlier: int = 0
    elsewhere: int = 0  # scanned here, received first by another session (another PC)


@dataclass(frozen=True)
class ScanOutcome:
    """What one box scan did: the outcome, the box and its order's progress, and the live counts."""

    kind: Outcome
    box: str
    counts: ReceivingCounts
    order: str | None = None
    box_no: int | None = None
    boxes_total: int | None = None
    order_boxes_in: int | None = None
    order_arrived: bool = False
    shipment: str | None = None  # the box's own shipment, named when it is not this session's
    claim: str | None = None  # the warranty claim whose item this box brings back from service
    error_code: str | None = None
    error_params: dict[str, Any] = field(default_factory=dict)

    @property
    def progress(self) -> str | None:
        """The order's progress as the clerk reads it: "2 из 3"."""
        if self.order_boxes_in is None or self.boxes_total is None:
            return None
        return of_total(self.order_boxes_in, self.boxes_total)

    @property
    def message(self) -> str | None:
        """The Russian explanation of an unknown-format scan."""
        if self.error_code is None:
            return None
        return messages.describe(self.error_code, self.error_params)


SESSIONS = cast(Table, ReceivingSession.__table__)
SCANS = cast(Table, ReceivingScan.__table__)
BOXES = cast(Table, Box.__table__)
ORDERS = cast(Table, Order.__table__)
POINTS = cast(Table, PickupPoint.__table__)
SHIPMENTS = cast(Table, Shipment.__table__)

_STANDING = (SCANS.c.session_id == SESSIONS.c.id, SCANS.c.undone.is_(False))
_TAKEN_IN = (*_STANDING, SCANS.c.outcome != "elsewhere")  # a box another session got first is not this one's


# How many standing scans of the session have an outcome: boxes of another shipment taken in by this session (they
# are not in its manifest counters), and boxes it scanned that another session received first.
_N_STANDING = select(func.count()).select_from(SCANS).where(*_STANDING).correlate(SESSIONS)
_N_OTHER = _N_STANDING.where(SCANS.c.outcome == Outcome.OTHER_SHIPMENT.value).scalar_subquery()
_N_ELSEWHERE = _N_STANDING.where(SCANS.c.outcome == Outcome.ELSEWHERE.value).scalar_subquery()
# The manifest's boxes no longer expected that this session did not take in: received before it or elsewhere.
# Counted as (the manifest's boxes no longer expected) − (those of them this session took in): two index walks.
# A `NOT IN (the session's scans)` per box re-ran that subquery for every box (correlated): 40 ms per scan at
# 500 boxes and 300 scans, growing with both.
_MANIFEST_DONE = (BOXES.c.shipment_id == SESSIONS.c.shipment_id, BOXES.c.status != BoxStatus.EXPECTED.value)
_N_EARLIER = (
    select(func.count()).select_from(BOXES).where(*_MANIFEST_DONE).correlate(SESSIONS).scalar_subquery()
    - select(func.count(func.distinct(BOXES.c.id)))
    .select_from(SCANS.join(BOXES, BOXES.c.id == SCANS.c.box_id))
    .where(*_TAKEN_IN, *_MANIFEST_DONE)
    .correlate(SESSIONS)
    .scalar_subquery()
)
SESSION_BY_UID = (
    select(
        SESSIONS.c.id,
        SESSIONS.c.uid,
        SESSIONS.c.status,
        SESSIONS.c.shipment_id,
        SESSIONS.c.closed_at,
        SESSIONS.c.n_expected,
        SESSIONS.c.n_received,
        SESSIONS.c.n_missing,
        SESSIONS.c.n_surplus,
        SESSIONS.c.n_foreign,
        SESSIONS.c.n_cancelled,
        _N_OTHER.label("n_other"),
        _N_EARLIER.label("n_earlier"),
        _N_ELSEWHERE.label("n_elsewhere"),
        POINTS.c.code.label("point_code"),
        POINTS.c.id.label("point_id"),
        POINTS.c.storage_days,
        POINTS.c.timezone.label("point_zone"),
    )
    .join(POINTS, POINTS.c.id == SESSIONS.c.point_id)
    .where(SESSIONS.c.uid == bindparam("p_uid"))
)
_BOX_COLUMNS = select(
    BOXES.c.id,
    BOXES.c.status.label("box_status"),
    BOXES.c.shipment_id,
    BOXES.c.seq_no,
    ORDERS.c.id.label("order_id"),
    ORDERS.c.number,
    ORDERS.c.status,
    ORDERS.c.boxes_total,
    ORDERS.c.point_id,
    SHIPMENTS.c.number.label("shipment"),
).join(ORDERS, ORDERS.c.id == BOXES.c.order_id).outerjoin(SHIPMENTS, SHIPMENTS.c.id == BOXES.c.shipment_id)
BOX_BY_BARCODE = _BOX_COLUMNS.where(BOXES.c.barcode == bindparam("p_barcode"))
BOX_BY_ID = _BOX_COLUMNS.where(BOXES.c.id == bindparam("p_id"))
INSERT_SCAN = insert(SCANS)
SET_BOX_STATUS = (
    update(BOXES)
    .where(BOXES.c.id == bindparam("p_id"))
    .values(status=bindparam("p_status"), received_at=bindparam("p_at"))
)
SET_ORDER_STATUS = update(ORDERS).where(ORDERS.c.id == bindparam("p_id")).values(status=bindparam("p_status"))
SET_ORDER_ARRIVED = SET_ORDER_STATUS.values(arrived_at=bindparam("p_at"))
BOXES_IN = (
    select(func.count())
    .select_from(BOXES)
    .where(BOXES.c.order_id == bindparam("p_id"), BOXES.c.status != BoxStatus.EXPECTED)
)
SEEN_IN_SESSION = select(SCANS.c.id).where(
    SCANS.c.session_id == bindparam("p_session"),
    SCANS.c.barcode == bindparam("p_barcode"),
    SCANS.c.undone.is_(False),
)
_BUMPS: dict[tuple[tuple[str, int], ...], Any] = {}


def session_row(conn: Connection, uid: str) -> Row:
    row = conn.execute(SESSION_BY_UID, {"p_uid": uid}).first()
    if row is None:
        raise DomainError("receiving.session_not_found", session=uid)
    return row


def require_open(row: Row) -> None:
    if row.status != SessionStatus.OPEN:
        closed = point_time(row.closed_at, zone_named(row.point_zone))  # the point's clock, like every time
        raise DomainError("receiving.closed", session=row.uid, closed_at=closed)


def counts_of(row: Row, deltas: dict[str, int] | None = None) -> ReceivingCounts:
    d = deltas or {}
    return ReceivingCounts(
        has_manifest=row.shipment_id is not None,
        expected=row.n_expected,
        received=row.n_received + d.get("n_received", 0),
        missing=row.n_missing + d.get("n_missing", 0),
        surplus=row.n_surplus + d.get("n_surplus", 0),
        foreign=row.n_foreign + d.get("n_foreign", 0),
        cancelled=row.n_cancelled + d.get("n_cancelled", 0),
        other_shipment=row.n_other + d.get("n_other", 0),
        earlier=row.n_earlier if row.shipment_id is not None else 0,
        elsewhere=row.n_elsewhere,
    )


def bump(conn: Connection, session_id: int, deltas: dict[str, int]) -> None:
    """Add `deltas` to the session's live counters (one prebuilt UPDATE per combination of deltas)."""
    key = tuple(sorted((name, delta) for name, delta in deltas.items() if name in SESSIONS.c))
    if not key:
        return
    statement = _BUMPS.get(key)
    if statement is None:
        values = {name: getattr(SESSIONS.c, name) + delta for name, delta in key}
        statement = _BUMPS[key] = update(SESSIONS).where(SESSIONS.c.id == bindparam("p_id")).values(**values)
    conn.execute(statement, {"p_id": session_id})


def boxes_in(conn: Connection, order_id: int) -> int:
    return int(conn.execute(BOXES_IN, {"p_id": order_id}).scalar_one())


def local_box(conn: Connection, barcode: str, point_id: int) -> Row:
    box = conn.execute(BOX_BY_BARCODE, {"p_barcode": barcode}).first()
    if box is None or box.point_id != point_id:
        raise DomainError("receiving.box_not_found", box=barcode)
    return box


def point_code_of(barcode: str) -> str:
    return barcode[1:5]


def order_of(barcode: str) -> str:
    return barcode[5:14]
