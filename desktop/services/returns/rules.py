"""Return rules shared by every step: the storage deadline, why an order goes back, the point's local time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from desktop import messages
from desktop.db.models import Order, PickupPoint
from desktop.point_time import point_time, zone_named
from protocol.order_states import OrderStatus
from protocol.states import BoxStatus

DEFAULT_STORAGE_DAYS = 7
MAX_EXTENSION_DAYS = 7
# Box statuses of boxes that cannot be scanned out (not here yet, already returned, gone with the customer).
NOT_AT_POINT = (BoxStatus.EXPECTED, BoxStatus.RETURNED, BoxStatus.HANDED_OVER)

# partial: the refused lines of a partially handed-over order, in the box kept at the point
ReturnReason = Literal["expired", "refused", "cancelled", "partial"]

messages.register(
    {
        "storage.bad_extension_days": "Продлить хранение можно на 1–{max:n} дней, а не на {days}.",
        "storage.already_extended": "Хранение заказа {order} уже продлевалось (на {days} дн.). "
        "Повторное продление не допускается.",
        "storage.not_ready": "Заказ {order} не ожидает выдачи (состояние «{status}»): продлевать нечего.",
        "storage.return_in_progress": "Часть мест заказа {order} уже отсканирована в возврат: продление невозможно.",
        "return.session_not_found": "Сессия возврата {session} не найдена. Откройте новую сессию возврата.",
        "return.session_closed": "Сессия возврата {session} уже закрыта. Откройте новую сессию возврата.",
        "return.unknown_box": "Коробка {box} не найдена в базе пункта. Проверьте штрихкод и отложите коробку.",
        "return.foreign_box": "Коробка {box} относится к другому пункту выдачи. Отложите её для менеджера.",
        "return.box_not_at_point": "Коробка {box} не числится принятой в пункте. Сначала примите её.",
        "return.box_handed_over": "Коробка {box} выдана клиенту вместе с заказом {order}. "
        "В возврат сканируйте коробку из списка «К возврату».",
        "return.box_in_other_session": "Коробка {box} уже внесена в другой возврат.",
        "return.not_expired": "Заказ {order} ещё хранится до {until}: возвращать его раньше срока нельзя. "
        "Положите коробку обратно в ячейку.",
        "return.not_on_list": "Заказ {order} (состояние «{status}») не подлежит возврату. Положите коробку на место.",
        "expiring.bad_day": "Список истекающих заказов бывает только на «сегодня» или «завтра».",
    }
)


def point_zone(point: PickupPoint) -> ZoneInfo:
    return zone_named(point.timezone)


def storage_deadline(order: Order, point: PickupPoint) -> datetime | None:
    """When the storage period of a ready order ends (storage_until, else ready_at + the point's days)."""
    if order.storage_until is not None:
        return order.storage_until
    if order.ready_at is None:
        return None
    return order.ready_at + timedelta(days=point.storage_days or DEFAULT_STORAGE_DAYS)


def return_reason(order: Order, point: PickupPoint, now: datetime) -> ReturnReason | None:
    """Why the order goes back now, or None when it must stay (never before its storage period ends)."""
    if order.status == OrderStatus.READY:
        deadline = storage_deadline(order, point)
        return "expired" if deadline is not None and now >= deadline else None
    if order.status == OrderStatus.REFUSED:
        return "refused"
    if order.status == OrderStatus.CANCELLED:
        return "cancelled"
    if order.status == OrderStatus.PARTIALLY_HANDED_OVER:
        return "partial"
    return None


def local_text(moment: datetime, zone: ZoneInfo) -> str:
    """A moment as the clerk reads it: the point's local date and time."""
    return point_time(moment, zone)


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC start and end of one local day at the point."""
    start = datetime.combine(day, time(0), zone)
    end = datetime.combine(day + timedelta(days=1), time(0), zone)
    return start.astimezone(UTC), end.astimezone(UTC)
