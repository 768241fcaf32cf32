"""Every refused club activation names the card the clerk scanned (and, where it matters, its state), so the clerk
knows which card to put aside; a wrong code is journalled with which code was wrong; a city typed with extra spaces
is still the listed city (desktop/services/club.py).

DESIGN: activation needs city, card number, the activation code printed on the card and in some cases an extra
code; the counter checks the rules first so the clerk sees the reason at once.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desktop.db.models import AuditEntry, ClubCard
from desktop.services.base import Role
from desktop.services.club import ClubService, status_text
from protocol.ean13 import complete
from protocol.errors import DomainError
from tests.support.factories import actor_for, make_card, make_customer, make_order, make_point, make_staff

PHONE = "+79161234567"
CARD = complete("200000000001")


@pytest.fixture
def world(db, clock):
    with db.write() as s:
        point = make_point(s)
        clerk = make_staff(s, point, Role.CLERK)
        make_card(s, point, CARD, "ABCD-1234")
        make_order(s, point, make_customer(s, phone=PHONE), status="ready", lines=[("TV", 1, 600_000)])
    return {"club": ClubService(db, clock), "clerk": actor_for(clerk)}


def _refusal(world, **kw) -> DomainError:
    args = {"card_number": CARD, "activation_code": "ABCD-1234", "city": "Москва", "phone": PHONE} | kw
    with pytest.raises(DomainError) as info:
        world["club"].activate(world["clerk"], **args)
    return info.value


def _set_status(db, status: str) -> None:
    with db.write() as s:
        s.scalars(select(ClubCard).where(ClubCard.number == CARD)).one().status = status


@pytest.mark.parametrize("typed", ["", "12345", complete("400000000001")])
def test_a_bad_card_number_is_named_as_typed(world, typed):
    refusal = _refusal(world, card_number=f" {typed} ")
    assert (refusal.code, refusal.params["card"]) == ("club.bad_card_number", typed)


def test_a_card_not_in_this_points_stock_is_named(world):
    other = complete("200000000555")
    refusal = _refusal(world, card_number=other)
    assert (refusal.code, refusal.params["card"]) == ("club.card_not_in_stock", other)


def test_a_card_the_centre_rejected_is_named(db, world):
    _set_status(db, "rejected")
    refusal = _refusal(world)
    assert (refusal.code, refusal.params["card"]) == ("club.card_rejected", CARD)


@pytest.mark.parametrize("status", ["pending", "active"])
def test_a_card_already_given_is_named_with_its_state(db, world, status):
    _set_status(db, status)
    refusal = _refusal(world)
    assert (refusal.code, refusal.params["card"], refusal.params["status"]) == (
        "club.card_already_active", CARD, status_text(status))


def test_a_wrong_activation_code_names_the_card_and_the_journal_says_which_code(db, world):
    refusal = _refusal(world, activation_code="ABCD-9999")
    assert (refusal.code, refusal.params["card"]) == ("club.wrong_activation_code", CARD)
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "club.activation_code_failed")).one()
    assert (entry.subject, json.loads(entry.details)) == (CARD, {"which": "wrong_activation_code"})


def test_a_city_typed_with_extra_spaces_is_the_listed_city(world):
    result = world["club"].activate(world["clerk"], CARD, "ABCD-1234", "  Нижний   Новгород ", PHONE)
    assert result.city == "Нижний Новгород"


def test_no_card_number_at_all_is_named_as_nothing(world):
    refusal = _refusal(world, card_number="")
    assert (refusal.code, refusal.params["card"]) == ("club.bad_card_number", "")
