"""Storage period and returns: extension by a manager, expiring lists, the return list and return sessions."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from desktop import messages
from desktop.db.models import Box, Order, OrderLine, PickupPoint, ReturnItem, ReturnSession, Staff
from desktop.services.base import Action, Actor, Role, Service, local_point, new_uid, require_role
from protocol.errors import DomainError
from protocol.events import BoxReturned, OrderReturned, ReturnClosed, ReturnOpened, StorageExtended
from protocol.order_states import OrderEvent, OrderStatus, next_status

DEFAULT_STORAGE_DAYS = 7
MAX_EXTENSION_DAYS = 7
NOT_AT_POINT = ("expected", "returned")  # box statuses of boxes that cannot be scanned out

messages.register(
    {
        "storage.bad_extension_days": "Продлить хранение можно на 1–{max} дней, а не на {days}.",
        "storage.already_extended": "Хранение заказа {order} уже продлевалось (на {days} дн.). "
        "Повторное продление не допускается.",
        "storage.not_ready": "Заказ {order} не ожидает выдачи (состояние «{status}»): продлевать нечего.",
        "storage.return_in_progress": "Часть мест заказа {order} уже отсканирована в возврат: продление невозможно.",
        "return.session_not_found": "Сессия возврата {session} не найдена. Откройте новую сессию возврата.",
        "return.session_closed": "Сессия возврата {session} уже закрыта. Откройте новую сессию возврата.",
        "return.unknown_box": "Коробка {box} не найдена в базе пункта. Проверьте штрихкод и отложите коробку.",
        "return.foreign_box": "Коробка {box} относится к другому пункту выдачи. Отложите её для менеджера.",
        "return.box_not_at_point": "Коробка {box} не числится принятой в пункте. Сначала примите её.",
        "return.box_in_other_session": "Коробка {box} уже внесена в другой возврат.",
        "return.not_expired": "Заказ {order} ещё хранится до {until}: возвращать его раньше срока нельзя. "
        "Положите коробку обратно в ячейку.",
        "return.not_on_list": "Заказ {order} (состояние «{status}») не подлежит возврату. Положите коробку на место.",
        "expiring.bad_day": "Список истекающих заказов бывает только на «сегодня» или «завтра».",
    }
)

ReturnReason = Literal["expired", "refused", "cancelled"]


@dataclass(frozen=True)
class ExtensionResult:
    order_number: str
    days: int
    storage_until: datetime
    storage_until_local: str


@dataclass(frozen=True)
class ExpiringOrder:
    order_number: str
    customer_name: str
    phone_last4: str
    storage_until: datetime
    storage_until_local: str
    extended: bool
    cells: tuple[str, ...]


@dataclass(frozen=True)
class ReturnBoxView:
    barcode: str
    seq_no: int
    boxes_total: int
    cell: str | None
    returned: bool


@dataclass(frozen=True)
class ReturnCandidate:
    """An order that must go back, with the boxes still to be scanned out."""

    order_number: str
    reason: ReturnReason
    status: str
    customer_name: str
    storage_until: datetime | None
    boxes: tuple[ReturnBoxView, ...]


@dataclass(frozen=True)
class RefusedLine:
    """A refused line of a partially handed over order (information for the return paperwork)."""

    order_number: str
    sku: str
    name: str
    refused_quantity: int
    reason: str | None


@dataclass(frozen=True)
class ReturnList:
    orders: tuple[ReturnCandidate, ...]
    refused_lines: tuple[RefusedLine, ...]


@dataclass(frozen=True)
class ReturnScanResult:
    outcome: Literal["returned", "repeat"]
    box: str
    order_number: str
    reason: str
    seq_no: int
    boxes_total: int
    cell: str | None
    order_returned: bool


@dataclass(frozen=True)
class ReturnActLine:
    order_number: str
    reason: str
    customer_name: str
    boxes: tuple[str, ...]
    boxes_total: int
    complete: bool


@dataclass(frozen=True)
class ReturnAct:
    """The data of the return act (акт возврата) printed when a return session closes."""

    session_uid: str
    point_code: str
    point_name: str
    point_address: str
    opened_at: datetime
    closed_at: datetime
    opened_by: str
    closed_by: str
    orders: tuple[ReturnActLine, ...]
    boxes_count: int

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["opened_at"] = self.opened_at.isoformat()
        data["closed_at"] = self.closed_at.isoformat()
        return data


def point_zone(point: PickupPoint) -> ZoneInfo:
    return ZoneInfo(point.timezone or "Europe/Moscow")


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
    return None


def _local_text(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%d.%m.%Y %H:%M")


def _day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), zone)
    end = datetime.combine(day + timedelta(days=1), time(0), zone)
    return start.astimezone(UTC), end.astimezone(UTC)


class ReturnsService(Service):
    """Storage extension, expiring lists, the return list and return sessions."""

    # --- storage period --------------------------------------------------------------------------

    def extend(self, manager: Actor, order_number: str, days: int) -> ExtensionResult:
        """Extend a ready order's storage once by 1–7 days (manager only)."""
        require_role(manager, Role.MANAGER, "продление срока хранения")
        if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_EXTENSION_DAYS:
            raise DomainError("storage.bad_extension_days", days=days, max=MAX_EXTENSION_DAYS)
        with self.action(manager) as act:
            point = local_point(act.session)
            order = _order_here(act.session, point, order_number)
            until = _extended_until(order, point, days, act.now)
            order.storage_until, order.extended_days = until, days
            act.emit(StorageExtended(order=order.number, days=days, until=until.isoformat()))
            act.audit("storage.extended", order.number, days=days, until=until.isoformat())
            return ExtensionResult(order.number, days, until, _local_text(until, point_zone(point)))

    def expiring(self, day: str = "today") -> list[ExpiringOrder]:
        """Ready orders whose storage period ends on the point's local today or tomorrow."""
        if day not in ("today", "tomorrow"):
            raise DomainError("expiring.bad_day")
        with self.reading() as session:
            point = local_point(session)
            zone = point_zone(point)
            local_day = self.clock().astimezone(zone).date() + timedelta(days=1 if day == "tomorrow" else 0)
            start, end = _day_bounds(local_day, zone)
            orders = session.scalars(
                select(Order)
                .where(
                    Order.point_id == point.id,
                    Order.status == OrderStatus.READY,
                    Order.storage_until >= start,
                    Order.storage_until < end,
                )
                .options(selectinload(Order.boxes).selectinload(Box.cell), selectinload(Order.customer))
                .order_by(Order.storage_until, Order.number)
            ).all()
            return [_expiring_view(order, zone) for order in orders]

    # --- return list -----------------------------------------------------------------------------

    def return_list(self) -> ReturnList:
        """Expired ready orders, refused and cancelled orders still here, plus refused lines as information."""
        now = self.clock()
        with self.reading() as session:
            point = local_point(session)
            candidates = [
                _candidate(order, reason)
                for order in _possible_returns(session, point, now)
                if (reason := return_reason(order, point, now)) is not None and _pending_boxes(order)
            ]
            return ReturnList(tuple(candidates), tuple(_refused_lines(session, point)))

    # --- return sessions -------------------------------------------------------------------------

    def open_session(self, actor: Actor) -> str:
        """Start scanning boxes out; returns the session uid."""
        require_role(actor, Role.CLERK, "возврат заказов")
        with self.action(actor) as act:
            point = local_point(act.session)
            uid = new_uid()
            act.session.add(ReturnSession(uid=uid, point_id=point.id, opened_by=actor.staff_id, opened_at=act.now))
            act.emit(ReturnOpened(session=uid))
            act.audit("return.opened", uid)
            return uid

    def scan_box(self, actor: Actor, session_uid: str, barcode: str) -> ReturnScanResult:
        """Scan one box out to the return; the order is returned when its last box here is out."""
        require_role(actor, Role.CLERK, "возврат заказов")
        with self.action(actor) as act:
            point = local_point(act.session)
            session = _open_session(act.session, session_uid)
            box = _box_here(act.session, point, barcode.strip())
            repeat = _repeat(act.session, session, box)
            if repeat is not None:
                return repeat
            reason = _box_reason(box, point, act.now)
            return _return_box(act, session, box, reason)

    def close_session(self, actor: Actor, session_uid: str) -> ReturnAct:
        """Freeze the session and produce the return act data."""
        require_role(actor, Role.CLERK, "возврат заказов")
        with self.action(actor) as act:
            point = local_point(act.session)
            session = _open_session(act.session, session_uid)
            returned_act = _build_act(act, point, session, actor)
            session.status, session.closed_at, session.act = "closed", act.now, returned_act.as_dict()
            act.emit(ReturnClosed(session=session.uid, act=returned_act.as_dict()))
            act.audit("return.closed", session.uid, orders=len(returned_act.orders), boxes=returned_act.boxes_count)
            return returned_act


