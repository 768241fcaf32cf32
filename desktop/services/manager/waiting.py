"""What waits too long (manager): boxes not placed, ready orders not collected, expiring orders, unfinished returns.

These reports show the point's state now (the console's period does not apply): every row names what it is
about (`key` = the order number, or the return session's uid) and is toned `warning` / `error` past the
thresholds below, so the manager sees at a glance what to chase first.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db.models import (
    Box,
    Customer,
    Order,
    PickupPoint,
    ReturnItem,
    ReturnSession,
    SessionStatus,
    Shipment,
    Staff,
)
from desktop.services.base import Actor, Role, Service, local_point, require_role
from desktop.services.manager.report import Column, ColumnKind, Report, Row, bulk_rows
from desktop.services.returns.return_list import build_return_list
from desktop.services.returns.rules import point_zone, storage_deadline
from desktop.services.returns.storage import expiring_day
from desktop.services.returns.storage import expiring_orders as orders_expiring_on
from desktop.translatable import QT_TRANSLATE_NOOP, of_total, translate
from protocol.order_states import OrderStatus
from protocol.states import BoxStatus

# A received box should be on a shelf within the shift: warn after 4 hours, alarm after a day.
UNPLACED_WARNING_AFTER = timedelta(hours=4)
UNPLACED_ERROR_AFTER = timedelta(hours=24)
# A ready order with this many local days left (or fewer) is shown in red / yellow; below 0 it has expired.
DAYS_LEFT_ERROR = 0
DAYS_LEFT_WARNING = 1
# The longest lists stop here (oldest / soonest first); the title says how many there are in all.
ROWS_LIMIT = 1000
# A return session open this long is shown in red (a return is scanned out in one go).
RETURN_SESSION_ERROR_AFTER = timedelta(hours=12)

WAITING_WORK = QT_TRANSLATE_NOOP("Actions", "просмотр того, что ждёт слишком долго")
RETURN_REASONS = {
    "expired": QT_TRANSLATE_NOOP("Terms", "срок хранения истёк"),
    "refused": QT_TRANSLATE_NOOP("Terms", "отказ клиента"),
    "cancelled": QT_TRANSLATE_NOOP("Terms", "отменён центром"),
    "partial": QT_TRANSLATE_NOOP("Terms", "частичный отказ"),
}


def age_tone(age: timedelta, warning_after: timedelta, error_after: timedelta) -> str:
    """`error` / `warning` / "" for something waiting `age` against two thresholds."""
    if age >= error_after:
        return "error"
    return "warning" if age >= warning_after else ""


def days_left_tone(days_left: int) -> str:
    """A ready order's row tone by the local days left of its storage period."""
    if days_left <= DAYS_LEFT_ERROR:
        return "error"
    return "warning" if days_left <= DAYS_LEFT_WARNING else ""


def limited(title: str, shown: int, total: int) -> str:
    """A report's title, saying so when only the first `shown` of `total` rows are in it."""
    if shown >= total:
        return title
    return translate("Waits", "{0} (показаны первые по сроку: {1} из {2})").format(title, shown, total)


def yes_no(flag: bool) -> str:
    return translate("ManagerReports", "да") if flag else translate("ManagerReports", "нет")


