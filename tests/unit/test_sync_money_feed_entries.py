"""The server's money items in the cache, entry by entry: a server entry confirms this PC's own pending entry of the
same event (same reason), another PC's is added with its customer, card, order and time, a card the server names
becomes the customer's, certificates follow the server except a sale still pending here, a refused event's entries
stop counting, and a snapshot loads all of it. Replaying any of it changes nothing."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.engine import Database
from desktop.db.models import BonusLedgerEntry, ClubCard, Customer, Order
from desktop.db.money_models import Certificate, CertificateEntry
from desktop.db.pepper import open_secret_hash, pepper_for_session
from desktop.sync.money_feed import (
    apply_bonus_entry,
    apply_certificate_entry,
    load_money_snapshot,
    reject_entries,
    upsert_certificate,
)
from tests.support.factories import make_customer, make_order, make_point

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
AT = "2026-11-20T10:00:00+00:00"
GC = "GC000000000031"


def naive(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=None) if moment is not None else None


@pytest.fixture
def s(db: Database) -> Any:
    with db.write() as session:
        point = make_point(session)
        customer = make_customer(session)
        customer.external_id = "C-1"
        make_order(session, point, customer, number="100000001")
        session.add(ClubCard(number="2000000000015", point_id=point.id, activation_code_hash="x", status="stock"))
        session.flush()
        yield session


def bonus(entry: int, points: int = 100, reason: str = "accrual", **extra: Any) -> dict[str, Any]:
    return {"entry": entry, "customer": "C-1", "card": None, "order": None, "reason": reason, "points": points,
            "event_id": None, "at": AT} | extra


def entries(s: Session) -> list[tuple[Any, ...]]:
    rows = s.scalars(select(BonusLedgerEntry).order_by(BonusLedgerEntry.id))
    return [(e.server_id, e.reason, e.points, e.status, e.event_id) for e in rows]


def own_entry(s: Session, event_id: str, reason: str = "redemption", points: int = -50) -> BonusLedgerEntry:
    customer = s.scalars(select(Customer).where(Customer.external_id == "C-1")).one()
    entry = BonusLedgerEntry(customer_id=customer.id, reason=reason, points=points, created_at=NOW, event_id=event_id)
    s.add(entry)
    s.flush()
    return entry


def test_another_pcs_entry_is_added_confirmed_with_its_customer_order_and_time(s: Session) -> None:
    apply_bonus_entry(s, bonus(7, 250, order="100000001", event_id="other-pc"), NOW)
    entry = s.scalars(select(BonusLedgerEntry)).one()
    customer = s.scalars(select(Customer).where(Customer.external_id == "C-1")).one()
    assert (entry.server_id, entry.points, entry.status, entry.reason) == (7, 250, "confirmed", "accrual")
    order_id = s.scalar(select(Order.id).where(Order.number == "100000001"))
    assert entry.customer_id == customer.id and entry.order_id == order_id is not None
    assert naive(entry.created_at) == datetime(2026, 11, 20, 10, 0) and entry.event_id == "other-pc"
    assert entry.card_id is None


def test_an_entry_without_a_time_is_dated_now_and_without_an_order_has_none(s: Session) -> None:
    apply_bonus_entry(s, bonus(7, at=None, order="999999999"), NOW)
    entry = s.scalars(select(BonusLedgerEntry)).one()
    assert naive(entry.created_at) == naive(NOW) and entry.order_id is None


def test_a_replayed_entry_updates_the_same_row(s: Session) -> None:
    apply_bonus_entry(s, bonus(7, 250), NOW)
    apply_bonus_entry(s, bonus(7, 300), NOW)
    assert entries(s) == [(7, "accrual", 300, "confirmed", None)]


def test_the_server_confirms_this_pcs_own_pending_entry_of_the_same_event(s: Session) -> None:
    own = own_entry(s, "ev-1")
    apply_bonus_entry(s, bonus(9, -50, "redemption", event_id="ev-1"), NOW)
    assert entries(s) == [(9, "redemption", -50, "confirmed", "ev-1")] and own.server_id == 9


def test_an_entry_of_the_same_event_but_another_reason_is_another_entry(s: Session) -> None:
    own_entry(s, "ev-1")
    apply_bonus_entry(s, bonus(9, 40, "accrual", event_id="ev-1"), NOW)
    assert entries(s) == [(None, "redemption", -50, "pending", "ev-1"), (9, "accrual", 40, "confirmed", "ev-1")]


def test_an_own_entry_the_server_already_confirmed_is_not_taken_again(s: Session) -> None:
    own_entry(s, "ev-1", reason="accrual", points=10)
    apply_bonus_entry(s, bonus(9, 10, event_id="ev-1"), NOW)
    apply_bonus_entry(s, bonus(10, 20, event_id="ev-1"), NOW)  # a second server entry of the event
    assert entries(s) == [(9, "accrual", 10, "confirmed", "ev-1"), (10, "accrual", 20, "confirmed", "ev-1")]


def test_an_entry_of_a_customer_unknown_here_is_skipped_and_logged(s: Session,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    make_customer(s)  # a walk-in customer known only by phone (no external id): not the one meant
    with caplog.at_level(logging.INFO, logger="desktop.sync.money_feed"):
        apply_bonus_entry(s, bonus(7, customer="C-nobody"), NOW)
        apply_bonus_entry(s, bonus(8, customer=None), NOW)
    assert entries(s) == []
    assert [r.getMessage() for r in caplog.records] == ["bonus entry 7 of a customer unknown here: skipped",
                                                        "bonus entry 8 of a customer unknown here: skipped"]


def test_a_card_the_server_names_becomes_the_customers_and_active(s: Session) -> None:
    apply_bonus_entry(s, bonus(7, 1000, "activation", card="2000000000015"), NOW)
    card = s.scalars(select(ClubCard)).one()
    entry = s.scalars(select(BonusLedgerEntry)).one()
    assert entry.card_id == card.id and card.customer_id == entry.customer_id and card.status == "active"


def test_a_named_card_not_in_stock_keeps_its_status(s: Session) -> None:
    card = s.scalars(select(ClubCard)).one()
    card.status = "pending"
    apply_bonus_entry(s, bonus(7, 1000, "activation", card="2000000000015"), NOW)
    assert card.customer_id is not None and card.status == "pending"


def test_a_card_that_already_has_a_customer_keeps_it(s: Session) -> None:
    other = make_customer(s)
    card = s.scalars(select(ClubCard)).one()
    card.customer_id, card.status = other.id, "active"
    apply_bonus_entry(s, bonus(7, 100, card="2000000000015"), NOW)
    assert card.customer_id == other.id


def test_another_pcs_activation_of_a_card_activated_here_does_not_take_the_card(s: Session) -> None:
    card = s.scalars(select(ClubCard)).one()
    mine = own_entry(s, "ev-act", reason="activation", points=1000)
    mine.card_id = card.id
    apply_bonus_entry(s, bonus(7, 1000, "activation", card="2000000000015", event_id="other-pc"), NOW)
    theirs = s.scalars(select(BonusLedgerEntry).where(BonusLedgerEntry.server_id == 7)).one()
    assert theirs.card_id is None


def test_an_accrual_on_a_card_activated_here_keeps_the_card(s: Session) -> None:
    card = s.scalars(select(ClubCard)).one()
    own_entry(s, "ev-act", reason="activation", points=1000).card_id = card.id
    apply_bonus_entry(s, bonus(7, 100, "accrual", card="2000000000015"), NOW)
    assert s.scalars(select(BonusLedgerEntry).where(BonusLedgerEntry.server_id == 7)).one().card_id == card.id


def cert(**extra: Any) -> dict[str, Any]:
    return {"certificate": GC, "status": "active", "face": 500_000, "expires_at": "2027-11-24T09:00:00+00:00",
            "pin_hash": "$argon2id$pin"} | extra


def test_a_certificate_is_stored_as_the_server_has_it_with_its_pin_sealed(s: Session) -> None:
    upsert_certificate(s, cert(), NOW)
    row = s.scalars(select(Certificate)).one()
    assert (row.number, row.status, row.face_kopecks) == (GC, "active", 500_000)
    assert naive(row.expires_at) == datetime(2027, 11, 24, 9, 0) and naive(row.updated_at) == naive(NOW)
    assert row.pin_hash != "$argon2id$pin" and open_secret_hash(pepper_for_session(s), row.pin_hash) == "$argon2id$pin"


def test_a_certificate_update_refreshes_the_same_row(s: Session) -> None:
    upsert_certificate(s, cert(), NOW)
    upsert_certificate(s, cert(status="blocked", face=400_000, expires_at=None, pin_hash=None), NOW)
    row = s.scalars(select(Certificate)).one()
    assert (row.status, row.face_kopecks, row.expires_at, row.pin_hash) == ("blocked", 400_000, None, None)


def test_a_sale_made_here_stays_pending_while_the_server_still_says_stock(s: Session) -> None:
    upsert_certificate(s, cert(status="stock", face=None, expires_at=None), NOW)
    row = s.scalars(select(Certificate)).one()
    row.status, row.face_kopecks = "pending", 500_000
    upsert_certificate(s, cert(status="stock", face=None, expires_at="2027-01-01T00:00:00+00:00"), NOW)
    assert (row.status, row.face_kopecks, row.expires_at) == ("pending", 500_000, None)
    upsert_certificate(s, cert(status="active"), NOW)
    assert (row.status, row.face_kopecks) == ("active", 500_000)


def test_a_stock_certificate_follows_the_server(s: Session) -> None:
    upsert_certificate(s, cert(status="stock", face=None), NOW)
    upsert_certificate(s, cert(status="blocked", face=None), NOW)
    assert s.scalars(select(Certificate.status)).one() == "blocked"


def centry(entry: int, amount: int = 500_000, **extra: Any) -> dict[str, Any]:
    return {"entry": entry, "certificate": GC, "reason": "sale", "amount": amount, "order": None,
            "event_id": None, "at": AT} | extra


def certificate_entries(s: Session) -> list[tuple[Any, ...]]:
    rows = s.scalars(select(CertificateEntry).order_by(CertificateEntry.id))
    return [(e.server_id, e.certificate, e.reason, e.amount_kopecks, e.status, e.order_number, e.event_id)
            for e in rows]


def test_another_pcs_certificate_entry_is_added_confirmed(s: Session) -> None:
    apply_certificate_entry(s, centry(5, -100_000, reason="redemption", order="100000001", event_id="x"), NOW)
    assert certificate_entries(s) == [(5, GC, "redemption", -100_000, "confirmed", "100000001", "x")]
    assert naive(s.scalars(select(CertificateEntry.created_at)).one()) == datetime(2026, 11, 20, 10, 0)
    apply_certificate_entry(s, centry(5, -100_000, reason="redemption", order="100000001", event_id="x"), NOW)
    assert len(certificate_entries(s)) == 1


def test_a_certificate_entry_without_a_time_is_dated_now(s: Session) -> None:
    apply_certificate_entry(s, centry(5, at=None), NOW)
    assert naive(s.scalars(select(CertificateEntry.created_at)).one()) == naive(NOW)


def own_spend(s: Session, event_id: str, amount: int, number: str = GC) -> CertificateEntry:
    spend = CertificateEntry(certificate=number, reason="redemption" if amount < 0 else "sale", amount_kopecks=amount,
                             event_id=event_id, created_at=NOW)
    s.add(spend)
    s.flush()
    return spend


def test_the_server_confirms_this_pcs_own_certificate_entry_of_the_same_event(s: Session) -> None:
    own_spend(s, "ev-2", -100_000)
    apply_certificate_entry(s, centry(6, -100_000, reason="redemption", event_id="ev-2"), NOW)
    assert certificate_entries(s) == [(6, GC, "redemption", -100_000, "confirmed", None, "ev-2")]


def test_an_entry_of_the_same_event_on_another_certificate_is_another_entry(s: Session) -> None:
    own_spend(s, "ev-2", -100_000, number="GC000000000017")
    apply_certificate_entry(s, centry(6, -100_000, reason="redemption", event_id="ev-2"), NOW)
    assert [e[0] for e in certificate_entries(s)] == [None, 6]


def test_a_refused_event_leaves_its_pending_entries_rejected_but_not_confirmed_ones(s: Session) -> None:
    own_entry(s, "ev-3")
    own_entry(s, "ev-3", reason="accrual", points=10).server_id = 99
    own_entry(s, "ev-other")
    own_spend(s, "ev-3", -100_000)
    reject_entries(s, "ev-3")
    assert [e[3] for e in entries(s)] == ["rejected", "pending", "pending"]
    assert [e[4] for e in certificate_entries(s)] == ["rejected"]


def test_a_refused_sale_puts_a_pending_certificate_back_in_stock(s: Session) -> None:
    upsert_certificate(s, cert(status="pending"), NOW)
    own_spend(s, "ev-sale", 500_000)
    reject_entries(s, "ev-sale")
    assert s.scalars(select(Certificate.status)).one() == "stock"


@pytest.mark.parametrize(("status", "amount"), [("active", 500_000), ("pending", -100_000)])
def test_a_refused_redemption_or_a_sold_certificate_keeps_the_certificates_status(s: Session, status: str,
                                                                                  amount: int) -> None:
    upsert_certificate(s, cert(status=status), NOW)
    own_spend(s, "ev-4", amount)
    reject_entries(s, "ev-4")
    assert s.scalars(select(Certificate.status)).one() == status


def test_a_refused_sale_of_a_certificate_unknown_here_only_rejects_the_entry(s: Session) -> None:
    own_spend(s, "ev-5", 500_000)
    reject_entries(s, "ev-5")
    assert [e[4] for e in certificate_entries(s)] == ["rejected"]


def test_a_snapshot_loads_certificates_then_their_entries_then_bonus_entries(s: Session) -> None:
    load_money_snapshot(s, {"certificates": [cert()], "certificate_entries": [centry(5)],
                            "bonus_entries": [bonus(7, 1234)]}, NOW)
    assert s.scalars(select(Certificate.status)).one() == "active"
    assert certificate_entries(s) == [(5, GC, "sale", 500_000, "confirmed", None, None)]
    assert entries(s) == [(7, "accrual", 1234, "confirmed", None)]


def test_a_snapshot_without_money_items_loads_nothing(s: Session) -> None:
    load_money_snapshot(s, {}, NOW)
    assert entries(s) == [] and certificate_entries(s) == [] and s.scalars(select(Certificate)).all() == []


def test_an_activation_elsewhere_of_a_card_with_only_an_accrual_here_takes_the_card(s: Session) -> None:
    card = s.scalars(select(ClubCard)).one()
    own_entry(s, "ev-acc", reason="accrual", points=10).card_id = card.id
    apply_bonus_entry(s, bonus(7, 1000, "activation", card="2000000000015", event_id="other-pc"), NOW)
    assert s.scalars(select(BonusLedgerEntry).where(BonusLedgerEntry.server_id == 7)).one().card_id == card.id


def test_an_activation_of_another_card_here_does_not_keep_this_card_from_its_entry(s: Session) -> None:
    other = ClubCard(number="2000000000022", point_id=s.scalars(select(ClubCard.point_id)).one(),
                     activation_code_hash="x", status="active")
    s.add(other)
    s.flush()
    own_entry(s, "ev-act", reason="activation", points=1000).card_id = other.id
    apply_bonus_entry(s, bonus(7, 1000, "activation", card="2000000000015", event_id="other-pc"), NOW)
    card = s.scalars(select(ClubCard).where(ClubCard.number == "2000000000015")).one()
    assert s.scalars(select(BonusLedgerEntry).where(BonusLedgerEntry.server_id == 7)).one().card_id == card.id


def test_a_certificate_entry_of_another_event_is_not_taken_for_this_pcs_own(s: Session) -> None:
    own_spend(s, "ev-mine", -100_000)
    apply_certificate_entry(s, centry(6, -100_000, reason="redemption", event_id="ev-theirs"), NOW)
    assert [(e[0], e[4], e[6]) for e in certificate_entries(s)] == [(None, "pending", "ev-mine"),
                                                                    (6, "confirmed", "ev-theirs")]


def test_an_own_certificate_entry_already_confirmed_is_not_taken_again(s: Session) -> None:
    own_spend(s, "ev-2", -100_000)
    apply_certificate_entry(s, centry(6, -100_000, reason="redemption", event_id="ev-2"), NOW)
    apply_certificate_entry(s, centry(7, -50_000, reason="redemption", event_id="ev-2"), NOW)
    assert [(e[0], e[3]) for e in certificate_entries(s)] == [(6, -100_000), (7, -50_000)]


def test_a_refusal_leaves_other_events_and_confirmed_certificate_entries_alone(s: Session) -> None:
    other, confirmed = own_spend(s, "ev-other", -100_000), own_spend(s, "ev-3", -20_000)
    confirmed.server_id, confirmed.status = 55, "confirmed"
    own_spend(s, "ev-3", -100_000)
    reject_entries(s, "ev-3")
    assert [e[4] for e in certificate_entries(s)] == ["pending", "confirmed", "rejected"]
    assert other.status == "pending"


@pytest.mark.parametrize(("amount", "status"), [(1, "stock"), (0, "pending")])
def test_only_a_refused_sale_of_some_money_puts_the_certificate_back(s: Session, amount: int, status: str) -> None:
    upsert_certificate(s, cert(status="pending"), NOW)
    own_spend(s, "ev-sale", amount)
    reject_entries(s, "ev-sale")
    assert s.scalars(select(Certificate.status)).one() == status


def test_a_snapshots_bonus_entry_without_a_time_is_dated_now(s: Session) -> None:
    load_money_snapshot(s, {"bonus_entries": [bonus(7, 10, at=None)]}, NOW)
    assert naive(s.scalars(select(BonusLedgerEntry.created_at)).one()) == naive(NOW)
