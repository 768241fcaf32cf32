"""Receiving steps inside one open session: a box scan (received, repeat, surplus, foreign, cancelled) and its undo."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection

from desktop.db.claim_models import Claim
from desktop.db.models import SessionStatus
from desktop.services.base import Action
from desktop.services.notification import notify_order_ready
from desktop.services.receiving.rows import (
    BOX_BY_BARCODE,
    BOX_BY_ID,
    INSERT_SCAN,
    ORDERS,
    SCANS,
    SEEN_IN_SESSION,
    SESSIONS,
    SET_BOX_STATUS,
    SET_ORDER_ARRIVED,
    SET_ORDER_STATUS,
    Outcome,
    Row,
    ScanOutcome,
    boxes_in,
    bump,
    counts_of,
    order_of,
    point_code_of,
    require_open,
    session_row,
)
from protocol.errors import DomainError
from protocol.events import BoxReceived, OrderArrived, ReceivingScanUndone, UnexpectedBoxScanned
from protocol.order_states import OrderEvent, OrderStatus, next_status
from protocol.states import BoxStatus


def scan(act: Action, session_uid: str, barcode: str) -> ScanOutcome:
    """One box barcode into an open session, in the caller's transaction."""
    conn = act.session.connection()
    sess = session_row(conn, session_uid)
    require_open(sess)
    box = conn.execute(BOX_BY_BARCODE, {"p_barcode": barcode}).first()
    if box is None or point_code_of(barcode) != sess.point_code or box.point_id != sess.point_id:
        return _unexpected(act, conn, sess, barcode, box)
    if box.box_status != BoxStatus.EXPECTED:
        return _repeat(conn, sess, barcode, box)
    kind = _kind_of(sess, box)
    deltas = {_COUNTER[kind]: 1}
    if box.shipment_id is not None and box.shipment_id == sess.shipment_id:
        deltas["n_missing"] = -1
    _record(conn, act, sess.id, barcode, box.id, kind)
    conn.execute(SET_BOX_STATUS, {"p_id": box.id, "p_status": BoxStatus.RECEIVED.value, "p_at": act.now})
    bump(conn, sess.id, deltas)
    _touch_own_session(conn, box.shipment_id, sess.id, -1)
    cancelled = kind is Outcome.CANCELLED
    if cancelled:
        act.emit(UnexpectedBoxScanned(session=session_uid, box=barcode, kind=kind.value))
        act.audit("receiving.scan", barcode, session=session_uid, outcome=kind.value, order=box.number)
        return _outcome(kind, barcode, sess, deltas, box, None)
    act.emit(BoxReceived(session=session_uid, box=barcode, order=box.number))
    n_in, arrived = _advance_order(act, conn, box, sess.storage_days)
    act.audit("receiving.scan", barcode, session=session_uid, outcome=kind.value, order=box.number)
    claim = conn.execute(CLAIM_OF_RETURN, {"p_order": box.number}).scalar()  # an item back from service
    return replace(_outcome(kind, barcode, sess, deltas, box, n_in, arrived), claim=claim)


CLAIM_OF_RETURN = select(Claim.number).where(Claim.return_order == bindparam("p_order"))  # indexed: a lookup a box

_COUNTER = {Outcome.RECEIVED: "n_received", Outcome.CANCELLED: "n_cancelled", Outcome.OTHER_SHIPMENT: "n_other"}
# The open session of a shipment (one at most): its live «missing» follows its boxes taken in elsewhere.
_OPEN_SESSION_OF_SHIPMENT = select(SESSIONS.c.id).where(
    SESSIONS.c.shipment_id == bindparam("p_shipment"), SESSIONS.c.status == SessionStatus.OPEN
)


def _kind_of(sess: Row, box: Row) -> Outcome:
    """Received; cancelled (its order was); or, in a session with a manifest, a box of another shipment."""
    if box.status == OrderStatus.CANCELLED:
        return Outcome.CANCELLED
    if sess.shipment_id is not None and box.shipment_id != sess.shipment_id:
        return Outcome.OTHER_SHIPMENT
    return Outcome.RECEIVED


def _touch_own_session(conn: Connection, shipment_id: int | None, this_session: int, delta: int) -> None:
    """A box of a shipment whose own session is open elsewhere changes that session's «missing» too."""
    if shipment_id is None:
        return
    own = conn.execute(_OPEN_SESSION_OF_SHIPMENT, {"p_shipment": shipment_id}).scalar()
    if own is not None and own != this_session:
        bump(conn, own, {"n_missing": delta})


