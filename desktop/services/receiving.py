"""Receiving (приёмка): scan the boxes of a shipment in, count discrepancies, close with the act data.

`scan_box` is the hottest path of the counter: it runs on SQLAlchemy Core inside one write
transaction with a handful of statements and keeps the session's live counters up to date, so
the receiving screen never counts rows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.engine import Connection

from desktop import messages
from desktop.db.engine import Database
from desktop.db.models import (
    Box,
    Order,
    PickupPoint,
    ReceivingScan,
    ReceivingSession,
    Shipment,
    Staff,
)
from desktop.scan_routing import DEFAULT, ScanKind, ScanPatterns, route_scan
from desktop.services.base import (
    Action,
    Actor,
    Clock,
    Role,
    Service,
    local_point,
    new_uid,
    require_role,
    utc_now,
)
from desktop.services.notification import notify_order_ready
from protocol.errors import DomainError
from protocol.events import (
    BoxDamaged,
    BoxReceived,
    OrderArrived,
    ReceivingClosed,
    ReceivingOpened,
    ReceivingScanUndone,
    UnexpectedBoxScanned,
)
from protocol.order_states import OrderEvent, OrderStatus, next_status

MAX_NOTE = 500
_Row = Any  # a Core result row (attribute access by column label)

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
        "receiving.note_too_long": "Слишком длинное описание повреждения: не больше {limit} символов.",
    }
)


class Outcome(StrEnum):
    RECEIVED = "received"
    REPEAT = "repeat"
    SURPLUS = "surplus"
    FOREIGN = "foreign"
    CANCELLED = "cancelled"
    UNKNOWN_FORMAT = "unknown-format"


@dataclass(frozen=True)
class ReceivingCounts:
    """The live counters of a receiving session (expected/missing only with a manifest)."""

    has_manifest: bool
    expected: int
    received: int
    missing: int
    surplus: int
    foreign: int
    cancelled: int


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
    error_code: str | None = None
    error_params: dict[str, Any] = field(default_factory=dict)

    @property
    def progress(self) -> str | None:
        """The order's progress as the clerk reads it: "2 из 3"."""
        if self.order_boxes_in is None or self.boxes_total is None:
            return None
        return f"{self.order_boxes_in} из {self.boxes_total}"

    @property
    def message(self) -> str | None:
        """The Russian explanation of an unknown-format scan."""
        if self.error_code is None:
            return None
        return messages.describe(self.error_code, self.error_params)


@dataclass(frozen=True)
class DiscrepancySummary:
    """The data of the discrepancy act (акт расхождений) of a closed receiving session."""

    session: str
    shipment: str | None
    point: str
    opened_at: str
    closed_at: str
    opened_by: str
    closed_by: str
    staff: list[str]
    counts: dict[str, int]
    missing: list[dict[str, Any]]
    surplus: list[str]
    foreign: list[dict[str, str]]
    cancelled: list[dict[str, str]]
    damaged: list[dict[str, str]]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def has_discrepancies(self) -> bool:
        return bool(self.missing or self.surplus or self.foreign or self.cancelled or self.damaged)


_SESSIONS = cast(Table, ReceivingSession.__table__)
_SCANS = cast(Table, ReceivingScan.__table__)
_BOXES = cast(Table, Box.__table__)
_ORDERS = cast(Table, Order.__table__)
_POINTS = cast(Table, PickupPoint.__table__)