class WaitingService(Service):
    """The «Ожидают» tab's reports; every method refuses a clerk."""

    def reports(self, manager: Actor) -> list[Report]:
        """Every report of the tab, in the order it shows them (a thousand rows and the orders' objects built with
        the garbage collector paused: its passes doubled the tab's worst time)."""
        with bulk_rows():
            return [
                self.unplaced_boxes(manager),
                self.uncollected_orders(manager),
                self.expiring_orders(manager),
                self.returns_due(manager),
                self.open_returns(manager),
            ]

    def unplaced_boxes(self, manager: Actor, limit: int = ROWS_LIMIT) -> Report:
        """Boxes received but not yet placed in a cell, oldest first (at most `limit`), with how long each waits."""
        require_role(manager, Role.MANAGER, WAITING_WORK)
        now = self.clock()
        with self.reading() as s:
            point = local_point(s)
            where = (Order.point_id == point.id, Box.status == BoxStatus.RECEIVED)
            total = s.scalar(select(func.count()).select_from(Box).join(Order, Order.id == Box.order_id).where(*where))
            rows = s.execute(
                select(Box.barcode, Box.seq_no, Box.received_at, Order.number, Order.boxes_total, Shipment.number)
                .join(Order, Order.id == Box.order_id)
                .outerjoin(Shipment, Shipment.id == Box.shipment_id)
                .where(*where)
                .order_by(Box.received_at, Box.barcode)
                .limit(limit)
            ).all()
        title = translate("Waits", "Коробки приняты, но не разложены по ячейкам")
        return Report.of(
            limited(title, len(rows), total or 0), _unplaced_columns(), [_unplaced_row(r, now) for r in rows]
        )

    def uncollected_orders(self, manager: Actor, limit: int = ROWS_LIMIT) -> Report:
        """Ready orders not collected, fewest local days of storage left first (expired on top; at most `limit`)."""
        require_role(manager, Role.MANAGER, WAITING_WORK)
        now = self.clock()
        with self.reading() as s:
            point = local_point(s)
            where = (Order.point_id == point.id, Order.status == OrderStatus.READY)
            total = s.scalar(select(func.count()).select_from(Order).where(*where))
            found = s.execute(
                select(Order.number, Customer.full_name, Order.ready_at, Order.storage_until, Order.extended_days)
                .join(Customer, Customer.id == Order.customer_id)
                .where(*where)
                .order_by(func.coalesce(Order.storage_until, Order.ready_at), Order.number)
                .limit(limit)
            ).all()
            rows = [_uncollected_row(order, point, now) for order in found]
        rows.sort(key=lambda row: (row.values[5], row.values[4] or now, row.key or ""))
        title = translate("Waits", "Готовы к выдаче, но не получены")
        return Report.of(limited(title, len(rows), total or 0), _uncollected_columns(), rows)

    def expiring_orders(self, manager: Actor) -> Report:
        """Ready orders whose storage ends today or tomorrow on the point's calendar."""
        require_role(manager, Role.MANAGER, WAITING_WORK)
        now = self.clock()
        rows: list[Row] = []
        with self.reading() as s:
            point = local_point(s)
            for day, tone, label in (
                ("today", "error", translate("Waits", "сегодня")),
                ("tomorrow", "warning", translate("Waits", "завтра")),
            ):
                for o in orders_expiring_on(s, point, expiring_day(now, point_zone(point), day)):
                    rows.append(
                        Row(
                            (
                                o.order_number,
                                o.customer_name,
                                "…" + o.phone_last4,
                                label,
                                o.storage_until,
                                ", ".join(o.cells) or "—",
                                yes_no(o.extended),
                            ),
                            o.order_number,
                            tone,
                        )
                    )
        columns = [
            Column(translate("Waits", "Заказ")),
            Column(translate("Waits", "Клиент")),
            Column(translate("Waits", "Телефон")),
            Column(translate("Waits", "Истекает")),
            Column(translate("Waits", "Хранение до"), ColumnKind.MOMENT),
            Column(translate("Waits", "Ячейки")),
            Column(translate("Waits", "Продлено")),
        ]
        return Report.of(translate("Waits", "Срок хранения истекает сегодня или завтра"), columns, rows)

    def returns_due(self, manager: Actor) -> Report:
        """Orders on the return list (they must go back now) with the boxes still to scan out."""
        require_role(manager, Role.MANAGER, WAITING_WORK)
        now = self.clock()
        with self.reading() as s:
            point = local_point(s)
            due = build_return_list(s, point, now)
        rows = [
            Row(
                (
                    c.order_number,
                    translate("Terms", RETURN_REASONS[c.reason]),
                    c.customer_name,
                    c.storage_until,
                    sum(1 for b in c.boxes if not b.returned),
                ),
                c.order_number,
                "warning",
            )
            for c in due.orders
        ]
        columns = [
            Column(translate("Waits", "Заказ")),
            Column(translate("Waits", "Причина")),
            Column(translate("Waits", "Клиент")),
            Column(translate("Waits", "Хранение до"), ColumnKind.MOMENT),
            Column(translate("Waits", "Коробок к возврату"), ColumnKind.COUNT),
        ]
        return Report.of(translate("Waits", "Ждут возврата (список возврата не закрыт)"), columns, rows)

    def open_returns(self, manager: Actor) -> Report:
        """Return sessions not yet closed, oldest first, with who opened them and the boxes in them."""
        require_role(manager, Role.MANAGER, WAITING_WORK)
        now = self.clock()
        with self.reading() as s:
            rows = _open_return_rows(s, local_point(s), now)
        columns = [
            Column(translate("Waits", "Открыта"), ColumnKind.MOMENT),
            Column(translate("Waits", "Кто открыл")),
            Column(translate("Waits", "Открыта уже"), ColumnKind.DURATION),
            Column(translate("Waits", "Коробок в сессии"), ColumnKind.COUNT),
            Column(translate("Waits", "Сессия")),
        ]
        return Report.of(translate("Waits", "Сессии возврата не закрыты"), columns, rows)


