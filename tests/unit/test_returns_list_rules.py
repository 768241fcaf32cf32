"""The return list and the return session's journal, stated as rules: orders come by number, each shows its
customer and deadline and every box still at the point or already scanned out («n of N», its cell, returned or
not), and every step of a return session is journalled by the clerk who did it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import AuditEntry, Box, Order, PickupPoint
from desktop.services.base import Actor
from desktop.services.returns import RefusedItem, ReturnBoxView, ReturnsService
from tests.support.clock import FakeClock
from tests.support.factories import (
    T0,
    actor_for,
    box_barcode,
    make_cell,
    make_customer,
    make_order,
    make_point,
    make_staff,
)


@pytest.fixture
def clerk(db: Database) -> Actor:
    with db.write() as s:
        point = make_point(s)
        for number in ("500000009", "500000002"):
            order = make_order(s, point, make_customer(s, f"Клиент {number}"), status="refused", number=number)
            for box in order.boxes:
                box.status = "received"
        expired = make_order(s, point, make_customer(s, "Петрова Анна"), status="ready", number="500000005",
                             boxes=3)
        expired.boxes_total = 4  # the fourth box never came
        cell = make_cell(s, point, code="CA0102")
        expired.boxes[0].status, expired.boxes[0].cell_id = "placed", cell.id
        expired.boxes[1].status = "returned"
        expired.boxes[2].status = "expected"
        return actor_for(make_staff(s, point))


def test_the_list_comes_by_number_with_each_orders_boxes_and_deadline(db, clock: FakeClock, clerk) -> None:
    clock.now = T0 + timedelta(days=8)
    listed = ReturnsService(db, clock).return_list().orders
    assert [(o.order_number, o.reason, o.customer_name) for o in listed] == [
        ("500000002", "refused", "Клиент 500000002"), ("500000005", "expired", "Петрова Анна"),
        ("500000009", "refused", "Клиент 500000009")]
    expired = listed[1]
    assert expired.storage_until == T0 + timedelta(days=7)
    assert expired.boxes == (ReturnBoxView(box_barcode("0042", "500000005", 1), 1, 4, "A-01-02", False),
                             ReturnBoxView(box_barcode("0042", "500000005", 2), 2, 4, None, True))


def _journal(db: Database) -> list[tuple[str, int | None]]:
    with db.read() as s:
        return [(e.action, e.staff_id) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_every_step_of_a_return_session_is_journalled_by_its_clerk(db, clock: FakeClock, clerk) -> None:
    returns = ReturnsService(db, clock)
    uid = returns.open_session(clerk)
    with db.read() as s:
        barcode = s.scalars(select(Box.barcode).join(Order).where(Order.number == "500000002")).one()
    returns.scan_box(clerk, uid, barcode)
    returns.close_session(clerk, uid)
    steps = _journal(db)
    assert {action for action, _ in steps} >= {"return.opened", "return.box", "order.returned", "return.closed"}
    assert {staff for _, staff in steps} == {clerk.staff_id}


def test_a_partial_handover_returns_its_refused_lines(db, clock: FakeClock, clerk) -> None:
    with db.write() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.is_local.is_(True))).one()
        order = make_order(s, point, status="partially_handed_over", number="500000007",
                           lines=[("Ноутбук", 2, 50_000_00), ("Мышь", 1, 1_000_00)])
        order.boxes[0].status = "received"  # the box kept at the point with the refused goods
        order.lines[0].refused_quantity, order.lines[0].refusal_reason = 1, "damaged: screen"
    (partial,) = [o for o in ReturnsService(db, clock).return_list().orders if o.order_number == "500000007"]
    refused = RefusedItem("SKU5000000071", "Ноутбук", 1, "damaged: screen")
    assert (partial.reason, partial.items) == ("partial", (refused,))
