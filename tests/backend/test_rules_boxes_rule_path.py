"""Receiving through the box rules one event at a time (backend/rules/boxes.py: a batch where another rule ran
first, so the set-wise path is off): the shipment goes in transit → receiving at its first box → received when
none of its boxes is expected (and back to receiving when a scan is undone), each change published once; lookups
refuse an unknown, another point's or another order's box and an unknown or another point's order with the
machine reason."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

import backend.rules.boxes  # noqa: F401  (the mutation run maps this file to the rules by this import)
from backend.models import Box, Shipment
from tests.backend.conftest import Device, Server, box_barcode, order_number, point_feed

NUMBER = order_number("0042", 1)


def _slow(device: Device, *events: tuple[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Push events behind another rule's event (closing a session of nothing): a rule ran first in the batch, so
    each goes to its own rule, not the set-wise receiving path (backend/rules/receiving.py)."""
    closed = device.event("receiving.closed", {"session": "none", "summary": {}})
    return device.push(closed, *(device.event(type_, payload) for type_, payload in events))[1:]


def _received(number: str, n: int, order: str | None = None) -> tuple[str, dict[str, Any]]:
    return "box.received", {"session": "s1", "box": box_barcode("0042", number, n), "order": order or number}


def _shipments(device: Device) -> list[str]:
    return [c["payload"]["status"] for c in device.all_changes() if c["type"] == "shipment.upsert"]


def _ready(server: Server, orders: int = 1) -> Device:
    server.import_feed(point_feed(orders=orders))
    return server.enrol()


def test_a_shipment_is_receiving_from_its_first_box_and_received_with_its_last(server: Server) -> None:
    device = _ready(server)
    before = _shipments(device)
    assert [r["status"] for r in _slow(device, _received(NUMBER, 1))] == ["applied"]
    with server.db.read() as session:
        assert session.scalar(select(Shipment.status)) == "receiving"
    assert _shipments(device) == [*before, "receiving"]
    assert [r["status"] for r in _slow(device, _received(NUMBER, 2))] == ["applied"]
    with server.db.read() as session:
        assert session.scalar(select(Shipment.status)) == "received"
    assert _shipments(device) == [*before, "receiving", "received"]


def test_undoing_the_last_box_of_a_received_shipment_makes_it_receiving_again(server: Server) -> None:
    """The truck is not received while one of its boxes is expected again: the clerk undid its scan."""
    device = _ready(server)
    before = _shipments(device)
    _slow(device, _received(NUMBER, 1), _received(NUMBER, 2))
    undo = "receiving.scan_undone", {"session": "s1", "box": box_barcode("0042", NUMBER, 2), "order": NUMBER}
    assert [r["status"] for r in _slow(device, undo)] == ["applied"]
    with server.db.read() as session:
        assert session.scalar(select(Shipment.status)) == "receiving"
    assert _shipments(device) == [*before, "receiving", "received", "receiving"]
    assert [r["status"] for r in _slow(device, _received(NUMBER, 2))] == ["applied"]  # scanned again: received
    assert _shipments(device)[-1] == "received"


def test_a_box_without_a_shipment_is_received_without_any_shipment_change(server: Server) -> None:
    feed = point_feed(orders=1)
    for box in feed["orders"][0]["boxes"]:
        box["shipment"] = None
    server.import_feed(feed)
    device = server.enrol()
    before = _shipments(device)
    assert [r["status"] for r in _slow(device, _received(NUMBER, 1))] == ["applied"]
    assert _shipments(device) == before
    with server.db.read() as session:
        assert session.scalar(select(Shipment.status)) == "in_transit"


def test_a_box_received_twice_is_a_duplicate_and_moves_nothing(server: Server) -> None:
    device = _ready(server)
    assert _slow(device, _received(NUMBER, 1))[0]["status"] == "applied"
    again = _slow(device, _received(NUMBER, 1))[0]
    assert (again["status"], again["reason"]) == ("duplicate", "box_already_received")
    with server.db.read() as session:
        assert session.scalar(select(Shipment.status)) == "receiving"


