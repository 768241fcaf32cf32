"""A bonus account looked up at the counter by club card or phone (desktop/services/club.py, ClubService.balance):
a 13-digit number is a card, anything else a phone; one account per phone, whoever of its customers holds the card;
an unknown card or phone is named in the refusal (the phone masked).

DESIGN: the server keeps one bonus account per phone; personal data (the phone) is masked where it is shown.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import ClubCard, Customer
from desktop.services.club import ClubService
from protocol.phone import mask_for_log
from tests.support.clock import FakeClock
from tests.unit.handover_env import Env, make_env, refused
from tests.unit.money_env import club_customer, customer_of

CARD = "2000000000015"


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


def test_a_card_number_typed_with_spaces_finds_its_holders_account(env: Env) -> None:
    club_customer(env, points=700)
    assert ClubService(env.db, env.clock).balance(env.clerk, f"  {CARD} ").confirmed == 700


def test_the_account_of_a_shared_phone_is_one_whoever_holds_the_card(env: Env) -> None:
    holder = club_customer(env, points=700)
    with env.db.write() as s:
        s.add(Customer(full_name="Family", phone=customer_of(env, holder).phone, phone_last4="0000"))
    club = ClubService(env.db, env.clock)
    assert club.balance(env.clerk, customer_of(env, holder).phone).confirmed == 700
    assert club.balance(env.clerk, CARD).confirmed == 700


def test_a_card_given_to_nobody_yet_is_unknown_by_its_number(env: Env) -> None:
    club_customer(env, points=0)
    with env.db.write() as s:
        s.scalars(select(ClubCard)).one().customer_id = None
    with refused("club.card_unknown", card=CARD):
        ClubService(env.db, env.clock).balance(env.clerk, CARD)


def test_an_unknown_phone_is_named_masked(env: Env) -> None:
    with refused("club.customer_unknown", phone=mask_for_log("+79169999999")):
        ClubService(env.db, env.clock).balance(env.clerk, "8 916 999-99-99")


@pytest.mark.parametrize("typed", ["200000000001", "20000000000150"])  # 12 and 14 digits: not a card number
def test_a_number_that_is_not_13_digits_is_read_as_a_phone(env: Env, typed: str) -> None:
    with refused("club.bad_phone", phone=typed):
        ClubService(env.db, env.clock).balance(env.clerk, typed)


def test_nothing_typed_is_refused_as_a_phone_naming_nothing(env: Env) -> None:
    with refused("club.bad_phone", phone=""):
        ClubService(env.db, env.clock).balance(env.clerk, "")
