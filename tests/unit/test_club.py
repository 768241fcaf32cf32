"""Club cards: phone normalisation, eligibility (order ≥ 5,000 ₽, one card per phone), activation and confirmation."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from desktop.db.models import AuditEntry, BonusLedgerEntry, ClubCard, ManagerAlert, OrderLine, OutboxEvent, SmsMessage
from desktop.services.base import Role
from desktop.services.club import ClubService, normalise_phone
from protocol.ean13 import complete
from protocol.errors import DomainError
from tests.support.factories import (
    FAST_HASHER,
    T0,
    actor_for,
    make_card,
    make_customer,
    make_order,
    make_point,
    make_staff,
)

PHONE = "+79161234567"
CARD = complete("200000000001")
CARD2 = complete("200000000002")
FOREIGN_CARD = complete("200000000099")


@pytest.fixture
def world(db):
    with db.write() as s:
        point = make_point(s)
        other_point = make_point(s, code="0077", local=False)
        clerk = make_staff(s, point, Role.CLERK)
        customer = make_customer(s, "Петров Пётр Петрович", phone=PHONE)
        order = make_order(s, point, customer, status="ready", lines=[("Ноутбук", 1, 6_499_000)])
        make_card(s, point, CARD, "ABCD-1234")
        make_card(s, point, CARD2, "EFGH-5678")
        make_card(s, other_point, FOREIGN_CARD, "ZZZZ-0000")
    return {"point": point, "other_point": other_point, "clerk": actor_for(clerk), "customer": customer,
            "order": order}


@pytest.fixture
def club(db, clock):
    return ClubService(db, clock)


def _count(db, model, *where):
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def _card(db, number):
    with db.read() as s:
        return s.scalars(select(ClubCard).where(ClubCard.number == number)).one()


def _outbox_types(db):
    with db.read() as s:
        return list(s.scalars(select(OutboxEvent.type).order_by(OutboxEvent.device_seq)))


# --- phone numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["+79161234567", "89161234567", "79161234567", "+7 (916) 123-45-67", "8 (916) 123-45-67", " 8 916 123 45 67 ",
     "9161234567"],
)
def test_phone_formats_normalise_to_plus7(text):
    assert normalise_phone(text) == PHONE


@pytest.mark.parametrize("text", ["", "12345", "+19161234567", "+89161234567", "691612345678", "8916123456a",
                                  "+7 916 123 45 6", "телефон"])
def test_bad_phones_are_refused(text):
    with pytest.raises(DomainError) as err:
        normalise_phone(text)
    assert err.value.code == "club.bad_phone"


# --- eligibility -------------------------------------------------------------------------------------


def test_customer_with_a_big_ready_order_is_eligible(club, world):
    verdict = club.check_eligibility("8 (916) 123-45-67")
    assert verdict.eligible and verdict.qualifying_order == world["order"].number
    assert verdict.phone == "+79161234567"  # the card is activated on the number as the customer base keeps it
    assert verdict.customer_name == "Петров Пётр Петрович" and verdict.reason is None


def test_unknown_phone_is_not_eligible(club, world):
    verdict = club.check_eligibility("+79990000000")
    assert (verdict.eligible, verdict.code) == (False, "customer_not_found")
    assert "не найден" in verdict.reason


@pytest.mark.parametrize(
    "status,price,point_key,eligible",
    [
        ("ready", 500_000, "point", True),  # exactly 5,000 ₽
        ("handed_over", 500_000, "point", True),
        ("ready", 499_999, "point", False),
        ("in_transit", 900_000, "point", False),
        ("arrived", 900_000, "point", False),
        ("cancelled", 900_000, "point", False),
        ("ready", 900_000, "other_point", False),  # not at this point
    ],
)
def test_qualifying_order_rules(db, club, world, status, price, point_key, eligible):
    with db.write() as s:
        customer = make_customer(s, "Сидорова Анна", phone="+79035550011")
        make_order(s, world[point_key], customer, status=status, lines=[("Планшет", 1, price)])
    verdict = club.check_eligibility("+79035550011")
    assert verdict.eligible is eligible
    if not eligible:
        assert verdict.code == "no_qualifying_order" and "5 000 ₽" in verdict.reason


@pytest.mark.parametrize("refused,eligible", [(0, True), (1, False)])
def test_partially_handed_over_order_counts_what_was_taken(db, club, world, refused, eligible):
    with db.write() as s:
        customer = make_customer(s, "Орлов Олег", phone="+79035550022")
        order = make_order(s, world["point"], customer, status="partially_handed_over",
                           lines=[("Телевизор", 1, 440_000), ("Кабель", 2, 40_000)])
        line = s.scalars(select(OrderLine).where(OrderLine.order_id == order.id, OrderLine.name == "Кабель")).one()
        line.refused_quantity = refused
    assert club.check_eligibility("+79035550022").eligible is eligible


def test_a_phone_with_a_card_is_not_eligible(club, world):
    club.activate(world["clerk"], CARD, "ABCD-1234", "Москва", PHONE)
    verdict = club.check_eligibility(PHONE)
    assert (verdict.eligible, verdict.code) == (False, "phone_has_card")
    assert verdict.reason is not None and CARD in verdict.reason


# --- activation --------------------------------------------------------------------------------------


def test_activation_makes_card_pending_credits_190_once_and_requests_sms(db, club, world, clock):
    result = club.activate(world["clerk"], f" {CARD} ", " abcd-1234 ".upper(), " Москва ", "8 916 123-45-67")
    assert (result.status, result.points, result.city, result.qualifying_order) == (
        "pending", 190, "Москва", world["order"].number)
    assert result.phone_masked == "+7916***4567"
    card = _card(db, CARD)
    assert (card.status, card.customer_id, card.city, card.activated_at) == (
        "pending", world["customer"].id, "Москва", clock.now)
    assert card.activated_by == world["clerk"].staff_id
    with db.read() as s:
        ledger = s.scalars(select(BonusLedgerEntry)).all()
        sms = s.scalars(select(SmsMessage)).one()
        events = s.scalars(select(OutboxEvent).order_by(OutboxEvent.device_seq)).all()
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "club.card_activated")).one()
    assert [(e.reason, e.points, e.status, e.card_id) for e in ledger] == [("activation", 190, "pending", card.id)]
    assert (sms.purpose, sms.status, sms.uid, sms.order_id) == ("club", "requested", result.sms_uid, world["order"].id)
    # the activation first: the server sends the welcome SMS only for a card it has activated
    assert [e.type for e in events] == ["club.card_activated", "sms.requested"]
    payload = json.loads(events[0].payload)
    assert payload == {"card": CARD, "phone": PHONE, "city": "Москва", "points": 190}
    assert PHONE not in audit.details and audit.staff_id == world["clerk"].staff_id


def _refused(club, world, code, **kw):
    args = {"card_number": CARD, "activation_code": "ABCD-1234", "city": "Москва", "phone": PHONE} | kw
    with pytest.raises(DomainError) as err:
        club.activate(world["clerk"], **args)
    assert err.value.code == code, err.value
    return err.value


@pytest.mark.parametrize("number", [CARD[:-1] + str((int(CARD[-1]) + 1) % 10), CARD[:-1], "",
                                    complete("400000000001"), "2000000000O1X"])
def test_bad_card_numbers_are_refused_and_nothing_changes(db, club, world, number):
    _refused(club, world, "club.bad_card_number", card_number=number)
    assert _outbox_types(db) == [] and _count(db, BonusLedgerEntry) == 0


@pytest.mark.parametrize("city", ["", "   "])
def test_city_is_required(db, club, world, city):
    _refused(club, world, "club.city_required", city=city)
    assert _card(db, CARD).status == "stock"


def test_bad_phone_on_activation(club, world):
    _refused(club, world, "club.bad_phone", phone="12-34")


@pytest.mark.parametrize("number", [complete("200000000555"), FOREIGN_CARD])
def test_card_must_be_in_this_points_stock(db, club, world, number):
    _refused(club, world, "club.card_not_in_stock", card_number=number)
    assert _card(db, FOREIGN_CARD).status == "stock"


def test_wrong_activation_code_is_refused_but_journalled(db, club, world):
    _refused(club, world, "club.wrong_activation_code", activation_code="ABCD-9999")
    _refused(club, world, "club.wrong_activation_code", activation_code="")
    assert _card(db, CARD).status == "stock"
    assert _outbox_types(db) == [] and _count(db, BonusLedgerEntry) == 0
    assert _count(db, AuditEntry, AuditEntry.action == "club.activation_code_failed") == 2


def test_extra_code_when_the_card_has_one(db, club, world):
    with db.write() as s:
        s.scalars(select(ClubCard).where(ClubCard.number == CARD)).one().extra_code_hash = FAST_HASHER.hash("4711")
    _refused(club, world, "club.extra_code_required")
    _refused(club, world, "club.wrong_extra_code", extra_code="1147")
    assert club.activate(world["clerk"], CARD, "ABCD-1234", "Москва", PHONE, extra_code="4711").status == "pending"


def test_card_already_active_or_pending_is_refused_with_its_state(db, club, world):
    club.activate(world["clerk"], CARD, "ABCD-1234", "Москва", PHONE)
    with db.write() as s:
        other = make_customer(s, "Другой клиент", phone="+79260000001")
        make_order(s, world["point"], other, status="handed_over", lines=[("ТВ", 1, 800_000)])
    err = _refused(club, world, "club.card_already_active", phone="+79260000001")
    assert "ожидает" in str(err)
    club.confirm_activation(CARD, accepted=True)
    err = _refused(club, world, "club.card_already_active", phone="+79260000001")
    assert "активна" in str(err)
    assert _count(db, BonusLedgerEntry) == 1


def test_one_card_per_phone(db, club, world):
    club.activate(world["clerk"], CARD, "ABCD-1234", "Москва", PHONE)
    err = _refused(club, world, "club.not_eligible", card_number=CARD2, activation_code="EFGH-5678")
    assert err.params["why"] == "phone_has_card" and CARD in str(err)
    assert _card(db, CARD2).status == "stock"


def test_customer_without_a_qualifying_order_is_refused(db, club, world):
    with db.write() as s:
        small = make_customer(s, "Малов", phone="+79260000002")
        make_order(s, world["point"], small, status="ready", lines=[("Мышь", 1, 99_000)])
    err = _refused(club, world, "club.not_eligible", phone="+79260000002")
    assert err.params["why"] == "no_qualifying_order"
    assert _card(db, CARD).status == "stock" and _outbox_types(db) == []


def test_activation_requires_a_logged_in_staff_member(club, world):
    with pytest.raises(DomainError) as err:
        club.activate(None, CARD, "ABCD-1234", "Москва", PHONE)  # type: ignore[arg-type]
    assert err.value.code == "auth.not_logged_in"


def test_the_ledger_refuses_a_second_activation_credit_for_one_card(db, club, world):
    club.activate(world["clerk"], CARD, "ABCD-1234", "Москва", PHONE)
    card = _card(db, CARD)
    with pytest.raises(IntegrityError), db.write() as s:
        s.add(BonusLedgerEntry(customer_id=card.customer_id, card_id=card.id, reason="activation", points=190,
                               created_at=T0))
    assert _count(db, BonusLedgerEntry) == 1


# --- confirmation from the backend -------------------------------------------------------------------


def test_backend_confirmation_activates_card_and_ledger(db, club, world):
    club.activate(world["clerk"], CARD, "ABCD-1234", "Москва", PHONE)
    assert club.confirm_activation(CARD, accepted=True) == "active"
    assert club.confirm_activation(CARD, accepted=True) == "active"  # replayed answer: no-op
    assert _card(db, CARD).status == "active"
    with db.read() as s:
        assert [e.status for e in s.scalars(select(BonusLedgerEntry))] == ["confirmed"]
    with pytest.raises(DomainError) as err:
        club.confirm_activation(CARD, accepted=False, reason="late")
    assert err.value.code == "club.card_not_pending"


def test_backend_rejection_rejects_ledger_alerts_manager_and_frees_the_phone(db, club, world):
    club.activate(world["clerk"], CARD, "ABCD-1234", "Москва", PHONE)
    assert club.confirm_activation(CARD, accepted=False, reason="карта уже активирована в другом пункте") == "rejected"
    assert _card(db, CARD).status == "rejected"
    with db.read() as s:
        assert [e.status for e in s.scalars(select(BonusLedgerEntry))] == ["rejected"]
        alert = s.scalars(select(ManagerAlert)).one()
    assert alert.kind == "club_activation_rejected" and CARD in alert.message
    _refused(club, world, "club.card_rejected")
    # The customer may now get another card; the club SMS becomes attempt 2 for the same order.
    club.activate(world["clerk"], CARD2, "EFGH-5678", "Москва", PHONE)
    with db.read() as s:
        assert sorted(s.scalars(select(SmsMessage.attempt))) == [1, 2]


@pytest.mark.parametrize("number", [CARD, complete("200000000777")])
def test_confirming_a_card_that_is_not_pending(club, world, number):
    with pytest.raises(DomainError) as err:
        club.confirm_activation(number, accepted=True)
    assert err.value.code == "club.card_not_pending"


# --- the club rules the server also enforces (issue 9) -----------------------------------------------


@pytest.mark.parametrize("city", ["Урюпинск", "Москва1", "М" * 101, "Москва" + " " * 3 + "x" * 200])
def test_city_must_be_one_of_the_retailers_cities(db, club, world, city):
    err = _refused(club, world, "club.unknown_city", city=city)
    assert "нет в списке" in str(err) and len(err.params["city"]) <= 40
    assert _card(db, CARD).status == "stock" and _outbox_types(db) == []


def test_city_is_stored_as_the_list_spells_it(db, club, world):
    result = club.activate(world["clerk"], CARD, "ABCD-1234", "  санкт-петербург ", PHONE)
    assert result.city == "Санкт-Петербург" and _card(db, CARD).city == "Санкт-Петербург"


def test_welcome_bonus_is_once_per_customer(db, club, world):
    with db.write() as s:
        card = s.scalars(select(ClubCard).where(ClubCard.number == CARD2)).one()
        s.add(BonusLedgerEntry(customer_id=world["customer"].id, card_id=card.id, reason="activation", points=190,
                               status="confirmed", created_at=T0))
    verdict = club.check_eligibility(PHONE)
    assert (verdict.eligible, verdict.code) == (False, "welcome_bonus_received")
    assert "один раз" in verdict.reason
    err = _refused(club, world, "club.not_eligible")
    assert err.params["why"] == "welcome_bonus_received" and _outbox_types(db) == []


def test_servers_rejection_reason_reaches_the_manager_in_russian(db, club, world):
    club.activate(world["clerk"], CARD, "ABCD-1234", "Москва", PHONE)
    club.confirm_activation(CARD, accepted=False, reason="phone_has_card:2000000000019")
    with db.read() as s:
        alert = s.scalars(select(ManagerAlert)).one()
    assert "уже есть активная карта 2000000000019" in alert.message and "phone_has_card" not in alert.message


def test_another_pcs_winning_activation_settles_this_pcs_as_lost(db, club, world):
    with db.write() as s:
        winner = make_customer(s, "Победитель", phone="+79260000009")
    club.activate(world["clerk"], CARD, "ABCD-1234", "Москва", PHONE)  # this PC's activation, still pending
    assert club.confirm_activation(CARD, accepted=True, phone="+79260000009") == "active"
    card = _card(db, CARD)
    assert (card.status, card.customer_id) == ("active", winner.id)
    with db.read() as s:
        assert [e.status for e in s.scalars(select(BonusLedgerEntry))] == ["rejected"]
        alert = s.scalars(select(ManagerAlert)).one()
    assert "карта уже активирована" in alert.message
    # this PC's own refusal follows in the feed: it changes nothing; the winner's phone now holds the card
    assert club.confirm_activation(CARD, accepted=False, reason="card_already_active", phone=PHONE) == "active"
    assert club.check_eligibility("+79260000009").code == "phone_has_card"
    assert club.check_eligibility(PHONE).eligible


def test_another_pcs_refused_activation_changes_nothing_here(db, club, world):
    club.activate(world["clerk"], CARD, "ABCD-1234", "Москва", PHONE)
    assert club.confirm_activation(CARD, accepted=False, reason="unknown_city", phone="+79260000009") == "pending"
    assert club.confirm_activation(CARD, accepted=True, phone=PHONE) == "active"
    with db.read() as s:
        assert [e.status for e in s.scalars(select(BonusLedgerEntry))] == ["confirmed"]


@pytest.mark.parametrize("reason", ["unknown_city", "customer_not_found", f"phone_has_card:{CARD}",
                                    "no_qualifying_order", "points_exceed_paid:12500>0",
                                    "activation_bonus_already_credited", "card_already_active",
                                    "no_active_card:000000001"])
def test_every_club_reason_of_the_server_reads_in_russian(reason):
    from desktop import messages
    from desktop.sync.reasons import UNKNOWN_REASON, describe_reason

    text = describe_reason(reason)
    assert text != messages.describe(UNKNOWN_REASON, {}) and reason.split(":")[0] not in text


def test_phone_that_looks_russian_but_is_not_valid_is_refused():
    """phonenumbers knows the numbering plan: +7 000… has the right length but no such range."""
    with pytest.raises(DomainError):
        normalise_phone("+7 000 123 45 67")
