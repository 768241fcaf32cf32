"""The «ready» SMS is a promise to the customer: it goes only for an order that stays ready.

- Queued while a box of the order sits in a receiving session still open, the «ready» SMS is `held`
  until that session's `receiving.closed` is ingested (`release_session`) or the point's grace
  period after the order became ready passes (the dispatcher, asking `still_ready` first).
- An undone scan that takes the order out of «ready» (`withdraw_ready`) cancels a «ready» SMS not
  yet sent; one that may already have reached the customer gets a short correction (no code).
- When the order becomes ready again, a new «ready» SMS with a new code goes (backend/codes.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend import changes
from backend.models import Box, Order, Point
from backend.serialize import iso
from backend.sms.models import SmsOutbox
from backend.sms.service import move_row, request_sms
from protocol.order_states import OrderStatus
from protocol.states import BoxStatus, SmsPurpose, SmsStatus

NOT_SENT = (SmsStatus.HELD, SmsStatus.PENDING)  # no gateway has seen it: cancelling is safe
MAY_HAVE_REACHED = (SmsStatus.SENDING, SmsStatus.ACCEPTED, SmsStatus.DELIVERED, SmsStatus.UNKNOWN)


def publish_sms_status(session: Session, row: Any, point_id: int | None = None) -> None:
    """An outbox row changed state → an `sms.status` change for its point (the counter's SMS tab)."""
    if point_id is None:
        point_id = session.scalar(select(Point.id).where(Point.code == row.point_code))
    if point_id is None:
        return
    payload = {"sms": row.uid, "order": row.order_number, "purpose": row.purpose, "attempt": row.attempt,
               "status": row.status, "at": iso(row.updated_at), "error": row.error}
    changes.publish(session, point_id, "sms.status", payload, row.updated_at)


def hold_until(session: Session, point: Point, order: Order, now: datetime) -> datetime | None:
    """When a «ready» SMS queued now may go at the latest; None when no box of the order is in an open session."""
    open_box = session.scalar(
        select(Box.id).where(Box.order_id == order.id, Box.status == BoxStatus.RECEIVED,
                             Box.received_session.is_not(None)).limit(1)
    )
    if open_box is None or point.ready_sms_grace_minutes <= 0:
        return None
    return (order.ready_at or now) + timedelta(minutes=point.ready_sms_grace_minutes)


def release_session(session: Session, point: Point, session_uid: str, now: datetime) -> int:
    """`receiving.closed`: its boxes leave the open session; held «ready» SMS of orders with no box left
    in an open session go to `pending` (or are cancelled when the order is no longer ready), order by order,
    attempt by attempt. Returns how many were released. A few statements whatever the session's size (a truck's
    session of a hundred orders asked three queries an order)."""
    order_ids = set(session.scalars(
        select(Box.order_id).join(Order, Order.id == Box.order_id)
        .where(Box.received_session == session_uid, Order.point_id == point.id)
    ))
    if not order_ids:
        return 0
    session.execute(
        update(Box).where(Box.order_id.in_(order_ids), Box.received_session == session_uid)
        .values(received_session=None).execution_options(synchronize_session=False)
    )
    still_open = set(session.scalars(
        select(Box.order_id).where(Box.order_id.in_(order_ids), Box.received_session.is_not(None))))
    closed = select(Order).where(Order.id.in_(order_ids - still_open))
    orders = {order.number: order for order in session.scalars(closed)}
    rows = _ready_rows(session, list(orders), (SmsStatus.HELD,)) if orders else []

    def publish(s: Session, moved: Any) -> None:  # the point is known: no lookup of it per row
        publish_sms_status(s, moved, point.id if moved.point_code == point.code else None)

    for row in sorted(rows, key=lambda row: (orders[row.order_number].id, row.attempt)):
        ready = orders[row.order_number].status == OrderStatus.READY
        move_row(session, row, SmsStatus.PENDING if ready else SmsStatus.CANCELLED, now, publish,
                 note="receiving closed" if ready else "the order is not ready")
    return len(rows)


def withdraw_ready(session: Session, point: Point, order: Order, now: datetime) -> None:
    """The order is no longer ready: cancel its «ready» SMS not yet sent; correct the latest that may
    have reached the customer (one correction per «ready» attempt)."""
    for row in _ready_rows(session, order.number, NOT_SENT):
        move_row(session, row, SmsStatus.CANCELLED, now, publish_sms_status, note="receiving undone")
    reached = _ready_rows(session, order.number, MAY_HAVE_REACHED)
    if not reached:
        return
    attempt = max(row.attempt for row in reached)
    context = {"order": order.number, "phone": order.customer.phone, "point_code": point.code, "now": now}
    request_sms(session, order.number, SmsPurpose.CORRECTION, attempt, context)


def supersede_ready(session: Session, order_number: str, attempt: int, now: datetime) -> None:
    """A new code for `attempt` voids the older codes: their «ready» SMS not yet sent never go."""
    for row in _ready_rows(session, order_number, NOT_SENT):
        if row.attempt < attempt:
            move_row(session, row, SmsStatus.CANCELLED, now, publish_sms_status, note="a newer code was issued")


def still_ready(session: Session, row: SmsOutbox) -> bool:
    """The dispatcher's check before a held row goes: a «ready» SMS only for an order that is ready."""
    if row.purpose != SmsPurpose.READY:
        return True
    status = session.scalar(select(Order.status).where(Order.number == row.order_number))
    return status == OrderStatus.READY


def _ready_rows(session: Session, order_number: str | list[str], statuses: tuple[SmsStatus, ...]
                ) -> list[SmsOutbox]:
    """The «ready» rows of an order (or of several) in these statuses, locked, by attempt."""
    numbers = [order_number] if isinstance(order_number, str) else order_number
    return list(session.scalars(
        select(SmsOutbox)
        .where(SmsOutbox.order_number.in_(numbers), SmsOutbox.purpose == SmsPurpose.READY,
               SmsOutbox.status.in_(statuses))
        .order_by(SmsOutbox.attempt)
        .with_for_update()
    ))