# --- helpers: extension and lists ------------------------------------------------------------------


def _order_here(session: Session, point: PickupPoint, number: str) -> Order:
    order = session.scalars(select(Order).where(Order.number == number.strip(), Order.point_id == point.id)).first()
    if order is None:
        raise DomainError("order.not_found", order=number)
    return order


def _extended_until(order: Order, point: PickupPoint, days: int, now: datetime) -> datetime:
    if order.status != OrderStatus.READY:
        raise DomainError("storage.not_ready", order=order.number, status=order.status)
    if order.extended_days:
        raise DomainError("storage.already_extended", order=order.number, days=order.extended_days)
    if any(box.status == "returned" for box in order.boxes):
        raise DomainError("storage.return_in_progress", order=order.number)
    deadline = storage_deadline(order, point) or now + timedelta(days=point.storage_days or DEFAULT_STORAGE_DAYS)
    return deadline + timedelta(days=days)


def _expiring_view(order: Order, zone: ZoneInfo) -> ExpiringOrder:
    assert order.storage_until is not None
    cells = tuple(sorted({box.cell.label for box in order.boxes if box.cell is not None}))
    return ExpiringOrder(
        order.number,
        order.customer.full_name,
        order.customer.phone_last4,
        order.storage_until,
        _local_text(order.storage_until, zone),
        bool(order.extended_days),
        cells,
    )


