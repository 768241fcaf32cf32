"""Club rules at their edges (backend/rules/club.py): an order of exactly 5,000 ₽ qualifies (waiting whole, or
taken for exactly that much), the second activation of a card is a conflict naming its phone, the welcome bonus
is the server's configured points on the activated customer's card, accrual refuses zero or negative points, and
the welcome SMS asked by card number, for an inactive card, or after an earlier card's SMS."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.models import BonusEntry, ClubCard, Customer
from backend.rules.club import ORDER_READY, ORDER_TAKEN
from backend.sms.models import SmsOutbox
from tests.backend.conftest import Device, Server, box_barcode, card_number, order_number, point_feed
from tests.support.clock import FakeClock

PHONE = "+79161234567"
FIRST, SECOND = order_number("0042", 1), order_number("0042", 2)
CARD1, CARD2 = card_number("0042", 1), card_number("0042", 2)
LIMIT = 500_000  # 5,000 ₽ in kopecks


def _activation(card: str = CARD1, phone: str = PHONE) -> dict[str, Any]:
    return {"card": card, "phone": phone, "city": "Москва", "points": 190}


def _receive(device: Device, number: str = FIRST) -> None:
    for n in (1, 2):
        device.send("box.received", {"session": "s1", "box": box_barcode("0042", number, n), "order": number})
    assert device.send("order.arrived", {"order": number, "arrived_at": "2026-11-24T09:00:00+00:00"})[
        "status"] == "applied"


def _changes(device: Device, type_: str) -> list[dict[str, Any]]:
    return [c["payload"] for c in device.all_changes() if c["type"] == type_]


def _feed(total: int, lines: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    feed = point_feed()
    feed["orders"][0]["total_kopecks"] = total
    feed["orders"][0]["lines"] = lines or [
        {"sku": "SKU-1", "name": "Смартфон", "quantity": 1, "price_kopecks": total, "serial": "SN1"}]
    for other in feed["orders"][1:]:
        other["customer"]["phone"] = "+79035550000"
    return feed


def test_the_statuses_whose_orders_count_for_the_club() -> None:
    """Waiting whole at the point (arrived or ready) counts its total; handed over, fully or partly, what was taken."""
    assert set(ORDER_READY) == {"arrived", "ready"}
    assert set(ORDER_TAKEN) == {"handed_over", "partially_handed_over"}


def test_an_order_of_exactly_5000_roubles_waiting_at_the_point_qualifies(server: Server) -> None:
    server.import_feed(_feed(LIMIT))
    device = server.enrol()
    _receive(device)
    assert device.send("club.card_activated", _activation())["status"] == "applied"


def test_an_order_taken_for_exactly_5000_roubles_qualifies(server: Server) -> None:
    lines = [{"sku": "TV", "name": "Телевизор", "quantity": 1, "price_kopecks": LIMIT, "serial": "SN1"},
             {"sku": "CBL", "name": "Кабель", "quantity": 1, "price_kopecks": 100_000, "serial": None}]
    server.import_feed(_feed(LIMIT + 100_000, lines))
    device = server.enrol()
    _receive(device)
    done = device.send("handover.completed", {
        "handover": "h1", "order": FIRST, "result": "partially_handed_over", "verified_by": "code",
        "lines": [{"sku": "TV", "quantity": 1, "refused": 0, "reason": None},
                  {"sku": "CBL", "quantity": 1, "refused": 1, "reason": "не нужен"}], "payment": None})
    assert done["status"] == "applied"
    assert device.send("club.card_activated", _activation())["status"] == "applied"


def test_the_welcome_bonus_is_the_configured_points_credited_to_the_activated_customer(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    _receive(device)
    assert device.send("club.card_activated", _activation())["status"] == "applied"
    points = server.app.state.settings.activation_points
    results = _changes(device, "club.activation_result")
    assert results[-1] == {"card": CARD1, "status": "active", "reason": None, "phone": PHONE,
                           "customer": f"C{FIRST}"}
    confirmed = _changes(device, "bonus.confirmed")
    assert confirmed[-1] == {"order": None, "card": CARD1, "reason": "activation", "points": points}
    with server.db.read() as session:
        entry = session.scalars(select(BonusEntry)).one()
        card = session.scalars(select(ClubCard).where(ClubCard.number == CARD1)).one()
        assert (entry.card_id, entry.customer_id, entry.points) == (card.id, card.customer_id, points)
    upserts = [c for c in _changes(device, "card.upsert") if c["number"] == CARD1]
    assert upserts[-1]["status"] == "active"


def test_a_second_activation_of_an_active_card_is_a_conflict_naming_its_phone(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    _receive(device)
    assert device.send("club.card_activated", _activation())["status"] == "applied"
    again = device.send("club.card_activated", _activation(phone="+79035550099"))
    assert (again["status"], again["reason"]) == ("conflict", "card_already_active")
    assert _changes(device, "club.activation_result")[-1] == {
        "card": CARD1, "status": "rejected", "reason": "card_already_active", "phone": "+79035550099"}


def test_accrual_of_zero_or_negative_points_is_rejected(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    _receive(device)
    done = device.send("handover.completed", {
        "handover": "h1", "order": FIRST, "result": "handed_over", "verified_by": "code",
        "lines": [{"sku": "SKU-1", "quantity": 1, "refused": 0, "reason": None}], "payment": None})
    assert done["status"] == "applied"
    for points in (0, -5):
        result = device.send("bonus.accrual", {"order": FIRST, "points": points})
        assert (result["status"], result["reason"]) == ("rejected", f"invalid_points:{points}")
    one = device.send("bonus.accrual", {"order": FIRST, "points": 1})
    assert one["status"] == "applied"
    assert _changes(device, "bonus.confirmed")[-1] == {"order": FIRST, "card": None, "reason": "accrual",
                                                       "points": 1}


def _club_sms(sms: str, order: str, attempt: int = 1) -> dict[str, Any]:
    return {"sms": sms, "order": order, "purpose": "club", "attempt": attempt}


def _club_rows(server: Server) -> list[tuple[str, int, str, str]]:
    with server.db.read() as session:
        return [(r.order_number, r.attempt, r.uid, r.phone) for r in session.scalars(
            select(SmsOutbox).where(SmsOutbox.purpose == "club").order_by(SmsOutbox.id))]


def test_the_welcome_sms_asked_by_card_number_goes_to_the_cards_customer(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    _receive(device)
    assert device.send("club.card_activated", _activation())["status"] == "applied"
    assert device.send("sms.requested", _club_sms("w1", CARD1))["status"] == "applied"
    assert _club_rows(server) == [(CARD1, 1, "w1", PHONE)]
    with server.db.read() as session:
        text = session.scalars(select(SmsOutbox.text).where(SmsOutbox.purpose == "club")).one()
    points = server.app.state.settings.activation_points
    assert CARD1 in text and str(points) in text


def test_no_welcome_sms_for_a_card_no_longer_active(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    _receive(device)
    assert device.send("club.card_activated", _activation())["status"] == "applied"
    with server.db.write() as session:  # the card was blocked since
        session.execute(ClubCard.__table__.update().where(ClubCard.number == CARD1).values(status="blocked"))
    result = device.send("sms.requested", _club_sms("w1", CARD1))
    assert (result["status"], result["reason"]) == ("conflict", f"no_active_card:{CARD1}")
    assert _club_rows(server) == []


def test_an_earlier_cards_welcome_sms_does_not_stand_for_a_new_activation(server: Server, clock: FakeClock) -> None:
    """Only a club SMS queued since this card's activation makes a first request a repeat."""
    server.import_feed(point_feed())
    device = server.enrol()
    _receive(device)
    assert device.send("club.card_activated", _activation())["status"] == "applied"
    assert device.send("sms.requested", _club_sms("w1", FIRST))["status"] == "applied"
    with server.db.write() as session:  # the card is given back (blocked), later a new card is activated
        session.execute(ClubCard.__table__.update().where(ClubCard.number == CARD1).values(status="blocked"))
        session.execute(BonusEntry.__table__.delete())
    clock.advance(minutes=5)
    assert device.send("club.card_activated", _activation(card=CARD2))["status"] == "applied"
    second = device.send("sms.requested", _club_sms("w2", SECOND))  # another order of the same phone
    assert (second["status"], second["reason"]) == ("applied", None)
    assert _club_rows(server) == [(FIRST, 1, "w1", PHONE), (SECOND, 1, "w2", PHONE)]


