"""Club rules the other club tests leave open: who holds a card another PC activated (the customer the server
names among those sharing the phone, or nobody known here), what a refusal of eligibility tells the clerk, and the
card states and a mistyped city as the clerk reads them (desktop/services/club.py).

DESIGN: the server is authoritative on club activations (one active card per phone); two customers may share a
phone, so the server names the holder; the counter shows the reason a customer may not get a card at once.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop import translatable
from desktop.db.models import ClubCard
from desktop.services.club import ClubService, status_text
from protocol.ean13 import complete
from protocol.errors import DomainError
from tests.support.factories import make_card, make_customer, make_order
from tests.unit.club_env import CARD, SHARED, club_point


@pytest.fixture
def point(db):
    return club_point(db, second_card=False)


@pytest.fixture
def club(db, clock):
    return ClubService(db, clock)


def _holder(db) -> tuple[str, int | None]:
    with db.read() as s:
        card = s.scalars(select(ClubCard).where(ClubCard.number == CARD)).one()
        return card.status, card.customer_id


def _family(db) -> list[int]:
    """Two customers of this point sharing one phone, with the server's ids C-1 and C-2."""
    with db.write() as s:
        first, second = make_customer(s, "Orlov Oleg", phone=SHARED), make_customer(s, "Orlova Olga", phone=SHARED)
        first.external_id, second.external_id = "C-1", "C-2"
        return [first.id, second.id]


def test_a_card_another_pc_activated_goes_to_the_customer_the_server_names(db, club, point):
    _, second = _family(db)
    assert club.confirm_activation(CARD, accepted=True, phone=SHARED, customer="C-2") == "active"
    assert _holder(db) == ("active", second)


def test_an_older_servers_answer_without_the_holder_falls_back_to_the_phones_first_customer(db, club, point):
    first, _ = _family(db)
    assert club.confirm_activation(CARD, accepted=True, phone=SHARED) == "active"
    assert _holder(db) == ("active", first)


def test_a_holder_named_that_is_not_known_here_falls_back_to_the_phones_first_customer(db, club, point):
    first, _ = _family(db)
    assert club.confirm_activation(CARD, accepted=True, phone=SHARED, customer="C-99") == "active"
    assert _holder(db) == ("active", first)


def test_a_card_activated_elsewhere_for_a_phone_unknown_here_is_active_and_held_by_nobody_known(db, club, point):
    assert club.confirm_activation(CARD, accepted=True, phone="+79260000009", customer="C-7") == "active"
    assert _holder(db) == ("active", None)


def test_a_refusal_names_the_phone_asked_about_and_the_customer_found(db, club, point):
    with db.write() as s:
        make_customer(s, "Orlov Oleg", phone=SHARED)  # no qualifying order
    verdict = club.check_eligibility("8 903 555-00-33")
    assert (verdict.eligible, verdict.code, verdict.phone, verdict.customer_name) == (
        False, "no_qualifying_order", SHARED, "Orlov Oleg")


@pytest.mark.parametrize(("typed", "shown"), [("X" * 40, "X" * 40), ("X" * 41, "X" * 39 + "…")])
def test_an_unknown_city_is_named_whole_up_to_40_characters_else_shortened(db, club, point, typed, shown):
    with db.write() as s:
        customer = make_customer(s, phone=SHARED)
        make_order(s, point["point"], customer, status="ready", lines=[("TV", 1, 600_000)])
    with pytest.raises(DomainError) as info:
        club.activate(point["clerk"], CARD, "ABCD-1234", typed, SHARED)
    assert info.value.code == "club.unknown_city" and info.value.params["city"] == shown


def test_card_states_are_translated_in_the_club_card_status_context():
    def english(context: str, text: str, *_: object) -> str:
        return f"EN[{text}]" if context == "ClubCardStatus" else text

    untranslated = status_text("active")
    translatable.use_translator(english)
    try:
        assert status_text("active") == f"EN[{untranslated}]"
    finally:
        translatable.use_translator(None)