_SESSION_BY_UID = (
    select(
        _SESSIONS.c.id,
        _SESSIONS.c.uid,
        _SESSIONS.c.status,
        _SESSIONS.c.shipment_id,
        _SESSIONS.c.closed_at,
        _SESSIONS.c.n_expected,
        _SESSIONS.c.n_received,
        _SESSIONS.c.n_missing,
        _SESSIONS.c.n_surplus,
        _SESSIONS.c.n_foreign,
        _SESSIONS.c.n_cancelled,
        _POINTS.c.code.label("point_code"),
        _POINTS.c.id.label("point_id"),
        _POINTS.c.storage_days,
    )
    .join(_POINTS, _POINTS.c.id == _SESSIONS.c.point_id)
    .where(_SESSIONS.c.uid == bindparam("p_uid"))
)
_BOX_COLUMNS = select(
    _BOXES.c.id,
    _BOXES.c.status.label("box_status"),
    _BOXES.c.shipment_id,
    _BOXES.c.seq_no,
    _ORDERS.c.id.label("order_id"),
    _ORDERS.c.number,
    _ORDERS.c.status,
    _ORDERS.c.boxes_total,
    _ORDERS.c.point_id,
).join(_ORDERS, _ORDERS.c.id == _BOXES.c.order_id)
# Hot-path statements are built once and executed with parameters: no per-scan statement building.
_BOX_BY_BARCODE = _BOX_COLUMNS.where(_BOXES.c.barcode == bindparam("p_barcode"))
_BOX_BY_ID = _BOX_COLUMNS.where(_BOXES.c.id == bindparam("p_id"))
_INSERT_SCAN = insert(_SCANS)
_SET_BOX_STATUS = (
    update(_BOXES)
    .where(_BOXES.c.id == bindparam("p_id"))
    .values(status=bindparam("p_status"), received_at=bindparam("p_at"))
)
_SET_ORDER_STATUS = update(_ORDERS).where(_ORDERS.c.id == bindparam("p_id")).values(status=bindparam("p_status"))
_SET_ORDER_ARRIVED = _SET_ORDER_STATUS.values(arrived_at=bindparam("p_at"))
_BOXES_IN = (
    select(func.count())
    .select_from(_BOXES)
    .where(_BOXES.c.order_id == bindparam("p_id"), _BOXES.c.status != "expected")
)
_SEEN_IN_SESSION = select(_SCANS.c.id).where(
    _SCANS.c.session_id == bindparam("p_session"),
    _SCANS.c.barcode == bindparam("p_barcode"),
    _SCANS.c.undone.is_(False),
)
_BUMPS: dict[tuple[tuple[str, int], ...], Any] = {}


def _session_row(conn: Connection, uid: str) -> _Row:
    row = conn.execute(_SESSION_BY_UID, {"p_uid": uid}).first()
    if row is None:
        raise DomainError("receiving.session_not_found", session=uid)
    return row


def _counts(row: _Row, deltas: dict[str, int] | None = None) -> ReceivingCounts:
    d = deltas or {}
    return ReceivingCounts(
        has_manifest=row.shipment_id is not None,
        expected=row.n_expected,
        received=row.n_received + d.get("n_received", 0),
        missing=row.n_missing + d.get("n_missing", 0),
        surplus=row.n_surplus + d.get("n_surplus", 0),
        foreign=row.n_foreign + d.get("n_foreign", 0),
        cancelled=row.n_cancelled + d.get("n_cancelled", 0),
    )


def _bump(conn: Connection, session_id: int, deltas: dict[str, int]) -> None:
    """Add `deltas` to the session's live counters (one prebuilt UPDATE per combination of deltas)."""
    key = tuple(sorted(deltas.items()))
    statement = _BUMPS.get(key)
    if statement is None:
        values = {name: getattr(_SESSIONS.c, name) + delta for name, delta in key}
        statement = _BUMPS[key] = update(_SESSIONS).where(_SESSIONS.c.id == bindparam("p_id")).values(**values)
    conn.execute(statement, {"p_id": session_id})


def _point_code_of(barcode: str) -> str:
    return barcode[1:5]


