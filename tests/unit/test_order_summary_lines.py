"""One line of an order search result: only this point's orders, every column in its place, the customer's phone
masked (the last four digits only) and «locked» when the order was locked after wrong pickup codes."""

from __future__ import annotations

from datetime import timedelta

from desktop.db.engine import Database
from desktop.services.order_summary import OrderSummary, summary_from_row, summary_query
from protocol.phone import mask_for_screen
from tests.support.factories import T0, make_customer, make_order, make_point


def _lines(db: Database) -> list[OrderSummary]:
    with db.read() as s:
        return [summary_from_row(row) for row in s.execute(summary_query()).all()]


def test_a_line_shows_this_points_order_with_the_phone_masked(db: Database) -> None:
    with db.write() as s:
        here, other = make_point(s, code="0042"), make_point(s, code="0077", local=False)
        customer = make_customer(s, "Петрова Анна", "+79161234567")
        make_order(s, here, customer, status="ready", number="500000001", boxes=2, kind="credit", prepaid=False,
                   lines=[("Ноутбук", 2, 5_000_00), ("Мышь", 1, 1_000_00)], storage_days=5)
        make_order(s, other, customer, status="ready", number="500000002")
    assert _lines(db) == [OrderSummary("500000001", "ready", "credit", False, "Петрова Анна",
                                       mask_for_screen("+79161234567"), 2, 11_000_00, T0 + timedelta(days=5), False)]
    assert "1234567" not in _lines(db)[0].masked_phone


def test_a_locked_order_shows_as_locked(db: Database) -> None:
    with db.write() as s:
        order = make_order(s, make_point(s), status="ready", number="500000001", prepaid=True)
        order.locked_at = T0
    (line,) = _lines(db)
    assert line.locked and line.prepaid and line.storage_until is not None
