"""The counter's warranty rules (desktop/services/warranty/rules.py): cleaning numbers and serials, text limits,
whose claim and order it is, when an item counts as taken in already, and what a claim's view shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from desktop.db.claim_models import Claim
from desktop.db.models import Order
from desktop.services.warranty.rules import check_length, clean_number, clean_serial, same_serial
from protocol.claims import ClaimOutcome, ClaimStatus
from protocol.order_states import OrderStatus
from tests.unit.handover_env import refused
from tests.unit.warranty_env import SERIAL, Env, make_env


@pytest.fixture
def env(db, clock, tmp_path) -> Env:
    return make_env(db, clock, tmp_path / "data")


@pytest.mark.parametrize(("typed", "quoted"), [(None, ""), ("", ""), ("  w 12  ", "w 12"),
                                               ("W" + "1" * 30, "W" + "1" * 23)])
def test_a_malformed_claim_number_is_quoted_trimmed_and_at_most_24_characters(typed, quoted):
    with refused("claim.bad_number", number=quoted):
        clean_number(typed)


def test_a_claim_number_is_kept_upper_case_without_blanks_or_dashes():
    assert clean_number(" w 0042-123456 ") == "W0042123456"


@pytest.mark.parametrize("scanned", [None, "", "   "])
def test_no_serial_scanned_is_refused(scanned):
    with refused("claim.serial_empty"):
        clean_serial(scanned)


@pytest.mark.parametrize("recorded", [None, ""])
def test_a_serial_never_matches_a_line_that_recorded_none(recorded):
    assert not same_serial("SN-A55-0001", recorded)
    assert not same_serial("", recorded)


def test_a_text_of_exactly_the_limit_is_allowed_one_more_character_is_not():
    check_length("x" * 10, 10)
    with refused("claim.text_too_long", length=11, limit=10) as info:
        check_length("x" * 11, 10)
    assert "11" in str(info.value) and "10" in str(info.value)


def test_another_points_claim_is_taken_in_by_that_point(env):
    number = env.prefiled(env.purchased(foreign=True), number="W000000456")
    with refused("claim.foreign", claim=number):
        env.svc.start_intake(env.clerk, claim=" w000000456 ")
    with refused("claim.foreign", claim=number):
        env.svc.find(env.clerk, number)


def test_an_order_not_handed_over_names_its_state(env):
    order = env.purchased()
    with env.db.write() as s:
        s.execute(update(Order).where(Order.number == order).values(status=OrderStatus.READY, handed_over_at=None))
    with refused("claim.not_purchased", order=order, status=OrderStatus.READY) as info:
        env.svc.start_intake(env.clerk, order=order)
    assert isinstance(info.value.params["status"], OrderStatus)


def test_a_handed_over_status_without_the_handover_time_is_no_purchase(env):
    order = env.purchased()
    with env.db.write() as s:
        s.execute(update(Order).where(Order.number == order).values(handed_over_at=None))
    with refused("claim.not_purchased", order=order, status=OrderStatus.HANDED_OVER):
        env.svc.start_intake(env.clerk, order=order)


def test_an_item_whose_earlier_claim_is_closed_can_be_taken_in_again(env):
    order = env.purchased()
    env.prefiled(order, number="W000000777", serial=SERIAL.lower(), status=ClaimStatus.CLOSED)
    result = env.accept(order)
    assert result.claim.status == ClaimStatus.ACCEPTED and result.claim.number != "W000000777"


def test_a_duplicate_intake_names_the_other_claims_state(env):
    order = env.purchased()
    first = env.accept(order)
    with refused("claim.duplicate_item", serial=SERIAL, claim=first.claim.number,
                 status=ClaimStatus.ACCEPTED) as info:
        env.ready_draft(order)
    assert isinstance(info.value.params["status"], ClaimStatus)


def test_a_claims_view_shows_what_the_claim_holds(env):
    order = env.purchased(phone="+79161112233", name="Петрова Мария")
    number = env.prefiled(order, number="W000000888", condition="Царапина на экране", conclusion="Замена платы",
                          outcome=ClaimOutcome.REPAIRED, return_order="700000001")
    (view,) = env.svc.find(env.clerk, number).claims
    stored = env.claim(number)
    assert (view.sku, view.product, view.order) == (stored.sku, stored.product, order)
    assert view.sku and view.product == "Смартфон Galaxy A55 8/256"
    assert view.prefiled is True and view.condition == "Царапина на экране" and view.conclusion == "Замена платы"
    assert view.return_order == "700000001" and view.outcome == ClaimOutcome.REPAIRED
    assert view.filed_at == env.clock() - timedelta(days=1)
    assert view.customer_name == "Петрова Мария" and view.masked_phone == "+7 ••• ••• 22 33"


def test_a_claim_whose_order_is_not_here_shows_no_customer(env):
    with env.db.write() as s:
        s.add(Claim(number="W000000321", point_id=env.point_id, order_number="599999999", sku="SKU-1",
                    product="Пылесос", prefiled=True, status=ClaimStatus.FILED, fault="Не включается",
                    filed_at=env.clock(), updated_at=env.clock()))
    (view,) = env.svc.find(env.clerk, "W000000321").claims
    assert view.customer_name == "" and view.masked_phone == "" and view.order == "599999999"
