"""Who may get a club card (backend/rules/club.py): every refusal is published with the phone it was for; only an
order of the phone's own customers qualifies, a waiting order by its total, the first by number deciding whose card
it is; an accrual is not the welcome bonus; the welcome bonus names the activation event; a card whose welcome
bonus is already on the ledger is a conflict."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.models import BonusEntry, ClubCard, Customer
from tests.backend.conftest import Device, Server, box_barcode, card_number, order_number, point_feed

PHONE, OTHER, UNKNOWN = "+79161234567", "+79035550000", "+79035550077"
FIRST, SECOND, THIRD = (order_number("0042", n) for n in (1, 2, 3))
CARD1, CARD2 = card_number("0042", 1), card_number("0042", 2)


def _activation(card: str = CARD1, phone: str = PHONE) -> dict[str, Any]:
    return {"card": card, "phone": phone, "city": "Москва", "points": 190}


def _receive(device: Device, number: str) -> None:
    for n in (1, 2):
        device.send("box.received", {"session": "s1", "box": box_barcode("0042", number, n), "order": number})
    assert device.send("order.arrived", {"order": number, "arrived_at": "2026-11-24T09:00:00+00:00"})[
        "status"] == "applied"


def _last_result(device: Device) -> dict[str, Any]:
    return [c["payload"] for c in device.all_changes() if c["type"] == "club.activation_result"][-1]


def _refused(device: Device, phone: str, reason: str, card: str = CARD1) -> None:
    result = device.send("club.card_activated", _activation(card, phone))
    assert (result["status"], result["reason"]) == ("rejected", reason)
    assert _last_result(device) == {"card": card, "status": "rejected", "reason": reason, "phone": phone}


def _welcome_bonus(server: Server, external_id: str, card: str | None = None) -> None:
    """An activation entry on the ledger for that customer (and card)."""
    with server.db.write() as session:
        customer = session.scalars(select(Customer).where(Customer.external_id == external_id)).one()
        card_id = session.scalars(select(ClubCard.id).where(ClubCard.number == card)).first() if card else None
        session.add(BonusEntry(customer_id=customer.id, card_id=card_id, reason="activation", points=190,
                               event_id=None, created_at=server.app.state.settings.clock()))


def test_every_refusal_names_the_phone_and_only_the_phones_own_orders_qualify(server: Server) -> None:
    feed = point_feed()
    feed["orders"][2]["customer"]["phone"] = OTHER  # FIRST and SECOND: PHONE's customers; THIRD: OTHER's
    server.import_feed(feed)
    device = server.enrol()
    _refused(device, UNKNOWN, "customer_not_found")
    _receive(device, FIRST)
    _refused(device, OTHER, "no_qualifying_order")  # PHONE's order waits, not OTHER's
    _welcome_bonus(server, f"C{THIRD}")
    _refused(device, OTHER, "activation_bonus_already_credited")
    activation = device.event("club.card_activated", _activation())
    assert device.push(activation)[0]["status"] == "applied"
    _refused(device, PHONE, f"phone_has_card:{CARD1}", card=CARD2)
    entry = [c["payload"] for c in device.all_changes() if c["type"] == "bonus.entry"][-1]
    assert (entry["reason"], entry["card"], entry["event_id"]) == ("activation", CARD1, activation["event_id"])


def test_an_accrual_is_not_the_welcome_bonus(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    _receive(device, FIRST)
    done = device.send("handover.completed", {
        "handover": "h1", "order": FIRST, "result": "handed_over", "verified_by": "code",
        "lines": [{"sku": "SKU-1", "quantity": 1, "refused": 0, "reason": None}], "payment": None})
    assert done["status"] == "applied"
    assert device.send("bonus.accrual", {"order": FIRST, "points": 100})["status"] == "applied"
    assert device.send("club.card_activated", _activation())["status"] == "applied"


def test_the_card_goes_to_the_customer_of_the_first_qualifying_order_by_number(server: Server) -> None:
    feed = point_feed()
    feed["orders"] = feed["orders"][1::-1]  # SECOND imported (and its customer created) before FIRST
    server.import_feed(feed)
    device = server.enrol()
    _receive(device, SECOND)
    _receive(device, FIRST)
    assert device.send("club.card_activated", _activation())["status"] == "applied"
    assert _last_result(device)["customer"] == f"C{FIRST}"


def test_a_waiting_order_counts_its_total_not_its_lines(server: Server) -> None:
    """The total is what the customer pays for the order (delivery included): 5,000 ₽ of it qualifies."""
    feed = point_feed()
    feed["orders"][0]["total_kopecks"] = 500_000
    feed["orders"][0]["lines"][0]["price_kopecks"] = 400_000
    for other in feed["orders"][1:]:
        other["customer"]["phone"] = OTHER
    server.import_feed(feed)
    device = server.enrol()
    _receive(device, FIRST)
    assert device.send("club.card_activated", _activation())["status"] == "applied"


def test_a_card_whose_welcome_bonus_is_already_on_the_ledger_is_a_conflict(server: Server) -> None:
    feed = point_feed()
    feed["orders"][2]["customer"]["phone"] = OTHER
    server.import_feed(feed)
    device = server.enrol()
    _receive(device, FIRST)
    _welcome_bonus(server, f"C{THIRD}", card=CARD1)  # the ledger says CARD1's bonus went to OTHER's customer
    result = device.send("club.card_activated", _activation())
    assert (result["status"], result["reason"]) == ("conflict", "activation_bonus_already_credited")
    with server.db.read() as session:
        assert session.scalars(select(ClubCard.status).where(ClubCard.number == CARD1)).one() == "stock"
