"""The server's rule for a clerk's resend of the «ready» SMS (backend/rules/sms.py): capped per order (one per
10 minutes; three resends a day, the first «ready» SMS not counted), sent under the counter's SMS uid, an
attempt asked twice is the same SMS, and a ready order without a «ready» SMS to repeat gets a new code."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

import backend.rules.sms  # noqa: F401  (the mutation run maps this file to the rule by this import)
from backend.models import PickupCode
from backend.sms.models import SmsOutbox
from tests.backend.conftest import Device, Server, box_barcode, order_number, point_feed
from tests.support.clock import FakeClock

NUMBER = order_number("0042", 1)


def _arrive(device: Device, number: str) -> None:
    for n in (1, 2):
        box = {"session": "s1", "box": box_barcode("0042", number, n), "order": number}
        assert device.send("box.received", box)["status"] == "applied"
    assert device.send("order.arrived", {"order": number, "arrived_at": "2026-11-24T09:00:00+00:00"})[
        "status"] == "applied"


def _ready(server: Server) -> Device:
    server.import_feed(point_feed())
    device = server.enrol()
    _arrive(device, NUMBER)
    assert device.send("receiving.closed", {"session": "s1", "summary": {}})["status"] == "applied"
    return device


def _resend(device: Device, attempt: int, number: str = NUMBER, uid: str | None = None) -> dict[str, Any]:
    return device.send("sms.requested", {"sms": uid or f"{number}-{attempt}", "order": number,
                                         "purpose": "ready", "attempt": attempt})


def _ready_sms(server: Server, number: str = NUMBER) -> list[SmsOutbox]:
    with server.db.read() as session:
        return list(session.scalars(select(SmsOutbox).where(SmsOutbox.order_number == number,
                                                            SmsOutbox.purpose == "ready")
                                    .order_by(SmsOutbox.attempt)))


def test_a_resend_within_ten_minutes_of_the_last_ready_sms_is_refused_with_the_cap_reason(
        server: Server, clock: FakeClock) -> None:
    device = _ready(server)
    clock.advance(minutes=9)
    result = _resend(device, 2)
    assert (result["status"], result["reason"]) == ("rejected", "sms_resend_too_soon")
    assert [s.attempt for s in _ready_sms(server)] == [1]
    clock.advance(minutes=2)
    assert _resend(device, 2)["status"] == "applied"


def test_three_resends_a_day_go_besides_the_first_ready_sms_and_a_fourth_is_refused(
        server: Server, clock: FakeClock) -> None:
    """The daily cap counts the clerk's resends only: the «ready» SMS of the arrival is not one of them."""
    device = _ready(server)
    for attempt in (2, 3, 4):
        clock.advance(minutes=11)
        assert _resend(device, attempt)["status"] == "applied"
    clock.advance(minutes=11)
    result = _resend(device, 5)
    assert (result["status"], result["reason"]) == ("rejected", "sms_daily_limit")
    assert [s.attempt for s in _ready_sms(server)] == [1, 2, 3, 4]


def test_a_resend_goes_out_under_the_counters_sms_uid_with_the_current_code(server: Server, clock: FakeClock) -> None:
    device = _ready(server)
    clock.advance(minutes=11)
    assert _resend(device, 2, uid="resend-uid-2")["status"] == "applied"
    first, again = _ready_sms(server)
    assert again.uid == "resend-uid-2"  # the counter follows its SMS's delivery by this uid
    assert again.text == first.text


def test_the_same_attempt_asked_twice_in_one_batch_is_the_same_resend(server: Server, clock: FakeClock) -> None:
    device = _ready(server)
    clock.advance(minutes=11)
    request = {"order": NUMBER, "purpose": "ready", "attempt": 2}
    results = device.push(device.event("sms.requested", {**request, "sms": "a"}),
                          device.event("sms.requested", {**request, "sms": "b"}))
    assert [(r["status"], r["reason"]) for r in results] == [("applied", None), ("applied", "already_requested")]
    assert [s.attempt for s in _ready_sms(server)] == [1, 2]


def test_a_ready_order_with_no_ready_sms_to_repeat_gets_a_new_code_in_the_requested_attempt(server: Server) -> None:
    """An order the order system sent as already ready (no code, no SMS yet): the clerk's request issues one."""
    feed = point_feed()
    feed["orders"][0]["status"] = "ready"
    server.import_feed(feed)
    device = server.enrol()
    result = _resend(device, 1, uid="first-ready-sms")
    assert result["status"] == "applied", result
    rows = _ready_sms(server)
    assert [(s.attempt, s.uid) for s in rows] == [(1, "first-ready-sms")]
    issued = [c["payload"] for c in device.all_changes() if c["type"] == "order.code_issued"]
    assert [c["order"] for c in issued] == [NUMBER]
    with server.db.read() as session:
        codes = session.execute(select(PickupCode.attempt, PickupCode.code_hash)).all()
    assert [(attempt, code_hash) for attempt, code_hash in codes] == [(1, issued[0]["pickup_code_hash"])]