def test_lookups_refuse_unknown_foreign_and_mismatched_boxes_and_orders(server: Server) -> None:
    server.import_feed(point_feed("0077", orders=1))
    device = _ready(server, orders=2)
    foreign_order = order_number("0077", 1)
    foreign_box = box_barcode("0077", foreign_order, 1)
    other = order_number("0042", 2)
    results = _slow(device,
                    ("box.received", {"session": "s1", "box": "B004200000000099", "order": NUMBER}),
                    ("box.received", {"session": "s1", "box": foreign_box, "order": foreign_order}),
                    _received(NUMBER, 1, order=other),
                    ("storage.extended", {"order": "042999999", "days": 3,
                                                      "until": "2026-12-10T00:00:00+00:00"}),
                    ("storage.extended", {"order": foreign_order, "days": 3,
                                                      "until": "2026-12-10T00:00:00+00:00"}))
    assert [(r["status"], r["reason"]) for r in results] == [
        ("rejected", "unknown_box:B004200000000099"),
        ("rejected", f"foreign_box:{foreign_box}"),
        ("rejected", f"box_order_mismatch:{box_barcode('0042', NUMBER, 1)}"),
        ("rejected", "unknown_order:042999999"),
        ("rejected", f"foreign_order:{foreign_order}"),
    ]
    with server.db.read() as session:
        assert set(session.scalars(select(Box.status))) == {"expected"}


def test_an_undone_scan_names_the_box_only_when_the_counter_left_out_the_order(server: Server) -> None:
    device = _ready(server)
    assert _slow(device, _received(NUMBER, 1))[0]["status"] == "applied"
    undo = ("receiving.scan_undone", {"session": "s1", "box": box_barcode("0042", NUMBER, 1),
                                                  "order": None})
    assert _slow(device, undo)[0]["status"] == "applied"
    with server.db.read() as session:
        assert set(session.scalars(select(Box.status))) == {"expected"}


def test_a_shipment_is_received_whatever_another_shipment_still_expects(server: Server) -> None:
    feed = point_feed(orders=2)
    feed["shipments"].append({**feed["shipments"][0], "number": "R9"})
    for box in feed["orders"][1]["boxes"]:
        box["shipment"] = "R9"
    server.import_feed(feed)
    device = server.enrol()
    assert [r["status"] for r in _slow(device, _received(NUMBER, 1), _received(NUMBER, 2))] == ["applied"] * 2
    with server.db.read() as session:
        assert {n: s for n, s in session.execute(select(Shipment.number, Shipment.status))} == {
            "R0042": "received", "R9": "in_transit"}


def _close(device: Device, summary: dict[str, Any]) -> list[dict[str, Any]]:
    return device.push(device.event("receiving.closed", {"session": "s1", "summary": summary}))


def _status(server: Server, number: str = "R0042") -> str | None:
    with server.db.read() as session:
        return session.scalar(select(Shipment.status).where(Shipment.number == number))


def test_closing_a_trucks_receiving_makes_it_received_with_boxes_missing_and_a_late_box_keeps_it_so(
        server: Server) -> None:
    """The clerk closed the act with box 2 missing: the truck is received (as on the counter), published once; box 2
    turning up later (order 2's boxes still expected) does not take it back to receiving."""
    device = _ready(server, orders=2)
    before = _shipments(device)
    _slow(device, _received(NUMBER, 1))
    assert [r["status"] for r in _close(device, {"shipment": "R0042", "missing": [{"box_no": 2}]})] == ["applied"]
    assert _status(server) == "received"
    assert _shipments(device) == [*before, "receiving", "received"]
    assert [r["status"] for r in device.push(device.event(*_received(NUMBER, 2)))] == ["applied"]
    assert _status(server) == "received"
    assert _shipments(device) == [*before, "receiving", "received"]


def test_a_late_box_after_the_close_keeps_the_truck_received_on_the_rule_path_too(server: Server) -> None:
    device = _ready(server, orders=2)
    _slow(device, _received(NUMBER, 1))
    _close(device, {"shipment": "R0042"})
    assert [r["status"] for r in _slow(device, _received(NUMBER, 2))] == ["applied"]
    assert _status(server) == "received"


def test_a_close_naming_no_truck_of_this_point_changes_no_truck(server: Server) -> None:
    server.import_feed(point_feed("0043", orders=1))
    device = _ready(server)
    before = _shipments(device)
    for summary in ({}, {"shipment": None}, {"shipment": 42}, {"shipment": "R9999"}, {"shipment": "R0043"}):
        assert [r["status"] for r in _close(device, summary)] == ["applied"]
    assert (_status(server), _status(server, "R0043")) == ("in_transit", "in_transit")
    assert _shipments(device) == before


def test_a_truck_change_is_published_whole_with_its_point(server: Server) -> None:
    """A PC that never saw the truck stores it from the change alone: number, point, status, carrier."""
    device = _ready(server)
    _slow(device, _received(NUMBER, 1))
    [*_, change] = [c["payload"] for c in device.all_changes() if c["type"] == "shipment.upsert"]
    assert (change["number"], change["point_code"], change["status"]) == ("R0042", "0042", "receiving")
