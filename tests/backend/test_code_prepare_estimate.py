"""How many pickup codes a batch will issue, estimated before its write transaction (backend/code_prepare.py):
one per order of the point that arrives, or that is arrived and gets its «ready» SMS for an attempt with no code
yet; nothing for an event already received, another point's order or an order already coded. The codes prepared
carry the lookup tag under the key the point's counters receive, whether pooled or hashed on the spot."""

from __future__ import annotations

import base64
import re
import uuid
from typing import Any

import pytest
from sqlalchemy import event, select, update

from backend import code_pool, codes
from backend.code_prepare import codes_needed, codes_needed_locked, may_issue
from backend.config import Settings
from backend.models import Order, PickupCode, Point
from backend.rules.base import preload
from backend.sms.models import SmsOutbox
from protocol.pickup_code import code_tag, split_tag
from tests.backend.conftest import Device, Server, box_barcode, order_number, point_feed

ONE, TWO, THREE = (order_number("0042", n) for n in (1, 2, 3))
FOREIGN = order_number("0043", 1)
Item = tuple[str, str, dict[str, Any]]


def _arrival(number: str, event_id: str | None = None) -> Item:
    return event_id or str(uuid.uuid4()), "order.arrived", {"order": number, "arrived_at": "2026-11-24T09:00:00Z"}


def _ready_sms(number: str, attempt: int) -> Item:
    return str(uuid.uuid4()), "sms.requested", {"sms": "u", "order": number, "purpose": "ready", "attempt": attempt}


@pytest.mark.parametrize(("type_", "payload", "issues"), [
    ("order.arrived", {"order": ONE}, True),
    ("order.arrived", {"order": 42}, False),  # no order number: the rule rejects it
    ("order.arrived", None, False),
    ("box.received", {"order": ONE}, False),
    ("sms.requested", {"order": ONE, "purpose": "ready", "attempt": 2}, True),
    ("sms.requested", {"order": ONE, "purpose": "reminder", "attempt": 2}, False),  # only «ready» carries a code
    ("sms.requested", {"order": ONE, "attempt": 2}, False),
    ("sms.requested", {"order": ONE, "purpose": "ready", "attempt": True}, False),  # not an attempt number
    ("sms.requested", {"order": ONE, "purpose": "ready"}, False),
])
def test_which_events_may_issue_a_code(type_: str, payload: Any, issues: bool) -> None:
    assert may_issue(type_, payload) is issues


@pytest.mark.parametrize("where", ["by query", "in the batch"])
def test_the_estimate_counts_one_code_per_order_that_will_get_one(server: Server, where: str) -> None:
    """By query before a transaction (`codes_needed`) or in the batch's from the orders it locked
    (`codes_needed_locked`): the same count."""
    server.import_feed(point_feed(orders=3))
    server.import_feed(point_feed("0043", orders=1))
    with server.db.write() as session:  # THREE arrived without a code yet, then got one for attempt 1
        three = session.scalars(select(Order).where(Order.number == THREE)).one()
        three.status = "arrived"
        session.add(PickupCode(order_id=three.id, attempt=1, code_hash="scrypt$x", issued_at=three.created_at))
    with server.db.write() as session:
        point_id = session.scalars(select(Point.id).where(Point.code == "0042")).one()
        preload(session, {ONE, TWO, THREE, FOREIGN, "042999999"}, set())

        def needed(*items: Item) -> int:
            if where == "by query":
                return codes_needed(session, point_id, items)
            return codes_needed_locked(session, point_id, items, known=set())

        assert needed() == 0
        assert needed(_arrival(ONE), _arrival(TWO)) == 2
        assert needed(_arrival(ONE), _arrival(ONE)) == 1  # the second arrival of the order is a duplicate
        assert needed(_arrival(FOREIGN), _arrival("042999999"), _arrival(ONE)) == 1  # another point's, unknown
        assert needed(_arrival(THREE)) == 0  # already arrived
        assert needed(_ready_sms(ONE, 1)) == 0  # not arrived: the request is refused
        assert needed(_ready_sms(THREE, 1)) == 0  # that attempt has its code
        assert needed(_ready_sms(THREE, 2)) == 1
        assert needed(_ready_sms(THREE, 2), _ready_sms(THREE, 3)) == 1  # the order is ready after the first
        assert needed(_arrival(ONE), _arrival(TWO), _ready_sms(THREE, 2)) == 3


