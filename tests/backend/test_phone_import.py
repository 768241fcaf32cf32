"""The server's import stores every phone in E.164 and rejects a malformed one with a reason (no full number)."""

from __future__ import annotations

from sqlalchemy import select

from backend.models import Customer
from tests.backend.conftest import Server, order_feed, order_number, point_feed


def test_import_stores_phones_in_e164(server: Server) -> None:
    feed = point_feed(orders=0, cards=0)
    feed["orders"] = [order_feed(order_number("0042", 1), shipment=None, phone="8 (916) 123-45-67")]
    server.import_feed(feed)
    with server.db.session() as s:
        assert list(s.scalars(select(Customer.phone))) == ["+79161234567"]


def test_a_malformed_phone_rejects_the_import_with_a_masked_reason(server: Server) -> None:
    feed = point_feed(orders=0, cards=0)
    feed["orders"] = [order_feed(order_number("0042", 1), shipment=None, phone="+7 000 123 45 67 99")]
    reply = server.admin("POST", "/v1/admin/import", json=feed)
    assert reply.status_code == 422
    assert "bad phone" in reply.text
    assert "0001234567" not in reply.text
