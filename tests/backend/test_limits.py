"""Server limits (issue 15): body size before parsing, per-field limits, 4xx never 500, SMS caps, enrol rate."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from sqlalchemy import func, select

from backend.limits import EVENT_PAYLOAD_MAX, MIB, BodySizeLimit, EnrolLimiter, body_limit
from backend.models import EventRecord, PickupCode
from backend.sms.models import SmsOutbox
from tests.backend.conftest import ADMIN, BOTH_DBS, Device, Server, box_barcode, order_number, point_feed
from tests.support.clock import FakeClock

NUMBER = order_number("0042", 1)


def _ready(server: Server) -> Device:
    server.import_feed(point_feed())
    device = server.enrol()
    for n in (1, 2):
        box = {"session": "s1", "box": box_barcode("0042", NUMBER, n), "order": NUMBER}
        assert device.send("box.received", box)["status"] == "applied"
    arrived = {"order": NUMBER, "arrived_at": "2026-11-24T09:00:00+00:00"}
    assert device.send("order.arrived", arrived)["status"] == "applied"
    assert device.send("receiving.closed", {"session": "s1", "summary": {}})["status"] == "applied"
    return device


def _sms(server: Server, purpose: str) -> list[SmsOutbox]:
    with server.db.read() as session:
        rows = session.scalars(select(SmsOutbox).where(SmsOutbox.order_number == NUMBER,
                                                       SmsOutbox.purpose == purpose).order_by(SmsOutbox.attempt))
        return list(rows)


def _requests(device: Device, purpose: str, attempts: range) -> list[dict[str, Any]]:
    return device.push(*[device.event("sms.requested", {"sms": f"{purpose}-{n}", "order": NUMBER,
                                                         "purpose": purpose, "attempt": n}) for n in attempts])


# --- SMS caps -----------------------------------------------------------------------------------------


@BOTH_DBS
def test_a_batch_of_30_resends_sends_one_sms_with_the_current_code(server: Server, clock: FakeClock) -> None:
    device = _ready(server)
    clock.advance(minutes=11)
    results = _requests(device, "ready", range(2, 32))
    assert [r["status"] for r in results] == ["applied"] + ["rejected"] * 29
    assert {r["reason"] for r in results[1:]} == {"sms_resend_too_soon"}
    rows = _sms(server, "ready")
    assert len(rows) == 2 and rows[0].text == rows[1].text  # the same pickup code, sent again
    codes = [c for c in device.all_changes() if c["type"] == "order.code_issued"]
    assert len(codes) == 1
    with server.db.read() as session:  # the attempt is taken, with the current code's hash
        assert session.scalar(select(func.count(func.distinct(PickupCode.code_hash)))) == 1


@BOTH_DBS
def test_at_most_three_resends_a_day(server: Server, clock: FakeClock) -> None:
    device = _ready(server)
    verdicts = []
    for attempt in range(2, 7):
        clock.advance(minutes=11)
        verdicts.append(_requests(device, "ready", range(attempt, attempt + 1))[0])
    assert [(v["status"], v["reason"]) for v in verdicts] == [("applied", None)] * 3 + [
        ("rejected", "sms_daily_limit")] * 2
    assert len(_sms(server, "ready")) == 4  # the first one plus three resends
    clock.advance(hours=24)
    assert _requests(device, "ready", range(7, 8))[0]["status"] == "applied"  # a new day of the point


def test_a_resend_too_soon_after_the_first_is_refused(server: Server) -> None:
    device = _ready(server)
    result = _requests(device, "ready", range(2, 3))[0]
    assert (result["status"], result["reason"]) == ("rejected", "sms_resend_too_soon")
    assert len(_sms(server, "ready")) == 1


def test_reminders_are_capped_too_and_a_repeat_is_the_same_sms(server: Server, clock: FakeClock) -> None:
    device = _ready(server)
    results = _requests(device, "reminder", range(1, 31))
    assert [r["status"] for r in results] == ["applied"] + ["rejected"] * 29
    again = device.push(device.event("sms.requested", {"sms": "x", "order": NUMBER, "purpose": "reminder",
                                                       "attempt": 1}))[0]
    assert (again["status"], again["reason"]) == ("applied", "already_requested")
    assert len(_sms(server, "reminder")) == 1


# --- body size, before parsing ------------------------------------------------------------------------


def test_a_declared_200_mb_body_is_refused_unread(server: Server) -> None:
    reply = server.client.post("/v1/enrol", content=b"{}", headers={"Content-Length": str(200 * MIB)})
    assert reply.status_code == 413 and reply.json()["code"] == "body_too_large"


def test_a_chunked_200_mb_body_is_never_read_whole() -> None:
    """The middleware stops reading at the first chunk past the cap: the app never sees it."""
    seen: list[int] = []
    sent: list[dict[str, Any]] = []
    app_called: list[bool] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        app_called.append(True)

    async def receive() -> dict[str, Any]:
        seen.append(MIB)
        return {"type": "http.request", "body": b"[" * MIB, "more_body": len(seen) < 200}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "path": "/v1/events", "headers": [(b"transfer-encoding", b"chunked")]}
    asyncio.run(BodySizeLimit(app)(scope, receive, send))
    assert sum(seen) <= body_limit("/v1/events") + MIB < 200 * MIB
    assert not app_called
    assert sent[0]["status"] == 413 and json.loads(sent[1]["body"])["code"] == "body_too_large"


def test_each_endpoint_has_its_own_cap() -> None:
    assert body_limit("/v1/enrol") < body_limit("/v1/events") < body_limit("/v1/admin/import")
    assert body_limit("/v1/journal/head") == body_limit("/v1/admin/enrolment-codes") <= 64 * 1024


@BOTH_DBS
def test_a_10_mb_event_payload_is_refused(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    huge = device.push_raw([device.event("box.damaged", {"box": "b", "order": NUMBER, "note": "x" * 10 * MIB})])
    assert huge.status_code == 413 and huge.json()["code"] == "body_too_large"
    big = device.event("receiving.closed", {"session": "s", "summary": {"surplus": ["y" * 1000] * 1100}})
    fine = device.event("receiving.opened", {"session": "s2", "shipment": None})
    results = device.push(big, fine)  # the oversized event alone is refused, the batch goes on
    assert [(r["status"], r["reason"]) for r in results] == [("rejected", "payload_too_large"), ("applied", None)]
    assert 1000 * 1100 > EVENT_PAYLOAD_MAX
    with server.db.read() as session:
        stored = session.scalar(select(EventRecord.payload).where(EventRecord.event_id == big["event_id"]))
    assert stored == "{}"  # nothing of it is kept


# --- 4xx with a reason, never 500 -----------------------------------------------------------------------


@BOTH_DBS
def test_a_lone_surrogate_or_a_nul_is_a_422(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    body = '{"code": "AAAA-BBBB-CCCC", "device_name": "PC-\\ud800"}'
    reply = server.client.post("/v1/enrol", content=body, headers={"Content-Type": "application/json"})
    assert reply.status_code == 422 and reply.json()["code"] == "invalid_request"
    event = json.dumps(device.event("box.damaged", {"box": "b", "order": NUMBER, "note": "NOTE"}))
    reply = server.client.post("/v1/events", content='{"events": [' + event.replace("NOTE", "\\udfff") + "]}",
                               headers={**device.headers, "Content-Type": "application/json"})
    assert reply.status_code == 422 and reply.json()["code"] == "invalid_request"
    nul = server.client.post("/v1/admin/enrolment-codes", json={"point_code": "\x0042"},
                             headers={"X-Admin-Token": ADMIN})
    assert nul.status_code == 422 and nul.json()["code"] == "invalid_request"
    nul_event = {**device.event("box.damaged", {"box": "b", "order": NUMBER, "note": ""}), "occurred_at": "\x00"}
    assert device.push_raw([nul_event]).status_code == 422
    feed = json.dumps(point_feed(), ensure_ascii=False).replace("Москва", "\\ud83d")
    reply = server.client.post("/v1/admin/import", content=feed,
                               headers={"X-Admin-Token": ADMIN, "Content-Type": "application/json"})
    assert reply.status_code == 422 and reply.json()["code"] == "invalid_request"


@BOTH_DBS
def test_a_huge_cursor_or_integer_is_a_422(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    reply = device.changes(cursor=10**30)
    assert reply.status_code == 422 and reply.json()["code"] == "invalid_request"
    event = {**device.event("box.damaged", {"box": "b", "order": NUMBER, "note": ""}), "device_seq": 10**30}
    assert device.push_raw([event]).status_code == 422


# --- no other point's data ------------------------------------------------------------------------------


@BOTH_DBS
def test_replaying_another_points_event_id_reveals_nothing(server: Server) -> None:
    server.import_feed(point_feed("0042"))
    server.import_feed(point_feed("0043"))
    mine, theirs = server.enrol("0042"), server.enrol("0043", name="COUNTER-2")
    event = mine.event("box.received", {"session": "s", "box": box_barcode("0042", NUMBER, 1), "order": NUMBER})
    assert mine.push(event)[0]["status"] == "applied"
    replay = theirs.push({**event, "device_seq": 1})[0]
    assert replay == {"event_id": event["event_id"], "status": "rejected", "reason": "event_id_reused",
                      "server_seq": None}
    assert mine.push(event)[0]["status"] == "duplicate"  # the owner still gets its own answer


# --- enrolment rate ---------------------------------------------------------------------------------------


def test_enrolment_is_rate_limited_per_client_address(server: Server) -> None:
    now = [0.0]
    server.app.state.enrol_limiter = EnrolLimiter(clock=lambda: now[0])
    wrong = {"code": "AAAA-BBBB-CCCC", "device_name": "PC"}
    assert [server.client.post("/v1/enrol", json=wrong).status_code for _ in range(10)] == [403] * 10
    refused = server.client.post("/v1/enrol", json=wrong)
    assert refused.status_code == 429 and refused.json()["code"] == "too_many_attempts"
    assert refused.headers["Retry-After"] == "60"
    now[0] = 61.0
    assert server.client.post("/v1/enrol", json=wrong).status_code == 403


def test_the_counter_renders_the_new_reasons() -> None:
    from desktop import messages
    from desktop.sync.reasons import UNKNOWN_REASON, describe_reason, describe_remedy

    unknown = messages.describe(UNKNOWN_REASON, {})
    for reason in ("sms_resend_too_soon", "sms_daily_limit", "event_id_reused", "payload_too_large"):
        assert describe_reason(reason) != unknown and describe_remedy(reason)