def _unplaced_columns() -> list[Column]:
    return [
        Column(translate("Waits", "Коробка")),
        Column(translate("Waits", "Заказ")),
        Column(translate("Waits", "Место")),
        Column(translate("Waits", "Поставка")),
        Column(translate("Waits", "Принята"), ColumnKind.MOMENT),
        Column(translate("Waits", "Ждёт"), ColumnKind.DURATION),
    ]


def _unplaced_row(r: Any, now: datetime) -> Row:
    barcode, seq_no, received_at, number, total, shipment = r
    age = now - received_at if received_at is not None else timedelta(0)
    tone = age_tone(age, UNPLACED_WARNING_AFTER, UNPLACED_ERROR_AFTER)
    return Row((barcode, number, of_total(seq_no, total), shipment or "—", received_at, age), number, tone)


def _uncollected_columns() -> list[Column]:
    return [
        Column(translate("Waits", "Заказ")),
        Column(translate("Waits", "Клиент")),
        Column(translate("Waits", "Готов с"), ColumnKind.MOMENT),
        Column(translate("Waits", "Ждёт"), ColumnKind.DURATION),
        Column(translate("Waits", "Хранение до"), ColumnKind.MOMENT),
        Column(translate("Waits", "Осталось дней"), ColumnKind.COUNT),
        Column(translate("Waits", "Продлено")),
    ]


def days_left(deadline: datetime | None, point: PickupPoint, now: datetime) -> int:
    """Whole local days from today to the deadline's day: 0 = ends today, negative = already over."""
    if deadline is None:
        return 0
    zone = point_zone(point)
    left = (deadline.astimezone(zone).date() - now.astimezone(zone).date()).days
    return min(left, -1) if deadline <= now else left


def _uncollected_row(order: Any, point: PickupPoint, now: datetime) -> Row:
    """`order`: a row of (number, full_name, ready_at, storage_until, extended_days), what the storage rule reads."""
    deadline = storage_deadline(cast(Order, order), point)
    left = days_left(deadline, point, now)
    waited = now - order.ready_at if order.ready_at is not None else None
    values = (order.number, order.full_name, order.ready_at, waited, deadline, left, yes_no(bool(order.extended_days)))
    return Row(values, order.number, days_left_tone(left))


def _open_return_rows(s: Session, point: PickupPoint, now: datetime) -> list[Row]:
    boxes = (
        select(func.count())
        .select_from(ReturnItem)
        .where(ReturnItem.session_id == ReturnSession.id)
        .correlate(ReturnSession)
        .scalar_subquery()
    )
    found = s.execute(
        select(ReturnSession.uid, ReturnSession.opened_at, Staff.full_name, boxes.label("boxes"))
        .join(Staff, Staff.id == ReturnSession.opened_by)
        .where(ReturnSession.point_id == point.id, ReturnSession.status == SessionStatus.OPEN)
        .order_by(ReturnSession.opened_at)
    ).all()
    rows = []
    for uid, opened_at, who, count in found:
        age = now - opened_at
        tone = "error" if age >= RETURN_SESSION_ERROR_AFTER else "warning"
        rows.append(Row((opened_at, who, age, int(count or 0), uid), uid, tone))
    return rows