def _possible_returns(session: Session, point: PickupPoint, now: datetime) -> list[Order]:
    ready_due = (Order.status == OrderStatus.READY) & or_(Order.storage_until <= now, Order.storage_until.is_(None))
    return list(
        session.scalars(
            select(Order)
            .where(
                Order.point_id == point.id,
                or_(ready_due, Order.status.in_((OrderStatus.REFUSED, OrderStatus.CANCELLED))),
            )
            .options(selectinload(Order.boxes).selectinload(Box.cell), selectinload(Order.customer))
            .order_by(Order.number)
        )
    )


def _pending_boxes(order: Order) -> list[Box]:
    return [box for box in order.boxes if box.status not in NOT_AT_POINT]


def _candidate(order: Order, reason: ReturnReason) -> ReturnCandidate:
    boxes = tuple(
        ReturnBoxView(b.barcode, b.seq_no, order.boxes_total, b.cell.label if b.cell else None, b.status == "returned")
        for b in order.boxes
        if b.status != "expected"
    )
    return ReturnCandidate(order.number, reason, order.status, order.customer.full_name, order.storage_until, boxes)


def _refused_lines(session: Session, point: PickupPoint) -> list[RefusedLine]:
    rows = session.execute(
        select(Order.number, OrderLine.sku, OrderLine.name, OrderLine.refused_quantity, OrderLine.refusal_reason)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(
            Order.point_id == point.id,
            Order.status == OrderStatus.PARTIALLY_HANDED_OVER,
            OrderLine.refused_quantity > 0,
        )
        .order_by(Order.number, OrderLine.id)
    ).all()
    return [RefusedLine(*row) for row in rows]


# --- helpers: return sessions ----------------------------------------------------------------------


def _open_session(session: Session, uid: str) -> ReturnSession:
    found = session.scalars(select(ReturnSession).where(ReturnSession.uid == uid)).first()
    if found is None:
        raise DomainError("return.session_not_found", session=uid)
    if found.status != "open":
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
    return ReturnScanResult(
        "repeat", box.barcode, order.number, item.reason, box.seq_no, order.boxes_total, None,
        order.status == OrderStatus.RETURNED,
    )


def _box_reason(box: Box, point: PickupPoint, now: datetime) -> ReturnReason:
    order = box.order
    reason = return_reason(order, point, now)
    if reason is None and order.status == OrderStatus.READY:
        deadline = storage_deadline(order, point)
        until = _local_text(deadline, point_zone(point)) if deadline else "—"
        raise DomainError("return.not_expired", order=order.number, until=until)
    if reason is None:
        raise DomainError("return.not_on_list", order=order.number, status=order.status)
    if box.status in NOT_AT_POINT:
        raise DomainError("return.box_not_at_point", box=box.barcode)
    return reason


def _return_box(act: Action, return_session: ReturnSession, box: Box, reason: ReturnReason) -> ReturnScanResult:
    order = box.order
    cell = box.cell.label if box.cell is not None else None
    box.status, box.cell_id = "returned", None
    act.session.add(
        ReturnItem(session_id=return_session.id, order_id=order.id, box_id=box.id, reason=reason, scanned_at=act.now)
    )
    act.emit(BoxReturned(session=return_session.uid, box=box.barcode, order=order.number, reason=reason))
    act.audit("return.box", box.barcode, order=order.number, reason=reason, session=return_session.uid)
    done = not _pending_boxes(order)
    if done:
        order.status = next_status(order.number, order.status, OrderEvent.RETURN)
        order.returned_at = act.now
        act.emit(OrderReturned(order=order.number, session=return_session.uid))
        act.audit("order.returned", order.number, reason=reason, session=return_session.uid)
    return ReturnScanResult("returned", box.barcode, order.number, reason, box.seq_no, order.boxes_total, cell, done)


def _build_act(act: Action, point: PickupPoint, return_session: ReturnSession, closer: Actor) -> ReturnAct:
    items = act.session.scalars(
        select(ReturnItem).where(ReturnItem.session_id == return_session.id).order_by(ReturnItem.id)
    ).all()
    by_order: dict[int, list[ReturnItem]] = {}
    for item in items:
        by_order.setdefault(item.order_id, []).append(item)
    lines = tuple(_act_line(act.session, order_id, group) for order_id, group in by_order.items())
    opener = act.session.get(Staff, return_session.opened_by)
    return ReturnAct(
        return_session.uid,
        point.code,
        point.name,
        point.address,
        return_session.opened_at,
        act.now,
        opener.full_name if opener else "",
        closer.full_name,
        lines,
        len(items),
    )


def _act_line(session: Session, order_id: int, items: list[ReturnItem]) -> ReturnActLine:
    order = session.get(Order, order_id)
    assert order is not None
    barcodes = tuple(b.barcode for b in session.scalars(select(Box).where(Box.id.in_([i.box_id for i in items]))))
    return ReturnActLine(
        order.number,
        items[0].reason,
        order.customer.full_name,
        tuple(sorted(barcodes)),
        order.boxes_total,
        order.status == OrderStatus.RETURNED,
    )
