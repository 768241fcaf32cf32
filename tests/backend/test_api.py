"""The HTTP contract: health, admin, enrolment, auth, changes, snapshot, batch limits and schema versions."""

from __future__ import annotations

import base64
import uuid
from datetime import timedelta

import pytest

from backend.config import MIN_CLIENT_VERSION, Settings
from protocol.club_rules import ACTIVATION_POINTS
from protocol.version import VERSION
from tests.backend.conftest import ADMIN, Server, order_number, point_feed


def test_health(server: Server) -> None:
    reply = server.client.get("/v1/health")
    assert reply.status_code == 200
    assert reply.json() == {"status": "ok", "version": VERSION, "schema_v": 1, "min_schema_v": 1,
                            "min_client_version": MIN_CLIENT_VERSION}


def test_the_server_credits_the_shared_welcome_bonus_by_default() -> None:
    assert Settings(database_url="sqlite://").activation_points == ACTIVATION_POINTS == 190


def test_admin_calls_need_the_admin_token(server: Server) -> None:
    server.import_feed(point_feed())
    for headers in ({}, {"X-Admin-Token": "wrong"}):
        reply = server.client.post("/v1/admin/enrolment-codes", json={"point_code": "0042"}, headers=headers)
        assert reply.status_code == 403
        assert reply.json()["code"] == "admin_forbidden"
        assert reply.json()["message"]


def test_enrolment_code_is_one_use(server: Server) -> None:
    server.import_feed(point_feed())
    code = server.enrolment_code("0042")
    assert len(code) == 14 and code.count("-") == 2
    first = server.client.post("/v1/enrol", json={"code": code.lower(), "device_name": "COUNTER-1"})
    assert first.status_code == 200
    body = first.json()
    assert body["point"]["code"] == "0042" and body["point"]["code_hash_params"].startswith("scrypt$256$")
    assert uuid.UUID(body["device_id"]) and len(body["token"]) >= 32 and body["public_key"]
    second = server.client.post("/v1/enrol", json={"code": code, "device_name": "COUNTER-2"})
    assert second.status_code == 403
    assert second.json()["code"] == "enrolment_code_invalid"


def test_enrolment_code_expires_after_24_hours(server: Server, clock) -> None:
    server.import_feed(point_feed())
    code = server.enrolment_code("0042")
    clock.advance(hours=24, seconds=1)
    reply = server.client.post("/v1/enrol", json={"code": code, "device_name": "COUNTER-1"})
    assert reply.status_code == 403
    assert reply.json()["code"] == "enrolment_code_expired"


def test_unknown_enrolment_code_and_unknown_point(server: Server) -> None:
    server.import_feed(point_feed())
    reply = server.client.post("/v1/enrol", json={"code": "AAAA-BBBB-CCCC", "device_name": "X"})
    assert reply.status_code == 403 and reply.json()["code"] == "enrolment_code_invalid"
    reply = server.admin("POST", "/v1/admin/enrolment-codes", json={"point_code": "9999"})
    assert reply.status_code == 404 and reply.json()["code"] == "point_not_found"


def test_every_device_call_needs_a_valid_token(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    calls = [("GET", "/v1/changes"), ("GET", "/v1/snapshot"), ("POST", "/v1/events")]
    for method, path in calls:
        for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}):
            reply = server.client.request(method, path, headers=headers, json={"events": []})
            assert reply.status_code == 401, (method, path, headers)
            assert reply.json()["code"] == "unauthorized"
    assert device.snapshot().status_code == 200