class ReceivingService(Service):
    """Open, scan into, undo, flag damage, and close receiving sessions."""

    def __init__(self, db: Database, clock: Clock = utc_now, patterns: ScanPatterns = DEFAULT) -> None:
        super().__init__(db, clock)
        self.patterns = patterns

    # --- open ---------------------------------------------------------------------------------

    def open_session(self, actor: Actor, shipment_number: str | None = None) -> str:
        """Open (or resume the open) receiving session for a shipment, or one without a manifest."""
        require_role(actor, Role.CLERK, "приёмка поставки")
        with self.action(actor) as act:
            point = local_point(act.session)
            shipment = _find_shipment(act, point.id, shipment_number) if shipment_number else None
            if shipment is not None:
                resumed = act.session.scalar(
                    select(ReceivingSession.uid).where(
                        ReceivingSession.shipment_id == shipment.id, ReceivingSession.status == "open"
                    )
                )
                if resumed is not None:
                    return resumed
            return _open(act, point.id, shipment)

    # --- scan ---------------------------------------------------------------------------------

    def scan_box(self, actor: Actor, session_uid: str, barcode: str) -> ScanOutcome:
        """Receive one scanned box: received, repeat, surplus, foreign, cancelled or unknown-format."""
        require_role(actor, Role.CLERK, "приёмка поставки")
        try:
            scan = route_scan(barcode, self.patterns)
        except DomainError as err:
            return self._unknown(session_uid, err.params.get("sample", ""), err.code, err.params)
        if scan.kind is not ScanKind.BOX:
            return self._unknown(session_uid, scan.value, "receiving.not_a_box", {"kind": _KIND_NAMES[scan.kind]})
        with self.action(actor) as act:
            return _scan(act, session_uid, scan.value)

    def _unknown(self, session_uid: str, sample: str, code: str, params: dict[str, Any]) -> ScanOutcome:
        """Not a box barcode: nothing is written; a closed session still refuses."""
        with self.reading() as s:
            row = _session_row(s.connection(), session_uid)
        _require_open(row)
        return ScanOutcome(Outcome.UNKNOWN_FORMAT, sample, _counts(row), error_code=code, error_params=params)

    def counts(self, session_uid: str) -> ReceivingCounts:
        """The live counts of a session."""
        with self.reading() as s:
            return _counts(_session_row(s.connection(), session_uid))

    # --- undo, damage -------------------------------------------------------------------------

    def undo_last(self, actor: Actor, session_uid: str) -> ScanOutcome:
        """Cancel the last scan of the session that changed something; the box is expected again."""
        require_role(actor, Role.CLERK, "отмена сканирования")
        with self.action(actor) as act:
            return _undo(act, session_uid)

    def flag_damaged(self, actor: Actor, box_barcode: str, note: str) -> None:
        """Record that a received box arrived damaged, with the clerk's description."""
        require_role(actor, Role.CLERK, "отметка о повреждении")
        note = " ".join(note.split())
        if not note:
            raise DomainError("receiving.note_required")
        if len(note) > MAX_NOTE:
            raise DomainError("receiving.note_too_long", limit=MAX_NOTE)
        with self.action(actor) as act:
            point = local_point(act.session)
            box = _local_box(act.session.connection(), box_barcode.strip().upper(), point.id)
            if box.box_status == "expected":
                raise DomainError("receiving.box_not_received", box=box_barcode)
            act.session.execute(update(Box).where(Box.id == box.id).values(damaged=True, damage_note=note))
            act.emit(BoxDamaged(box=box_barcode.strip().upper(), order=box.number, note=note))
            act.audit("receiving.damaged", box_barcode.strip().upper(), order=box.number, note=note)

    # --- close --------------------------------------------------------------------------------

    def close(self, actor: Actor, session_uid: str) -> DiscrepancySummary:
        """Freeze the session and return the discrepancy act data (also stored on the session)."""
        require_role(actor, Role.CLERK, "закрытие приёмки")
        with self.action(actor) as act:
            conn = act.session.connection()
            row = _session_row(conn, session_uid)
            _require_open(row)
            summary = _build_summary(act, row)
            conn.execute(
                update(_SESSIONS)
                .where(_SESSIONS.c.id == row.id)
                .values(status="closed", closed_by=actor.staff_id, closed_at=act.now, summary=summary.as_dict())
            )
            if row.shipment_id is not None:
                act.session.execute(update(Shipment).where(Shipment.id == row.shipment_id).values(status="received"))
            act.emit(ReceivingClosed(session=session_uid, summary=summary.as_dict()))
            act.audit("receiving.close", session_uid, counts=summary.counts)
            return summary

    def summary(self, session_uid: str) -> DiscrepancySummary | None:
        """The stored discrepancy act data of a closed session (None while it is open)."""
        with self.reading() as s:
            data = s.scalar(select(ReceivingSession.summary).where(ReceivingSession.uid == session_uid))
            return DiscrepancySummary(**data) if data else None


_KIND_NAMES = {
    ScanKind.ORDER_NUMBER: "номер заказа",
    ScanKind.BOX: "коробка",
    ScanKind.CELL: "ячейка хранения",
    ScanKind.CLUB_CARD: "клубная карта",
    ScanKind.STAFF_BADGE: "бейдж сотрудника",
    ScanKind.PICKUP_TOKEN: "QR-код получения",
    ScanKind.PICKUP_CODE: "код получения",
}


