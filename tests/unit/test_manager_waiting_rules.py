"""«Ожидают» at its edges: days left are counted on the point's calendar (an order whose storage ended earlier
today has expired), an order without a storage period or a ready time, extended orders, open return sessions with
their own boxes, and the refusal that names the waiting work."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.db.models import Order, PickupPoint, ReturnItem, ReturnSession, SessionStatus
from desktop.errors import AccessDenied
from desktop.services.base import Role, local_point
from desktop.services.manager.report import ColumnKind, Report, Row
from desktop.services.manager.waiting import WaitingService
from tests.support.clock import FakeClock
from tests.support.factories import actor_for, make_cell, make_order, make_point, make_staff
from tests.support.report_texts import Shown, shown
from tests.support.report_texts import tagged as tagged_in
from tests.unit.waits_point import NOW, WaitsPoint, build_waits_point

TEXT, MOMENT, DURATION, COUNT = ColumnKind.TEXT, ColumnKind.MOMENT, ColumnKind.DURATION, ColumnKind.COUNT


@pytest.fixture
def point(db) -> WaitsPoint:
    return build_waits_point(db)


@pytest.fixture
def service(db) -> WaitingService:
    return WaitingService(db, FakeClock(NOW))


def by_key(report: Report) -> dict[str | None, Row]:
    return {row.key: row for row in report.rows}


def _set(db, number: str, **values) -> None:
    with db.write() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        for name, value in values.items():
            setattr(order, name, value)


def test_an_order_whose_storage_ended_earlier_today_has_expired_not_zero_days_left(db, point, service) -> None:
    _set(db, point.numbers["five"], storage_until=NOW - timedelta(hours=1))
    _set(db, point.numbers["tomorrow"], storage_until=NOW)  # ends this very instant: over
    rows = by_key(service.uncollected_orders(point.manager))
    assert rows[point.numbers["five"]].values[5] == -1 and rows[point.numbers["five"]].tone == "error"
    assert rows[point.numbers["tomorrow"]].values[5] == -1


def test_days_left_are_counted_on_the_points_calendar_not_in_utc(db, point) -> None:
    """At 22:00 UTC on the 23rd it is already 01:00 on the 24th in Moscow: an order ending at 15:00 on the 24th
    (Moscow) ends today; one ending at 01:00 on the 25th (Moscow, 22:00 UTC on the 24th) ends tomorrow."""
    _set(db, point.numbers["five"], storage_until=NOW + timedelta(hours=13))
    night = WaitingService(db, FakeClock(NOW - timedelta(hours=11)))
    rows = by_key(night.uncollected_orders(point.manager))
    assert rows[point.numbers["today"]].values[5] == 0
    assert rows[point.numbers["five"]].values[5] == 1
    expiring = [(row.key, row.values[3]) for row in night.expiring_orders(point.manager).rows]
    n = point.numbers
    assert expiring == [(n["today"], "сегодня"), (n["five"], "завтра"), (n["tomorrow"], "завтра")]
    day = by_key(WaitingService(db, FakeClock(NOW)).uncollected_orders(point.manager))
    assert day[point.numbers["five"]].values[5] == 1 and day[point.numbers["five"]].tone == "warning"


def test_without_a_storage_end_the_points_storage_days_count_from_ready(db, point, service) -> None:
    with db.write() as s:
        local_point(s).storage_days = 3
    _set(db, point.numbers["five"], storage_until=None)  # ready two days ago: one day left
    row = by_key(service.uncollected_orders(point.manager))[point.numbers["five"]]
    assert row.values[4] == NOW - timedelta(days=2) + timedelta(days=3) and row.values[5] == 1


def test_an_order_with_no_ready_time_nor_storage_end_shows_zero_days_and_no_wait(db, point, service) -> None:
    _set(db, point.numbers["five"], storage_until=None, ready_at=None)
    row = by_key(service.uncollected_orders(point.manager))[point.numbers["five"]]
    assert row.values[2:6] == (None, None, None, 0) and row.tone == "error"


def test_an_extended_order_says_so_in_the_ui_language(db, point, service, tagging_translator) -> None:
    _set(db, point.numbers["today"], extended_days=3)
    rows = by_key(service.uncollected_orders(point.manager))
    assert rows[point.numbers["today"]].values[6] == "[ManagerReports] да"
    assert rows[point.numbers["five"]].values[6] == "[ManagerReports] нет"
    expiring = by_key(service.expiring_orders(point.manager))
    assert expiring[point.numbers["today"]].values[6] == "[ManagerReports] да"
    assert expiring[point.numbers["tomorrow"]].values[6] == "[ManagerReports] нет"


def _return_session(s, point: PickupPoint, staff_id: int, uid: str, age: timedelta, boxes: int,
                    status: str = SessionStatus.OPEN) -> None:
    """A return session opened `age` ago holding `boxes` boxes of a cancelled order."""
    session = ReturnSession(uid=uid, point_id=point.id, opened_by=staff_id, opened_at=NOW - age, status=status)
    s.add(session)
    s.flush()
    number = f"5000007{sum(map(ord, uid)) % 100:02d}"  # clear of waits_point's numbers
    for box in make_order(s, point, status="cancelled", boxes=boxes, number=number).boxes:
        s.add(ReturnItem(session_id=session.id, order_id=box.order_id, box_id=box.id, reason="cancelled",
                         scanned_at=NOW))


def test_open_return_sessions_oldest_first_with_their_own_boxes_opener_and_tone(db, point, service) -> None:
    with db.write() as s:
        here = local_point(s)
        other = make_point(s, code="0077", local=False)
        stranger = make_staff(s, other, full_name="Чужой Кладовщик")
        opener = make_staff(s, here, full_name="Вера Открывшая")
        _return_session(s, here, opener.id, "ret-2h", timedelta(hours=2), boxes=3)  # made first, opened later
        _return_session(s, here, opener.id, "ret-12h", timedelta(hours=12), boxes=2)
        _return_session(s, here, opener.id, "ret-closed", timedelta(hours=30), boxes=1, status="closed")
        _return_session(s, other, stranger.id, "ret-other", timedelta(hours=40), boxes=1)
    rows = service.open_returns(point.manager).rows
    assert [(r.key, r.values[1], r.values[2], r.values[3], r.tone) for r in rows] == [
        (point.sessions["return_yesterday"], point.clerk.full_name, timedelta(days=1), 0, "error"),
        ("ret-12h", "Вера Открывшая", timedelta(hours=12), 2, "error"),  # twelve hours open: red
        ("ret-2h", "Вера Открывшая", timedelta(hours=2), 3, "warning")]


@pytest.mark.parametrize("method", ["unplaced_boxes", "uncollected_orders", "expiring_orders", "returns_due",
                                    "open_returns"])
def test_a_clerks_refusal_names_the_waiting_work(point, service, method) -> None:
    with pytest.raises(AccessDenied) as refused:
        getattr(service, method)(point.clerk)
    assert refused.value.params["action"] == "просмотр того, что ждёт слишком долго"


def test_every_title_header_and_term_is_shown_in_the_ui_language(point, service, tagging_translator) -> None:
    def tagged(title: str, *columns: str | tuple[str, ColumnKind]) -> Shown:
        return tagged_in("Waits", title, *columns)

    unplaced, uncollected, expiring, due, sessions = service.reports(point.manager)
    assert shown(unplaced) == tagged("Коробки приняты, но не разложены по ячейкам", "Коробка", "Заказ", "Место",
                                     "Поставка", ("Принята", MOMENT), ("Ждёт", DURATION))
    assert shown(uncollected) == tagged("Готовы к выдаче, но не получены", "Заказ", "Клиент", ("Готов с", MOMENT),
                                        ("Ждёт", DURATION), ("Хранение до", MOMENT), ("Осталось дней", COUNT),
                                        "Продлено")
    assert shown(expiring) == tagged("Срок хранения истекает сегодня или завтра", "Заказ", "Клиент", "Телефон",
                                     "Истекает", ("Хранение до", MOMENT), "Ячейки", "Продлено")
    assert shown(due) == tagged("Ждут возврата (список возврата не закрыт)", "Заказ", "Причина", "Клиент",
                                ("Хранение до", MOMENT), ("Коробок к возврату", COUNT))
    assert shown(sessions) == tagged("Сессии возврата не закрыты", ("Открыта", MOMENT), "Кто открыл",
                                     ("Открыта уже", DURATION), ("Коробок в сессии", COUNT), "Сессия")
    assert unplaced.rows[0].values[2] == "[Counts] 3 из 3"
    assert [row.values[3] for row in expiring.rows] == ["[Waits] сегодня", "[Waits] завтра"]
    assert {row.values[1] for row in due.rows} == {"[Terms] срок хранения истёк", "[Terms] отменён центром"}
    short = service.unplaced_boxes(point.manager, limit=1).title
    assert short == "[Waits] [Waits] Коробки приняты, но не разложены по ячейкам (показаны первые по сроку: 1 из 3)"


def test_every_order_due_for_return_is_a_warning(point, service) -> None:
    assert [row.tone for row in service.returns_due(point.manager).rows] == ["warning", "warning"]


def test_an_expiring_order_shows_the_phones_last_digits_and_every_cell_it_lies_in(db, point, service) -> None:
    with db.write() as s:
        here = local_point(s)
        cells = make_cell(s, here, "CA0101"), make_cell(s, here, "CA0102")
        order = make_order(s, here, status="ready", number="500000090", boxes=2)
        order.ready_at, order.storage_until = NOW - timedelta(days=1), NOW + timedelta(hours=5)
        for box, cell in zip(order.boxes, cells, strict=True):
            box.status, box.cell_id = "placed", cell.id
        last4 = order.customer.phone_last4
    rows = by_key(service.expiring_orders(point.manager))
    assert rows["500000090"].values[2] == f"…{last4}" and rows["500000090"].values[5] == "A-01-01, A-01-02"
    assert rows[point.numbers["today"]].values[5] == "—"  # its box is on a shelf with no cell recorded


def _received(s, number: str, ages: tuple[timedelta | None, ...]) -> list[str]:
    """An order of this point whose boxes were received `ages` ago (None: no receipt time) and wait for a cell."""
    order = make_order(s, local_point(s), status="arrived", number=number, boxes=len(ages))
    for box, age in zip(order.boxes, ages, strict=True):
        box.status, box.received_at = "received", None if age is None else NOW - age
    return [box.barcode for box in order.boxes]


def test_a_box_is_yellow_from_four_hours_red_from_a_day_and_plain_without_a_receipt_time(db, point, service) -> None:
    with db.write() as s:
        edges = _received(s, "500000091", (timedelta(hours=4), timedelta(hours=24), None))
    rows = {row.values[0]: row for row in service.unplaced_boxes(point.manager).rows}
    assert [(rows[b].values[5], rows[b].tone) for b in edges] == [
        (timedelta(hours=4), "warning"), (timedelta(hours=24), "error"), (timedelta(0), "")]
    assert rows[edges[0]].values[3] == "—"  # received without a waybill


def test_boxes_received_at_the_same_moment_are_listed_by_barcode(db, point, service) -> None:
    with db.write() as s:
        later = _received(s, "500000098", (timedelta(days=3),))
        earlier = _received(s, "500000097", (timedelta(days=3),))
    first_two = [row.values[0] for row in service.unplaced_boxes(point.manager).rows[:2]]
    assert first_two == [*earlier, *later]


def test_orders_with_the_same_days_left_come_by_deadline_then_by_number(db, point, service) -> None:
    with db.write() as s:
        here = local_point(s)
        here.storage_days = 7
        for number, ready_ago, until in (("500000098", timedelta(0), None),  # ends in 7 days, at 12:00
                                         ("500000097", timedelta(days=1), NOW + timedelta(days=7)),
                                         ("500000096", timedelta(days=1), NOW + timedelta(days=7, hours=1)),
                                         ("500000095", timedelta(days=1), NOW + timedelta(days=7, minutes=-1))):
            order = make_order(s, here, status="ready", number=number)
            order.ready_at, order.storage_until = NOW - ready_ago, until
    _set(db, point.numbers["five"], extended_days=2)
    keys = [row.key for row in service.uncollected_orders(point.manager).rows]
    assert keys[-4:] == ["500000095", "500000097", "500000098", "500000096"]
    assert keys.index(point.numbers["five"]) == 4  # after 4 orders with fewer days left, extended or not


def test_the_shortlist_takes_the_soonest_deadline_also_of_an_order_without_a_storage_end(db, point, service) -> None:
    with db.write() as s:
        order = make_order(s, local_point(s), status="ready", number="500000099")
        order.ready_at, order.storage_until = NOW, None  # no storage end: 7 days from now, after every other order's
    assert [row.key for row in service.uncollected_orders(point.manager, limit=1).rows] == [point.numbers["expired"]]
    with db.write() as s:
        for number in ("500000089", "500000088"):  # the soonest deadline of all, both at the same moment
            order = make_order(s, local_point(s), status="ready", number=number)
            order.ready_at, order.storage_until = NOW - timedelta(days=9), NOW - timedelta(days=2)
    assert [row.key for row in service.uncollected_orders(point.manager, limit=1).rows] == ["500000088"]


def test_an_empty_point_says_nothing_about_a_shortened_list(db) -> None:
    with db.write() as s:
        here = make_point(s)
        manager = actor_for(make_staff(s, here, Role.MANAGER))
    service = WaitingService(db, FakeClock(NOW))
    assert service.unplaced_boxes(manager).title == "Коробки приняты, но не разложены по ячейкам"
    assert service.uncollected_orders(manager).title == "Готовы к выдаче, но не получены"
