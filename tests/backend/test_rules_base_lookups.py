"""A batch's box lookups (backend/rules/base.py `box_at_point`) are answered from the boxes the batch loaded at
once (`preload`, joining their orders without an outer join): no query per event; a box looked up alone (one the
batch did not name) joins its order without an outer join, which would make SQLite scan every order; the batch's
orders come with their lines and boxes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

import backend.rules.base  # noqa: F401  (the mutation run maps this file to the lookups by this import)
from tests.backend.conftest import Device, Server, box_barcode, order_number, point_feed

NUMBER = order_number("0042", 1)


@contextmanager
def _statements(server: Server) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(server.db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(server.db.engine, "before_cursor_execute", record)


def _ready(server: Server) -> Device:
    server.import_feed(point_feed(orders=1))
    device = server.enrol()
    for n in (1, 2):
        box = {"session": "s1", "box": box_barcode("0042", NUMBER, n), "order": NUMBER}
        assert device.send("box.received", box)["status"] == "applied"
    return device


def _box_reads(statements: list[str]) -> list[str]:
    return [s for s in statements if s.lstrip().startswith("SELECT") and "WHERE boxes.barcode" in s]


def test_the_boxes_a_batch_names_with_their_order_come_with_it_and_are_not_read_again(server: Server) -> None:
    device = _ready(server)
    closed = device.event("receiving.closed", {"session": "s1", "summary": {}})  # a rule first: no set-wise path
    placed = [device.event("box.placed", {"box": box_barcode("0042", NUMBER, n), "order": NUMBER,
                                          "cell": "CA0101"}) for n in (1, 2)]
    with _statements(server) as statements:
        assert [r["status"] for r in device.push(closed, *placed)] == ["applied"] * 3
    assert _box_reads(statements) == []  # loaded with the order, in the batch's one query for its orders


def test_the_boxes_a_batch_names_with_another_order_are_read_once_for_all_its_events(server: Server) -> None:
    server.import_feed(point_feed(orders=2))
    device = server.enrol()
    other = order_number("0042", 2)
    placed = [device.event("box.placed", {"box": box_barcode("0042", other, n), "order": NUMBER,
                                          "cell": "CA0101"}) for n in (1, 2)]
    with _statements(server) as statements:
        results = device.push(*placed)
    assert [(r["status"], r["reason"]) for r in results] == [
        ("rejected", f"box_order_mismatch:{box_barcode('0042', other, n)}") for n in (1, 2)]
    reads = _box_reads(statements)
    assert len(reads) == 1 and " IN " in reads[0] and "OUTER JOIN" not in reads[0]


def test_a_box_looked_up_alone_joins_its_order_without_an_outer_join(server: Server) -> None:
    device = _ready(server)
    unknown = "B004200000000099"  # in no batch preload: looked up on its own
    with _statements(server) as statements:
        result = device.send("box.placed", {"box": unknown, "order": NUMBER, "cell": "CA0101"})
    assert (result["status"], result["reason"]) == ("rejected", f"unknown_box:{unknown}")
    reads = _box_reads(statements)
    assert reads and not [s for s in reads if "OUTER JOIN" in s]


def test_the_orders_a_batch_names_come_with_their_lines_and_boxes(server: Server) -> None:
    """Publishing an order reads its lines and boxes: loaded with the batch's orders, never one order at a time."""
    server.import_feed(point_feed(orders=2))
    device = server.enrol()
    numbers = [order_number("0042", n) for n in (1, 2)]
    closed = device.event("receiving.closed", {"session": "s1", "summary": {}})
    placed = [device.event("box.placed", {"box": box_barcode("0042", number, 1), "order": number,
                                          "cell": "CA0101"}) for number in numbers]
    with _statements(server) as statements:
        assert [r["status"] for r in device.push(closed, *placed)] == ["applied"] * 3
    one_by_one = [s for s in statements if re.search(r"WHERE \? = (order_lines|boxes)\.order_id\b", s)]  # a lazy load
    assert one_by_one == []
    order_reads = [s for s in statements if s.lstrip().startswith("SELECT orders.id")]
    assert len(order_reads) == 1 and "ORDER BY orders.number" in order_reads[0]  # locked in number order


def test_a_rules_changes_reach_its_own_points_feed_only(server: Server) -> None:
    server.import_feed(point_feed("0077", orders=1))
    elsewhere = server.enrol("0077", name="COUNTER-77")
    device = _ready(server)
    placed = {"box": box_barcode("0042", NUMBER, 1), "order": NUMBER, "cell": "CA0101"}
    assert device.send("box.placed", placed)["status"] == "applied"
    mine = [c["payload"]["number"] for c in device.all_changes() if c["type"] == "order.upsert"]
    theirs = [c["payload"]["number"] for c in elsewhere.all_changes() if c["type"] == "order.upsert"]
    assert NUMBER in mine and NUMBER not in theirs


def test_an_order_named_by_several_events_of_a_batch_is_read_once(server: Server) -> None:
    device = _ready(server)
    closed = device.event("receiving.closed", {"session": "s1", "summary": {}})
    extended = [device.event("storage.extended", {"order": NUMBER, "days": days,
                                                  "until": "2026-12-10T00:00:00+00:00"}) for days in (1, 2, 3)]
    with _statements(server) as statements:
        assert [r["status"] for r in device.push(closed, *extended)] == ["applied"] * 4
    by_number = [s for s in statements if s.lstrip().startswith("SELECT orders.id") and "WHERE orders.number" in s]
    assert len(by_number) == 1  # the batch's one read of its orders; the rule finds the order there each time
