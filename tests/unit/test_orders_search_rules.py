"""The manager's order search, stated as rules: names match in any case with ё = е and any spacing, two letters
are enough, newest orders come first, and a name shared by hundreds of customers still finds every one of their
orders once (the customers are read in chunks), at most SEARCH_LIMIT of them."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from desktop.db.engine import Database
from desktop.db.models import Customer
from desktop.services.orders import SEARCH_LIMIT, OrderService, normalize_name, orders_by_phone_and_name
from protocol.errors import DomainError
from tests.support.clock import FakeClock
from tests.support.factories import make_customer, make_order, make_point


def test_a_name_is_compared_without_case_yo_or_extra_spaces() -> None:
    assert normalize_name("  ПЁТР   Иванович\t") == "петр иванович"


def test_two_letters_of_a_name_are_enough_and_one_is_refused(db: Database, clock: FakeClock) -> None:
    with db.write() as s:
        order = make_order(s, make_point(s), make_customer(s, "Ив Анна", "+79160000042"), number="500000001")
    svc = OrderService(db, clock)
    assert [o.number for o in svc.search("ив")] == [order.number]
    with db.read() as s:
        assert [o.number for o in orders_by_phone_and_name(s, "0042", "ИВ")] == [order.number]
    with pytest.raises(DomainError) as info:
        svc.search("и")
    assert info.value.code == "orders.name_required"


def test_the_newest_order_comes_first(db: Database, clock: FakeClock) -> None:
    with db.write() as s:
        point, customer = make_point(s), make_customer(s, "Петров Пётр", "+79160000042")
        older, newer = (make_order(s, point, customer, number=n).number for n in ("500000002", "500000001"))
    svc = OrderService(db, clock)
    for query in ("+79160000042", "0042", "петров", "петров пётр", "0042 петров пётр"):
        assert [o.number for o in svc.search(query)] == [newer, older], query


def _namesakes(db: Database, count: int) -> None:
    with db.write() as s:
        s.execute(insert(Customer), [{"full_name": f"Сидоров {i}", "phone": f"+7903{i:07d}",
                                      "phone_last4": f"{i:04d}", "email": None} for i in range(count)])


def test_every_namesakes_order_is_found_once_across_chunks_of_customers(db: Database, clock: FakeClock) -> None:
    _namesakes(db, 501)  # the 1st and the 501st customer named Сидоров have orders: in two chunks of 500
    with db.write() as s:
        point = make_point(s)
        first, last = (s.query(Customer).filter_by(full_name=f"Сидоров {i}").one() for i in (0, 500))
        numbers = [make_order(s, point, first, number="500000001").number,
                   make_order(s, point, last, number="500000002").number]
    assert sorted(o.number for o in OrderService(db, clock).search("сидоров")) == numbers


def test_a_name_search_stops_at_the_limit(db: Database, clock: FakeClock) -> None:
    with db.write() as s:
        point, customer = make_point(s), make_customer(s, "Сидоров Олег", "+79160000042")
        for _ in range(SEARCH_LIMIT + 1):
            make_order(s, point, customer, boxes=0)
    assert len(OrderService(db, clock).search("сидоров")) == SEARCH_LIMIT == 50
