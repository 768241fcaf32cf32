"""The server's cap on SMS per order, purpose and day, whatever the counters send.

A clerk's resend of the «ready» SMS goes at most once per 10 minutes and 3 times per order per day of
the point (the counter's own rule, desktop/services/notification.py); the server enforces the same
so one batch of 30 `sms.requested` events cannot send 30 SMS. A resend reuses the order's current
pickup code: it re-sends the text of the order's last «ready» SMS, no new code is issued.
Reminders and receipts are capped the same way (one per 10 minutes, 3 per order per day).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.models import Order, PickupCode, Point
from backend.sms.models import SmsOutbox
from backend.sms.promise import hold_until, publish_sms_status, supersede_ready
from backend.sms.service import find_sms, request_sms

RESEND_INTERVAL = timedelta(minutes=10)
PER_DAY = 3  # resends of the «ready» SMS, or SMS of another purpose, per order and local day
RESEND_NOTE = "resend"


def local_day_start(point: Point, now: datetime) -> datetime:
    """Midnight of the point's calendar day containing `now`."""
    try:
        zone: Any = ZoneInfo(point.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = UTC
    return datetime.combine(now.astimezone(zone).date(), time(0), tzinfo=zone)


def cap_refusal(session: Session, point: Point, order_number: str, purpose: str, now: datetime,
                *, resends_only: bool = False) -> str | None:
    """Why one more SMS of `purpose` for the order may not go now (a reason code), None when it may."""
    rows = session.execute(
        select(SmsOutbox.created_at, SmsOutbox.timeline)
        .where(SmsOutbox.order_number == order_number, SmsOutbox.purpose == purpose)
    ).all()
    if any(now < _aware(row.created_at) + RESEND_INTERVAL for row in rows):
        return "sms_resend_too_soon"
    start = local_day_start(point, now)
    today = [row for row in rows if _aware(row.created_at) >= start and (not resends_only or _is_resend(row))]
    return "sms_daily_limit" if len(today) >= PER_DAY else None


def _is_resend(row: Any) -> bool:
    timeline = row.timeline or []
    return bool(timeline) and timeline[0].get("note") == RESEND_NOTE


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def current_ready_sms(session: Session, order_number: str) -> SmsOutbox | None:
    """The order's newest «ready» SMS: its text carries the order's current pickup code."""
    return session.scalars(
        select(SmsOutbox).where(SmsOutbox.order_number == order_number, SmsOutbox.purpose == "ready")
        .order_by(SmsOutbox.attempt.desc()).limit(1)
    ).first()


def resend_ready(session: Session, point: Point, order: Order, attempt: int, uid: str, now: datetime) -> bool:
    """Queue the «ready» SMS again under `attempt` with the current code (False when there is none to reuse).

    The attempt is recorded with the current code's hash, so a later new code takes the attempt after it.
    """
    current = current_ready_sms(session, order.number)
    if current is None or order.pickup_code_hash is None:
        return False
    session.add(PickupCode(order_id=order.id, attempt=attempt, code_hash=order.pickup_code_hash, issued_at=now))
    supersede_ready(session, order.number, attempt, now)  # an older one not yet sent: this one replaces it
    context: dict[str, Any] = {"phone": order.customer.phone, "point_code": point.code, "now": now, "uid": uid,
                               "text": current.text}
    held = hold_until(session, point, order, now)
    if held is not None:
        context["hold_until"] = held
    request_sms(session, order.number, "ready", attempt, context)
    session.flush()
    row = find_sms(session, order.number, "ready", attempt)
    assert row is not None
    row.timeline = [{**row.timeline[0], "note": RESEND_NOTE}]
    if held is not None:
        publish_sms_status(session, row)
    return True
