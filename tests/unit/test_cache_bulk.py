"""Bulk order upserts (a change page, a snapshot chunk) leave the cache exactly as upserting each order in turn."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from desktop import cache_bulk, cache_import
from desktop.db.engine import Database
from desktop.db.models import OutboxEvent
from desktop.sync.apply import apply_change, apply_changes
from tests.integration.shapes import order_dict, point_dict

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def _order(number: str, boxes: int = 1, **changes: Any) -> dict[str, Any]:
    data = order_dict(number, phone=f"+7916{number[-7:]}", boxes=boxes)
    data.update(changes)
    return data


def _seed(db: Database) -> None:
    """A point with a shipment and a cell; order …01 received and placed here (event unsynced), …02 known."""
    with db.write() as s:
        cache_import.load_reference_data(s, {
            "point": point_dict(), "shipments": [{"number": "R0000001", "point_code": "0042", "status": "in_transit"}],
            "cells": [{"code": "CA0101", "label": "A-01-01", "size_class": "M"}]})
        placed = _order("100000001", status="arrived", boxes_total=1)
        placed["boxes"][0].update(status="placed", cell="CA0101")
        cache_import.upsert_order(s, placed)
        cache_import.upsert_order(s, _order("100000002"))
        s.add(OutboxEvent(event_id="00000000-0000-4000-8000-000000000001", device_seq=1, type="box.placed",
                          schema_v=1, payload=json.dumps({"order": "100000001"}), occurred_at=NOW))


def _page() -> list[dict[str, Any]]:
    """Refreshes of both known orders, a new order named twice, an older feed's phone-only customer, codes."""
    first = _order("100000001", status="ready", kind="legal_entity", legal_entity_name="ООО Ромашка",
                   pickup_code_hash="h-1", boxes_total=2)
    first["lines"][0]["quantity"] = 2
    first["lines"].append({"sku": "SKU-NEW", "name": "Чехол", "quantity": 1, "price_kopecks": 90_000})
    first["boxes"][0].update(status="expected", cell=None)
    first["boxes"].append({"barcode": "B0042100000001" + "02", "seq_no": 2, "status": "received"})
    second = _order("100000002", status="ready", arrived_at="2026-11-21T10:00:00+00:00")
    second["boxes"][0].update(status="placed", cell="CA0101", shipment="R0000001")
    third = _order("100000003", pickup_code_hash="h-3", boxes=2)
    third["customer"] = dict(second["customer"], full_name="Петров Пётр")  # the same customer, renamed
    third_again = _order("100000003", status="arrived")
    third_again["lines"] = [{"sku": "SKU-OTHER", "name": "Кабель", "quantity": 3, "price_kopecks": 50_000,
                             "warranty_months": 6}]
    older = _order("100000004")
    older["customer"] = {"external_id": None, "full_name": "Сидоров", "phone": "8 (916) 555-44-33", "email": None}
    return [first, second, third, third_again, older, _order("100000005", ready_at="2026-11-21T11:00:00+00:00")]


def _dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """The cache's orders, customers, lines and boxes by business keys (row ids may differ)."""
    queries = {
        "orders": "SELECT o.number, c.external_id, c.phone, o.point_id, o.kind, o.status, o.total_kopecks, o.prepaid,"
                  " o.boxes_total, o.legal_entity_name, o.created_at, o.arrived_at, o.ready_at, o.storage_until,"
                  " o.handed_over_at, o.pickup_code_hash, o.extended_days, o.code_failed_attempts"
                  " FROM orders o JOIN customers c ON c.id = o.customer_id",
        "customers": "SELECT external_id, full_name, phone, phone_last4, email, phone_confirmed FROM customers",
        "lines": "SELECT o.number, l.sku, l.name, l.quantity, l.price_kopecks, l.serial, l.warranty_months,"
                 " l.refused_quantity FROM order_lines l JOIN orders o ON o.id = l.order_id",
        "boxes": "SELECT b.barcode, o.number, b.seq_no, b.size_class, b.weight_grams, sh.number, b.status, c.code"
                 " FROM boxes b JOIN orders o ON o.id = b.order_id LEFT JOIN shipments sh ON sh.id = b.shipment_id"
                 " LEFT JOIN storage_cells c ON c.id = b.cell_id",
    }
    with db.read() as s:
        return {name: sorted((tuple(row) for row in s.execute(text(sql))), key=repr) for name, sql in queries.items()}


@pytest.fixture
def caches(tmp_path: Path) -> Any:
    """Two caches in one folder (one device pepper): one for each way of applying the same data."""
    pair = (Database(tmp_path / "one_by_one.sqlite3"), Database(tmp_path / "bulk.sqlite3"))
    for db in pair:
        db.create_all()
        _seed(db)
    yield pair
    for db in pair:
        db.dispose()


def test_bulk_upserts_leave_the_cache_as_upserting_each_order_in_turn(caches: tuple[Database, Database]) -> None:
    one_by_one, bulk = caches
    with one_by_one.write() as s:
        for item in _page():
            cache_import.upsert_order(s, item)
    with bulk.write() as s:
        cache_bulk.upsert_orders(s, _page())
    expected = _dump(one_by_one)
    assert _dump(bulk) == expected
    orders = {row[0]: row for row in expected["orders"]}
    assert orders["100000001"][5] == "arrived" and orders["100000001"][4] == "legal_entity"  # local state kept
    assert orders["100000002"][5] == "ready"
    boxes = {row[0]: row for row in expected["boxes"]}
    assert boxes["B004210000000101"][6:] == ("placed", "CA0101")  # this PC placed it: not overwritten
    assert boxes["B004210000000102"][6] == "expected"  # a new box of an order this PC knows newer
    assert boxes["B004210000000201"][5:] == ("R0000001", "placed", "CA0101")
    assert {row[1] for row in expected["lines"] if row[0] == "100000003"} == {"SKU-100000003", "SKU-OTHER"}


def test_a_page_keeps_the_order_of_its_changes(caches: tuple[Database, Database]) -> None:
    """An order's cancellation between two of its upserts sees the first and is overwritten by the second."""
    changes = [{"seq": 1, "type": "order.upsert", "payload": _order("100000006")},
               {"seq": 2, "type": "order.cancelled", "payload": {"order": "100000006"}},
               {"seq": 3, "type": "order.cancelled", "payload": {"order": "100000002"}},
               {"seq": 4, "type": "order.upsert", "payload": _order("100000007")},
               {"seq": 5, "type": "order.upsert", "payload": _order("100000002", status="ready")}]
    one_by_one, bulk = caches
    with one_by_one.write() as s:
        for change in changes:
            apply_change(s, change, NOW)
    with bulk.write() as s:
        apply_changes(s, changes, NOW)
    dump = _dump(bulk)
    assert dump == _dump(one_by_one)
    assert {row[0]: row[5] for row in dump["orders"]} == {
        "100000001": "arrived", "100000002": "ready", "100000006": "cancelled", "100000007": "in_transit"}


def test_a_page_of_new_orders_costs_a_few_statements_whatever_its_size(caches: tuple[Database, Database]) -> None:
    _, bulk = caches
    statements: list[str] = []
    event.listen(bulk.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    page = [{"seq": n, "type": "order.upsert", "payload": _order(f"2{n:08d}", boxes=2)} for n in range(200)]
    with bulk.write() as s:
        apply_changes(s, page, NOW)
    assert len(statements) < 20, len(statements)  # one per table and step, never one (or four) per order
    assert len(_dump(bulk)["boxes"]) == 2 + 400