def _find_shipment(act: Action, point_id: int, number: str) -> Shipment:
    shipment = act.session.scalars(
        select(Shipment).where(Shipment.number == number.strip(), Shipment.point_id == point_id)
    ).first()
    if shipment is None:
        raise DomainError("receiving.shipment_not_found", shipment=number)
    if shipment.status == "received":
        raise DomainError("receiving.shipment_done", shipment=number)
    return shipment


def _open(act: Action, point_id: int, shipment: Shipment | None) -> str:
    uid = new_uid()
    expected = missing = 0
    if shipment is not None:
        manifest = select(func.count()).select_from(Box).where(Box.shipment_id == shipment.id)
        expected = act.session.scalar(manifest) or 0
        missing = act.session.scalar(manifest.where(Box.status == "expected")) or 0
        shipment.status = "receiving"
    act.session.execute(
        insert(ReceivingSession).values(
            uid=uid,
            point_id=point_id,
            shipment_id=shipment.id if shipment else None,
            opened_by=act.actor.staff_id if act.actor else None,
            opened_at=act.now,
            status="open",
            n_expected=expected,
            n_missing=missing,
        )
    )
    act.emit(ReceivingOpened(session=uid, shipment=shipment.number if shipment else None))
    act.audit("receiving.open", uid, shipment=shipment.number if shipment else None, expected=expected)
    return uid


def _require_open(row: _Row) -> None:
    if row.status != "open":
        closed = row.closed_at.strftime("%d.%m.%Y %H:%M UTC") if row.closed_at else "—"
        raise DomainError("receiving.closed", session=row.uid, closed_at=closed)


def _scan(act: Action, session_uid: str, barcode: str) -> ScanOutcome:
    conn = act.session.connection()
    sess = _session_row(conn, session_uid)
    _require_open(sess)
    box = conn.execute(_BOX_BY_BARCODE, {"p_barcode": barcode}).first()
    if box is None or _point_code_of(barcode) != sess.point_code or box.point_id != sess.point_id:
        return _unexpected(act, conn, sess, barcode, box)
    if box.box_status != "expected":
        return _repeat(conn, sess, barcode, box)
    cancelled = box.status == OrderStatus.CANCELLED
    kind = Outcome.CANCELLED if cancelled else Outcome.RECEIVED
    deltas = {"n_cancelled" if cancelled else "n_received": 1}
    if box.shipment_id is not None and box.shipment_id == sess.shipment_id:
        deltas["n_missing"] = -1
    _record(conn, act, sess.id, barcode, box.id, kind)
    conn.execute(_SET_BOX_STATUS, {"p_id": box.id, "p_status": "received", "p_at": act.now})
    _bump(conn, sess.id, deltas)
    if cancelled:
        act.emit(UnexpectedBoxScanned(session=session_uid, box=barcode, kind=kind.value))
        act.audit("receiving.scan", barcode, session=session_uid, outcome=kind.value, order=box.number)
        return _outcome(kind, barcode, sess, deltas, box, None)
    act.emit(BoxReceived(session=session_uid, box=barcode, order=box.number))
    boxes_in, arrived = _advance_order(act, conn, box, sess.storage_days)
    act.audit("receiving.scan", barcode, session=session_uid, outcome=kind.value, order=box.number)
    return _outcome(kind, barcode, sess, deltas, box, boxes_in, arrived)


def _record(conn: Connection, act: Action, session_id: int, barcode: str, box_id: int | None, kind: Outcome) -> None:
    conn.execute(
        _INSERT_SCAN,
        {
            "session_id": session_id,
            "barcode": barcode,
            "box_id": box_id,
            "outcome": kind.value,
            "staff_id": act.actor.staff_id if act.actor else None,
            "scanned_at": act.now,
            "undone": False,
        },
    )


def _advance_order(act: Action, conn: Connection, box: _Row, storage_days: int) -> tuple[int, bool]:
    """Move the order on after one more of its boxes came in; arrived (then ready) when all are in."""
    boxes_in = 1 if box.boxes_total == 1 else _boxes_in(conn, box.order_id)
    if boxes_in < box.boxes_total:
        new = next_status(box.number, box.status, OrderEvent.BOX_ARRIVED)
        if new != box.status:
            conn.execute(_SET_ORDER_STATUS, {"p_id": box.order_id, "p_status": new.value})
        return boxes_in, False
    new = next_status(box.number, box.status, OrderEvent.ALL_ARRIVED)
    conn.execute(_SET_ORDER_ARRIVED, {"p_id": box.order_id, "p_status": new.value, "p_at": act.now})
    act.emit(OrderArrived(order=box.number, arrived_at=act.now.isoformat()))
    notify_order_ready(act, _OrderRef(box.order_id, box.number, new.value, box.point_id), storage_days)
    return boxes_in, True