def test_revoked_token_is_refused(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    assert server.admin("POST", f"/v1/admin/devices/{device.device_id}/revoke").status_code == 204
    reply = device.changes()
    assert reply.status_code == 401 and reply.json()["code"] == "device_revoked"
    assert server.admin("POST", f"/v1/admin/devices/{uuid.uuid4()}/revoke").status_code == 404


def test_a_device_sees_and_touches_only_its_point(server: Server) -> None:
    server.import_feed(point_feed("0042"))
    server.import_feed(point_feed("0043"))
    here = server.enrol("0042")
    snapshot = here.snapshot().json()
    assert {o["point_code"] for o in snapshot["orders"]} == {"0042"}
    assert {c["point_code"] for c in snapshot["cards"]} == {"0042"}
    assert all(ch["payload"].get("point_code", "0042") == "0042" for ch in here.all_changes())
    foreign = order_number("0043", 1)
    result = here.send("order.arrived", {"order": foreign, "arrived_at": "2026-11-24T09:00:00+00:00"})
    assert result["status"] == "rejected" and result["reason"].startswith("foreign_order")
    box = f"B0043{foreign}01"
    result = here.send("box.received", {"session": "s1", "box": box, "order": foreign})
    assert result["status"] == "rejected" and result["reason"].startswith("foreign_box")


def test_snapshot_has_every_collection_and_a_cursor(server: Server) -> None:
    server.import_feed(point_feed(orders=3, cards=2))
    device = server.enrol()
    body = device.snapshot().json()
    assert set(body) == {"cursor", "point", "orders", "shipments", "cells", "cards", "staff", "claims", "code_tag_key",
                         "bonus_entries", "certificates", "certificate_entries"}
    assert len(base64.b64decode(body["code_tag_key"])) == 32  # the point's pickup-code lookup tag key
    assert device.changes().json()["code_tag_key"] == body["code_tag_key"]  # every change page carries it too
    assert len(body["orders"]) == 3 and len(body["cards"]) == 2 and len(body["staff"]) == 1
    order = body["orders"][0]
    assert set(order) == {"number", "point_code", "kind", "status", "total_kopecks", "prepaid", "boxes_total",
                          "legal_entity_name", "created_at", "storage_until", "pickup_code_hash", "customer",
                          "lines", "boxes", "arrived_at", "ready_at", "handed_over_at"}
    assert set(order["boxes"][0]) == {"barcode", "seq_no", "size_class", "weight_grams", "shipment", "status",
                                      "cell"}
    assert order["boxes"][0]["shipment"] == "R0042"
    assert body["cursor"] == device.changes(0).json()["next_cursor"]
    assert device.changes(body["cursor"]).json()["changes"] == []


def test_change_feed_pages_in_order(server: Server) -> None:
    server.import_feed(point_feed(orders=5))
    device = server.enrol()
    seen, cursor = [], 0
    while True:
        page = device.changes(cursor, limit=3).json()
        seen += page["changes"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    seqs = [c["seq"] for c in seen]
    assert seqs == sorted(seqs) and len(seqs) == len(set(seqs))
    types = [c["type"] for c in seen]
    assert types[0] == "point.upsert" and types.count("order.upsert") == 5
    assert {"shipment.upsert", "cell.upsert", "card.upsert", "staff.upsert"} <= set(types)
    assert device.changes(0, limit=1001).status_code == 422


def test_expired_cursor_answers_410(server: Server, clock) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    head = device.changes(0).json()["next_cursor"]
    clock.advance(days=31)
    pruned = server.admin("POST", "/v1/admin/maintenance/prune-changes").json()
    assert pruned["deleted"] > 0 and pruned["pruned_through"] == head
    reply = device.changes(0)
    assert reply.status_code == 410 and reply.json()["code"] == "cursor_expired"
    assert device.changes(head).status_code == 200


def test_retention_is_configurable(tmp_path, clock) -> None:
    from fastapi.testclient import TestClient

    from backend.app import create_app

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'b.sqlite3'}", admin_token=ADMIN, code_hash_n=256,
                        clock=clock, run_sms_dispatcher=False, change_retention=timedelta(hours=1), demo_mode=True)
    with TestClient(create_app(settings)) as client:
        server = Server(client, client.app)
        server.import_feed(point_feed())
        device = server.enrol()
        clock.advance(minutes=30)
        assert server.admin("POST", "/v1/admin/maintenance/prune-changes").json()["deleted"] == 0
        clock.advance(minutes=31)
        assert server.admin("POST", "/v1/admin/maintenance/prune-changes").json()["deleted"] > 0
        assert device.changes(0).status_code == 410


