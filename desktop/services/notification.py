"""Notification: an arrived order becomes ready and an SMS request goes to the outbox; resends.

Reminders before the storage deadline are the server's job (backend/reminders.py, hourly).

The counter PC never sends SMS itself: it writes an `SmsMessage` row (status "requested") and an
`sms.requested` outbox event; the backend generates the pickup code, sends and reports the status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any, Protocol, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, and_, bindparam, func, select, update
from sqlalchemy.orm import Session

from desktop import messages
from desktop.db.models import Order, PickupPoint, SmsMessage
from desktop.point_time import DAY_TIME, point_time
from desktop.services.base import Action, Actor, Role, Service, local_point, require_role
from desktop.services.orders import local_order
from desktop.services.sms_request import SmsView, request_sms, sms_view
from desktop.translatable import QT_TRANSLATE_NOOP
from protocol.errors import DomainError
from protocol.order_states import OrderEvent, OrderStatus, next_status

RESEND_INTERVAL = timedelta(minutes=10)
RESENDS_PER_DAY = 3

messages.register(
    {
        "sms.order_not_ready": "SMS по заказу {order} отправить нельзя: заказ в состоянии «{status}», "
        "а не «готов к выдаче».",
        "sms.resend_too_soon": "SMS по заказу {order} уже отправлялось недавно. Повторить можно после {next_at}.",
        "sms.resend_daily_limit": "По заказу {order} сегодня уже {count:n} повторных SMS — это предел. "
        "Следующую отправку можно сделать после {next_at}.",
    }
)


class OrderLike(Protocol):
    """What notify_order_ready needs of an order (an ORM Order or a Core row)."""

    @property
    def id(self) -> int: ...
    @property
    def number(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def point_id(self) -> int: ...


@dataclass(frozen=True)
class ReadyNotice:
    """What happened when an order became ready: its new storage deadline and the SMS request."""

    order: str
    storage_until: datetime
    sms_uid: str
    attempt: int


_ORDERS = cast(Table, Order.__table__)
# Built once: notify_order_ready runs inside the receiving hot path.
_STORAGE_DAYS = select(PickupPoint.storage_days).where(PickupPoint.id == bindparam("p_point"))
_SET_READY = (
    update(_ORDERS)
    .where(_ORDERS.c.id == bindparam("p_id"))
    .values(status=bindparam("p_status"), ready_at=bindparam("p_at"), storage_until=bindparam("p_until"))
)


def notify_order_ready(act: Action, order: OrderLike, storage_days: int | None = None) -> ReadyNotice:
    """Arrived → ready inside the caller's action: storage deadline set, "ready" SMS requested.

    `storage_days` is the point's setting when the caller has already read it (saves a query).
    """
    new_status = next_status(order.number, order.status, OrderEvent.MAKE_READY)
    conn = act.session.connection()
    days = storage_days
    if days is None:
        days = conn.execute(_STORAGE_DAYS, {"p_point": order.point_id}).scalar_one()
    until = act.now + timedelta(days=days)
    conn.execute(_SET_READY, {"p_id": order.id, "p_status": new_status.value, "p_at": act.now, "p_until": until})
    sms = request_sms(act, order.id, order.number, "ready", "arrived")
    return ReadyNotice(order.number, until, sms.uid, sms.attempt)


class NotificationService(Service):
    """Clerk-facing SMS action: resend the ready SMS."""

    def resend(self, actor: Actor, order_number: str) -> SmsView:
        """A new attempt of the "ready" SMS, at most one per 10 minutes and 3 per order per local day."""
        require_role(actor, Role.CLERK, QT_TRANSLATE_NOOP("Actions", "повторная отправка SMS"))
        with self.action(actor) as act:
            point = local_point(act.session)
            order = local_order(act.session, order_number)
            if order.status != OrderStatus.READY:
                raise DomainError("sms.order_not_ready", order=order.number, status=OrderStatus(order.status))
            _check_resend_limits(act.session, order, act.now, ZoneInfo(point.timezone))
            sms = request_sms(act, order.id, order.number, "ready", "resend")
            act.audit("sms.resend", order.number, sms=sms.uid, attempt=sms.attempt)
            return _view(act.session, sms.uid)


def _check_resend_limits(s: Session, order: Order, now: datetime, tz: ZoneInfo) -> None:
    """Refuse with the time the next resend is allowed (shown in the point's local time)."""
    last = s.scalar(select(func.max(SmsMessage.requested_at)).where(_ready_sms(order.id)))
    if last is not None and now < last + RESEND_INTERVAL:
        raise DomainError("sms.resend_too_soon", order=order.number, **_when(last + RESEND_INTERVAL, tz))
    day_start, next_day = _local_day(now, tz)
    today = s.scalars(select(SmsMessage.timeline).where(_ready_sms(order.id), SmsMessage.requested_at >= day_start))
    resends = sum(1 for timeline in today if timeline and timeline[0].get("reason") == "resend")
    if resends >= RESENDS_PER_DAY:
        raise DomainError("sms.resend_daily_limit", order=order.number, count=resends, **_when(next_day, tz))


def _ready_sms(order_id: int) -> Any:
    return and_(SmsMessage.order_id == order_id, SmsMessage.purpose == "ready")


def _local_day(now: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Start of the point's calendar day containing `now` and of the next one (as aware datetimes)."""
    today = now.astimezone(tz).date()
    start = datetime.combine(today, time(0), tzinfo=tz)
    return start, datetime.combine(today + timedelta(days=1), time(0), tzinfo=tz)


def _when(at: datetime, tz: ZoneInfo) -> dict[str, Any]:
    return {"next_at": point_time(at, tz, DAY_TIME), "next_at_utc": at.astimezone(UTC).isoformat()}


def _view(s: Session, uid: str) -> SmsView:
    return sms_view(s.scalars(select(SmsMessage).where(SmsMessage.uid == uid)).one())
