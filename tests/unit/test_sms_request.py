"""request_sms: the one place that writes an SMS request row and its `sms.requested` outbox event."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import OutboxEvent, SmsMessage
from desktop.services import sms_request
from desktop.services.base import Actor, Service
from desktop.services.sms_request import request_sms
from tests.support.clock import FakeClock
from tests.support.factories import actor_for, make_order, make_point, make_staff


@pytest.fixture
def world(db: Database) -> tuple[Actor, int, str]:
    with db.write() as s:
        point = make_point(s)
        order = make_order(s, point, status="ready", number="500000001")
        return actor_for(make_staff(s, point)), order.id, order.number


def test_row_and_event_with_the_next_attempt_per_purpose(db: Database, clock: FakeClock, world) -> None:
    actor, order_id, number = world
    with Service(db, clock).action(actor) as act:
        first = request_sms(act, order_id, number, "ready", "arrived")
        second = request_sms(act, order_id, number, "ready", "resend")
        receipt = request_sms(act, order_id, number, "receipt", "receipt")
    assert (first.attempt, second.attempt, receipt.attempt) == (1, 2, 1)
    with db.read() as s:
        rows = s.scalars(select(SmsMessage).order_by(SmsMessage.id)).all()
        events = s.execute(select(OutboxEvent.type, OutboxEvent.payload).order_by(OutboxEvent.device_seq)).all()
    assert [(m.uid, m.purpose, m.attempt, m.status) for m in rows] == [
        (first.uid, "ready", 1, "requested"),
        (second.uid, "ready", 2, "requested"),
        (receipt.uid, "receipt", 1, "requested"),
    ]
    assert rows[1].requested_by == actor.staff_id and rows[1].requested_at == clock.now
    assert rows[1].timeline == [{"status": "requested", "at": clock.now.isoformat(), "reason": "resend"}]
    assert [t for t, _ in events] == ["sms.requested"] * 3
    payloads = [json.loads(p) for _, p in events]
    assert [(p["sms"], p["order"], p["purpose"], p["attempt"]) for p in payloads] == [
        (first.uid, number, "ready", 1),
        (second.uid, number, "ready", 2),
        (receipt.uid, number, "receipt", 1),
    ]


def test_without_an_actor_nobody_is_named(db: Database, clock: FakeClock, world) -> None:
    _actor, order_id, number = world
    with Service(db, clock).action(None) as act:
        request = request_sms(act, order_id, number, "reminder", "reminder")
    with db.read() as s:
        row = s.scalars(select(SmsMessage)).one()
    assert (row.uid, row.requested_by, row.purpose) == (request.uid, None, "reminder")


def test_a_failing_event_leaves_no_row(db: Database, clock: FakeClock, world, monkeypatch) -> None:
    actor, order_id, number = world

    def boom(**_kw: object) -> None:
        raise RuntimeError("outbox down")

    monkeypatch.setattr(sms_request, "SmsRequested", boom)
    with pytest.raises(RuntimeError), Service(db, clock).action(actor) as act:
        request_sms(act, order_id, number, "ready", "arrived")
    with db.read() as s:
        assert s.scalars(select(SmsMessage)).all() == []
        assert s.scalars(select(OutboxEvent)).all() == []
