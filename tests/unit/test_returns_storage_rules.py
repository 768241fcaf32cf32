"""The expiring list, stated as rules: by default it is today's, it holds only this point's ready orders, orders
with the same deadline come by number, and each line names the customer, the deadline and whether it was already
extended (a second extension is refused)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.db.engine import Database
from desktop.db.models import Order
from desktop.services.base import Actor, Role
from desktop.services.returns import ReturnsService
from tests.support.clock import FakeClock
from tests.support.factories import T0, actor_for, make_customer, make_order, make_point, make_staff

DEADLINE = T0 + timedelta(hours=5)  # later today at the point


@pytest.fixture
def manager(db: Database) -> Actor:
    with db.write() as s:
        here, other = make_point(s), make_point(s, code="0077", local=False)
        for point, number in ((here, "500000003"), (here, "500000001"), (other, "500000002")):
            order = make_order(s, point, make_customer(s, f"Клиент {number}"), status="ready", number=number)
            s.get(Order, order.id).storage_until = DEADLINE
        return actor_for(make_staff(s, here, Role.MANAGER))


def test_todays_list_holds_this_points_orders_by_deadline_then_number(db, clock: FakeClock, manager) -> None:
    returns = ReturnsService(db, clock)
    listed = returns.expiring()
    assert [(o.order_number, o.customer_name, o.storage_until, o.extended) for o in listed] == [
        ("500000001", "Клиент 500000001", DEADLINE, False), ("500000003", "Клиент 500000003", DEADLINE, False)]
    assert listed == returns.expiring("today")


def test_an_extended_order_is_marked_on_the_list(db, clock: FakeClock, manager) -> None:
    returns = ReturnsService(db, clock)
    until = returns.extend(manager, "500000001", 1).storage_until
    clock.advance(days=1)
    (line,) = returns.expiring("today")
    assert (line.order_number, line.storage_until, line.extended) == ("500000001", until, True)
