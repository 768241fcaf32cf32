"""Finding claims at the counter (desktop/services/warranty/search.py): which query shape leads where, what the
refusals quote, when the search offers to open a new claim, and which claims a phone search lists, in what order."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from desktop.db.models import Order
from desktop.services.warranty import search
from protocol.order_states import OrderStatus
from tests.unit.handover_env import refused
from tests.unit.warranty_env import Env, make_env

PHONE = "+79161112233"


@pytest.fixture
def env(db, clock, tmp_path) -> Env:
    return make_env(db, clock, tmp_path / "data")


@pytest.mark.parametrize("query", [None, "", "   \t "])
def test_an_empty_query_is_refused_quoting_nothing(env, query):
    with refused("claim.bad_query", query=""):
        env.svc.find(env.clerk, query)


@pytest.mark.parametrize("typed", ["W 000 000 123", "w000000123", " w 000000123 "])
def test_a_claim_number_is_found_however_it_was_typed(env, typed):
    number = env.prefiled(env.purchased())
    assert [c.number for c in env.svc.find(env.clerk, typed).claims] == [number]


@pytest.mark.parametrize("query", ["w12", "W1ABC", "W0"])
def test_a_w_and_a_digit_is_read_as_a_malformed_claim_number(env, query):
    with refused("claim.bad_number"):
        env.svc.find(env.clerk, query)


@pytest.mark.parametrize("query", ["X000000123", "XW000000123", "W-000000123"])
def test_other_letters_are_not_a_claim_number_but_a_bad_query(env, query):
    with refused("claim.bad_query", query=query):
        env.svc.find(env.clerk, query)


def test_a_long_query_of_no_shape_is_quoted_by_its_first_40_characters(env):
    text = "это совсем не номер заявки и не телефон клиента"
    with refused("claim.bad_query", query=text[:40]) as info:
        env.svc.find(env.clerk, text)
    assert len(info.value.params["query"]) == 40


@pytest.mark.parametrize("query", ["1234567890", "123 456 78 90 Петров",
                                   "123 456 78 90 Константинопольская Александра Петровна"])
def test_digits_that_are_no_russian_phone_are_a_bad_query(env, query):
    with refused("claim.bad_query", query=query[:40]):
        env.svc.find(env.clerk, query)


def test_an_order_not_yet_handed_over_is_not_offered_for_a_new_claim(env):
    order = env.purchased()
    with env.db.write() as s:
        s.execute(update(Order).where(Order.number == order).values(status=OrderStatus.READY, handed_over_at=None))
    found = env.svc.find(env.clerk, order)
    assert found.claims == () and found.order is None


def test_an_order_whose_handover_time_is_unknown_is_not_offered(env):
    """A handed-over status without its time: intake would refuse it (no purchase date), so the search does not
    offer it either."""
    order = env.purchased()
    with env.db.write() as s:
        s.execute(update(Order).where(Order.number == order).values(handed_over_at=None))
    assert env.svc.find(env.clerk, order).order is None
    with refused("claim.not_purchased", order=order):
        env.svc.start_intake(env.clerk, order=order)


def test_a_returned_order_handed_over_once_is_not_offered(env):
    order = env.purchased()
    with env.db.write() as s:
        s.execute(update(Order).where(Order.number == order).values(status=OrderStatus.RETURNED))
    assert env.svc.find(env.clerk, order).order is None


def test_a_phone_search_lists_only_this_customers_claims_of_this_point_newest_first(env):
    first = env.prefiled(env.purchased(phone=PHONE), number="W000000101")
    second = env.prefiled(env.purchased(phone=PHONE), number="W000000102")
    env.prefiled(env.purchased(phone="+79167778899"), number="W000000103")  # another customer
    env.prefiled(env.purchased(phone=PHONE, foreign=True), number="W000000104")  # another point's claim
    found = env.svc.find(env.clerk, "8 916 111 22 33")
    assert [c.number for c in found.claims] == [second, first]
    assert found.order is None


def test_a_phone_search_lists_at_most_the_newest_claims(env):
    order = env.purchased(phone=PHONE)
    numbers = [env.prefiled(order, number=f"W{n:09d}") for n in range(1, search.SEARCH_LIMIT + 2)]
    found = env.svc.find(env.clerk, PHONE)
    assert len(found.claims) == search.SEARCH_LIMIT
    assert [c.number for c in found.claims] == numbers[::-1][: search.SEARCH_LIMIT]

