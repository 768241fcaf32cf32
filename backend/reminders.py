"""Reminder SMS before the storage period ends (one per order, queued by the background worker)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from backend.codes import sms_context
from backend.models import Order, Point
from backend.sms.models import SmsOutbox
from backend.sms.service import request_sms
from protocol.order_states import OrderStatus
from protocol.states import SmsPurpose

REMIND_BEFORE = timedelta(hours=24)


def queue_reminders(session: Session, now: datetime, before: timedelta = REMIND_BEFORE) -> int:
    """Queue a reminder for each ready order whose last day is within `before`; returns how many."""
    reminded = exists(
        select(SmsOutbox.id).where(SmsOutbox.order_number == Order.number, SmsOutbox.purpose == SmsPurpose.REMINDER)
    )
    rows = session.execute(
        select(Order, Point)
        .join(Point, Point.id == Order.point_id)
        .where(Order.status == OrderStatus.READY, Order.storage_until > now, Order.storage_until <= now + before)
        .where(~reminded)
        .order_by(Order.storage_until)
    ).all()
    for order, point in rows:
        request_sms(session, order.number, "reminder", 1, sms_context(point, order, now))
    return len(rows)
