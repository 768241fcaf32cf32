"""An order becoming ready, stated as rules: the storage deadline counts the days the caller already read (or the
point's setting), the «ready» SMS request names the order and keeps «arrived» as the reason (the daily resend limit
counts only the clerk's resends), and a refusal names the order."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import Order, OutboxEvent, SmsMessage
from desktop.services.base import Service
from desktop.services.notification import notify_order_ready
from protocol.errors import DomainError
from tests.support.clock import FakeClock
from tests.support.factories import actor_for, make_order, make_point, make_staff


def _ready(db: Database, clock: FakeClock, status: str, storage_days: int | None = None):
    with db.write() as s:
        point = make_point(s, storage_days=5)
        actor = actor_for(make_staff(s, point))
        make_order(s, point, status=status, number="500000007")
    with Service(db, clock).action(actor) as act:
        order = act.session.scalars(select(Order)).one()
        return notify_order_ready(act, order, storage_days)


@pytest.mark.parametrize(("given", "days"), [(None, 5), (2, 2)])
def test_the_deadline_counts_the_days_the_caller_read_or_the_points_setting(db, clock, given, days) -> None:
    notice = _ready(db, clock, "arrived", given)
    assert (notice.order, notice.storage_until) == ("500000007", clock() + timedelta(days=days))


def test_the_ready_sms_names_the_order_and_keeps_arrived_as_its_reason(db: Database, clock: FakeClock) -> None:
    notice = _ready(db, clock, "arrived")
    with db.read() as s:
        sms = s.scalars(select(SmsMessage)).one()
        payload = json.loads(s.scalars(select(OutboxEvent.payload)).one())
    assert sms.timeline[0]["reason"] == "arrived"
    assert payload == {"sms": notice.sms_uid, "order": "500000007", "purpose": "ready", "attempt": 1}


def test_an_order_that_cannot_become_ready_is_named_in_the_refusal(db: Database, clock: FakeClock) -> None:
    with pytest.raises(DomainError) as info:
        _ready(db, clock, "in_transit")
    assert info.value.code == "order.illegal_transition" and "500000007" in str(info.value)
