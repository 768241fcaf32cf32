"""Club rules on which order qualifies and who already had the welcome credit, and what an activation leaves in the
journal and tells the clerk (desktop/services/club.py).

DESIGN: a card is given after an order of 5,000 ₽ or more at this point (what was taken, for a partial handover),
the first by number when there are several (the server picks the same one); +190 once per customer; the journal
names the card, the masked phone, the city and the qualifying order.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desktop.db.models import AuditEntry, BonusLedgerEntry, OrderLine
from desktop.services.base import Role
from desktop.services.club import ClubService
from protocol.ean13 import complete
from protocol.phone import mask_for_log
from tests.support.clock import FakeClock
from tests.support.factories import T0, actor_for, make_card, make_customer, make_order, make_point, make_staff

PHONE = "+79161234567"
CARD = complete("200000000001")
TV = [("TV", 1, 600_000)]


@pytest.fixture
def world(db, clock: FakeClock):
    with db.write() as s:
        point = make_point(s)
        other_point = make_point(s, code="0077", local=False)
        clerk = make_staff(s, point, Role.CLERK)
        make_card(s, point, CARD, "ABCD-1234")
        customer = make_customer(s, "Orlov Oleg", phone=PHONE)
    return {"club": ClubService(db, clock), "clerk": actor_for(clerk), "point": point, "other_point": other_point,
            "customer": customer}


def _partial(s, point, customer, number: str, taken: int, refused: int) -> None:
    order = make_order(s, point, customer, status="partially_handed_over", number=number,
                       lines=[("TV", 1, taken), ("Cable", 1, refused)])
    s.scalars(select(OrderLine).where(OrderLine.order_id == order.id, OrderLine.name == "Cable")).one() \
        .refused_quantity = 1


def test_of_two_whole_orders_the_first_by_number_qualifies_whatever_their_order_of_arrival(db, world):
    with db.write() as s:
        make_order(s, world["point"], world["customer"], status="handed_over", number="500000902", lines=TV)
        make_order(s, world["point"], world["customer"], status="ready", number="500000901", lines=TV)
    assert world["club"].check_eligibility(PHONE).qualifying_order == "500000901"


def test_of_two_partial_handovers_the_first_by_number_qualifies_whatever_their_order_of_arrival(db, world):
    with db.write() as s:
        _partial(s, world["point"], world["customer"], "500000912", 600_000, 1_000)
        _partial(s, world["point"], world["customer"], "500000911", 600_000, 1_000)
    assert world["club"].check_eligibility(PHONE).qualifying_order == "500000911"


def test_a_partial_handover_counts_only_its_own_lines_of_this_customer_at_this_point(db, world):
    """What others took, or this customer took at another point, does not make up the 5,000 ₽ here."""
    with db.write() as s:
        _partial(s, world["point"], world["customer"], "500000921", 100_000, 1_000)  # 1,000 ₽ taken here
        make_order(s, world["point"], make_customer(s), status="handed_over", lines=TV)  # another customer's
        _partial(s, world["point"], make_customer(s), "500000922", 600_000, 1_000)  # another customer's partial
        _partial(s, world["other_point"], world["customer"], "500000923", 600_000, 1_000)  # at another point
    verdict = world["club"].check_eligibility(PHONE)
    assert (verdict.eligible, verdict.code) == (False, "no_qualifying_order")


def test_only_this_customers_activation_credit_counts_as_the_welcome_bonus_received(db, world):
    with db.write() as s:
        make_order(s, world["point"], world["customer"], status="ready", lines=TV)
        someone = make_customer(s)
        s.add(BonusLedgerEntry(customer_id=someone.id, reason="activation", points=190, created_at=T0))
        s.add(BonusLedgerEntry(customer_id=world["customer"].id, reason="accrual", points=6_000, created_at=T0))
    assert world["club"].check_eligibility(PHONE).eligible


def test_an_activation_is_journalled_with_the_masked_phone_the_city_and_the_order_and_told_to_the_clerk(db, world):
    with db.write() as s:
        number = make_order(s, world["point"], world["customer"], status="ready", lines=TV).number
    result = world["club"].activate(world["clerk"], CARD, "ABCD-1234", "Москва", PHONE)
    assert (result.card_number, result.customer_name, result.qualifying_order) == (CARD, "Orlov Oleg", number)
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "club.card_activated")).one()
    assert (entry.subject, json.loads(entry.details)) == (
        CARD, {"phone": mask_for_log(PHONE), "city": "Москва", "order": number})


def test_a_refusal_for_a_card_held_or_a_welcome_bonus_had_names_the_customer(db, world):
    with db.write() as s:
        s.add(BonusLedgerEntry(customer_id=world["customer"].id, reason="activation", points=190, created_at=T0))
    verdict = world["club"].check_eligibility(PHONE)
    assert (verdict.code, verdict.customer_name) == ("welcome_bonus_received", "Orlov Oleg")
    world["club"].confirm_activation(CARD, accepted=True, phone=PHONE)  # another PC gave this phone the card
    verdict = world["club"].check_eligibility(PHONE)
    assert (verdict.code, verdict.customer_name) == ("phone_has_card", "Orlov Oleg")
