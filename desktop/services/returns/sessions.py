"""Return session step: open a session, scan boxes out one by one, close it into the return act."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from desktop.db.models import Box, Order, PickupPoint, ReturnItem, ReturnSession, SessionStatus, Shift, Staff
from desktop.documents.model import PointInfo, ReturnAct, ReturnActLine, SessionHeader
from desktop.services.base import Action, Actor, new_uid
from desktop.services.returns.return_list import pending_boxes, refused_items
from desktop.services.returns.rules import (
    NOT_AT_POINT,
    ReturnReason,
    local_text,
    point_zone,
    return_reason,
    storage_deadline,
)
from protocol.errors import DomainError
from protocol.events import BoxReturned, OrderReturned, ReturnClosed, ReturnOpened
from protocol.order_states import OrderEvent, OrderStatus, next_status
from protocol.states import BoxStatus


class ReturnScan(StrEnum):
    """What scanning a box into a return session did."""

    RETURNED = "returned"
    REPEAT = "repeat"


@dataclass(frozen=True)
class ReturnScanResult:
    outcome: ReturnScan
    box: str
    order_number: str
    reason: str
    seq_no: int
    boxes_total: int
    cell: str | None
    order_returned: bool


@dataclass(frozen=True)
class OpenReturn:
    """A return session still open (after a restart too) with the boxes already scanned into it."""

    uid: str
    opened_at: datetime
    scans: tuple[ReturnScanResult, ...]


@dataclass(frozen=True)
class PendingReturn:
    """A return session closing a shift must settle: who opened it, when, and how many boxes are in it."""

    uid: str
    opened_at: datetime
    opened_by: str
    boxes: int


def pending_return_sessions(session: Session, actor: Actor) -> list[PendingReturn]:
    """Open return sessions of the point this clerk must take care of: their own, and those nobody on shift holds.

    The same rule as for receiving (desktop/services/receiving/resume.py): a session opened by a colleague
    still on shift is theirs; one whose opener has no open shift is orphaned and falls to this clerk.
    """
    opener_on_shift = exists().where(Shift.staff_id == ReturnSession.opened_by, Shift.closed_at.is_(None))
    mine = ReturnSession.opened_by == actor.staff_id
    boxes = (
        select(func.count()).select_from(ReturnItem).where(ReturnItem.session_id == ReturnSession.id)
        .correlate(ReturnSession).scalar_subquery()
    )
    rows = session.execute(
        select(ReturnSession.uid, ReturnSession.opened_at, Staff.full_name, boxes.label("boxes"))
        .join(Staff, Staff.id == ReturnSession.opened_by)
        .where(
            ReturnSession.status == SessionStatus.OPEN,
            ReturnSession.point_id == actor.point_id,
            or_(mine, ~opener_on_shift),
        )
        .order_by(ReturnSession.id)
    ).all()
    return [PendingReturn(r.uid, r.opened_at, r.full_name, int(r.boxes or 0)) for r in rows]


def current_return_session(session: Session, point: PickupPoint) -> OpenReturn | None:
    """The point's open return session with its scan list, oldest first; None when none is open."""
    found = session.scalars(
        select(ReturnSession)
        .where(ReturnSession.point_id == point.id, ReturnSession.status == SessionStatus.OPEN)
        .order_by(ReturnSession.id)
    ).first()
    if found is None:
        return None
    items = session.scalars(
        select(ReturnItem).where(ReturnItem.session_id == found.id).order_by(ReturnItem.id)
    ).all()
    return OpenReturn(found.uid, found.opened_at, tuple(_scan_of(session, item) for item in items))


def _scan_of(session: Session, item: ReturnItem) -> ReturnScanResult:
    box = session.get(Box, item.box_id)
    assert box is not None  # return_items.box_id is a foreign key
    order = box.order
    returned = order.status == OrderStatus.RETURNED
    return ReturnScanResult(
        ReturnScan.RETURNED, box.barcode, order.number, item.reason, box.seq_no, order.boxes_total, None, returned
    )


def open_return_session(act: Action, point: PickupPoint, actor: Actor) -> str:
    """Record a new open session, or resume the one still open (never two at once); returns its uid."""
    still_open = current_return_session(act.session, point)
    if still_open is not None:
        act.audit("return.resumed", still_open.uid)
        return still_open.uid
    uid = new_uid()
    act.session.add(ReturnSession(uid=uid, point_id=point.id, opened_by=actor.staff_id, opened_at=act.now))
    act.emit(ReturnOpened(session=uid))
    act.audit("return.opened", uid)
    return uid


def scan_out(act: Action, point: PickupPoint, session_uid: str, barcode: str) -> ReturnScanResult:
    """One box out to the return (a repeat scan of a box in this session changes nothing)."""
    session = open_session_by_uid(act.session, session_uid)
    box = _box_here(act.session, point, barcode.strip())
    repeat = _repeat(act.session, session, box)
    if repeat is not None:
        return repeat
    reason = _box_reason(box, point, act.now)
    return _return_box(act, session, box, reason)


def close_return_session(act: Action, point: PickupPoint, session_uid: str, closer: Actor) -> ReturnAct:
    """Freeze the session and produce its return act."""
    session = open_session_by_uid(act.session, session_uid)
    returned_act = _build_act(act, point, session, closer)
    session.status, session.closed_at, session.act = SessionStatus.CLOSED, act.now, returned_act.as_dict()
    act.emit(ReturnClosed(session=session.uid, act=returned_act.as_dict()))
    act.audit("return.closed", session.uid, orders=len(returned_act.orders), boxes=returned_act.boxes_count)
    return returned_act