@dataclass(frozen=True)
class _OrderRef:
    id: int
    number: str
    status: str
    point_id: int


def _boxes_in(conn: Connection, order_id: int) -> int:
    return int(conn.execute(_BOXES_IN, {"p_id": order_id}).scalar_one())


def _outcome(
    kind: Outcome,
    barcode: str,
    sess: _Row,
    deltas: dict[str, int],
    box: _Row | None,
    boxes_in: int | None,
    arrived: bool = False,
) -> ScanOutcome:
    return ScanOutcome(
        kind,
        barcode,
        _counts(sess, deltas),
        order=box.number if box is not None else _order_of(barcode),
        box_no=box.seq_no if box is not None else int(barcode[-2:]),
        boxes_total=box.boxes_total if box is not None else None,
        order_boxes_in=boxes_in,
        order_arrived=arrived,
    )


def _order_of(barcode: str) -> str:
    return barcode[5:14]


def _repeat(conn: Connection, sess: _Row, barcode: str, box: _Row | None) -> ScanOutcome:
    """A box already in: reported, nothing written."""
    boxes_in = None
    if box is not None and box.status != OrderStatus.CANCELLED:
        boxes_in = 1 if box.boxes_total == 1 else _boxes_in(conn, box.order_id)
    return _outcome(Outcome.REPEAT, barcode, sess, {}, box, boxes_in)


def _unexpected(act: Action, conn: Connection, sess: _Row, barcode: str, box: _Row | None) -> ScanOutcome:
    """A box that is not ours to receive: another point's (foreign) or unknown to the cache (surplus)."""
    foreign = _point_code_of(barcode) != sess.point_code or (box is not None and box.point_id != sess.point_id)
    seen = conn.execute(_SEEN_IN_SESSION, {"p_session": sess.id, "p_barcode": barcode}).first()
    if seen is not None:
        return _outcome(Outcome.REPEAT, barcode, sess, {}, None, None)
    kind = Outcome.FOREIGN if foreign else Outcome.SURPLUS
    deltas = {f"n_{kind.value}": 1}
    _record(conn, act, sess.id, barcode, None, kind)
    _bump(conn, sess.id, deltas)
    act.emit(UnexpectedBoxScanned(session=sess.uid, box=barcode, kind=kind.value))
    act.audit("receiving.scan", barcode, session=sess.uid, outcome=kind.value)
    return _outcome(kind, barcode, sess, deltas, None, None)


def _undo(act: Action, session_uid: str) -> ScanOutcome:
    conn = act.session.connection()
    sess = _session_row(conn, session_uid)
    _require_open(sess)
    last = conn.execute(
        select(_SCANS.c.id, _SCANS.c.barcode, _SCANS.c.box_id, _SCANS.c.outcome)
        .where(_SCANS.c.session_id == sess.id, _SCANS.c.undone.is_(False))
        .order_by(_SCANS.c.id.desc())
        .limit(1)
    ).first()
    if last is None:
        raise DomainError("receiving.nothing_to_undo")
    kind = Outcome(last.outcome)
    deltas = {f"n_{kind.value}": -1}
    box = conn.execute(_BOX_BY_ID, {"p_id": last.box_id}).first() if last.box_id else None
    boxes_in = None
    if box is not None:
        if box.box_status != "received":
            raise DomainError("receiving.undo_placed", box=last.barcode)
        if box.shipment_id is not None and box.shipment_id == sess.shipment_id:
            deltas["n_missing"] = 1
        conn.execute(_SET_BOX_STATUS, {"p_id": box.id, "p_status": "expected", "p_at": None})
        if kind is Outcome.RECEIVED:
            boxes_in = _retreat_order(conn, box)
    conn.execute(update(_SCANS).where(_SCANS.c.id == last.id).values(undone=True))
    _bump(conn, sess.id, deltas)
    order = box.number if box is not None else None
    act.emit(ReceivingScanUndone(session=session_uid, box=last.barcode, order=order))
    act.audit("receiving.undo", last.barcode, session=session_uid, outcome=kind.value, order=order)
    return _outcome(kind, last.barcode, sess, deltas, box, boxes_in)


