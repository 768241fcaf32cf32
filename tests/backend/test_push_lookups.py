"""The lookups a pushed event makes do not grow with the server's size: no outer join that makes SQLite scan
every order (a box's order and its customer always exist)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from tests.backend.conftest import Server, box_barcode, order_number, point_feed


def test_receiving_a_box_joins_its_order_without_an_outer_join(server: Server) -> None:
    server.import_feed(point_feed(orders=1))
    device = server.enrol()
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(server.db.engine, "before_cursor_execute", record)
    try:
        number = order_number("0042", 1)
        result = device.send("box.received", {"session": "s", "box": box_barcode("0042", number, 1), "order": number})
    finally:
        event.remove(server.db.engine, "before_cursor_execute", record)
    assert result["status"] == "applied"
    box_reads = [s for s in statements if s.lstrip().startswith("SELECT") and "FROM boxes" in s]
    assert box_reads
    assert not [s for s in box_reads if "OUTER JOIN" in s]