def test_a_rejection_without_a_reason_tells_the_manager_so_naming_the_card(db, club, point):
    from desktop import messages
    from desktop.db.models import ManagerAlert

    with db.write() as s:
        customer = make_customer(s, phone=SHARED)
        make_order(s, point["point"], customer, status="ready", lines=[("TV", 1, 600_000)])
    club.activate(point["clerk"], CARD, "ABCD-1234", "Москва", SHARED)
    assert club.confirm_activation(CARD, accepted=False) == "rejected"
    with db.read() as s:
        alert = s.scalars(select(ManagerAlert)).one()
    assert alert.message == messages.describe("alert.club_activation_rejected_no_reason", {"card": CARD})
    assert CARD in alert.message and alert.details == {"card": CARD, "reason": None}


@pytest.mark.parametrize("accepted", [True, False])
def test_the_servers_answer_settles_only_that_cards_welcome_credit(db, club, point, accepted):
    """Another card's pending activation and the card's own pending accrual wait for their own answers."""
    from desktop.db.models import BonusLedgerEntry

    other_card = complete("200000000002")
    with db.write() as s:
        make_card(s, point["point"], other_card, "EFGH-5678")
        for phone in (SHARED, "+79035550044"):
            make_order(s, point["point"], make_customer(s, phone=phone), status="ready", lines=[("TV", 1, 600_000)])
    club.activate(point["clerk"], CARD, "ABCD-1234", "Москва", SHARED)
    club.activate(point["clerk"], other_card, "EFGH-5678", "Москва", "+79035550044")
    with db.write() as s:
        card = s.scalars(select(ClubCard).where(ClubCard.number == CARD)).one()
        s.add(BonusLedgerEntry(customer_id=card.customer_id, card_id=card.id, reason="accrual", points=6_000,
                               created_at=card.activated_at))
    club.confirm_activation(CARD, accepted=accepted)
    with db.read() as s:
        rows = s.execute(select(ClubCard.number, BonusLedgerEntry.reason, BonusLedgerEntry.status)
                         .join(ClubCard, ClubCard.id == BonusLedgerEntry.card_id).order_by(BonusLedgerEntry.id)).all()
    settled = "confirmed" if accepted else "rejected"
    assert [tuple(r) for r in rows] == [(CARD, "activation", settled), (other_card, "activation", "pending"),
                                        (CARD, "accrual", "pending")]


def test_the_welcome_credit_carries_the_activation_events_id(db, club, point):
    """The server's bonus.entry for the activation names that event: it confirms this very entry."""
    from desktop.db.models import BonusLedgerEntry, OutboxEvent

    with db.write() as s:
        make_order(s, point["point"], make_customer(s, phone=SHARED), status="ready", lines=[("TV", 1, 600_000)])
    club.activate(point["clerk"], CARD, "ABCD-1234", "Москва", SHARED)
    with db.read() as s:
        event_id = s.scalars(select(OutboxEvent.event_id).where(OutboxEvent.type == "club.card_activated")).one()
        entry = s.scalars(select(BonusLedgerEntry)).one()
    assert (entry.reason, entry.points, entry.status, entry.event_id) == ("activation", 190, "pending", event_id)


@pytest.mark.parametrize("number", [CARD, complete("200000000077")])  # in stock here / unknown here
def test_an_answer_about_a_card_not_awaiting_one_names_the_card_and_its_state(db, club, point, number):
    def answer() -> DomainError:
        with pytest.raises(DomainError) as info:
            club.confirm_activation(number, accepted=True)
        assert info.value.code == "club.card_not_pending" and info.value.params["card"] == number
        return info.value

    untranslated = answer().params["status"]
    assert untranslated == (status_text("stock") if number == CARD else translatable.translate("ClubCardStatus", "нет"))

    def english(context: str, text: str, *_: object) -> str:
        return f"EN[{text}]" if context == "ClubCardStatus" else text

    translatable.use_translator(english)
    try:
        assert answer().params["status"] == f"EN[{untranslated}]"
    finally:
        translatable.use_translator(None)
