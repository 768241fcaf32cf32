"""The snapshot route's orders: read with one plain query per table, exactly the dicts `order_dict` gives
(the same items as the `order.upsert` changes carry)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, insert, select
from sqlalchemy.orm import selectinload

from backend.models import Box, Customer, Order, OrderLine, Point
from backend.serialize import order_dict, snapshot_orders
from tests.backend.conftest import BOTH_DBS, Server, box_barcode, order_feed, order_number, point_feed


def _orm_orders(session: Any, point: Point) -> list[dict[str, Any]]:
    orders = session.scalars(select(Order).where(Order.point_id == point.id).order_by(Order.number).options(
        selectinload(Order.lines), selectinload(Order.boxes).selectinload(Box.shipment))).all()
    return [order_dict(order, point.code) for order in orders]


@BOTH_DBS
def test_the_snapshot_orders_are_the_order_dicts(server: Server) -> None:
    feed = point_feed(orders=3)
    feed["orders"].append(dict(order_feed("042000009", shipment=None, boxes=3), legal_entity_name="ООО Ромашка"))
    server.import_feed(feed)
    server.import_feed(point_feed("0043", orders=2))
    device = server.enrol()
    number = order_number("0042", 1)
    for n in (1, 2):  # received: box statuses, the order's status
        assert device.send("box.received", {"session": "s", "box": box_barcode("0042", number, n),
                                            "order": number})["status"] == "applied"
    with server.db.read() as session:
        point = session.scalars(select(Point).where(Point.code == "0042")).one()
        ours = snapshot_orders(session, point.id, point.code)
        assert ours == _orm_orders(session, point)
    assert len(ours) == 4 and ours[0]["boxes"][0]["status"] != ours[1]["boxes"][0]["status"]
    assert ours[3]["boxes"][0]["shipment"] is None and ours[0]["boxes"][0]["shipment"] == "R0042"
    assert device.snapshot().json()["orders"] == ours  # the route gives them as they are


def test_the_snapshot_reads_its_orders_with_one_query_per_table(server: Server) -> None:
    server.import_feed(point_feed(orders=1))
    now = datetime(2026, 11, 20, 10, tzinfo=UTC)
    with server.db.write() as session:
        point_id = session.scalar(select(Point.id).where(Point.code == "0042"))
        session.execute(insert(Customer), [{"id": 1000 + n, "full_name": "К", "phone": "+79160000000"}
                                           for n in range(600)])
        session.execute(insert(Order), [{"id": 1000 + n, "number": f"9{n:08d}", "point_id": point_id,
                                         "customer_id": 1000 + n, "total_kopecks": 1, "created_at": now}
                                        for n in range(600)])
        session.execute(insert(OrderLine), [{"order_id": 1000 + n, "sku": "S", "name": "N", "quantity": 1,
                                             "price_kopecks": 1} for n in range(600)])
        session.execute(insert(Box), [{"order_id": 1000 + n, "barcode": f"X{n:08d}"} for n in range(600)])
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    with server.db.read() as session:
        event.listen(server.db.engine, "before_cursor_execute", count)
        try:
            orders = snapshot_orders(session, point_id, "0042")
        finally:
            event.remove(server.db.engine, "before_cursor_execute", count)
    assert len(orders) == 601
    assert len(statements) == 3  # lines, boxes with their shipment, orders with their customer
