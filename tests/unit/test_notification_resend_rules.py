"""The clerk's «resend the ready SMS», stated as rules: the limits count only this order's «ready» SMS and only the
clerk's resends (not the first SMS nor another purpose), the local day starts at the point's midnight, the next
allowed time is given in UTC whatever the PC's zone, the journal and the SMS name the clerk, refusals name the
order."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import AuditEntry, Order, OutboxEvent, SmsMessage
from desktop.services.base import Actor, Service
from desktop.services.notification import NotificationService, notify_order_ready
from desktop.services.sms_request import request_sms, sms_view
from protocol.errors import DomainError
from protocol.order_states import OrderStatus
from tests.support.clock import FakeClock
from tests.support.factories import actor_for, make_order, make_point, make_staff

MIDNIGHT_MSK = datetime(2026, 11, 24, 21, 0, tzinfo=UTC)  # 00:00 of 25.11 in Moscow


@pytest.fixture
def clerk(db: Database) -> Actor:
    with db.write() as s:
        point = make_point(s)
        for number in ("500000001", "500000002"):
            make_order(s, point, status="ready", number=number)
        make_order(s, point, status="arrived", number="500000003")
        make_order(s, make_point(s, code="0077", local=False), status="ready", number="500000004")
        return actor_for(make_staff(s, point))


def _refusal(svc: NotificationService, clerk: Actor, number: str) -> DomainError:
    with pytest.raises(DomainError) as info:
        svc.resend(clerk, number)
    return info.value


def _resend_three(svc: NotificationService, clock: FakeClock, clerk: Actor, number: str) -> None:
    for _ in range(3):
        svc.resend(clerk, number)
        clock.advance(minutes=15)


def test_another_orders_resends_do_not_count(db: Database, clock: FakeClock, clerk: Actor) -> None:
    svc = NotificationService(db, clock)
    _resend_three(svc, clock, clerk, "500000001")
    assert _refusal(svc, clerk, "500000001").params["order"] == "500000001"
    assert svc.resend(clerk, "500000002").attempt == 1
    refused = _refusal(svc, clerk, "500000002")  # too soon: this order's own last SMS
    assert (refused.code, refused.params["order"]) == ("sms.resend_too_soon", "500000002")


def test_another_purpose_and_the_first_sms_are_not_resends(db: Database, clock: FakeClock, clerk: Actor) -> None:
    service = Service(db, clock)
    with service.action(clerk) as act:
        notify_order_ready(act, act.session.scalars(select(Order).where(Order.number == "500000003")).one())
    clock.advance(minutes=10)
    svc = NotificationService(db, clock)
    _resend_three(svc, clock, clerk, "500000003")  # the «arrived» SMS is not one of the three
    with service.action(clerk) as act:
        order = act.session.scalars(select(Order).where(Order.number == "500000001")).one()
        request_sms(act, order.id, order.number, "receipt", "receipt")
    assert svc.resend(clerk, "500000001").attempt == 1  # a receipt SMS just now: not a «ready» one


def test_the_day_starts_at_the_points_midnight(db: Database, clock: FakeClock, clerk: Actor) -> None:
    clock.now = MIDNIGHT_MSK
    svc = NotificationService(db, clock)
    _resend_three(svc, clock, clerk, "500000001")  # 00:00, 00:15, 00:30
    refused = _refusal(svc, clerk, "500000001")
    assert (refused.code, refused.params["count"]) == ("sms.resend_daily_limit", 3)


@pytest.fixture
def tokyo_pc() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "Asia/Tokyo")
        time.tzset()
        yield
    time.tzset()


@pytest.mark.usefixtures("tokyo_pc")
def test_the_next_allowed_time_is_given_in_utc_whatever_the_pcs_zone(db, clock, clerk) -> None:
    svc = NotificationService(db, clock)
    svc.resend(clerk, "500000001")
    refused = _refusal(svc, clerk, "500000001")
    assert refused.params["next_at_utc"] == (clock() + timedelta(minutes=10)).isoformat()


def test_the_resend_names_the_clerk(db: Database, clock: FakeClock, clerk: Actor) -> None:
    view = NotificationService(db, clock).resend(clerk, "500000001")
    with db.read() as s:
        entry = s.scalars(select(AuditEntry)).one()
        sms = s.scalars(select(SmsMessage)).one()
        payload = json.loads(s.scalars(select(OutboxEvent.payload)).one())
    assert (entry.action, entry.subject, entry.staff_id) == ("sms.resend", "500000001", clerk.staff_id)
    assert json.loads(entry.details) == {"sms": view.uid, "attempt": 1}
    assert (sms.uid, sms.requested_by) == (view.uid, clerk.staff_id)
    assert payload == {"sms": view.uid, "order": "500000001", "purpose": "ready", "attempt": 1}
    assert (view.requested_at, view.updated_at, view.error) == (clock(), clock(), None)
    assert [(t["status"], t["reason"]) for t in view.timeline] == [("requested", "resend")]


def test_the_view_of_a_failed_sms_shows_its_error_and_timeline(db: Database, clock: FakeClock, clerk: Actor) -> None:
    NotificationService(db, clock).resend(clerk, "500000001")
    later = clock() + timedelta(minutes=2)
    steps = [{"status": "requested"}, {"status": "failed", "error": "bad number"}]
    with db.write() as s:
        sms = s.scalars(select(SmsMessage)).one()
        sms.status, sms.updated_at, sms.error, sms.timeline = "failed", later, "bad number", steps
    with db.read() as s:
        view = sms_view(s.scalars(select(SmsMessage)).one())
    assert (view.uid, view.status, view.requested_at, view.updated_at) == (sms.uid, "failed", clock(), later)
    assert (view.error, view.timeline) == ("bad number", steps)


def test_an_order_not_ready_is_refused_naming_it_and_its_state(db: Database, clock: FakeClock, clerk: Actor) -> None:
    refused = _refusal(NotificationService(db, clock), clerk, "500000003")
    assert refused.params == {"order": "500000003", "status": OrderStatus.ARRIVED}
    assert "500000003" in str(refused)


@pytest.mark.parametrize("number", ["500000004", "599999999"])
def test_only_this_points_orders_are_found(db: Database, clock: FakeClock, clerk: Actor, number: str) -> None:
    refused = _refusal(NotificationService(db, clock), clerk, f" {number} ")
    assert (refused.code, refused.params) == ("order.not_found", {"order": number})
