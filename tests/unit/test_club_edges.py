"""Club rules the first club tests leave open: the 5,000 ₽ boundary of what was taken, one phone shared by two
customers, the welcome SMS attempt the server is told, and the journal of the server's answer."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desktop.db.models import AuditEntry, BonusLedgerEntry, ClubCard, Customer, OrderLine, OutboxEvent, SmsMessage
from desktop.services.club import ClubService
from tests.support.factories import make_customer, make_order
from tests.unit.club_env import CARD, CARD2, SHARED, club_point


@pytest.fixture
def point(db):
    return club_point(db)


@pytest.fixture
def club(db, clock):
    return ClubService(db, clock)


def _partial(db, point, tv_price: int, refused_cables: int) -> str:
    """A partly handed-over order: a TV (taken) and two cables at 500 ₽ (some refused)."""
    with db.write() as s:
        customer = make_customer(s, "Орлов Олег", phone=SHARED)
        order = make_order(s, point["point"], customer, status="partially_handed_over",
                           lines=[("Телевизор", 1, tv_price), ("Кабель", 2, 50_000)])
        cables = s.scalars(select(OrderLine).where(OrderLine.order_id == order.id, OrderLine.name == "Кабель")).one()
        cables.refused_quantity = refused_cables
        return order.number


def test_a_partial_handover_of_exactly_5000_roubles_taken_qualifies(db, club, point):
    number = _partial(db, point, tv_price=400_000, refused_cables=0)  # 4,000 + 2 × 500 = 5,000 ₽ taken
    verdict = club.check_eligibility(SHARED)
    assert verdict.eligible and verdict.qualifying_order == number


def test_a_partial_handover_one_kopeck_short_of_5000_roubles_does_not(db, club, point):
    _partial(db, point, tv_price=399_999, refused_cables=0)
    assert club.check_eligibility(SHARED).code == "no_qualifying_order"


def test_refused_goods_do_not_count_towards_the_5000_roubles(db, club, point):
    _partial(db, point, tv_price=450_000, refused_cables=1)  # 4,500 + 500 taken, 500 refused
    assert club.check_eligibility(SHARED).eligible
    with db.write() as s:
        s.scalars(select(OrderLine).where(OrderLine.name == "Кабель")).one().refused_quantity = 2
    assert club.check_eligibility(SHARED).code == "no_qualifying_order"


# --- two customers, one phone ------------------------------------------------------------------------------


def _two_customers(db, point) -> tuple[int, int, str]:
    """The first customer of the phone has no order; the second has a 6,000 ₽ order ready."""
    with db.write() as s:
        first = make_customer(s, "Сидорова Анна", phone=SHARED)
        second = make_customer(s, "Сидоров Борис", phone=SHARED)
        order = make_order(s, point["point"], second, status="ready", lines=[("Пылесос", 1, 600_000)])
        return first.id, second.id, order.number


def test_the_phone_qualifies_through_any_of_its_customers_orders(db, club, point):
    _first, second, number = _two_customers(db, point)
    verdict = club.check_eligibility(SHARED)
    assert verdict.eligible and verdict.qualifying_order == number
    assert club.activate(point["clerk"], CARD, "ABCD-1234", "Москва", SHARED).qualifying_order == number
    with db.read() as s:  # the card and its +190 go to the customer whose order qualifies, as on the server
        card = s.scalars(select(ClubCard).where(ClubCard.number == CARD)).one()
        credit = s.scalars(select(BonusLedgerEntry).where(BonusLedgerEntry.card_id == card.id)).one()
        assert card.customer_id == credit.customer_id == second


def test_of_two_qualifying_orders_of_one_phone_the_first_by_number_decides_the_holder(db, club, point):
    first, second, number = _two_customers(db, point)
    with db.write() as s:
        customer = s.get(Customer, first)
        earlier = make_order(s, point["point"], customer, status="ready", lines=[("Холодильник", 1, 900_000)])
        earlier_number = earlier.number
    expected = first if earlier_number < number else second
    result = club.activate(point["clerk"], CARD, "ABCD-1234", "Москва", SHARED)
    assert result.qualifying_order == min(earlier_number, number)
    with db.read() as s:
        assert s.scalars(select(ClubCard.customer_id).where(ClubCard.number == CARD)).one() == expected


@pytest.mark.parametrize("holder", [0, 1])
def test_a_card_of_either_customer_of_the_phone_makes_the_phone_ineligible(db, club, point, holder):
    ids = _two_customers(db, point)[:2]
    with db.write() as s:
        card = s.scalars(select(ClubCard).where(ClubCard.number == CARD2)).one()
        card.status, card.customer_id = "active", ids[holder]
    verdict = club.check_eligibility(SHARED)
    assert (verdict.eligible, verdict.code) == (False, "phone_has_card") and CARD2 in (verdict.reason or "")


# --- the welcome SMS attempt and the journal of the server's answer -----------------------------------------


def _sms_events(db) -> list[dict]:
    with db.read() as s:
        rows = s.scalars(select(OutboxEvent.payload).where(OutboxEvent.type == "sms.requested")
                         .order_by(OutboxEvent.device_seq))
        return [json.loads(p) for p in rows]


def test_the_server_is_told_which_attempt_of_the_club_sms_it_is(db, club, point):
    number = _two_customers(db, point)[2]
    first = club.activate(point["clerk"], CARD, "ABCD-1234", "Москва", SHARED)
    club.confirm_activation(CARD, accepted=False, reason="card_already_active")
    second = club.activate(point["clerk"], CARD2, "EFGH-5678", "Москва", SHARED)
    events = _sms_events(db)
    assert [(e["sms"], e["order"], e["purpose"], e["attempt"]) for e in events] == [
        (first.sms_uid, number, "club", 1), (second.sms_uid, number, "club", 2)]
    with db.read() as s:
        timeline = s.scalars(select(SmsMessage.timeline).where(SmsMessage.uid == first.sms_uid)).one()
    assert timeline[0]["reason"] == "club"  # the clerk did not ask for a resend: not counted against the limit


def _journal(db, action: str) -> list[tuple[str, int | None, dict]]:
    with db.read() as s:
        rows = s.execute(select(AuditEntry.subject, AuditEntry.staff_id, AuditEntry.details)
                         .where(AuditEntry.action == action)).all()
    return [(subject, staff, json.loads(details)) for subject, staff, details in rows]


def test_the_servers_confirmation_is_journalled_under_the_card(db, club, point):
    _two_customers(db, point)
    club.activate(point["clerk"], CARD, "ABCD-1234", "Москва", SHARED)
    club.confirm_activation(CARD, accepted=True)
    assert _journal(db, "club.activation_confirmed") == [(CARD, None, {"reason": None})]
    assert _journal(db, "club.activation_rejected") == []


def test_the_servers_rejection_is_journalled_with_its_reason(db, club, point):
    _two_customers(db, point)
    club.activate(point["clerk"], CARD, "ABCD-1234", "Москва", SHARED)
    club.confirm_activation(CARD, accepted=False, reason="unknown_city")
    assert _journal(db, "club.activation_rejected") == [(CARD, None, {"reason": "unknown_city"})]
    assert _journal(db, "club.activation_confirmed") == []