def test_the_estimate_reads_the_batchs_orders_by_number_alone(server: Server) -> None:
    """Beside a long IN list of numbers, `orders.point_id = ?` makes SQLite's planner walk the point's index, every
    order of the point (25 ms a batch at 100,000 orders against 2.4 ms by number): the point is checked on the rows."""
    server.import_feed(point_feed(orders=1))
    statements: list[str] = []
    event.listen(server.db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with server.db.read() as session:
        point_id = session.scalars(select(Point.id)).one()
        assert codes_needed(session, point_id, [_arrival(ONE)]) == 1
    reads = [s for s in statements if "FROM orders" in s]
    assert reads and all("orders.number IN" in s and "orders.point_id =" not in s for s in reads)


def test_an_event_already_received_issues_no_code_again(server: Server) -> None:
    """The arrival was undone since (a box scan withdrawn): its retry is a duplicate, a new arrival issues."""
    server.import_feed(point_feed(orders=1))
    device = server.enrol()
    arrival = device.event("order.arrived", {"order": ONE, "arrived_at": "2026-11-24T09:00:00Z"})
    assert device.push(arrival)[0]["status"] == "applied"
    with server.db.write() as session:
        session.execute(update(Order).where(Order.number == ONE).values(status="partially_arrived"))
    with server.db.write() as session:
        point_id = session.scalars(select(Point.id)).one()
        assert codes_needed(session, point_id, [_arrival(ONE, arrival["event_id"])]) == 0
        assert codes_needed(session, point_id, [_arrival(ONE)]) == 1
        preload(session, {ONE}, set())
        assert codes_needed_locked(session, point_id, [_arrival(ONE, arrival["event_id"])], {arrival["event_id"]}) == 0
        assert codes_needed_locked(session, point_id, [_arrival(ONE)], {arrival["event_id"]}) == 1


def _arrivals(device: Device, *numbers: str) -> list[dict[str, Any]]:
    return [event for number in numbers for event in (
        *(device.event("box.received", {"session": "s", "box": box_barcode("0042", number, n), "order": number})
          for n in (1, 2)),
        device.event("order.arrived", {"order": number, "arrived_at": "2026-11-24T09:00:00Z"}))]


def test_prepared_codes_carry_the_lookup_tag_the_counter_checks(settings: Settings, server: Server,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """One code from the pool, one hashed before the batch; none hashed inside it; each tagged under the point's
    tag key as the counter receives it in its snapshot."""
    server.import_feed(point_feed(orders=2))
    code_pool.fill(server.db, 1, settings.clock())
    device = server.enrol()

    def refuse(*_args: Any) -> str:
        raise AssertionError("a pickup code hashed while the batch was applied")

    monkeypatch.setattr(codes, "salted_code_hash", refuse)
    assert [r["status"] for r in device.push(*_arrivals(device, ONE, TWO))] == ["applied"] * 6
    tag_key = base64.b64decode(device.snapshot().json()["code_tag_key"])
    with server.db.read() as session:
        for number in (ONE, TWO):
            stored = session.scalars(select(Order.pickup_code_hash).where(Order.number == number)).one()
            sms = session.scalars(select(SmsOutbox.text).where(SmsOutbox.order_number == number)).one()
            (code,) = re.findall(r"\b\d{6}\b", sms)
            assert stored is not None and split_tag(stored)[1] == code_tag(tag_key, code)
