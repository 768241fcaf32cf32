"""The plain receiving scan applied set-wise (backend/rules/receiving.py) gives each event the outcome, the feed
the changes and the database the rows that the rules give it one event at a time."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, select

from backend import code_pool
from backend.app import create_app
from backend.config import Settings
from backend.models import Box, Order, PickupCode, Shipment
from backend.rules import receiving
from backend.sms.models import SmsOutbox
from tests.backend.conftest import BOTH_DBS, Device, Server, box_barcode, migrated_sqlite_url, order_number, point_feed

# a fresh code, its QR token, an SMS uid, the point's salt and tag key, an event id: differ server to server
RANDOM = {"pickup_code_hash", "qr_token", "sms", "code_hash_params", "code_tag_key", "event_id"}


def _scan(device: Device, number: str, boxes: tuple[int, ...] = (1, 2)) -> list[dict[str, Any]]:
    return [device.event("box.received", {"session": "s1", "box": box_barcode("0042", number, n), "order": number})
            for n in boxes] + [
        device.event("order.arrived", {"order": number, "arrived_at": "2026-11-24T09:00:00Z"}),
        device.event("sms.requested", {"sms": f"u{number}", "order": number, "purpose": "ready", "attempt": 1})]


def _batch(device: Device) -> list[dict[str, Any]]:
    first, second, third = (order_number("0042", n) for n in (1, 2, 3))
    return [*_scan(device, first), *_scan(device, second, boxes=(2,)),
            device.event("box.received", {"session": "s1", "box": box_barcode("0042", third, 1), "order": third}),
            device.event("box.received", {"session": "s1", "box": box_barcode("0042", first, 1), "order": first}),
            device.event("order.arrived", {"order": "042999999", "arrived_at": "2026-11-24T09:00:00Z"}),
            device.event("receiving.closed", {"session": "s1", "summary": {}}),
            device.event("box.received", {"session": "s2", "box": box_barcode("0042", third, 2), "order": third})]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: "*" if k in RANDOM and v else _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return re.sub(r"\b\d{6}\b", "*", value) if isinstance(value, str) else value


def _state(server: Server) -> list[Any]:
    with server.db.read() as s:
        return [
            [(o.number, o.status, o.arrived_at, o.ready_at, o.storage_until, o.pickup_code_hash is not None)
             for o in s.scalars(select(Order).order_by(Order.number))],
            [(b.barcode, b.status, b.received_at, b.received_session, b.received_by is not None)  # a device's id
             for b in s.scalars(select(Box).order_by(Box.id))],
            list(s.execute(select(Shipment.number, Shipment.status))),
            list(s.execute(select(PickupCode.order_id, PickupCode.attempt).order_by(PickupCode.id))),
            [(r.order_number, r.purpose, r.attempt, r.status, r.next_action_at, _plain(r.text))
             for r in s.scalars(select(SmsOutbox).order_by(SmsOutbox.order_number, SmsOutbox.attempt))],
        ]


def _run(server: Server) -> tuple[Any, ...]:
    server.import_feed(point_feed(orders=3))
    device = server.enrol()
    results = [(r["status"], r["reason"], r["server_seq"]) for r in device.push(*_batch(device))]
    changes = [(c["type"], _plain(c["payload"])) for c in device.all_changes()]
    return results, changes, _state(server)


@pytest.fixture
def plain_server(settings: Settings, tmp_path: Path) -> Iterator[Server]:
    """A second server on its own database, for the rules one event at a time."""
    folder = tmp_path / "plain"
    folder.mkdir()
    app = create_app(dataclasses.replace(settings, database_url=migrated_sqlite_url(folder),
                                         qr_key_path=folder / "qr.key"))
    with TestClient(app) as client:
        yield Server(client, app)


def test_set_wise_receiving_gives_the_outcomes_changes_and_rows_of_the_rules(
        server: Server, plain_server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    applied: list[str] = []
    real = receiving.try_apply
    monkeypatch.setattr(receiving, "try_apply", lambda ctx, ev: _spy(real(ctx, ev), ev, applied))
    setwise = _run(server)
    assert applied == ["box.received", "box.received", "order.arrived", "sms.requested", "box.received",
                       "order.arrived", "sms.requested", "box.received",
                       "box.received"]  # a box already received: the rule's answer; then the rules (an unknown order)
    monkeypatch.setattr(receiving, "try_apply", lambda _ctx, _ev: None)
    plain = _run(plain_server)
    for mine, theirs in zip(setwise, plain, strict=True):
        assert [m for m in mine if m not in theirs] == [t for t in theirs if t not in mine]
        assert mine == theirs


def _spy(outcome: Any, ev: Any, applied: list[str]) -> Any:
    if outcome is not None:
        applied.append(ev.TYPE)
    return outcome


def test_a_batch_of_scans_writes_its_orders_boxes_codes_and_sms_with_one_statement_each(server: Server) -> None:
    server.import_feed(point_feed(orders=3))
    device = server.enrol()
    statements: list[str] = []
    event.listen(server.db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    batch = [e for n in (1, 2, 3) for e in _scan(device, order_number("0042", n))]
    assert [r["status"] for r in device.push(*batch)] == ["applied"] * 12
    assert len([s for s in statements if s.startswith("UPDATE orders")]) == 1
    assert len([s for s in statements if s.startswith("UPDATE boxes")]) == 1
    assert len([s for s in statements if s.startswith("INSERT INTO pickup_codes")]) == 1
    assert len([s for s in statements if s.startswith("INSERT INTO sms_outbox")]) == 1
    assert not [s for s in statements if s.startswith("SAVEPOINT")]


@BOTH_DBS  # on PostgreSQL the batch's lookups take an array parameter (backend/db.py `among`)
def test_a_second_pcs_scans_of_the_same_truck_are_answered_without_a_savepoint_or_a_write(server: Server) -> None:
    """Two PCs of a point scan the same boxes: the second's batch gets the rules' «already» answers from the rows the
    batch loaded (no savepoint, no UPDATE or INSERT but its events' own rows) and publishes nothing."""
    server.import_feed(point_feed(orders=3))
    first, second = server.enrol(), server.enrol(name="COUNTER-2")
    numbers = [order_number("0042", n) for n in (1, 2, 3)]
    assert [r["status"] for r in first.push(*[e for n in numbers for e in _scan(first, n)])] == ["applied"] * 12
    known = len(second.all_changes())
    statements: list[str] = []
    event.listen(server.db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    results = second.push(*[e for n in numbers for e in _scan(second, n)])
    assert [(r["status"], r["reason"]) for r in results] == [
        ("duplicate", "box_already_received"), ("duplicate", "box_already_received"),
        ("duplicate", "order_already_arrived"), ("applied", "already_requested")] * 3
    assert not [s for s in statements if s.startswith(("SAVEPOINT", "UPDATE orders", "UPDATE boxes", "INSERT INTO sms",
                                                        "INSERT INTO pickup"))]
    assert [c["type"] for c in second.all_changes()[known:]] == []


def test_a_scan_publishes_its_orders_state_once_as_it_is_at_the_end_of_the_batch(server: Server) -> None:
    """Two boxes, the arrival and the code each change the order: the feed gets its state once («ready»), after
    the code (backend/changes.py `publish_state`)."""
    server.import_feed(point_feed(orders=1))
    device = server.enrol()
    number = order_number("0042", 1)
    known = len(device.all_changes())
    assert [r["status"] for r in device.push(*_scan(device, number))] == ["applied"] * 4
    new = [(c["type"], c["payload"].get("status")) for c in device.all_changes()[known:]
           if c["type"].startswith("order.")]
    assert new == [("order.code_issued", None), ("order.upsert", "ready")]


# --- more batch shapes: the set-wise path takes the plain ones and gives what the rules give -------------------


def _two_trucks(feed: dict[str, Any]) -> None:
    """The third order comes on a second truck: the batch counts each truck's expected boxes apart."""
    feed["shipments"].append({**feed["shipments"][0], "number": "R0042B"})
    for box in feed["orders"][2]["boxes"]:
        box["shipment"] = "R0042B"


def _grace(feed: dict[str, Any]) -> None:
    """The point holds a «ready» SMS 10 minutes while the session that took the order in is still open."""
    feed["point"]["ready_sms_grace_minutes"] = 10


def _received(device: Device, number: str, n: int, order: str | None = None) -> dict[str, Any]:
    payload = {"session": "s1", "box": box_barcode("0042", number, n), "order": order or number}
    return device.event("box.received", payload)


def _all_boxes_then_arrival(device: Device) -> list[list[dict[str, Any]]]:
    """All boxes of the first order in one push, its arrival and SMS in the next: the truck has nothing expected."""
    first = order_number("0042", 1)
    return [[_received(device, first, 1), _received(device, first, 2)], _scan(device, first, boxes=())]


def _box_named_with_another_order(device: Device) -> list[list[dict[str, Any]]]:
    """A box of the second order sent under the first order's number: the rule refuses it, the set-wise path too."""
    first, second = order_number("0042", 1), order_number("0042", 2)
    return [[_received(device, second, 1, order=first), *_scan(device, first)]]


def _arrival_without_scans(device: Device) -> list[list[dict[str, Any]]]:
    """The first order reported arrived with no box scanned in a session: nothing holds its «ready» SMS."""
    return [_scan(device, order_number("0042", 1), boxes=())]


def _one_minute_grace(feed: dict[str, Any]) -> None:
    """The shortest hold a point can set: one minute."""
    feed["point"]["ready_sms_grace_minutes"] = 1


def _late_box_after_the_close(device: Device) -> list[list[dict[str, Any]]]:
    """The truck's act closed with boxes missing, then a box of it in the next push: the truck stays received."""
    first, second = order_number("0042", 1), order_number("0042", 2)
    first_box = _received(device, first, 1)
    closed = device.event("receiving.closed", {"session": "s1", "summary": {"shipment": "R0042"}})
    return [[first_box, closed], [_received(device, second, 1)]]


def _cancelled(feed: dict[str, Any]) -> None:
    """The first order was cancelled while its boxes were on the truck."""
    feed["orders"][0]["status"] = "cancelled"


def _no_truck(feed: dict[str, Any]) -> None:
    """The first order's boxes came with no truck named (a courier's drop)."""
    for box in feed["orders"][0]["boxes"]:
        box["shipment"] = None


def _no_grace(feed: dict[str, Any]) -> None:
    """A point that sends the «ready» SMS at once, even while the session that took the order in is open."""
    feed["point"]["ready_sms_grace_minutes"] = 0


def _first_order_in(device: Device) -> list[list[dict[str, Any]]]:
    return [_scan(device, order_number("0042", 1))]


def _resend_in_the_same_push(device: Device) -> list[list[dict[str, Any]]]:
    """The scan, then a second «ready» SMS for the order in the same push: its rule sees the first code and SMS."""
    first = order_number("0042", 1)
    scan = _scan(device, first)
    return [[*scan, device.event("sms.requested", {"sms": "again", "order": first, "purpose": "ready", "attempt": 2})]]


def _scanned_again(device: Device) -> list[list[dict[str, Any]]]:
    """The first order's scan, then the same scans under new ids (a second PC's, or a clerk's after a reinstall): the
    rules answer «already» without writing, and so does the set-wise path."""
    first = order_number("0042", 1)
    return [_scan(device, first), _scan(device, first)]


_SCAN = ["box.received", "box.received", "order.arrived", "sms.requested"]


def _arrived_after_the_close(device: Device) -> list[list[dict[str, Any]]]:
    """A box, the session closed (a rule: the rest of that push goes to the rules), then the order's arrival twice."""
    first = order_number("0042", 1)
    box = _received(device, first, 1)
    closed = device.event("receiving.closed", {"session": "s1", "summary": {}})
    arrived = [device.event("order.arrived", {"order": first, "arrived_at": "2026-11-24T09:00:00Z"}) for _ in (1, 2)]
    return [[box, closed, arrived[0]], [arrived[1]]]


CASES = {  # name: (feed change, pushes, the events the set-wise path took)
    "two trucks": (_two_trucks, lambda device: [_batch(device)],
                   ["box.received", "box.received", "order.arrived", "sms.requested", "box.received",
                    "order.arrived", "sms.requested", "box.received", "box.received"]),
    "ready SMS held": (_grace, lambda device: [_batch(device)],
                       ["box.received", "box.received", "order.arrived", "sms.requested", "box.received",
                        "order.arrived", "sms.requested", "box.received", "box.received"]),
    "arrival after all its boxes": (lambda feed: None, _all_boxes_then_arrival,
                                    ["box.received", "box.received", "order.arrived", "sms.requested"]),
    "box under another order": (lambda feed: None, _box_named_with_another_order, []),
    "arrival without scans at a holding point": (_grace, _arrival_without_scans, ["order.arrived", "sms.requested"]),
    "ready SMS held one minute": (_one_minute_grace, lambda device: [_batch(device)],
                                  ["box.received", "box.received", "order.arrived", "sms.requested", "box.received",
                                   "order.arrived", "sms.requested", "box.received", "box.received"]),
    "a late box after the truck's close": (lambda feed: None, _late_box_after_the_close,
                                           ["box.received", "box.received"]),
    "a box of a cancelled order": (_cancelled, lambda device: [[_received(device, order_number("0042", 1), 1)]],
                                   ["box.received"]),
    "boxes with no truck": (_no_truck, _first_order_in,
                            ["box.received", "box.received", "order.arrived", "sms.requested"]),
    "a point that does not hold the ready SMS": (_no_grace, _first_order_in,
                                                 ["box.received", "box.received", "order.arrived", "sms.requested"]),
    "a resend in the same push": (lambda feed: None, _resend_in_the_same_push,
                                  ["box.received", "box.received", "order.arrived", "sms.requested"]),
    "the same scans again in a later push": (lambda feed: None, _scanned_again, _SCAN * 2),
    "the arrival of a cancelled order": (_cancelled, lambda device: [_scan(device, order_number("0042", 1), boxes=())],
                                         ["order.arrived"]),
    "a second arrival after the truck's close": (lambda feed: None, _arrived_after_the_close,
                                                 ["box.received", "order.arrived"]),
    "a box the order does not have": (lambda feed: None,
                                      lambda device: [[_received(device, order_number("0042", 1), 9)]], []),
}


def _run_case(server: Server, name: str) -> tuple[Any, ...]:
    change, pushes, _ = CASES[name]
    feed = point_feed(orders=3)
    change(feed)
    server.import_feed(feed)
    device = server.enrol()
    results = [(r["status"], r["reason"]) for batch in pushes(device) for r in device.push(*batch)]
    changes = [(c["type"], _plain(c["payload"])) for c in device.all_changes()]
    return results, changes, _state(server)


@pytest.mark.parametrize("name", list(CASES))
def test_each_batch_shape_gives_the_rules_outcomes_changes_and_rows(
        server: Server, plain_server: Server, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    applied: list[str] = []
    real = receiving.try_apply
    monkeypatch.setattr(receiving, "try_apply", lambda ctx, ev: _spy(real(ctx, ev), ev, applied))
    setwise = _run_case(server, name)
    assert applied == CASES[name][2]
    monkeypatch.setattr(receiving, "try_apply", lambda _ctx, _ev: None)
    assert setwise == _run_case(plain_server, name)


def test_a_batch_reads_the_sms_and_the_trucks_once(server: Server) -> None:
    """However many orders a batch brings in, their SMS rows and their trucks' expected boxes are one query each
    (the pool holds their codes: a dry pool runs the batch twice, backend/code_prepare.py)."""
    feed = point_feed(orders=3)
    _two_trucks(feed)
    server.import_feed(feed)
    device = server.enrol()
    code_pool.fill(server.db, 3, datetime.now(UTC))
    statements: list[str] = []
    event.listen(server.db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    device.push(*[e for n in (1, 2, 3) for e in _scan(device, order_number("0042", n))])
    assert len([s for s in statements if "FROM sms_outbox" in s and "order_number IN" in s]) == 1
    assert len([s for s in statements if "count(*)" in s and "GROUP BY boxes.shipment_id" in s]) == 1


def test_another_points_order_is_left_to_the_rules_which_refuse_it(server: Server, monkeypatch: pytest.MonkeyPatch
                                                                    ) -> None:
    server.import_feed(point_feed("0043", orders=1))
    server.import_feed(point_feed(orders=1))
    device = server.enrol()
    applied: list[str] = []
    real = receiving.try_apply
    monkeypatch.setattr(receiving, "try_apply", lambda ctx, ev: _spy(real(ctx, ev), ev, applied))
    theirs = order_number("0043", 1)
    [result] = device.push(device.event("order.arrived", {"order": theirs, "arrived_at": "2026-11-24T09:00:00Z"}))
    assert applied == [] and result["status"] == "rejected"
    with server.db.read() as s:
        assert s.scalar(select(Order.status).where(Order.number == theirs)) == "in_transit"


def test_a_batch_of_scans_asks_no_query_per_scan_even_when_its_sms_are_held(server: Server) -> None:
    """One scan or two in a push: the same reads (the held SMS's status published without looking its point up)."""
    feed = point_feed(orders=3)
    _grace(feed)
    server.import_feed(feed)
    device = server.enrol()
    reads: list[list[str]] = []
    event.listen(server.db.engine, "before_cursor_execute",
                 lambda *args: reads[-1].append(args[2]) if args[2].startswith("SELECT") else None)
    for numbers in ((1,), (2, 3)):
        reads.append([])
        batch = [e for n in numbers for e in _scan(device, order_number("0042", n))]
        assert [r["status"] for r in device.push(*batch)] == ["applied"] * 4 * len(numbers)
    assert len(reads[0]) == len(reads[1]) and not [s for s in reads[1] if "points.code =" in s]


def test_another_point_sees_none_of_a_scans_changes(server: Server) -> None:
    server.import_feed(point_feed(orders=1))
    server.import_feed(point_feed("0043", orders=1))
    mine, theirs = server.enrol(), server.enrol("0043")
    known, seen = len(mine.all_changes()), len(theirs.all_changes())
    assert [r["status"] for r in mine.push(*_scan(mine, order_number("0042", 1)))] == ["applied"] * 4
    assert len(mine.all_changes()) > known and theirs.all_changes()[seen:] == []
