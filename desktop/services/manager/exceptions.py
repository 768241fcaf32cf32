"""Exceptions to act on (manager): locked orders, SMS not delivered, events the server refused, sessions left open.

The actions on these rows go through the services that already own them, each with its role check and its journal
entry: unlocking an order is `HandoverService.unlock` (the logged-in manager, as on the order card), resending the
ready SMS is `NotificationService.resend` (1 per 10 minutes, 3 per day), closing a refused event is
`ReviewService.mark_reviewed`. The server problems report carries the event's id in its last column for that.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from desktop.action_names import event_name
from desktop.db.claim_models import ServiceDispatch
from desktop.db.models import (
    Customer,
    Order,
    OutboxEvent,
    PickupPoint,
    ReceivingSession,
    ReturnSession,
    SessionStatus,
    Shift,
    Shipment,
    SmsMessage,
    Staff,
)
from desktop.services.base import Actor, Role, Service, local_point, require_role
from desktop.services.manager.report import Column, ColumnKind, Report, Row
from desktop.services.returns.rules import day_bounds, point_zone
from desktop.services.review import order_of_payload
from desktop.sync.reasons import describe_reason, describe_remedy
from desktop.translatable import QT_TRANSLATE_NOOP, translate
from protocol.order_states import OrderStatus
from protocol.states import PROBLEM_OUTCOMES, EventOutcome, SmsPurpose, SmsStatus

# An SMS still on its way this long after it was asked for is counted as never delivered.
SMS_STUCK_AFTER = timedelta(hours=2)
SMS_NOT_DELIVERED = (SmsStatus.FAILED, SmsStatus.UNKNOWN)
SMS_ON_ITS_WAY = (SmsStatus.REQUESTED, SmsStatus.PENDING, SmsStatus.SENDING, SmsStatus.ACCEPTED, SmsStatus.HELD)
# The SMS that tell a customer to come: a lost one leaves a ready order on the shelf.
CUSTOMER_SMS = (SmsPurpose.READY, SmsPurpose.REMINDER)

EXCEPTIONS_WORK = QT_TRANSLATE_NOOP("Actions", "просмотр исключений")
SMS_STATUS = {
    "requested": QT_TRANSLATE_NOOP("Terms", "ждёт отправки"),
    "pending": QT_TRANSLATE_NOOP("Terms", "в очереди"),
    "sending": QT_TRANSLATE_NOOP("Terms", "отправляется"),
    "accepted": QT_TRANSLATE_NOOP("Terms", "отправлено"),
    "failed": QT_TRANSLATE_NOOP("Terms", "не доставлено"),
    "unknown": QT_TRANSLATE_NOOP("Terms", "статус неизвестен"),
    "held": QT_TRANSLATE_NOOP("Terms", "ждёт закрытия приёмки"),
}
SMS_PURPOSE = {
    "ready": QT_TRANSLATE_NOOP("Terms", "код получения"),
    "reminder": QT_TRANSLATE_NOOP("Terms", "напоминание"),
}


def _term(table: dict[str, str], key: str) -> str:
    return translate("Terms", table[key]) if key in table else key


class ExceptionsService(Service):
    """The «Исключения» tab's reports; every method refuses a clerk."""

    def reports(self, manager: Actor) -> list[Report]:
        """Every report of the tab, in the order it shows them."""
        return [
            self.locked_orders(manager),
            self.sms_not_delivered(manager),
            self.server_problems(manager),
            self.sessions_left_open(manager),
        ]

    def locked_orders(self, manager: Actor) -> Report:
        """Orders locked after wrong pickup codes, longest locked first."""
        require_role(manager, Role.MANAGER, EXCEPTIONS_WORK)
        now = self.clock()
        with self.reading() as s:
            point = local_point(s)
            found = s.execute(
                select(Order.number, Customer.full_name, Order.code_failed_attempts, Order.locked_at)
                .join(Customer, Customer.id == Order.customer_id)
                .where(Order.point_id == point.id, Order.locked_at.is_not(None))
                .order_by(Order.locked_at, Order.number)
            ).all()
        rows = [
            Row((number, name, attempts, at, now - at if at else None), number, "error")
            for number, name, attempts, at in found
        ]
        columns = [
            Column(translate("Waits", "Заказ")),
            Column(translate("Waits", "Клиент")),
            Column(translate("Waits", "Неверных кодов"), ColumnKind.COUNT),
            Column(translate("Waits", "Заблокирован"), ColumnKind.MOMENT),
            Column(translate("Waits", "Заблокирован уже"), ColumnKind.DURATION),
        ]
        return Report.of(translate("Waits", "Заказы заблокированы после неверных кодов"), columns, rows)

    def sms_not_delivered(self, manager: Actor) -> Report:
        """Ready orders whose last code/reminder SMS failed, is unknown, or is stuck on its way."""
        require_role(manager, Role.MANAGER, EXCEPTIONS_WORK)
        now = self.clock()
        with self.reading() as s:
            rows = [_sms_row(m) for m in _last_customer_sms(s, local_point(s), now)]
        rows.sort(key=lambda row: (row.tone != "error", row.values[5], row.key or ""))
        columns = [
            Column(translate("Waits", "Заказ")),
            Column(translate("Waits", "SMS")),
            Column(translate("Waits", "Попытка"), ColumnKind.COUNT),
            Column(translate("Waits", "Статус")),
            Column(translate("Waits", "Ошибка шлюза")),
            Column(translate("Waits", "Запрошено"), ColumnKind.MOMENT),
            Column(translate("Waits", "Обновлено"), ColumnKind.MOMENT),
        ]
        return Report.of(translate("Waits", "SMS не доставлены"), columns, rows)

    def server_problems(self, manager: Actor) -> Report:
        """Events the server rejected or found in conflict, not yet reviewed: why, and what to do."""
        require_role(manager, Role.MANAGER, EXCEPTIONS_WORK)
        with self.reading() as s:
            events = s.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.status.in_(PROBLEM_OUTCOMES), OutboxEvent.reviewed_at.is_(None))
                .order_by(OutboxEvent.occurred_at, OutboxEvent.device_seq)
            ).all()
            rows = [_problem_row(event) for event in events]
        columns = [
            Column(translate("Waits", "Когда"), ColumnKind.MOMENT),
            Column(translate("Waits", "Событие")),
            Column(translate("Waits", "Решение сервера")),
            Column(translate("Waits", "Заказ")),
            Column(translate("Waits", "Причина")),
            Column(translate("Waits", "Что делать")),
            Column(translate("Waits", "Код события")),
        ]
        return Report.of(translate("Waits", "Отклонено сервером или конфликт"), columns, rows)

    def sessions_left_open(self, manager: Actor) -> Report:
        """Receiving and return sessions open since an earlier day, or whose opener's shift is closed."""
        require_role(manager, Role.MANAGER, EXCEPTIONS_WORK)
        now = self.clock()
        with self.reading() as s:
            point = local_point(s)
            today = day_bounds(now.astimezone(point_zone(point)).date(), point_zone(point))[0]
            rows = [*_stale_receiving(s, point, today, now),
                    *_stale_sessions(s, point, today, now, ReturnSession, translate("Waits", "возврат")),
                    *_stale_sessions(s, point, today, now, ServiceDispatch, translate("Waits", "отправка в сервис"))]
        rows.sort(key=lambda row: row.values[1])
        columns = [
            Column(translate("Waits", "Сессия")),
            Column(translate("Waits", "Открыта"), ColumnKind.MOMENT),
            Column(translate("Waits", "Кто открыл")),
            Column(translate("Waits", "Открыта уже"), ColumnKind.DURATION),
            Column(translate("Waits", "Почему в списке")),
            Column(translate("Waits", "Поставка")),
            Column(translate("Waits", "Код сессии")),
        ]
        return Report.of(translate("Waits", "Сессии оставлены открытыми"), columns, rows)


