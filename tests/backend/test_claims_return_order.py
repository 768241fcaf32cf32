"""The claim hooks of the box and handover rules (backend/rules/claims.py): an ordinary order's arrival undone or
handover touches no claim; a warranty return order handed over before its arrival was reported closes its claim
all the same (the goods are gone: the arrival is implied)."""

from __future__ import annotations

import uuid

from tests.backend.claim_fixtures import (
    accepted,
    counter_number,
    dispatched,
    hand_back,
    read_claim,
    ready,
    service_result,
)
from tests.backend.conftest import Device, Server, box_barcode, order_number

ORDINARY = order_number("0042", 3)  # in transit: not a purchase, not a return


def _claim_statuses(device: Device, number: str) -> list[str]:
    return [c["payload"]["status"] for c in device.all_changes()
            if c["type"] == "claim.upsert" and c["payload"]["number"] == number]


def test_an_ordinary_orders_undone_scan_and_handover_touch_no_claim(server: Server) -> None:
    device = ready(server)
    boxes = [box_barcode("0042", ORDINARY, n) for n in (1, 2)]
    for box in boxes:
        assert device.send("box.received", {"session": "s", "box": box, "order": ORDINARY})["status"] == "applied"
    assert device.send("order.arrived", {"order": ORDINARY, "arrived_at": "2026-11-24T09:00:00+00:00"})[
        "status"] == "applied"
    undone = device.send("receiving.scan_undone", {"session": str(uuid.uuid4()), "box": boxes[1], "order": ORDINARY})
    assert undone["status"] == "applied", undone
    again = device.send("order.arrived", {"order": ORDINARY, "arrived_at": "2026-11-24T10:00:00+00:00"})
    assert again["status"] == "applied", again  # arrived again, by the rule (its code already issued once)
    assert hand_back(device, ORDINARY)["status"] == "applied"


def test_a_return_handed_over_before_its_arrival_was_reported_closes_the_claim(server: Server) -> None:
    device = ready(server)
    number = counter_number()
    assert device.send("claim.accepted", accepted(number))["status"] == "applied"
    assert device.send("claim.dispatched", dispatched(number))["status"] == "applied"
    reply = service_result(server, number)
    assert reply.status_code == 200, reply.text
    assert read_claim(server, number)["status"] == "returning"
    done = hand_back(device, reply.json()["return_order"])  # no box scanned, no order.arrived
    assert done["status"] == "applied", done
    closed = read_claim(server, number)
    assert (closed["status"], closed["outcome"]) == ("closed", "repaired")
    assert _claim_statuses(device, number)[-1] == "closed"
