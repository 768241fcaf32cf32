"""Notification: arrived → ready with an SMS request, rate-limited resends, SMS history (reminders: the server)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from desktop.db.models import AuditEntry, Order, OutboxEvent, SmsMessage
from desktop.services.base import Service
from desktop.services.notification import NotificationService, notify_order_ready
from protocol.errors import DomainError
from tests.support.factories import actor_for, make_order, make_point, make_staff

# 09:00 UTC = 12:00 in Moscow (UTC+3)
START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture
def world(db):
    with db.write() as s:
        point = make_point(s, code="0042", storage_days=5)
        clerk = make_staff(s, point)
        ready = make_order(s, point, status="ready", number="500000001")
        arrived = make_order(s, point, status="arrived", number="500000002")
        transit = make_order(s, point, status="in_transit", number="500000003")
        return {"actor": actor_for(clerk), "ready": ready.number, "arrived": arrived.number, "transit": transit.number}


@pytest.fixture
def svc(db, clock):
    return NotificationService(db, clock)


def _order(db, number):
    with db.read() as s:
        return s.scalars(select(Order).where(Order.number == number)).one()


def _history(db, number):
    """Every SMS of an order, oldest first, as (purpose, attempt)."""
    with db.read() as s:
        query = select(SmsMessage.purpose, SmsMessage.attempt).join(Order, Order.id == SmsMessage.order_id)
        return [tuple(r) for r in s.execute(query.where(Order.number == number).order_by(SmsMessage.id))]


def _sms_count(db):
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(SmsMessage))


def test_notify_order_ready(db, clock, world):
    order = _order(db, world["arrived"])
    with Service(db, clock).action(world["actor"]) as act:
        notice = notify_order_ready(act, order)
    assert notice.storage_until == clock.now + timedelta(days=5) and notice.attempt == 1
    order = _order(db, world["arrived"])
    assert order.status == "ready" and order.ready_at == clock.now and order.storage_until == notice.storage_until
    with db.read() as s:
        sms = s.scalars(select(SmsMessage)).one()
        assert (sms.purpose, sms.attempt, sms.status, sms.uid) == ("ready", 1, "requested", notice.sms_uid)
        assert sms.requested_by == world["actor"].staff_id and sms.timeline[0]["status"] == "requested"
        event = s.execute(select(OutboxEvent.type, OutboxEvent.payload)).one()
    assert event.type == "sms.requested" and '"purpose":"ready"' in event.payload


def test_notify_refuses_an_order_that_has_not_arrived(db, clock, world):
    order = _order(db, world["transit"])
    with pytest.raises(DomainError) as err, Service(db, clock).action(world["actor"]) as act:
        notify_order_ready(act, order)
    assert err.value.code == "order.illegal_transition"
    assert _sms_count(db) == 0


def test_resend_after_ten_minutes(db, svc, clock, world):
    clock.advance(minutes=10)
    view = svc.resend(world["actor"], world["ready"])
    assert (view.purpose, view.attempt, view.status) == ("ready", 1, "requested")
    clock.advance(minutes=9, seconds=59)
    with pytest.raises(DomainError) as err:
        svc.resend(world["actor"], world["ready"])
    assert err.value.code == "sms.resend_too_soon"
    assert err.value.params["next_at"] == "24.11 12:20"  # local Moscow time of the next allowed attempt
    assert "12:20" in str(err.value)
    clock.advance(seconds=1)
    assert svc.resend(world["actor"], world["ready"]).attempt == 2


def test_resend_too_soon_after_the_first_sms(db, clock, world):
    order = _order(db, world["arrived"])
    with Service(db, clock).action(world["actor"]) as act:
        notify_order_ready(act, order)
    svc = NotificationService(db, clock)
    with pytest.raises(DomainError) as err:
        svc.resend(world["actor"], world["arrived"])
    assert err.value.code == "sms.resend_too_soon"
    assert _sms_count(db) == 1
    clock.advance(minutes=10)
    assert svc.resend(world["actor"], world["arrived"]).attempt == 2


def test_fourth_resend_in_a_local_day_is_refused_until_midnight(db, svc, clock, world):
    for _ in range(3):
        clock.advance(minutes=15)
        svc.resend(world["actor"], world["ready"])
    clock.advance(minutes=15)
    with pytest.raises(DomainError) as err:
        svc.resend(world["actor"], world["ready"])
    assert err.value.code == "sms.resend_daily_limit" and err.value.params["count"] == 3
    assert err.value.params["next_at"] == "25.11 00:00"
    assert err.value.params["next_at_utc"] == "2026-11-24T21:00:00+00:00"
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 3
    clock.now = datetime(2026, 11, 24, 21, 0, tzinfo=UTC)  # local midnight: a new calendar day
    assert svc.resend(world["actor"], world["ready"]).attempt == 4


def test_daily_limit_follows_the_points_time_zone(db, svc, clock, world):
    clock.now = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # 23:00 in Moscow
    for _ in range(3):
        svc.resend(world["actor"], world["ready"])
        clock.advance(minutes=10)
    clock.now = datetime(2026, 11, 24, 20, 59, tzinfo=UTC)
    with pytest.raises(DomainError):
        svc.resend(world["actor"], world["ready"])
    clock.now = datetime(2026, 11, 24, 21, 1, tzinfo=UTC)  # 00:01 the next Moscow day, still Nov 24 in UTC
    assert svc.resend(world["actor"], world["ready"]).attempt == 4


@pytest.mark.parametrize(("key", "code"), [("arrived", "sms.order_not_ready"), ("transit", "sms.order_not_ready")])
def test_resend_only_for_ready_orders(db, svc, world, key, code):
    with pytest.raises(DomainError) as err:
        svc.resend(world["actor"], world[key])
    assert err.value.code == code
    assert _sms_count(db) == 0


def test_resend_unknown_order_and_no_login(svc, world):
    with pytest.raises(DomainError) as err:
        svc.resend(world["actor"], "599999999")
    assert err.value.code == "order.not_found"
    with pytest.raises(DomainError) as err:
        svc.resend(None, world["ready"])
    assert err.value.code == "auth.not_logged_in"


def test_exception_inside_resend_leaves_nothing(db, svc, clock, world, monkeypatch):
    from desktop.services import sms_request

    def boom(*_a, **_k):
        raise RuntimeError("boom")

    monkeypatch.setattr(sms_request, "SmsRequested", boom)
    clock.advance(minutes=30)
    with pytest.raises(RuntimeError):
        svc.resend(world["actor"], world["ready"])
    assert _sms_count(db) == 0
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 0
        assert s.scalar(select(func.count()).select_from(OutboxEvent)) == 0
