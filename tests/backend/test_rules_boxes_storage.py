"""Storage and return rules of the server (backend/rules/boxes.py) answer with their machine reasons: a box that
left storage cannot be placed (a conflict) or returned (a duplicate), an unknown cell, a storage extension that is
invalid or for an order no longer stored, a second arrival, an undo of a box never received, a second return or
a return of an order handed over."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

import backend.rules.boxes  # noqa: F401  (the mutation run maps this file to the rules by this import)
from backend.models import Order
from tests.backend.conftest import Device, Server, box_barcode, order_number, point_feed

NUMBER = order_number("0042", 1)
BOX1, BOX2 = box_barcode("0042", NUMBER, 1), box_barcode("0042", NUMBER, 2)
UNTIL = "2026-12-10T00:00:00+00:00"


def _arrived(server: Server) -> Device:
    server.import_feed(point_feed(orders=1))
    device = server.enrol()
    for box in (BOX1, BOX2):
        assert device.send("box.received", {"session": "s1", "box": box, "order": NUMBER})["status"] == "applied"
    assert device.send("order.arrived", {"order": NUMBER, "arrived_at": UNTIL})["status"] == "applied"
    return device


def _handed_over(server: Server) -> Device:
    device = _arrived(server)
    done = device.send("handover.completed", {
        "handover": "h1", "order": NUMBER, "result": "handed_over", "verified_by": "code",
        "lines": [{"sku": "SKU-1", "quantity": 1, "refused": 0, "reason": None}], "payment": None})
    assert done["status"] == "applied"
    return device


def _verdict(result: dict[str, Any]) -> tuple[str, str | None]:
    return result["status"], result["reason"]


def test_a_box_that_left_with_the_customer_cannot_be_placed_or_returned(server: Server) -> None:
    device = _handed_over(server)
    placed = device.send("box.placed", {"box": BOX1, "order": NUMBER, "cell": "CA0101"})
    assert _verdict(placed) == ("conflict", "box_not_in_storage:handed_over")
    returned = device.send("box.returned", {"session": "r1", "box": BOX1, "order": NUMBER, "reason": "expired"})
    assert _verdict(returned) == ("duplicate", "box_not_in_storage:handed_over")


def test_a_box_cannot_go_to_a_cell_the_point_does_not_have(server: Server) -> None:
    device = _arrived(server)
    placed = device.send("box.placed", {"box": BOX1, "order": NUMBER, "cell": "CZ9999"})
    assert _verdict(placed) == ("rejected", "unknown_cell:CZ9999")


def test_storage_is_extended_for_a_stored_order_only_and_by_positive_days(server: Server) -> None:
    device = _arrived(server)
    for days, until in ((0, UNTIL), (-1, UNTIL)):
        bad = device.send("storage.extended", {"order": NUMBER, "days": days, "until": until})
        assert _verdict(bad) == ("rejected", "invalid_extension"), (days, until)
    assert device.send("storage.extended", {"order": NUMBER, "days": 3, "until": UNTIL})["status"] == "applied"
    assert device.send("storage.extended", {"order": NUMBER, "days": 2, "until": UNTIL})["status"] == "applied"
    with server.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == NUMBER)).one()
        assert (order.extended_days, order.storage_until.isoformat()[:10]) == (5, "2026-12-10")


def test_storage_of_an_order_handed_over_is_not_extended(server: Server) -> None:
    device = _handed_over(server)
    result = device.send("storage.extended", {"order": NUMBER, "days": 3, "until": UNTIL})
    assert _verdict(result) == ("conflict", "order_not_in_storage:handed_over")


def test_a_second_arrival_is_a_duplicate_and_an_undo_of_a_box_never_received_too(server: Server) -> None:
    device = _arrived(server)
    again = device.send("order.arrived", {"order": NUMBER, "arrived_at": UNTIL})
    assert _verdict(again) == ("duplicate", "order_already_arrived")
    server.import_feed(point_feed(orders=2))
    other = order_number("0042", 2)
    undo = device.send("receiving.scan_undone", {"session": "s1", "box": box_barcode("0042", other, 1),
                                                 "order": other})
    assert _verdict(undo) == ("duplicate", "box_not_received")


def test_a_second_return_is_a_duplicate_and_an_order_handed_over_is_not_returned(server: Server) -> None:
    device = _arrived(server)
    for box in (BOX1, BOX2):
        returned = {"session": "r1", "box": box, "order": NUMBER, "reason": "expired"}
        assert device.send("box.returned", returned)["status"] == "applied"
    assert _verdict(device.send("order.returned", {"order": NUMBER, "session": "r1"})) == ("applied", None)
    again = device.send("order.returned", {"order": NUMBER, "session": "r1"})
    assert _verdict(again) == ("duplicate", "order_already_returned")
    gone = _handed_over_other(server, device)
    assert _verdict(device.send("order.returned", {"order": gone, "session": "r1"})) == (
        "conflict", "order_handed_over")


def _handed_over_other(server: Server, device: Device) -> str:
    server.import_feed(point_feed(orders=2))
    other = order_number("0042", 2)
    for n in (1, 2):
        box = {"session": "s2", "box": box_barcode("0042", other, n), "order": other}
        assert device.send("box.received", box)["status"] == "applied"
    assert device.send("order.arrived", {"order": other, "arrived_at": UNTIL})["status"] == "applied"
    done = device.send("handover.completed", {
        "handover": "h2", "order": other, "result": "handed_over", "verified_by": "code",
        "lines": [{"sku": "SKU-1", "quantity": 1, "refused": 0, "reason": None}], "payment": None})
    assert done["status"] == "applied"
    return other