def _retreat_order(conn: Connection, box: _Row) -> int:
    """The order loses one received box: partially arrived, or back in transit when none is left."""
    boxes_in = _boxes_in(conn, box.order_id)
    event = OrderEvent.ARRIVAL_UNDONE if boxes_in else OrderEvent.ALL_ARRIVAL_UNDONE
    new = next_status(box.number, box.status, event)
    conn.execute(
        update(_ORDERS)
        .where(_ORDERS.c.id == box.order_id)
        .values(status=new.value, arrived_at=None, ready_at=None, storage_until=None)
    )
    return boxes_in


def _local_box(conn: Connection, barcode: str, point_id: int) -> _Row:
    box = conn.execute(_BOX_BY_BARCODE, {"p_barcode": barcode}).first()
    if box is None or box.point_id != point_id:
        raise DomainError("receiving.box_not_found", box=barcode)
    return box


def _build_summary(act: Action, sess: _Row) -> DiscrepancySummary:
    s = act.session
    scans = s.execute(
        select(ReceivingScan.barcode, ReceivingScan.outcome, ReceivingScan.box_id, Staff.full_name)
        .join(Staff, Staff.id == ReceivingScan.staff_id)
        .where(ReceivingScan.session_id == sess.id, ReceivingScan.undone.is_(False))
        .order_by(ReceivingScan.id)
    ).all()
    by_outcome: dict[str, list[Any]] = {}
    for row in scans:
        by_outcome.setdefault(row.outcome, []).append(row)
    missing = _missing(act, sess.shipment_id)
    received_ids = [r.box_id for r in scans if r.box_id is not None]
    head = s.execute(
        select(ReceivingSession.opened_at, Staff.full_name, Shipment.number)
        .join(Staff, Staff.id == ReceivingSession.opened_by)
        .outerjoin(Shipment, Shipment.id == ReceivingSession.shipment_id)
        .where(ReceivingSession.id == sess.id)
    ).one()
    closer = act.actor.full_name if act.actor else ""
    return DiscrepancySummary(
        session=sess.uid,
        shipment=head.number,
        point=sess.point_code,
        opened_at=head.opened_at.isoformat(),
        closed_at=act.now.isoformat(),
        opened_by=head.full_name,
        closed_by=closer,
        staff=sorted({r.full_name for r in scans} | {head.full_name, closer} - {""}),
        counts={
            "expected": sess.n_expected,
            "received": len(by_outcome.get("received", [])),
            "missing": len(missing),
            "surplus": len(by_outcome.get("surplus", [])),
            "foreign": len(by_outcome.get("foreign", [])),
            "cancelled": len(by_outcome.get("cancelled", [])),
        },
        missing=missing,
        surplus=[r.barcode for r in by_outcome.get("surplus", [])],
        foreign=[{"box": r.barcode, "point": _point_code_of(r.barcode)} for r in by_outcome.get("foreign", [])],
        cancelled=[{"box": r.barcode, "order": _order_of(r.barcode)} for r in by_outcome.get("cancelled", [])],
        damaged=_damaged(act, received_ids),
    )


def _missing(act: Action, shipment_id: int | None) -> list[dict[str, Any]]:
    if shipment_id is None:
        return []
    rows = act.session.execute(
        select(Box.barcode, Box.seq_no, Order.number, Order.boxes_total)
        .join(Order, Order.id == Box.order_id)
        .where(Box.shipment_id == shipment_id, Box.status == "expected")
        .order_by(Order.number, Box.seq_no)
    )
    return [{"box": r.barcode, "order": r.number, "box_no": f"{r.seq_no} из {r.boxes_total}"} for r in rows]


def _damaged(act: Action, box_ids: list[int]) -> list[dict[str, str]]:
    if not box_ids:
        return []
    rows = act.session.execute(
        select(Box.barcode, Box.damage_note, Order.number)
        .join(Order, Order.id == Box.order_id)
        .where(Box.id.in_(box_ids), Box.damaged.is_(True))
        .order_by(Box.barcode)
    )
    return [{"box": r.barcode, "order": r.number, "note": r.damage_note or ""} for r in rows]
