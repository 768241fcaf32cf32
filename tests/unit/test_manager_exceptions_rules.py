"""«Исключения» at its edges: which SMS count as not delivered (the last attempt of a code or reminder SMS of a
ready order here; on its way for two hours is stuck), how the rows are ordered and toned, sessions of every kind
left open, and every title, header and term in the UI language."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.db.claim_models import ServiceDispatch
from desktop.db.models import Order, OutboxEvent, PickupPoint, ReceivingSession, ReturnSession, SmsMessage, Staff
from desktop.errors import AccessDenied
from desktop.services.base import local_point
from desktop.services.manager.exceptions import ExceptionsService
from desktop.services.manager.report import ColumnKind
from tests.support.clock import FakeClock
from tests.support.factories import make_order, make_point, make_shipment, make_staff
from tests.support.manager_point import utc
from tests.support.report_texts import Shown, shown
from tests.support.report_texts import tagged as tagged_in
from tests.unit.waits_point import NOW, WaitsPoint, build_waits_point

TEXT, MOMENT, DURATION, COUNT = ColumnKind.TEXT, ColumnKind.MOMENT, ColumnKind.DURATION, ColumnKind.COUNT


@pytest.fixture
def point(db) -> WaitsPoint:
    return build_waits_point(db)


@pytest.fixture
def service(db) -> ExceptionsService:
    return ExceptionsService(db, FakeClock(NOW))


def _sms(s, order: Order, status: str, ago: timedelta, purpose: str = "ready", attempt: int = 1) -> None:
    s.add(SmsMessage(uid=f"sms-{order.number}-{purpose}-{attempt}", order_id=order.id, purpose=purpose,
                     attempt=attempt, status=status, requested_at=NOW - ago, updated_at=NOW - ago, timeline=[]))


def _ready(s, point: PickupPoint, number: str, status: str = "ready") -> Order:
    order = make_order(s, point, status=status, number=number)
    order.ready_at = NOW - timedelta(days=1)
    return order


def sms_rows(service: ExceptionsService, point: WaitsPoint) -> list[tuple[str | None, object, object, str]]:
    return [(r.key, r.values[1], r.values[2], r.tone) for r in service.sms_not_delivered(point.manager).rows]


def test_an_sms_on_its_way_for_two_hours_is_stuck_and_a_younger_one_is_not(db, point, service) -> None:
    with db.write() as s:
        here = local_point(s)
        for number, status, ago in (("600000001", "pending", timedelta(hours=2)),
                                    ("600000002", "sending", timedelta(hours=1, minutes=59)),
                                    ("600000003", "held", timedelta(hours=2, minutes=1)),
                                    ("600000004", "requested", timedelta(hours=3))):
            _sms(s, _ready(s, here, number), status, ago)
    listed = {key for key, *_ in sms_rows(service, point)}
    assert {"600000001", "600000003", "600000004"} <= listed and "600000002" not in listed


def test_only_the_last_attempt_of_a_code_or_reminder_sms_of_a_ready_order_here_counts(db, point, service) -> None:
    with db.write() as s:
        here, other = local_point(s), make_point(s, code="0077", local=False)
        again = _ready(s, here, "600000010")
        _sms(s, again, "delivered", timedelta(hours=6))
        _sms(s, again, "failed", timedelta(hours=5), attempt=2)  # resent, and this time it failed
        _sms(s, again, "failed", timedelta(hours=4), purpose="reminder")
        _sms(s, _ready(s, here, "600000011"), "failed", timedelta(hours=4), purpose="receipt")
        _sms(s, _ready(s, here, "600000012", status="handed_over"), "failed", timedelta(hours=4))
        _sms(s, _ready(s, other, "600000013"), "failed", timedelta(hours=4))
    rows = [row for row in sms_rows(service, point) if row[0].startswith("6000000")]
    assert rows == [("600000010", "код получения", 2, "error"), ("600000010", "напоминание", 1, "error")]


def test_failed_sms_come_first_then_the_oldest_asked_for_then_by_number(db, point, service) -> None:
    with db.write() as s:
        here = local_point(s)
        _sms(s, _ready(s, here, "600000021"), "failed", timedelta(minutes=5))
        _sms(s, _ready(s, here, "600000020"), "unknown", timedelta(hours=8))
        s.flush()
        s.scalars(select(SmsMessage).where(SmsMessage.uid == "sms-600000020-ready-1")).one().updated_at = NOW
        for number in ("600000041", "600000040"):  # asked for at the same moment
            _sms(s, _ready(s, here, number), "unknown", timedelta(hours=10))
    n = point.numbers
    assert [(key, tone) for key, _, _, tone in sms_rows(service, point)] == [
        (n["sms_failed"], "error"), ("600000021", "error"), ("600000040", "warning"), ("600000041", "warning"),
        ("600000020", "warning"), (n["sms_stuck"], "warning"), (n["sms_unknown"], "warning")]


def test_locked_orders_longest_locked_first_then_by_number_with_the_customers_name(db, point, service) -> None:
    with db.write() as s:
        for number in ("600000030", "600000029"):  # locked at the same moment
            order = _ready(s, local_point(s), number)
            order.locked_at, order.code_failed_attempts = NOW - timedelta(hours=2), 3
        name = order.customer.full_name
    rows = service.locked_orders(point.manager).rows
    assert [(r.key, r.values[2], r.values[4]) for r in rows] == [
        ("600000029", 3, timedelta(hours=2)), ("600000030", 3, timedelta(hours=2)),
        (point.numbers["locked"], 5, timedelta(minutes=30))]
    assert rows[0].values[1] == name


def test_sessions_of_every_kind_left_open_oldest_first(db, point, service) -> None:
    with db.write() as s:
        here = local_point(s)
        opener = s.get(ReceivingSession, 1).opened_by
        shipment = make_shipment(s, here, number="R0000888")
        s.add(ReceivingSession(uid="rcv-old", point_id=here.id, opened_by=opener, opened_at=NOW - timedelta(days=3),
                               shipment_id=shipment.id))
        s.add(ServiceDispatch(uid="svc-old", point_id=here.id, opened_by=opener, opened_at=NOW - timedelta(days=2)))
        s.add(ServiceDispatch(uid="svc-closed", point_id=here.id, opened_by=opener,
                              opened_at=NOW - timedelta(days=5), status="closed"))
    rows = service.sessions_left_open(point.manager).rows
    assert [(r.key, r.values[0], r.values[4], r.values[5]) for r in rows] == [
        ("rcv-old", "приёмка", "открыта в прошлый день", "R0000888"),
        ("svc-old", "отправка в сервис", "открыта в прошлый день", "—"),
        (point.sessions["return_yesterday"], "возврат", "открыта в прошлый день", "—"),
        (point.sessions["receiving_closed_shift"], "приёмка", "смена открывшего закрыта", "—")]
    assert {r.tone for r in rows} == {"error"}
    assert rows[0].values[3] == timedelta(days=3)


def test_a_refused_event_is_red_and_a_conflict_yellow(point, service) -> None:
    rows = {r.values[6]: r.tone for r in service.server_problems(point.manager).rows}
    assert rows == {point.events["rejected"]: "error", point.events["conflict"]: "warning"}


@pytest.mark.parametrize("method", ["locked_orders", "sms_not_delivered", "server_problems", "sessions_left_open"])
def test_a_clerks_refusal_names_the_exceptions(point, service, method) -> None:
    with pytest.raises(AccessDenied) as refused:
        getattr(service, method)(point.clerk)
    assert refused.value.params["action"] == "просмотр исключений"


def test_every_title_header_and_term_is_shown_in_the_ui_language(point, service, tagging_translator) -> None:
    def tagged(title: str, *columns: str | tuple[str, ColumnKind]) -> Shown:
        return tagged_in("Waits", title, *columns)

    locked, sms, problems, sessions = service.reports(point.manager)
    assert shown(locked) == tagged("Заказы заблокированы после неверных кодов", "Заказ", "Клиент",
                                   ("Неверных кодов", COUNT), ("Заблокирован", MOMENT),
                                   ("Заблокирован уже", DURATION))
    assert shown(sms) == tagged("SMS не доставлены", "Заказ", "SMS", ("Попытка", COUNT), "Статус", "Ошибка шлюза",
                                ("Запрошено", MOMENT), ("Обновлено", MOMENT))
    assert shown(problems) == tagged("Отклонено сервером или конфликт", ("Когда", MOMENT), "Событие",
                                     "Решение сервера", "Заказ", "Причина", "Что делать", "Код события")
    assert shown(sessions) == tagged("Сессии оставлены открытыми", "Сессия", ("Открыта", MOMENT), "Кто открыл",
                                     ("Открыта уже", DURATION), "Почему в списке", "Поставка", "Код сессии")
    assert [(r.values[1], r.values[3]) for r in sms.rows] == [
        ("[Terms] код получения", "[Terms] не доставлено"), ("[Terms] код получения", "[Terms] отправлено"),
        ("[Terms] код получения", "[Terms] статус неизвестен")]
    assert sorted(r.values[2] for r in problems.rows) == ["[Waits] конфликт", "[Waits] отклонено"]
    assert [(r.values[0], r.values[4]) for r in sessions.rows] == [
        ("[Waits] возврат", "[Waits] открыта в прошлый день"), ("[Waits] приёмка", "[Waits] смена открывшего закрыта")]




def _event(s, event_id: str) -> OutboxEvent:
    return s.scalars(select(OutboxEvent).where(OutboxEvent.event_id == event_id)).one()


def problem_ids(service: ExceptionsService, point: WaitsPoint) -> list[str]:
    return [row.values[6] for row in service.server_problems(point.manager).rows]


def test_refused_events_come_in_the_order_they_happened_then_in_the_order_they_were_made(db, point, service) -> None:
    rejected, conflict = point.events["rejected"], point.events["conflict"]
    assert problem_ids(service, point) == [rejected, conflict]  # made at the same moment, the rejected one first
    with db.write() as s:
        first, second = _event(s, rejected), _event(s, conflict)
        seqs = first.device_seq, second.device_seq
        first.device_seq = 10_000
        s.flush()
        second.device_seq = seqs[0]
        s.flush()
        first.device_seq = seqs[1]
    assert problem_ids(service, point) == [conflict, rejected]
    with db.write() as s:
        _event(s, rejected).occurred_at = NOW - timedelta(hours=7)
    assert problem_ids(service, point) == [rejected, conflict]


def test_an_event_about_no_order_and_an_sms_without_a_gateway_error_show_a_dash(db, point, service) -> None:
    with db.write() as s:
        shift = s.scalars(select(OutboxEvent).where(OutboxEvent.type == "shift.opened")).one()
        shift.status, shift.reason = "rejected", "internal_error"
        shift_id = shift.event_id
    row = next(r for r in service.server_problems(point.manager).rows if r.values[6] == shift_id)
    assert row.values[3] == "—" and row.key is None and row.tone == "error"
    unknown = next(r for r in service.sms_not_delivered(point.manager).rows if r.key == point.numbers["sms_unknown"])
    assert unknown.values[4] == "—"


def _gone_id(s) -> int:
    return s.scalars(select(Staff.id).where(Staff.full_name == "Ушедший Пётр")).one()


def test_only_this_points_open_sessions_count_and_each_names_who_opened_it(db, point, service) -> None:
    with db.write() as s:
        here, clerk, gone = local_point(s), point.clerk.staff_id, _gone_id(s)
        other = make_point(s, code="0077", local=False)
        stranger = make_staff(s, other, full_name="Чужой Кладовщик").id
        old = NOW - timedelta(days=2)
        s.add_all([ReturnSession(uid="ret-today-gone", point_id=here.id, opened_by=gone,
                                 opened_at=NOW - timedelta(hours=1)),
                   ReturnSession(uid="ret-today-clerk", point_id=here.id, opened_by=clerk,
                                 opened_at=NOW - timedelta(hours=1)),
                   ReturnSession(uid="ret-closed", point_id=here.id, opened_by=clerk, opened_at=old, status="closed"),
                   ReceivingSession(uid="rcv-closed", point_id=here.id, opened_by=clerk, opened_at=old,
                                    status="closed"),
                   ReceivingSession(uid="rcv-other", point_id=other.id, opened_by=stranger, opened_at=old),
                   ReturnSession(uid="ret-other", point_id=other.id, opened_by=stranger, opened_at=old)])
    rows = service.sessions_left_open(point.manager).rows
    assert [(r.key, r.values[2], r.values[4]) for r in rows] == [
        (point.sessions["return_yesterday"], point.clerk.full_name, "открыта в прошлый день"),
        (point.sessions["receiving_closed_shift"], "Ушедший Пётр", "смена открывшего закрыта"),
        ("ret-today-gone", "Ушедший Пётр", "смена открывшего закрыта")]


def test_the_day_a_session_was_opened_is_the_points_day(db, point) -> None:
    """At 22:00 UTC on the 23rd it is 01:00 on the 24th in Moscow: a session opened at 23:00 (Moscow) on the 23rd
    is from an earlier day, one opened at midnight or after it is today's."""
    with db.write() as s:
        here, clerk = local_point(s), point.clerk.staff_id
        for uid, at in (("ret-23rd-late", utc(23, 20)), ("ret-midnight", utc(23, 21)), ("ret-0030", utc(23, 21, 30))):
            s.add(ReturnSession(uid=uid, point_id=here.id, opened_by=clerk, opened_at=at))
    night = ExceptionsService(db, FakeClock(utc(23, 22)))
    assert [r.key for r in night.sessions_left_open(point.manager).rows] == [
        point.sessions["return_yesterday"], "ret-23rd-late", point.sessions["receiving_closed_shift"]]


def test_a_service_dispatch_left_open_is_named_in_the_ui_language(db, point, service, tagging_translator) -> None:
    with db.write() as s:
        s.add(ServiceDispatch(uid="svc-old", point_id=local_point(s).id, opened_by=point.clerk.staff_id,
                              opened_at=NOW - timedelta(days=2)))
    rows = {r.key: r.values[0] for r in service.sessions_left_open(point.manager).rows}
    assert rows["svc-old"] == "[Waits] отправка в сервис"
