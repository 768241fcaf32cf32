"""Server rules the main rule tests leave open (issue 18): invalid SMS requests, what a refused handover must
not touch, per-line refusals, boxes the arrival takes in, the returned order in the feed, another point's card,
and the production cost of pickup-code hashes. On SQLite and on a real PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from backend.config import Settings
from backend.importer import new_code_hash_params
from backend.models import Box, ClubCard, Order, OrderLine
from backend.sms.models import SmsOutbox
from protocol.pickup_code import CodeHashParams
from tests.backend.conftest import BOTH_DBS, Device, Server, box_barcode, card_number, order_number, point_feed

NUMBER = order_number("0042", 1)
ARRIVED = {"order": NUMBER, "arrived_at": "2026-11-24T09:00:00+00:00"}


def _ready(server: Server, feed: dict[str, Any] | None = None) -> Device:
    server.import_feed(feed or point_feed())
    return server.enrol()


def _receive(device: Device, *boxes: int) -> None:
    for n in boxes:
        box = {"session": "s1", "box": box_barcode("0042", NUMBER, n), "order": NUMBER}
        assert device.send("box.received", box)["status"] == "applied"


def _arrive_all(device: Device) -> None:
    _receive(device, 1, 2)
    assert device.send("order.arrived", ARRIVED)["status"] == "applied"


def _boxes(server: Server, number: str = NUMBER) -> list[Box]:
    with server.db.read() as session:
        boxes = list(session.scalars(select(Box).join(Order).where(Order.number == number).order_by(Box.seq_no)))
        for box in boxes:
            session.expunge(box)
        return boxes


def _order(server: Server, number: str = NUMBER) -> Order:
    with server.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        session.expunge(order)
        return order


def _upserts(device: Device, number: str = NUMBER) -> list[dict[str, Any]]:
    return [c["payload"] for c in device.all_changes() if c["type"] == "order.upsert"
            and c["payload"]["number"] == number]


# --- SMS requests the server must refuse ---------------------------------------------------------------------


@BOTH_DBS
@pytest.mark.parametrize(
    ("purpose", "attempt"),
    [("spam", 1), ("", 1), ("correction", 1), ("ready", 0), ("reminder", 0), ("ready", -1)],
)
def test_an_sms_request_with_an_unknown_purpose_or_no_attempt_number_is_rejected(server: Server, purpose, attempt):
    """Purposes a counter may ask for are ready / reminder / receipt / club (a correction is the server's own);
    attempts count from 1."""
    device = _ready(server)
    _arrive_all(device)
    sent = _count_sms(server)
    result = device.send("sms.requested", {"sms": "u9", "order": NUMBER, "purpose": purpose, "attempt": attempt})
    assert (result["status"], result["reason"]) == ("rejected", f"invalid_sms_request:{purpose}/{attempt}")
    assert _count_sms(server) == sent


def _count_sms(server: Server) -> int:
    with server.db.read() as session:
        return len(session.scalars(select(SmsOutbox.id)).all())


# --- handover: a refusal leaves the goods at the point; refusals per line --------------------------------------


@BOTH_DBS
def test_a_refused_handover_leaves_the_boxes_at_the_point_and_sets_no_handover_time(server: Server) -> None:
    device = _ready(server)
    _arrive_all(device)
    result = device.send("handover.completed", {
        "handover": "h-refused", "order": NUMBER, "result": "refused", "verified_by": "code",
        "lines": [{"sku": "SKU-1", "quantity": 1, "refused": 1, "reason": "не подошёл цвет"}], "payment": None})
    assert result["status"] == "applied", result
    order = _order(server)
    assert order.status == "refused" and order.handed_over_at is None
    assert [b.status for b in _boxes(server)] == ["received", "received"]
    assert _upserts(device)[-1]["handed_over_at"] is None


@BOTH_DBS
def test_a_handover_records_each_lines_refusal_within_its_quantity(server: Server) -> None:
    feed = point_feed(orders=1)
    feed["orders"][0]["lines"] = [
        {"sku": "SKU-1", "name": "Кабель", "quantity": 3, "price_kopecks": 50_000, "serial": None},
        {"sku": "SKU-2", "name": "Чехол", "quantity": 2, "price_kopecks": 100_000, "serial": None},
        {"sku": "SKU-3", "name": "Смартфон", "quantity": 1, "price_kopecks": 950_000, "serial": "SN1"},
        {"sku": "SKU-4", "name": "Плёнка", "quantity": 1, "price_kopecks": 50_000, "serial": None},
    ]
    device = _ready(server, feed)
    _arrive_all(device)
    result = device.send("handover.completed", {
        "handover": "h-lines", "order": NUMBER, "result": "partially_handed_over", "verified_by": "code",
        "lines": [
            {"sku": "SKU-1", "quantity": 3, "refused": 2, "reason": "брак"},
            {"sku": "SKU-2", "quantity": 2, "refused": 5, "reason": "x" * 400},  # more than the line holds
            {"sku": "SKU-3", "quantity": 1, "refused": 0, "reason": "не важно"},  # nothing refused: no reason
            {"sku": "SKU-4", "quantity": 1, "refused": 1, "reason": ""},  # refused without a reason
            {"sku": "SKU-99", "quantity": 1, "refused": 1, "reason": "нет такой строки"},
        ],
        "payment": None})
    assert result["status"] == "applied", result
    with server.db.read() as session:
        lines = {x.sku: (x.refused_quantity, x.refusal_reason) for x in session.scalars(select(OrderLine))}
    assert lines == {
        "SKU-1": (2, "брак"),
        "SKU-2": (2, "x" * 300),  # never more than the line's quantity; the reason cut to its 300 characters
        "SKU-3": (0, None),
        "SKU-4": (1, None),
    }


# --- arrival ---------------------------------------------------------------------------------------------------


@BOTH_DBS
def test_an_arrival_takes_in_the_boxes_still_expected(server: Server) -> None:
    """The counter says the whole order arrived: a box whose own scan event is missing is received too."""
    device = _ready(server, point_feed(orders=1))
    _receive(device, 1)
    assert [b.status for b in _boxes(server)] == ["received", "expected"]
    assert device.send("order.arrived", ARRIVED)["status"] == "applied"
    boxes = _boxes(server)
    assert [b.status for b in boxes] == ["received", "received"]
    assert boxes[1].received_at is not None and boxes[1].received_by == device.device_id
    assert {b["status"] for b in _upserts(device)[-1]["boxes"]} == {"received"}
    shipments = [c["payload"] for c in device.all_changes() if c["type"] == "shipment.upsert"]
    assert shipments[-1]["status"] == "received"  # nothing of the truck is expected any more


# --- returns -----------------------------------------------------------------------------------------------------


@BOTH_DBS
def test_a_returned_order_is_published_as_returned(server: Server) -> None:
    device = _ready(server)
    _arrive_all(device)
    for n in (1, 2):
        returned = {"session": "r1", "box": box_barcode("0042", NUMBER, n), "order": NUMBER, "reason": "expired"}
        assert device.send("box.returned", returned)["status"] == "applied"
    assert device.send("order.returned", {"order": NUMBER, "session": "r1"})["status"] == "applied"
    assert _upserts(device)[-1]["status"] == "returned"
    assert _order(server).returned_at is not None


# --- club ---------------------------------------------------------------------------------------------------------


@BOTH_DBS
def test_a_card_of_another_points_stock_cannot_be_activated_here(server: Server) -> None:
    server.import_feed(point_feed("0077"))
    device = _ready(server)
    _arrive_all(device)  # the customer qualifies: only the card is wrong
    card = card_number("0077", 1)
    result = device.send("club.card_activated", {"card": card, "phone": "+79161234567", "city": "Москва",
                                                 "points": 190})
    assert (result["status"], result["reason"]) == ("rejected", f"foreign_card:{card}")
    with server.db.read() as session:
        row = session.scalars(select(ClubCard).where(ClubCard.number == card)).one()
        assert (row.status, row.customer_id) == ("stock", None)


# --- the production cost of pickup-code hashes --------------------------------------------------------------------


def test_a_server_hashes_pickup_codes_at_production_cost_unless_told_otherwise() -> None:
    """scrypt n=2**14, r=8, p=1: the cost the tests lower to 2**8 for speed is the real one by default."""
    assert Settings(database_url="sqlite://").code_hash_n == 2**14
    params = CodeHashParams.decode(new_code_hash_params(Settings(database_url="sqlite://").code_hash_n))
    assert (params.n, params.r, params.p, len(params.salt)) == (2**14, 8, 1, 16)
