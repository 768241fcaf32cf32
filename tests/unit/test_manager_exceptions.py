"""«Исключения» (issue 11 item 3): locked orders, SMS not delivered, refused events with what to do, open sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop import messages
from desktop.db.models import AuditEntry, Order
from desktop.errors import AccessDenied
from desktop.services.handover import HandoverService
from desktop.services.manager.exceptions import ExceptionsService
from desktop.services.review import ReviewService
from desktop.sync.reasons import REMEDY_FAMILY, UNKNOWN_REMEDY, describe_remedy
from tests.support.clock import FakeClock
from tests.unit.waits_point import NOW, build_waits_point


@pytest.fixture
def point(db):
    return build_waits_point(db)


@pytest.fixture
def service(db):
    return ExceptionsService(db, FakeClock(NOW))


def test_locked_orders_with_wrong_codes_and_how_long(point, service):
    report = service.locked_orders(point.manager)
    assert [(r.key, r.values[2], r.values[3], r.values[4], r.tone) for r in report.rows] == [
        (point.numbers["locked"], 5, NOW - timedelta(minutes=30), timedelta(minutes=30), "error")]


def test_unlocking_through_the_handover_service_clears_the_row_and_writes_the_journal(db, point, service):
    HandoverService(db, FakeClock(NOW)).unlock(point.manager, point.numbers["locked"])
    assert service.locked_orders(point.manager).rows == ()
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.subject == point.numbers["locked"])).one()
        assert entry.action == "order.unlocked" and entry.staff_id == point.manager.staff_id
        assert s.scalar(select(Order.locked_at).where(Order.number == point.numbers["locked"])) is None


def test_sms_failed_unknown_or_stuck_but_not_delivered_fresh_or_resent(point, service):
    report = service.sms_not_delivered(point.manager)
    n = point.numbers
    assert [(r.key, r.values[3], r.tone) for r in report.rows] == [
        (n["sms_failed"], "не доставлено", "error"), (n["sms_stuck"], "отправлено", "warning"),
        (n["sms_unknown"], "статус неизвестен", "warning")]
    failed = report.rows[0]
    assert failed.values[1] == "код получения" and failed.values[2] == 1 and failed.values[4] == "abonent unavailable"
    assert failed.values[5] == NOW - timedelta(hours=1)


def test_refused_and_conflicting_events_say_why_and_what_to_do(point, service):
    report = service.server_problems(point.manager)
    rows = {r.values[6]: r for r in report.rows}
    assert set(rows) == {point.events["rejected"], point.events["conflict"]}
    rejected, conflict = rows[point.events["rejected"]], rows[point.events["conflict"]]
    assert rejected.key == point.numbers["locked"] and rejected.tone == "error"
    assert rejected.values[2] == "отклонено" and "неизвестен серверу" in rejected.values[4]
    assert rejected.values[5] == messages.template("sync.remedy.centre_data")
    assert conflict.key == point.numbers["cancelled"] and conflict.values[2] == "конфликт"
    assert conflict.values[5] == messages.template("sync.remedy.order_cancelled")  # the code's own text wins
    assert rejected.values[1] == "заказ заблокирован"


def test_marking_an_event_reviewed_takes_it_off_the_list(db, point, service):
    ReviewService(db, FakeClock(NOW)).mark_reviewed(point.manager, "event", point.events["rejected"])
    assert [r.values[6] for r in service.server_problems(point.manager).rows] == [point.events["conflict"]]


def test_sessions_left_open_from_an_earlier_day_or_a_closed_shift(point, service):
    report = service.sessions_left_open(point.manager)
    assert [(r.key, r.values[0], r.values[4]) for r in report.rows] == [
        (point.sessions["return_yesterday"], "возврат", "открыта в прошлый день"),
        (point.sessions["receiving_closed_shift"], "приёмка", "смена открывшего закрыта")]
    assert report.rows[0].values[3] == timedelta(days=1)


def test_every_server_reason_has_a_what_to_do_text():
    reasons = {code.removeprefix("sync.reason.") for code in messages.catalog() if code.startswith("sync.reason.")}
    assert reasons - {"unknown", "none"} <= set(REMEDY_FAMILY)
    for code in REMEDY_FAMILY:
        assert describe_remedy(f"{code}:x") != messages.template(UNKNOWN_REMEDY), code
    assert describe_remedy("never_heard_of_it") == messages.template(UNKNOWN_REMEDY)
    assert describe_remedy(None) == messages.template("sync.remedy.none")


def test_the_tab_gets_every_report_in_order(point, service):
    assert len(service.reports(point.manager)) == 4


@pytest.mark.parametrize("method", ["locked_orders", "sms_not_delivered", "server_problems", "sessions_left_open",
                                    "reports"])
def test_a_clerk_is_refused_by_the_service(point, service, method):
    with pytest.raises(AccessDenied):
        getattr(service, method)(point.clerk)