def test_batch_limits_and_garbage(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    shift = {"shift": "s", "staff": "kassir"}
    too_many = [device.event("shift.opened", shift) for _ in range(501)]
    reply = device.push_raw(too_many)
    assert reply.status_code == 413 and reply.json()["code"] == "batch_too_large"
    exactly = [device.event("shift.opened", shift) for _ in range(500)]
    assert [r["status"] for r in device.push(*exactly)] == ["applied"] * 500
    for body in ({"events": []}, {"nothing": 1}, {"events": [{"event_id": "not-a-uuid"}]}, [1, 2]):
        reply = server.client.post("/v1/events", json=body, headers=device.headers)
        assert reply.status_code == 422, body
        assert reply.json()["code"] == "invalid_request"
    reply = server.client.post("/v1/events", content=b"{not json", headers=device.headers)
    assert reply.status_code == 422
    backwards = [device.event("shift.opened", shift), device.event("shift.opened", shift)]
    backwards.reverse()
    assert device.push_raw(backwards).status_code == 422


def test_old_schema_is_426_previous_and_current_accepted(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    shift = {"shift": "s", "staff": "kassir"}
    reply = device.push_raw([device.event("shift.opened", shift, schema_v=0)])
    assert reply.status_code == 426
    assert reply.json()["code"] == "schema_too_old" and reply.json()["min_schema_v"] == 1
    assert device.send("shift.opened", shift)["status"] == "applied"
    newer = device.push(device.event("shift.opened", shift, schema_v=2))[0]
    assert newer["status"] == "rejected" and newer["reason"].startswith("schema_too_new")


def test_bad_payloads_are_rejected_with_a_reason_never_500(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    number = order_number("0042", 1)
    bad = [
        ("no.such.type", {"x": 1}),
        ("order.arrived", {"order": number}),
        ("order.arrived", {"order": number, "arrived_at": "x", "extra": 1}),
        ("order.arrived", {"order": 42, "arrived_at": "2026-11-24T09:00:00+00:00"}),
        ("bonus.accrual", {"order": number, "points": True}),
        ("storage.extended", {"order": number, "days": 3, "until": "next tuesday"}),
        ("handover.completed", {"handover": "h", "order": number, "result": "handed_over", "verified_by": "code",
                                "lines": ["not a dict"], "payment": None}),
    ]
    results = device.push(*[device.event(t, p) for t, p in bad])
    assert [r["status"] for r in results] == ["rejected"] * len(bad), results
    assert all(r["reason"] for r in results)
    outcomes = [c for c in device.all_changes() if c["type"] == "event.outcome"]
    assert {o["payload"]["event_id"] for o in outcomes} == {r["event_id"] for r in results}


def test_cancel_order_publishes_and_refuses_closed_orders(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    number = order_number("0042", 1)
    assert server.cancel(number).json() == {"order": number, "status": "cancelled"}
    assert server.cancel(number).status_code == 200
    assert {"seq", "type", "payload"} <= set(device.all_changes()[-1])
    assert device.all_changes()[-1]["payload"] == {"order": number}
    assert server.cancel("000000000").status_code == 404


def test_import_rejects_malformed_documents(server: Server) -> None:
    reply = server.admin("POST", "/v1/admin/import", json={"orders": []})
    assert reply.status_code == 422 and reply.json()["code"] == "invalid_import"
    feed = point_feed()
    feed["orders"][0]["boxes"][0]["shipment"] = "NOPE"
    assert server.admin("POST", "/v1/admin/import", json=feed).status_code == 422


def test_import_is_an_upsert(server: Server) -> None:
    feed = point_feed(orders=2)
    server.import_feed(feed)
    feed["orders"][0]["total_kopecks"] = 99_900
    feed["orders"][0]["lines"][0]["price_kopecks"] = 99_900
    assert server.import_feed(feed)["imported"]["orders"] == 2
    device = server.enrol()
    orders = {o["number"]: o for o in device.snapshot().json()["orders"]}
    assert len(orders) == 2 and orders[order_number("0042", 1)]["total_kopecks"] == 99_900
    assert len(orders[order_number("0042", 1)]["lines"]) == 1


def test_unknown_route_is_json(server: Server) -> None:
    reply = server.client.get("/v1/nothing")
    assert reply.status_code == 404 and reply.json()["code"] == "not_found"


@pytest.mark.parametrize("trouble", ["connection refused", "pool exhausted"])
def test_database_trouble_is_503_with_retry_after(server: Server, monkeypatch, trouble: str) -> None:
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    from backend import api

    server.import_feed(point_feed())
    device = server.enrol()

    def down(*_args: object) -> None:
        if trouble == "pool exhausted":  # every pooled connection busy (60 PCs pushing at once)
            raise PoolTimeout("QueuePool limit of size 5 overflow 10 reached, connection timed out")
        raise OperationalError("INSERT", {}, Exception("connection refused"))

    monkeypatch.setattr(api, "ingest_batch", down)
    reply = device.push_raw([device.event("shift.opened", {"shift": "s", "staff": "kassir"})])
    assert reply.status_code == 503 and reply.headers["Retry-After"] == "5"
    assert reply.json()["code"] == "database_unavailable"


def test_reimport_never_rolls_back_what_the_point_reported(server: Server) -> None:
    feed = point_feed(orders=1)
    server.import_feed(feed)
    device = server.enrol()
    number = order_number("0042", 1)
    for n in (1, 2):
        device.send("box.received", {"session": "s", "box": f"B0042{number}0{n}", "order": number})
    device.send("order.arrived", {"order": number, "arrived_at": "2026-11-24T09:00:00+00:00"})
    server.import_feed(feed)
    order = next(o for o in device.snapshot().json()["orders"] if o["number"] == number)
    assert order["status"] == "ready" and {b["status"] for b in order["boxes"]} == {"received"}
    assert order["pickup_code_hash"]