def _last_customer_sms(s: Session, point: PickupPoint, now: datetime) -> list[Any]:
    """The latest SMS attempt of each purpose in CUSTOMER_SMS for each ready order here that is not delivered:
    failed or unknown, or still on its way SMS_STUCK_AFTER after it was asked for (columns and the order number)."""
    ready_here = (Order.point_id == point.id, Order.status == OrderStatus.READY)  # by the status index
    last = (
        select(SmsMessage.order_id, SmsMessage.purpose, func.max(SmsMessage.attempt).label("attempt"))
        .join(Order, Order.id == SmsMessage.order_id)
        .where(SmsMessage.purpose.in_(CUSTOMER_SMS), *ready_here)
        .group_by(SmsMessage.order_id, SmsMessage.purpose)
        .subquery()
    )
    not_delivered = or_(SmsMessage.status.in_(SMS_NOT_DELIVERED),
                        SmsMessage.status.in_(SMS_ON_ITS_WAY) & (SmsMessage.requested_at <= now - SMS_STUCK_AFTER))
    return list(
        s.execute(
            select(SmsMessage.purpose, SmsMessage.attempt, SmsMessage.status, SmsMessage.error,
                   SmsMessage.requested_at, SmsMessage.updated_at, Order.number)
            .join(
                last,
                (last.c.order_id == SmsMessage.order_id)
                & (last.c.purpose == SmsMessage.purpose)
                & (last.c.attempt == SmsMessage.attempt),
            )
            .join(Order, Order.id == SmsMessage.order_id)
            .where(not_delivered)
        ).all()
    )