def _record(conn: Connection, act: Action, session_id: int, barcode: str, box_id: int | None, kind: Outcome) -> None:
    conn.execute(
        INSERT_SCAN,
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


def _advance_order(act: Action, conn: Connection, box: Row, storage_days: int) -> tuple[int, bool]:
    """Move the order on after one more of its boxes came in; arrived (then ready) when all are in."""
    n_in = 1 if box.boxes_total == 1 else boxes_in(conn, box.order_id)
    if n_in < box.boxes_total:
        new = next_status(box.number, box.status, OrderEvent.BOX_ARRIVED)
        if new != box.status:
            conn.execute(SET_ORDER_STATUS, {"p_id": box.order_id, "p_status": new.value})
        return n_in, False
    new = next_status(box.number, box.status, OrderEvent.ALL_ARRIVED)
    conn.execute(SET_ORDER_ARRIVED, {"p_id": box.order_id, "p_status": new.value, "p_at": act.now})
    act.emit(OrderArrived(order=box.number, arrived_at=act.now.isoformat()))
    notify_order_ready(act, _OrderRef(box.order_id, box.number, new.value, box.point_id), storage_days)
    return n_in, True


@dataclass(frozen=True)
class _OrderRef:
    id: int
    number: str
    status: str
    point_id: int


def _outcome(
    kind: Outcome,
    barcode: str,
    sess: Row,
    deltas: dict[str, int],
    box: Row | None,
    n_in: int | None,
    arrived: bool = False,
) -> ScanOutcome:
    return ScanOutcome(
        kind,
        barcode,
        counts_of(sess, deltas),
        order=box.number if box is not None else order_of(barcode),
        box_no=box.seq_no if box is not None else int(barcode[-2:]),
        boxes_total=box.boxes_total if box is not None else None,
        order_boxes_in=n_in,
        order_arrived=arrived,
        shipment=box.shipment if box is not None and kind is Outcome.OTHER_SHIPMENT else None,
    )


def _repeat(conn: Connection, sess: Row, barcode: str, box: Row | None) -> ScanOutcome:
    """A box already in: reported, nothing written."""
    n_in = None
    if box is not None and box.status != OrderStatus.CANCELLED:
        n_in = 1 if box.boxes_total == 1 else boxes_in(conn, box.order_id)
    return _outcome(Outcome.REPEAT, barcode, sess, {}, box, n_in)


def _unexpected(act: Action, conn: Connection, sess: Row, barcode: str, box: Row | None) -> ScanOutcome:
    """A box that is not ours to receive: another point's (foreign) or unknown to the cache (surplus)."""
    foreign = point_code_of(barcode) != sess.point_code or (box is not None and box.point_id != sess.point_id)
    seen = conn.execute(SEEN_IN_SESSION, {"p_session": sess.id, "p_barcode": barcode}).first()
    if seen is not None:
        return _outcome(Outcome.REPEAT, barcode, sess, {}, None, None)
    kind = Outcome.FOREIGN if foreign else Outcome.SURPLUS
    deltas = {f"n_{kind.value}": 1}
    _record(conn, act, sess.id, barcode, None, kind)
    bump(conn, sess.id, deltas)
    act.emit(UnexpectedBoxScanned(session=sess.uid, box=barcode, kind=kind.value))
    act.audit("receiving.scan", barcode, session=sess.uid, outcome=kind.value)
    return _outcome(kind, barcode, sess, deltas, None, None)


def undo(act: Action, session_uid: str) -> ScanOutcome:
    """Cancel the last scan that changed something, in the caller's transaction."""
    conn = act.session.connection()
    sess = session_row(conn, session_uid)
    require_open(sess)
    last = _last_scan(conn, sess.id)
    kind = Outcome(last.outcome)
    deltas = {_COUNTER.get(kind, f"n_{kind.value}"): -1}
    box = conn.execute(BOX_BY_ID, {"p_id": last.box_id}).first() if last.box_id else None
    n_in = _unreceive(conn, sess, last, box, deltas) if box is not None else None
    conn.execute(update(SCANS).where(SCANS.c.id == last.id).values(undone=True))
    bump(conn, sess.id, deltas)
    order = box.number if box is not None else None
    act.emit(ReceivingScanUndone(session=session_uid, box=last.barcode, order=order))
    act.audit("receiving.undo", last.barcode, session=session_uid, outcome=kind.value, order=order)
    return _outcome(kind, last.barcode, sess, deltas, box, n_in)


def _last_scan(conn: Connection, session_id: int) -> Row:
    last = conn.execute(
        select(SCANS.c.id, SCANS.c.barcode, SCANS.c.box_id, SCANS.c.outcome)
        # a box another PC received first is no change of this session's: never undone from here
        .where(SCANS.c.session_id == session_id, SCANS.c.undone.is_(False), SCANS.c.outcome != Outcome.ELSEWHERE)
        .order_by(SCANS.c.id.desc())
        .limit(1)
    ).first()
    if last is None:
        raise DomainError("receiving.nothing_to_undo")
    return last


def _unreceive(conn: Connection, sess: Row, last: Row, box: Row, deltas: dict[str, int]) -> int | None:
    """The box is expected again (not once it was placed); a received box takes its order back a step."""
    if box.box_status != BoxStatus.RECEIVED:
        raise DomainError("receiving.undo_placed", box=last.barcode)
    if box.shipment_id is not None and box.shipment_id == sess.shipment_id:
        deltas["n_missing"] = 1
    conn.execute(SET_BOX_STATUS, {"p_id": box.id, "p_status": BoxStatus.EXPECTED.value, "p_at": None})
    _touch_own_session(conn, box.shipment_id, sess.id, 1)
    return _retreat_order(conn, box) if last.outcome != Outcome.CANCELLED else None


def _retreat_order(conn: Connection, box: Row) -> int:
    """The order loses one received box: partially arrived, or back in transit when none is left."""
    n_in = boxes_in(conn, box.order_id)
    event = OrderEvent.ARRIVAL_UNDONE if n_in else OrderEvent.ALL_ARRIVAL_UNDONE
    new = next_status(box.number, box.status, event)
    conn.execute(
        update(ORDERS)
        .where(ORDERS.c.id == box.order_id)
        .values(status=new.value, arrived_at=None, ready_at=None, storage_until=None)
    )
    return n_in
