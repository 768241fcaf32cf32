"""A batch applied set-wise: its new events recorded together (server_seq in batch order, a repeat inside the
batch answered with the first one's), and each order a receiving scan touches loaded once per batch."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, select

from backend import code_pool
from backend.models import EventRecord
from tests.backend.conftest import Device, Server, box_barcode, order_number, point_feed


def _scan(device: Device, number: str) -> list[dict[str, Any]]:
    return [device.event("box.received", {"session": "s", "box": box_barcode("0042", number, n), "order": number})
            for n in (1, 2)] + [
        device.event("order.arrived", {"order": number, "arrived_at": "2026-11-24T09:00:00Z"}),
        device.event("sms.requested", {"sms": f"u{number}", "order": number, "purpose": "ready", "attempt": 1})]


def test_server_seq_follows_the_batch_and_a_repeat_in_it_answers_the_first(server: Server) -> None:
    server.import_feed(point_feed(orders=1))
    device = server.enrol()
    first, second, arrived, sms = _scan(device, order_number("0042", 1))
    repeat = dict(first, device_seq=5)
    changed = dict(second, device_seq=6, payload={**second["payload"], "session": "other"})
    results = device.push(first, second, arrived, sms, repeat, changed)
    assert [r["status"] for r in results] == ["applied"] * 4 + ["duplicate", "rejected"]
    seqs = [r["server_seq"] for r in results]
    assert seqs[0] < seqs[1] < seqs[2] < seqs[3]
    assert seqs[4] == seqs[0] and seqs[5] is None
    assert results[5]["reason"] == "event_id_reused_with_different_payload"
    again = device.push(first, second, arrived, sms)
    assert [(r["status"], r["server_seq"]) for r in again] == [("duplicate", s) for s in seqs[:4]]
    with server.db.read() as session:  # the numbers answered are the rows' own
        stored = dict(session.execute(select(EventRecord.event_id, EventRecord.server_seq)).all())
    assert [stored[e["event_id"]] for e in (first, second, arrived, sms)] == seqs[:4] and len(stored) == 4


def test_a_batch_loads_its_orders_boxes_and_codes_at_once(server: Server) -> None:
    server.import_feed(point_feed(orders=2))
    code_pool.fill(server.db, 2, datetime.now(UTC))  # the batch runs once (a dry pool: twice, backend/code_prepare.py)
    device = server.enrol()
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    batch = _scan(device, order_number("0042", 1)) + _scan(device, order_number("0042", 2))
    event.listen(server.db.engine, "before_cursor_execute", record)
    try:
        assert [r["status"] for r in device.push(*batch)] == ["applied"] * 8
    finally:
        event.remove(server.db.engine, "before_cursor_execute", record)
    order_loads = [s for s in statements if s.lstrip().startswith("SELECT orders.id, orders.number")]
    assert len(order_loads) == 1  # both orders, in one query (backend/rules/base.py `preload`)
    assert not [s for s in statements if "WHERE boxes.barcode" in s]  # the boxes came with their orders
    # their codes read at once too, by the batch: the estimate of the codes to take counts from what it read
    assert len([s for s in statements if "FROM pickup_codes" in s]) == 1
    # the batch's ids looked up once, before; on PostgreSQL the new rows go in with the serial's next values, so
    # they are not looked up again to learn them (SQLite: once more, after the insert)
    postgres = server.db.engine.dialect.name == "postgresql"
    assert len([s for s in statements if "FROM events" in s]) == (1 if postgres else 2)