def open_session_by_uid(session: Session, uid: str) -> ReturnSession:
    found = session.scalars(select(ReturnSession).where(ReturnSession.uid == uid)).first()
    if found is None:
        raise DomainError("return.session_not_found", session=uid)
    if found.status != SessionStatus.OPEN:
        raise DomainError("return.session_closed", session=uid)
    return found


def _box_here(session: Session, point: PickupPoint, barcode: str) -> Box:
    box = session.scalars(select(Box).where(Box.barcode == barcode).options(selectinload(Box.order))).first()
    if box is None:
        raise DomainError("return.unknown_box", box=barcode)
    if box.order.point_id != point.id:
        raise DomainError("return.foreign_box", box=barcode)
    return box


def _repeat(session: Session, return_session: ReturnSession, box: Box) -> ReturnScanResult | None:
    item = session.scalars(select(ReturnItem).where(ReturnItem.box_id == box.id)).first()
    if item is None:
        return None
    if item.session_id != return_session.id:
        raise DomainError("return.box_in_other_session", box=box.barcode)
    order = box.order
    returned = order.status == OrderStatus.RETURNED
    return ReturnScanResult(
        ReturnScan.REPEAT, box.barcode, order.number, item.reason, box.seq_no, order.boxes_total, None, returned
    )


def _box_reason(box: Box, point: PickupPoint, now: datetime) -> ReturnReason:
    order = box.order
    reason = return_reason(order, point, now)
    if reason is None and order.status == OrderStatus.READY:
        deadline = storage_deadline(order, point)
        until = local_text(deadline, point_zone(point)) if deadline else "—"
        raise DomainError("return.not_expired", order=order.number, until=until)
    if reason is None:
        raise DomainError("return.not_on_list", order=order.number, status=OrderStatus(order.status))
    if box.status == BoxStatus.HANDED_OVER:  # a partial handover: only the kept box goes back
        raise DomainError("return.box_handed_over", box=box.barcode, order=order.number)
    if box.status in NOT_AT_POINT:
        raise DomainError("return.box_not_at_point", box=box.barcode)
    return reason


def _return_box(act: Action, return_session: ReturnSession, box: Box, reason: ReturnReason) -> ReturnScanResult:
    order = box.order
    cell = box.cell.label if box.cell is not None else None
    box.status, box.cell_id = BoxStatus.RETURNED, None
    act.session.add(
        ReturnItem(session_id=return_session.id, order_id=order.id, box_id=box.id, reason=reason, scanned_at=act.now)
    )
    act.emit(BoxReturned(session=return_session.uid, box=box.barcode, order=order.number, reason=reason))
    act.audit("return.box", box.barcode, order=order.number, reason=reason, session=return_session.uid)
    if not pending_boxes(order) and order.status != OrderStatus.PARTIALLY_HANDED_OVER:
        _return_order(act, order, reason, return_session.uid)  # a partial handover stays partially handed over
    done = order.status == OrderStatus.RETURNED
    return ReturnScanResult(
        ReturnScan.RETURNED, box.barcode, order.number, reason, box.seq_no, order.boxes_total, cell, done
    )


def _return_order(act: Action, order: Order, reason: ReturnReason, session_uid: str) -> None:
    """The order's last box here is out: the order itself is returned."""
    order.status = next_status(order.number, order.status, OrderEvent.RETURN)
    order.returned_at = act.now
    act.emit(OrderReturned(order=order.number, session=session_uid))
    act.audit("order.returned", order.number, reason=reason, session=session_uid)


def _build_act(act: Action, point: PickupPoint, return_session: ReturnSession, closer: Actor) -> ReturnAct:
    items = act.session.scalars(
        select(ReturnItem).where(ReturnItem.session_id == return_session.id).order_by(ReturnItem.id)
    ).all()
    by_order: dict[int, list[ReturnItem]] = {}
    for item in items:
        by_order.setdefault(item.order_id, []).append(item)
    lines = tuple(_act_line(act.session, order_id, group) for order_id, group in by_order.items())
    opener = act.session.get(Staff, return_session.opened_by)
    header = SessionHeader(
        return_session.uid,
        PointInfo(point.code, point.name, point.address, point.timezone),
        return_session.opened_at,
        act.now,
        opener.full_name if opener else "",
        closer.full_name,
    )
    return ReturnAct(header, lines, len(items))


def _act_line(session: Session, order_id: int, items: list[ReturnItem]) -> ReturnActLine:
    order = session.get(Order, order_id)
    assert order is not None
    barcodes = tuple(b.barcode for b in session.scalars(select(Box).where(Box.id.in_([i.box_id for i in items]))))
    partial = order.status == OrderStatus.PARTIALLY_HANDED_OVER
    going_back = [b for b in order.boxes if b.status not in (BoxStatus.EXPECTED, BoxStatus.HANDED_OVER)]
    return ReturnActLine(
        order.number,
        items[0].reason,
        order.customer.full_name,
        tuple(sorted(barcodes)),
        len(going_back) if partial else order.boxes_total,
        not pending_boxes(order) if partial else order.status == OrderStatus.RETURNED,
        refused_items(order),
    )
