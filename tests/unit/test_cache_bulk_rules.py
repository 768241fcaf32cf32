"""Bulk order upserts, rule by rule: a customer's phone from an older feed is stored in its E.164 form, the
server's storage deadline is kept, and orders the session already holds are read afresh after the bulk write."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from desktop import cache_import
from desktop.cache_bulk import upsert_orders
from desktop.db.engine import Database
from desktop.db.models import Customer, Order
from tests.integration.shapes import order_dict, point_dict


@pytest.fixture
def s(db: Database) -> Any:
    with db.write() as session:
        cache_import.load_reference_data(session, {"point": point_dict()})
        yield session


def test_an_older_feeds_phone_is_stored_in_e164(s: Any) -> None:
    first, second = order_dict("100000001"), order_dict("100000002", phone="+79160000002")
    first["customer"]["phone"] = "8 (916) 555-44-33"
    upsert_orders(s, [first, second])
    phones = dict(s.execute(select(Customer.external_id, Customer.phone)).all())
    assert phones == {"C-+79161234567": "+79165554433", "C-+79160000002": "+79160000002"}
    assert s.scalars(select(Customer.phone_last4).where(Customer.phone == "+79165554433")).one() == "4433"


def test_the_servers_storage_deadline_is_kept(s: Any) -> None:
    ready = order_dict("100000001", status="ready") | {"storage_until": "2026-12-01T21:00:00+00:00"}
    upsert_orders(s, [ready, order_dict("100000002")])
    until = dict(s.execute(select(Order.number, Order.storage_until)).all())
    assert until["100000001"].replace(tzinfo=UTC) == datetime(2026, 12, 1, 21, 0, tzinfo=UTC)
    assert until["100000002"] is None


def test_an_order_the_session_holds_is_read_afresh_after_the_bulk_write(s: Any) -> None:
    other = order_dict("100000002", phone="+79160000002")
    upsert_orders(s, [order_dict("100000001"), other])
    held = s.scalars(select(Order).where(Order.number == "100000001")).one()
    customer = s.get(Customer, held.customer_id)
    assert held.status == "in_transit"
    renamed = order_dict("100000001", status="arrived")
    renamed["customer"]["full_name"] = "Petrov"
    upsert_orders(s, [renamed, other])
    assert held.status == "arrived" and customer.full_name == "Petrov"


def test_a_lines_serial_and_a_boxs_size_come_from_the_feed(s: Any) -> None:
    from desktop.db.models import Box, OrderLine

    first, second = order_dict("100000001"), order_dict("100000002", phone="+79160000002")
    first["lines"][0]["serial"] = "SN-123"
    first["boxes"][0]["size_class"] = "L"
    upsert_orders(s, [first, second])
    assert s.scalars(select(OrderLine.serial).where(OrderLine.sku == "SKU-100000001")).one() == "SN-123"
    sizes = dict(s.execute(select(Box.barcode, Box.size_class)).all())
    assert sizes == {"B004210000000101": "L", "B004210000000201": "M"}