def test_a_refused_activation_is_published_with_the_phone_it_was_for(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    refused = device.send("club.card_activated", {**_activation(), "city": "Урюпинск"})
    assert (refused["status"], refused["reason"]) == ("rejected", "unknown_city")
    assert _changes(device, "club.activation_result")[-1] == {
        "card": CARD1, "status": "rejected", "reason": "unknown_city", "phone": PHONE}


def test_the_welcome_sms_row_is_the_points_at_the_servers_time(server: Server, clock: FakeClock) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    _receive(device)
    clock.advance(minutes=7)
    batch = device.push(device.event("club.card_activated", _activation()),
                        device.event("sms.requested", _club_sms("w1", FIRST)))
    assert [r["status"] for r in batch] == ["applied", "applied"]
    with server.db.read() as session:
        row = session.scalars(select(SmsOutbox).where(SmsOutbox.purpose == "club")).one()
        assert (row.point_code, row.created_at.replace(tzinfo=None)) == ("0042", clock().replace(tzinfo=None))


def test_another_phones_card_or_sms_does_not_stand_for_this_customers(server: Server) -> None:
    """The welcome SMS goes once per card to its own phone: another customer's club SMS, or a «ready» SMS to
    this phone since the activation, is not it; a customer without a card gets none."""
    feed = point_feed()
    feed["orders"][1]["customer"]["phone"] = "+79035550022"
    server.import_feed(feed)
    device = server.enrol()
    _receive(device, SECOND)
    assert device.send("club.card_activated", _activation(card=CARD2, phone="+79035550022"))["status"] == "applied"
    none_here = device.send("sms.requested", _club_sms("w0", FIRST))
    assert (none_here["status"], none_here["reason"]) == ("conflict", f"no_active_card:{FIRST}")
    assert device.send("sms.requested", _club_sms("w2", SECOND))["status"] == "applied"
    _receive(device)  # FIRST's «ready» SMS goes to PHONE
    assert device.send("club.card_activated", _activation())["status"] == "applied"
    third = order_number("0042", 3)
    _receive(device, third)  # another «ready» SMS to PHONE after the activation
    first = device.send("sms.requested", _club_sms("w1", FIRST))
    assert (first["status"], first["reason"]) == ("applied", None)
    assert [row[2] for row in _club_rows(server)] == ["w2", "w1"]


def test_another_points_card_is_no_card_here(server: Server) -> None:
    server.import_feed(point_feed("0077"))
    there = server.enrol("0077", name="COUNTER-77")
    _receive_at(there, "0077")
    assert there.send("club.card_activated", _activation(card=card_number("0077", 1)))["status"] == "applied"
    server.import_feed(point_feed())
    here = server.enrol()
    result = here.send("sms.requested", _club_sms("w1", FIRST))
    assert (result["status"], result["reason"]) == ("conflict", f"no_active_card:{FIRST}")


def _receive_at(device: Device, point: str) -> None:
    number = order_number(point, 1)
    for n in (1, 2):
        device.send("box.received", {"session": "s1", "box": box_barcode(point, number, n), "order": number})
    assert device.send("order.arrived", {"order": number, "arrived_at": "2026-11-24T09:00:00+00:00"})[
        "status"] == "applied"


def test_an_unknown_card_is_rejected_and_an_activation_records_who_when_and_where(
        server: Server, clock: FakeClock) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    _receive(device)
    unknown = device.send("club.card_activated", _activation(card="2000000000000"))
    assert (unknown["status"], unknown["reason"]) == ("rejected", "unknown_card:2000000000000")
    clock.advance(minutes=3)
    event = device.event("club.card_activated", _activation())
    assert device.push(event)[0]["status"] == "applied"
    with server.db.read() as session:
        card = session.scalars(select(ClubCard).where(ClubCard.number == CARD1)).one()
        holder = session.get(Customer, card.customer_id)
        assert holder is not None and holder.external_id == f"C{FIRST}"
        assert (card.city, card.activation_event_id) == ("Москва", event["event_id"])
        assert card.activated_at is not None
        assert card.activated_at.replace(tzinfo=None) == clock().replace(tzinfo=None)