def _sms_row(m: Any) -> Row:
    """`m`: a row of the SMS columns and the order number."""
    tone = "error" if m.status == SmsStatus.FAILED else "warning"
    values = (
        m.number,
        _term(SMS_PURPOSE, m.purpose),
        m.attempt,
        _term(SMS_STATUS, m.status),
        m.error or "—",
        m.requested_at,
        m.updated_at,
    )
    return Row(values, m.number, tone)


def _problem_row(event: OutboxEvent) -> Row:
    order = order_of_payload(event.payload)
    verdict = (
        translate("Waits", "конфликт") if event.status == EventOutcome.CONFLICT else translate("Waits", "отклонено")
    )
    values = (
        event.occurred_at,
        event_name(event.type),
        verdict,
        order or "—",
        describe_reason(event.reason),
        describe_remedy(event.reason),
        event.event_id,
    )
    return Row(values, order, "error" if event.status == EventOutcome.REJECTED else "warning")



def _why_open(opened_at: datetime, opener_on_shift: bool, today: datetime) -> str:
    if opened_at < today:
        return translate("Waits", "открыта в прошлый день")
    return translate("Waits", "смена открывшего закрыта") if not opener_on_shift else ""


def _stale_receiving(s: Session, point: PickupPoint, today: datetime, now: datetime) -> list[Row]:
    on_shift = exists().where(Shift.staff_id == ReceivingSession.opened_by, Shift.closed_at.is_(None))
    found = s.execute(
        select(
            ReceivingSession.uid,
            ReceivingSession.opened_at,
            Staff.full_name,
            Shipment.number,
            on_shift.label("on_shift"),
        )
        .join(Staff, Staff.id == ReceivingSession.opened_by)
        .outerjoin(Shipment, Shipment.id == ReceivingSession.shipment_id)
        .where(ReceivingSession.point_id == point.id, ReceivingSession.status == SessionStatus.OPEN)
    ).all()
    kind = translate("Waits", "приёмка")
    return [
        Row((kind, at, who, now - at, why, shipment or "—", uid), uid, "error")
        for uid, at, who, shipment, on in found
        if (why := _why_open(at, bool(on), today))
    ]


def _stale_sessions(s: Session, point: PickupPoint, today: datetime, now: datetime, table: Any, kind: str) -> list[Row]:
    """Return or service dispatch sessions left open (both have no waybill to name)."""
    on_shift = exists().where(Shift.staff_id == table.opened_by, Shift.closed_at.is_(None))
    found = s.execute(
        select(table.uid, table.opened_at, Staff.full_name, on_shift.label("on_shift"))
        .join(Staff, Staff.id == table.opened_by)
        .where(table.point_id == point.id, table.status == SessionStatus.OPEN)
    ).all()
    return [
        Row((kind, at, who, now - at, why, "—", uid), uid, "error")
        for uid, at, who, on in found
        if (why := _why_open(at, bool(on), today))
    ]
