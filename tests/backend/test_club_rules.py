"""The server is authoritative on the club rules: qualifying order, listed city, one card per phone, +190 once,
accrual on the roubles paid, one welcome SMS per activation — on SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from backend.models import BonusEntry, ClubCard, Customer
from backend.sms.models import SmsOutbox
from tests.backend.conftest import BOTH_DBS, Device, Server, box_barcode, card_number, order_number, point_feed

PHONE = "+79161234567"
FIRST, SECOND = order_number("0042", 1), order_number("0042", 2)
CARD1, CARD2 = card_number("0042", 1), card_number("0042", 2)


def _activation(card: str = CARD1, phone: str = PHONE, city: str = "Москва") -> dict[str, Any]:
    return {"card": card, "phone": phone, "city": city, "points": 190}


def _club_sms(sms: str, order: str = FIRST, attempt: int = 1) -> dict[str, Any]:
    return {"sms": sms, "order": order, "purpose": "club", "attempt": attempt}


def _receive(device: Device, number: str = FIRST) -> None:
    for n in (1, 2):
        device.send("box.received", {"session": "s1", "box": box_barcode("0042", number, n), "order": number})
    device.send("order.arrived", {"order": number, "arrived_at": "2026-11-24T09:00:00+00:00"})


def _count(server: Server, model: Any, *where: Any) -> int:
    with server.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _card(server: Server, number: str) -> ClubCard:
    with server.db.read() as session:
        card = session.scalars(select(ClubCard).where(ClubCard.number == number)).one()
        session.expunge(card)
        return card


def _results(device: Device) -> list[dict[str, Any]]:
    return [c["payload"] for c in device.all_changes() if c["type"] == "club.activation_result"]


def _handover(device: Device, uid: str, number: str, result: str, lines: list[dict[str, Any]]) -> dict[str, Any]:
    return device.send("handover.completed", {"handover": uid, "order": number, "result": result,
                                              "verified_by": "code", "lines": lines, "payment": None})


@BOTH_DBS
def test_activation_needs_a_qualifying_order_a_listed_city_and_a_free_phone(server: Server) -> None:
    server.import_feed(point_feed(cards=3))
    device = server.enrol()
    early = device.send("club.card_activated", _activation())  # the 12,500 ₽ order is still in transit
    assert (early["status"], early["reason"]) == ("rejected", "no_qualifying_order")
    stranger = device.send("club.card_activated", _activation(phone="+79990000000"))
    assert (stranger["status"], stranger["reason"]) == ("rejected", "customer_not_found")
    _receive(device)
    for city in ("", "Урюпинск"):
        refused = device.send("club.card_activated", _activation(city=city))
        assert (refused["status"], refused["reason"]) == ("rejected", "unknown_city"), city
    too_long = device.send("club.card_activated", _activation(city="М" * 500))  # checked before any rule, never a 500
    assert (too_long["status"], too_long["reason"]) == ("rejected", "text_too_long:city")
    assert _card(server, CARD1).status == "stock"
    assert device.send("club.card_activated", _activation(city=" москва "))["status"] == "applied"
    card = _card(server, CARD1)
    assert (card.status, card.city) == ("active", "Москва")
    second = device.send("club.card_activated", _activation(card=CARD2))
    assert (second["status"], second["reason"]) == ("rejected", f"phone_has_card:{CARD1}")
    assert _card(server, CARD2).status == "stock"
    assert _count(server, BonusEntry, BonusEntry.reason == "activation") == 1
    assert [(r["card"], r["status"], r["reason"]) for r in _results(device)][-2:] == [
        (CARD1, "active", None), (CARD2, "rejected", f"phone_has_card:{CARD1}")]


@BOTH_DBS
def test_a_small_or_mostly_refused_order_does_not_qualify(server: Server) -> None:
    feed = point_feed()
    small, refused = feed["orders"][0], feed["orders"][1]
    small.update(status="ready", total_kopecks=499_999)
    small["lines"][0]["price_kopecks"] = 499_999
    small["customer"]["phone"] = "+79035550011"
    refused["customer"]["phone"] = "+79035550022"
    server.import_feed(feed)
    device = server.enrol()
    result = device.send("club.card_activated", _activation(phone="+79035550011"))
    assert (result["status"], result["reason"]) == ("rejected", "no_qualifying_order")
    _receive(device, SECOND)
    _handover(device, "h1", SECOND, "partially_handed_over",
              [{"sku": "SKU-1", "quantity": 1, "refused": 1, "reason": "брак"}])
    result = device.send("club.card_activated", _activation(phone="+79035550022"))
    assert (result["status"], result["reason"]) == ("rejected", "no_qualifying_order")
    assert _count(server, BonusEntry) == 0


@BOTH_DBS
def test_welcome_bonus_is_once_per_customer(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    _receive(device)
    with server.db.write() as session:  # the customer had the welcome bonus before (say, from the old system)
        customer = session.scalars(select(Customer).where(Customer.phone == PHONE)).first()
        assert customer is not None
        session.add(BonusEntry(customer_id=customer.id, reason="activation", points=190, event_id="old",
                               created_at=server.app.state.settings.clock()))
    result = device.send("club.card_activated", _activation())
    assert (result["status"], result["reason"]) == ("rejected", "activation_bonus_already_credited")
    assert _card(server, CARD1).status == "stock"
    assert _count(server, BonusEntry, BonusEntry.reason == "activation") == 1


@BOTH_DBS
def test_accrual_only_on_the_roubles_paid_for_what_was_taken(server: Server) -> None:
    feed = point_feed()
    feed["orders"][0].update(total_kopecks=1_000_000, lines=[
        {"sku": "TV", "name": "Телевизор", "quantity": 1, "price_kopecks": 800_000, "serial": "SN1"},
        {"sku": "CBL", "name": "Кабель", "quantity": 2, "price_kopecks": 100_000, "serial": None}])
    server.import_feed(feed)
    device = server.enrol()
    _receive(device)
    _receive(device, SECOND)
    lines = [{"sku": "TV", "quantity": 1, "refused": 0, "reason": None},
             {"sku": "CBL", "quantity": 2, "refused": 2, "reason": "не подошёл"}]
    assert _handover(device, "h1", FIRST, "partially_handed_over", lines)["status"] == "applied"
    full = device.send("bonus.accrual", {"order": FIRST, "points": 10_000})  # the whole order's total
    assert (full["status"], full["reason"]) == ("rejected", "points_exceed_paid:10000>8000")
    assert device.send("bonus.accrual", {"order": FIRST, "points": 8_000})["status"] == "applied"
    every_line = [{"sku": "SKU-1", "quantity": 1, "refused": 1, "reason": "передумал"}]
    assert _handover(device, "h2", SECOND, "partially_handed_over", every_line)["status"] == "applied"
    nothing_paid = device.send("bonus.accrual", {"order": SECOND, "points": 12_500})
    assert (nothing_paid["status"], nothing_paid["reason"]) == ("rejected", "points_exceed_paid:12500>0")
    with server.db.read() as session:
        assert list(session.scalars(select(BonusEntry.points).where(BonusEntry.reason == "accrual"))) == [8_000]


@BOTH_DBS
def test_welcome_sms_in_the_activations_batch_is_sent_once(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    other = server.enrol(name="COUNTER-2")
    _receive(device)
    _receive(device, SECOND)
    early = device.send("sms.requested", _club_sms("c0"))
    assert (early["status"], early["reason"]) == ("conflict", f"no_active_card:{FIRST}")
    batch = device.push(device.event("club.card_activated", _activation()), device.event("sms.requested",
                                                                                          _club_sms("c1", attempt=2)))
    assert [r["status"] for r in batch] == ["applied", "applied"], batch
    # the other PC's lost activation of a second card for the same customer, with its own welcome SMS
    lost = other.push(other.event("club.card_activated", _activation(card=CARD2)),
                      other.event("sms.requested", _club_sms("c2", order=SECOND)))
    assert [r["status"] for r in lost] == ["rejected", "applied"] and lost[1]["reason"] == "already_requested"
    with server.db.read() as session:
        sms = session.scalars(select(SmsOutbox).where(SmsOutbox.purpose == "club")).one()
    assert (sms.order_number, sms.uid, sms.phone) == (FIRST, "c1", PHONE)
    assert CARD1 in sms.text and "190" in sms.text
    resend = device.send("sms.requested", _club_sms("c3", attempt=3))  # a clerk's resend is a new attempt
    assert resend["status"] == "applied"
    assert _count(server, SmsOutbox, SmsOutbox.purpose == "club") == 2


@BOTH_DBS
def test_of_two_customers_of_one_phone_the_first_qualifying_order_by_number_holds_the_card(server: Server) -> None:
    server.import_feed(point_feed(cards=1))  # each order has its own customer, all on one phone
    device = server.enrol()
    _receive(device, SECOND)  # the later order arrives first
    _receive(device, FIRST)
    assert device.send("club.card_activated", _activation())["status"] == "applied"
    with server.db.read() as session:
        holder = session.scalars(select(Customer.external_id).join(ClubCard, ClubCard.customer_id == Customer.id)
                                 .where(ClubCard.number == CARD1)).one()
    assert holder == f"C{FIRST}"  # the counter gives the card to the same customer (tests/unit/test_club_edges.py)
