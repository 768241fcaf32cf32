"""The bonus account on the counter (desktop.services.money.bonus): the point's money settings with the protocol's
defaults for anything missing or out of range, one account per phone, the active card, and the balance — confirmed
entries, this PC's pending accruals and reserved redemptions, rejected ones shown but never counted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.engine import Database
from desktop.db.models import BonusLedgerEntry, ClubCard, PickupPoint
from desktop.services.money.bonus import MAX_ENTRIES, account_ids, active_card, bonus_balance, money_settings
from protocol.money_rules import CREDIT_ACCRUES_POINTS, POINTS_SHARE_PERCENT
from tests.support.factories import T0, make_customer, make_order, make_point


@pytest.fixture
def point(db: Database) -> int:
    with db.write() as s:
        return make_point(s, code="0042").id


def _settings(db: Database, money: dict | None):  # type: ignore[no-untyped-def]
    with db.write() as s:
        s.get(PickupPoint, s.scalars(select(PickupPoint.id)).one()).money = money
    with db.read() as s:
        return money_settings(s)


@pytest.mark.parametrize(("money", "share", "accrues"), [
    (None, POINTS_SHARE_PERCENT, CREDIT_ACCRUES_POINTS),
    ({}, POINTS_SHARE_PERCENT, CREDIT_ACCRUES_POINTS),
    ({"points_share_percent": 0, "credit_accrues_points": True}, 0, True),
    ({"points_share_percent": 100, "credit_accrues_points": False}, 100, False),
    ({"points_share_percent": 30}, 30, CREDIT_ACCRUES_POINTS),
    ({"points_share_percent": 101, "credit_accrues_points": 1}, POINTS_SHARE_PERCENT, CREDIT_ACCRUES_POINTS),
    ({"points_share_percent": -1, "credit_accrues_points": "yes"}, POINTS_SHARE_PERCENT, CREDIT_ACCRUES_POINTS),
    ({"points_share_percent": "30"}, POINTS_SHARE_PERCENT, CREDIT_ACCRUES_POINTS),
])
def test_the_points_money_settings_fall_back_to_the_protocols_for_a_missing_or_bad_value(db, point, money, share,
                                                                                         accrues):
    settings = _settings(db, money)
    assert (settings.points_share_percent, settings.credit_accrues_points) == (share, accrues)


def test_the_defaults_are_half_the_amount_and_no_points_on_credit():
    assert (POINTS_SHARE_PERCENT, CREDIT_ACCRUES_POINTS) == (50, False)


def test_one_account_holds_every_customer_row_of_a_phone(db, point):
    with db.write() as s:
        first = make_customer(s, phone="+79160000001").id
        other = make_customer(s, phone="+79160000002").id
        second = make_customer(s, phone="+79160000001").id
        assert account_ids(s, second) == [first, second] and account_ids(s, other) == [other]
        assert account_ids(s, 9999) == [9999]  # not in this cache: its own id


def test_points_are_spent_only_with_the_accounts_active_card(db, point):
    with db.write() as s:
        ids = [make_customer(s, phone="+79160000001").id, make_customer(s, phone="+79160000001").id]
        for n, (customer, status) in enumerate([(ids[0], "blocked"), (ids[1], "active"), (ids[0], "active")], 1):
            s.add(ClubCard(number=f"200000000{n:04d}", point_id=point, activation_code_hash="x", status=status,
                           customer_id=customer))
        s.flush()
        assert active_card(s, ids).number == "2000000000002"  # type: ignore[union-attr]
        assert active_card(s, ids[:1]).number == "2000000000003"  # type: ignore[union-attr]
        assert active_card(s, [9999]) is None


def _entry(s: Session, customer: int, points: int, status: str, minutes: int, order_id: int | None = None) -> None:
    reason = "accrual" if points > 0 else "redemption"
    s.add(BonusLedgerEntry(customer_id=customer, points=points, status=status, order_id=order_id, reason=reason,
                           created_at=T0 + timedelta(minutes=minutes)))


def test_the_balance_counts_confirmed_entries_pending_accruals_and_reserved_redemptions_apart(db, point):
    with db.write() as s:
        customer = make_customer(s).id
        order = make_order(s, s.get(PickupPoint, point), number="500000001")
        for points, status, minute in [(1000, "confirmed", 1), (-300, "confirmed", 2), (500, "pending", 3),
                                        (-200, "pending", 4), (-150, "pending", 5), (400, "rejected", 6),
                                        (-900, "rejected", 7)]:
            _entry(s, customer, points, status, minute, order.id if minute == 3 else None)
        s.flush()
        balance = bonus_balance(s, [customer])
    assert (balance.confirmed, balance.pending, balance.reserved, balance.available) == (700, 500, 350, 350)
    assert [(e.points, e.status) for e in balance.entries][:3] == [(-900, "rejected"), (400, "rejected"),
                                                                 (-150, "pending")]
    assert [e.order for e in balance.entries if e.points == 500] == ["500000001"]
    assert {e.order for e in balance.entries if e.points != 500} == {None}


def test_reservations_over_the_confirmed_balance_leave_nothing_to_spend(db, point):
    with db.write() as s:
        customer = make_customer(s).id
        _entry(s, customer, 100, "confirmed", 1)
        _entry(s, customer, -300, "pending", 2)
        s.flush()
        balance = bonus_balance(s, [customer])
    assert (balance.confirmed, balance.reserved, balance.available) == (100, 300, 0)


def test_the_newest_entries_are_shown_up_to_the_limit_but_all_are_counted(db, point):
    with db.write() as s:
        customer = make_customer(s).id
        for minute in range(MAX_ENTRIES + 1):
            _entry(s, customer, 1, "confirmed", minute)
        s.flush()
        balance = bonus_balance(s, [customer])
    assert MAX_ENTRIES == 200 and len(balance.entries) == MAX_ENTRIES and balance.confirmed == MAX_ENTRIES + 1
    assert balance.entries[0].at == T0 + timedelta(minutes=MAX_ENTRIES)


def test_entries_are_listed_by_their_date_whatever_order_they_arrived_in_and_a_single_point_counts(db, point):
    """The server's entries can arrive after this PC's own later ones: the list follows the entries' dates."""
    with db.write() as s:
        customer = make_customer(s).id
        _entry(s, customer, 1, "pending", 10)
        _entry(s, customer, -1, "pending", 5)
        _entry(s, customer, 40, "confirmed", 1)  # recorded last, dated first
        s.flush()
        balance = bonus_balance(s, [customer])
    assert [e.points for e in balance.entries] == [1, -1, 40]
    assert (balance.confirmed, balance.pending, balance.reserved, balance.available) == (40, 1, 1, 39)
