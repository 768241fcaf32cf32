"""Warranty claims on the server (issue 13): intake rules with every reason code, dispatch, the service result,
the return order's arrival (pickup SMS naming the claim) and handover closing the claim; the admin routes."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from backend.models import Claim, Order
from backend.sms.models import SmsOutbox
from tests.backend.claim_fixtures import (
    MANAGER,
    OLD_PURCHASE,
    PURCHASE,
    SERIAL,
    accepted,
    bring_back,
    claims_point,
    counter_number,
    dispatched,
    hand_back,
    other_point_order,
    prefile,
    read_claim,
    ready,
    return_box,
    service_result,
)
from tests.backend.conftest import BOTH_DBS, Device, Server, order_number, point_feed


def _claim_changes(device: Device, number: str) -> list[dict[str, Any]]:
    return [c["payload"] for c in device.all_changes()
            if c["type"] == "claim.upsert" and c["payload"]["number"] == number]


def _claims(server: Server) -> int:
    with server.db.read() as session:
        return len(session.scalars(select(Claim)).all())


def _refused(device: Device, payload: dict[str, Any], reason: str, status: str = "rejected",
             type_: str = "claim.accepted") -> None:
    result = device.send(type_, payload)
    assert (result["status"], (result["reason"] or "").split(":")[0]) == (status, reason), result


# --- pre-filed online -------------------------------------------------------------------------------------------


def test_a_prefiled_claim_gets_a_number_and_reaches_the_point(server: Server) -> None:
    device = ready(server)
    reply = prefile(server)
    assert reply.status_code == 201, reply.text
    claim = reply.json()
    assert claim["number"][0] == "W" and len(claim["number"]) == 10 and claim["number"][1:].isdigit()
    assert (claim["status"], claim["prefiled"], claim["serial"], claim["order"]) == ("filed", True, SERIAL, PURCHASE)
    assert _claim_changes(device, claim["number"])[-1] == claim
    assert [c["number"] for c in device.snapshot().json()["claims"]] == [claim["number"]]


@pytest.mark.parametrize("body, status, code", [
    ({"order": order_number("0042", 9)}, 404, "order_not_found"),
    ({"order": order_number("0042", 3)}, 409, "claim_not_purchased"),  # still in transit
    ({"sku": "NO-SUCH"}, 409, "claim_not_purchased"),
    ({"serial": "SN-OTHER"}, 409, "claim_serial_mismatch"),
    ({"fault": ""}, 422, "invalid_request"),
    ({"order": "12ab"}, 422, "invalid_request"),
    ({"serial": "x" * 65}, 422, "invalid_request"),
    ({"fault": "\x00"}, 422, "invalid_request"),
])
def test_a_prefiled_claim_is_refused_with_a_code(server: Server, body: dict[str, Any], status: int, code: str) -> None:
    ready(server)
    reply = prefile(server, **body)
    assert (reply.status_code, reply.json()["code"]) == (status, code), reply.text
    assert _claims(server) == 0


def test_the_same_item_cannot_be_prefiled_twice(server: Server) -> None:
    ready(server)
    assert prefile(server).status_code == 201
    reply = prefile(server)
    assert (reply.status_code, reply.json()["code"]) == (409, "claim_duplicate_item")
    assert _claims(server) == 1


def test_admin_claim_routes_need_the_admin_token(server: Server) -> None:
    ready(server)
    reply = server.client.post("/v1/admin/claims", json={"order": PURCHASE, "sku": "SKU-1", "fault": "x"})
    assert reply.status_code == 403 and _claims(server) == 0


# --- intake at the counter -------------------------------------------------------------------------------------


@BOTH_DBS
def test_a_prefiled_claim_is_accepted_at_the_counter(server: Server) -> None:
    device = ready(server)
    number = prefile(server).json()["number"]
    assert device.send("claim.accepted", accepted(number, prefiled=True))["status"] == "applied"
    claim = read_claim(server, number)
    assert (claim["status"], claim["cover"], claim["label"], claim["checklist"]) == (
        "accepted", "in_warranty", f"SL{number}", ["box", "charger", "scratches"])
    assert claim["accepted_at"] and claim["fault"] == "не включается"
    assert _claim_changes(device, number)[-1]["status"] == "accepted"


def test_a_claim_opened_at_the_counter_is_created_by_the_server(server: Server) -> None:
    device = ready(server)
    number = counter_number()
    assert device.send("claim.accepted", accepted(number))["status"] == "applied"
    claim = read_claim(server, number)
    assert (claim["status"], claim["prefiled"], claim["product"], claim["serial"]) == (
        "accepted", False, "Смартфон", SERIAL)


def test_a_manager_may_allow_a_serial_that_does_not_match(server: Server) -> None:
    device = ready(server)
    payload = accepted(counter_number(), serial="SN-OTHER", serial_override="наклейка заменена в сервисе",
                       override_by=MANAGER["login"])
    assert device.send("claim.accepted", payload)["status"] == "applied"
    assert read_claim(server, counter_number())["serial"] == "SN-OTHER"


def test_an_expired_warranty_is_accepted_only_as_a_paid_repair(server: Server) -> None:
    device = ready(server)
    _refused(device, accepted(counter_number(1), OLD_PURCHASE), "claim_warranty_expired")
    assert device.send("claim.accepted", accepted(counter_number(2), OLD_PURCHASE, cover="paid_repair"))[
        "status"] == "applied"


def test_the_warranty_is_counted_from_the_handover_in_the_points_zone(server: Server, clock: Any) -> None:
    from datetime import UTC, datetime

    feed = claims_point()
    # handed over at 23:30 Moscow on 24.11.2025 (20:30 UTC): cover through 24.11.2026, Moscow date
    feed["orders"][1]["handed_over_at"] = "2025-11-24T20:30:00+00:00"
    server.import_feed(feed)
    device = server.enrol()
    clock.now = datetime(2026, 11, 24, 20, 50, tzinfo=UTC)  # 23:50 in Moscow: still the last day
    assert device.send("claim.accepted", accepted(counter_number(1), OLD_PURCHASE))["status"] == "applied"
    clock.now = datetime(2026, 11, 24, 21, 10, tzinfo=UTC)  # 00:10 on 25.11 in Moscow (still 24.11 in UTC)
    _refused(device, accepted(counter_number(2), OLD_PURCHASE, serial="SN-2", override_by="manager",
                              serial_override="другой экземпляр"), "claim_warranty_expired")


@pytest.mark.parametrize("over, reason", [
    ({"serial": "SN-OTHER"}, "claim_serial_mismatch"),
    ({"serial": "SN-OTHER", "serial_override": "без наклейки", "override_by": "kassir"}, "claim_override_not_manager"),
    ({"serial": "SN-OTHER", "serial_override": "без наклейки", "override_by": "nobody"},
     "claim_override_not_manager"),
    ({"order": order_number("0042", 3)}, "claim_not_purchased"),  # not handed over yet
    ({"order": order_number("0042", 9)}, "claim_not_purchased"),  # no such order
    ({"sku": "NO-SUCH"}, "claim_not_purchased"),
    ({"checklist": ["box", "teleport"]}, "claim_bad_checklist"),
    ({"claim": "W0043000001"}, "claim_bad_number"),  # another point's counter number
    ({"claim": "W12"}, "claim_bad_number"),
    ({"claim": "W123456789"}, "claim_bad_number"),  # a pre-filed shape sent as opened here
])
def test_an_intake_is_refused_with_the_contract_reason(server: Server, over: dict[str, Any], reason: str) -> None:
    device = ready(server)
    _refused(device, {**accepted(counter_number()), **over}, reason)
    assert _claims(server) == 0


@pytest.mark.parametrize("over", [{"cover": "free"}, {"label": " "}, {"serial": ""}])
def test_an_intake_without_a_cover_label_or_serial_is_invalid(server: Server, over: dict[str, Any]) -> None:
    device = ready(server)
    _refused(device, {**accepted(counter_number()), **over}, "invalid_payload")
    assert _claims(server) == 0


def test_a_dispatch_session_needs_an_id(server: Server) -> None:
    device = ready(server)
    _refused(device, {"session": " "}, "invalid_payload", type_="service.opened")
    _refused(device, {"session": "svc-1", "act": {"claims": "W0042000001"}}, "invalid_payload",
             type_="service.closed")


def test_an_inactive_manager_cannot_allow_a_mismatch(server: Server) -> None:
    feed = claims_point()
    feed["staff"][-1] = {**MANAGER, "active": False}
    server.import_feed(feed)
    device = server.enrol()
    payload = accepted(counter_number(), serial="SN-OTHER", serial_override="x", override_by="manager")
    _refused(device, payload, "claim_override_not_manager")


def test_another_points_order_is_refused(server: Server) -> None:
    device = ready(server)
    other = point_feed("0043", orders=0)
    other["orders"] = [other_point_order()]
    server.import_feed(other)
    _refused(device, accepted(counter_number(), order_number("0043", 1)), "claim_foreign_order")
    number = prefile(server, order=order_number("0043", 1)).json()["number"]
    _refused(device, accepted(number, order_number("0043", 1), prefiled=True), "claim_foreign_order")
    assert read_claim(server, number)["status"] == "filed"


def test_an_unknown_prefiled_number_is_refused(server: Server) -> None:
    device = ready(server)
    _refused(device, accepted("W000000001", prefiled=True), "claim_unknown")


def test_the_same_item_is_not_taken_in_twice(server: Server) -> None:
    device = ready(server)
    assert device.send("claim.accepted", accepted(counter_number(1)))["status"] == "applied"
    _refused(device, accepted(counter_number(2)), "claim_duplicate_item", status="conflict")
    number = prefile(server, serial=None)
    assert number.status_code == 409 and number.json()["code"] == "claim_duplicate_item"


def test_an_accepted_claim_cannot_be_accepted_again(server: Server) -> None:
    device = ready(server)
    number = prefile(server).json()["number"]
    assert device.send("claim.accepted", accepted(number, prefiled=True))["status"] == "applied"
    _refused(device, accepted(number, prefiled=True), "claim_illegal_step")


def test_a_closed_claim_is_refused(server: Server) -> None:
    device = ready(server)
    number, return_order = _through_service(server, device)
    bring_back(device, return_order["number"], return_box(return_order))
    assert hand_back(device, return_order["number"])["status"] == "applied"
    assert read_claim(server, number)["status"] == "closed"
    _refused(device, accepted(number), "claim_closed")
    _refused(device, dispatched(number), "claim_closed", type_="claim.dispatched")
    assert service_result(server, number).json()["code"] == "claim_closed"


# --- service dispatch -------------------------------------------------------------------------------------------


def test_dispatch_moves_the_claim_to_sent_once(server: Server) -> None:
    device = ready(server)
    number = counter_number()
    device.send("claim.accepted", accepted(number))
    assert device.send("service.opened", {"session": "svc-1"})["status"] == "applied"
    _refused(device, dispatched(number, label="SL-WRONG"), "claim_label_mismatch", type_="claim.dispatched")
    assert device.send("claim.dispatched", dispatched(number))["status"] == "applied"
    assert device.send("claim.dispatched", dispatched(number))["status"] == "duplicate"
    _refused(device, dispatched(number, session="svc-2"), "claim_illegal_step", type_="claim.dispatched")
    _refused(device, dispatched("W0042999999"), "claim_unknown", type_="claim.dispatched")
    _refused(device, {"session": "svc-2", "act": {"claims": [number], "count": 1}}, "claim_illegal_step",
             type_="service.closed")
    assert device.send("service.closed", {"session": "svc-1", "act": {"claims": [number], "count": 1}})[
        "status"] == "applied"
    assert read_claim(server, number)["status"] == "sent"


def test_a_filed_claim_cannot_be_dispatched_before_intake(server: Server) -> None:
    device = ready(server)
    number = prefile(server).json()["number"]
    _refused(device, dispatched(number, label="SL1"), "claim_label_mismatch", type_="claim.dispatched")
    with server.db.write() as session:
        session.scalars(select(Claim)).one().label = "SL1"
    _refused(device, dispatched(number, label="SL1"), "claim_illegal_step", type_="claim.dispatched")
    assert read_claim(server, number)["status"] == "filed"


# --- back from service ------------------------------------------------------------------------------------------


def _through_service(server: Server, device: Device, repair_kopecks: int = 0) -> tuple[str, dict[str, Any]]:
    number = counter_number()
    assert device.send("claim.accepted", accepted(number))["status"] == "applied"
    assert device.send("claim.dispatched", dispatched(number))["status"] == "applied"
    reply = service_result(server, number, repair_kopecks=repair_kopecks)
    assert reply.status_code == 200, reply.text
    return_order = next(c["payload"] for c in device.all_changes()
                        if c["type"] == "order.upsert" and c["payload"]["number"] == reply.json()["return_order"])
    return number, return_order


@BOTH_DBS
def test_a_claim_goes_through_service_and_back_to_the_customer(server: Server) -> None:
    device = ready(server)
    number, return_order = _through_service(server, device)
    claim = read_claim(server, number)
    assert (claim["status"], claim["outcome"]) == ("returning", "repaired")
    assert claim["return_order"] == return_order["number"]
    assert (return_order["kind"], return_order["status"], return_order["prepaid"]) == ("warranty", "in_transit", True)
    assert [(ln["sku"], ln["serial"], ln["quantity"]) for ln in return_order["lines"]] == [("SKU-1", SERIAL, 1)]
    assert return_order["customer"]["phone"] == "+79161234567" and len(return_order["boxes"]) == 1
    assert return_order["boxes"][0]["shipment"] == "R0042"  # the point's next truck
    bring_back(device, return_order["number"], return_box(return_order))
    assert read_claim(server, number)["status"] == "awaiting_pickup"
    with server.db.read() as session:
        sms = session.scalars(select(SmsOutbox).where(SmsOutbox.order_number == return_order["number"])).one()
    assert number in sms.text and sms.purpose == "ready"
    assert hand_back(device, return_order["number"])["status"] == "applied"
    closed = read_claim(server, number)
    assert (closed["status"], closed["outcome"]) == ("closed", "repaired")
    assert [c["status"] for c in _claim_changes(device, number)] == [
        "accepted", "sent", "returning", "awaiting_pickup", "closed"]


def test_a_paid_repair_comes_back_as_an_unpaid_order(server: Server) -> None:
    device = ready(server)
    _number, return_order = _through_service(server, device, repair_kopecks=350_000)
    assert (return_order["prepaid"], return_order["total_kopecks"]) == (False, 350_000)


def test_the_return_goes_in_a_new_truck_when_none_is_coming(server: Server, clock: Any) -> None:
    device = ready(server)
    clock.advance(days=2)  # the point's only truck was due yesterday
    _number, return_order = _through_service(server, device)
    shipment = return_order["boxes"][0]["shipment"]
    assert shipment.startswith("R") and shipment != "R0042"
    published = [c["payload"] for c in device.all_changes() if c["type"] == "shipment.upsert"]
    assert published[-1]["number"] == shipment and published[-1]["status"] == "in_transit"


def test_a_refused_return_leaves_the_claim_open(server: Server) -> None:
    device = ready(server)
    number, return_order = _through_service(server, device)
    bring_back(device, return_order["number"], return_box(return_order))
    assert hand_back(device, return_order["number"], result="refused")["status"] == "applied"
    assert read_claim(server, number)["status"] == "awaiting_pickup"


@pytest.mark.parametrize("body", [{"outcome": "fixed"}, {"conclusion": ""}, {"repair_kopecks": -1},
                                  {"repair_kopecks": 2**31}])
def test_a_bad_service_result_is_a_422(server: Server, body: dict[str, Any]) -> None:
    device = ready(server)
    number = counter_number()
    device.send("claim.accepted", accepted(number))
    device.send("claim.dispatched", dispatched(number))
    full = {"outcome": "repaired", "conclusion": "ok", "repair_kopecks": 0, **body}
    reply = server.admin("POST", f"/v1/admin/claims/{number}/service-result", json=full)
    assert reply.status_code == 422, reply.text
    assert read_claim(server, number)["status"] == "sent"


def test_a_service_result_needs_a_sent_claim(server: Server) -> None:
    device = ready(server)
    number = counter_number()
    assert service_result(server, number).status_code == 404
    device.send("claim.accepted", accepted(number))
    reply = service_result(server, number)
    assert (reply.status_code, reply.json()["code"]) == (409, "claim_illegal_step")
    with server.db.read() as session:
        assert session.scalars(select(Order).where(Order.kind == "warranty")).all() == []


def test_order_lines_carry_their_warranty_months(server: Server) -> None:
    feed = claims_point()
    feed["orders"][0]["lines"][0]["warranty_months"] = 24
    server.import_feed(feed)
    device = server.enrol()
    lines = {o["number"]: o["lines"][0] for o in device.snapshot().json()["orders"]}
    assert lines[PURCHASE]["warranty_months"] == 24 and lines[OLD_PURCHASE]["warranty_months"] == 12
    # 24 months: the old purchase would be covered; this one is
    assert device.send("claim.accepted", accepted(counter_number()))["status"] == "applied"

