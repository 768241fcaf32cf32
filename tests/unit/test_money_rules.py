"""The payment rules both sides apply (protocol/money_rules.py), stated in the retailer's words."""

from __future__ import annotations

import pytest

from protocol.money_rules import (
    BadTenders,
    Tender,
    TenderLine,
    check_tenders,
    money_paid,
    points_cap,
    points_paid,
    tenders_of,
)


def test_points_may_pay_at_most_half_of_the_amount_due_in_whole_points():
    assert points_cap(250_000) == 1250  # 2 500 ₽ due: 1 250 points
    assert points_cap(99) == 0  # less than a rouble's share: nothing
    assert points_cap(250_050, share_percent=10) == 250
    assert points_cap(-100) == 0


def test_the_old_one_method_payment_still_reads_as_one_tender():
    old = {"method": "cash", "due": 150_000, "tendered": 200_000, "change": 50_000}
    assert tenders_of(old) == [TenderLine(Tender.CASH, 150_000, 200_000, 50_000)]
    assert tenders_of(None) == []


def test_mixed_tenders_pay_exactly_the_amount_due():
    tenders = tenders_of({"due": 300_000, "tenders": [
        {"kind": "points", "amount": 50_000},
        {"kind": "certificate", "amount": 100_000, "certificate": "GC000000000017"},
        {"kind": "cash", "amount": 150_000, "tendered": 200_000, "change": 50_000},
    ]})
    check_tenders(300_000, tenders)
    assert money_paid(tenders) == 150_000
    assert points_paid(tenders) == 500
    with pytest.raises(BadTenders, match="tenders_sum_mismatch"):
        check_tenders(300_001, tenders)


@pytest.mark.parametrize(("tenders", "reason"), [
    ([{"kind": "bitcoin", "amount": 100}], "tender_kind_unknown"),
    ([{"kind": "card", "amount": 0}], "tender_amount_invalid:card"),
    ([{"kind": "card", "amount": True}], "tender_amount_invalid:card"),
    ([{"kind": "points", "amount": 150}], "points_not_whole"),
    ([{"kind": "certificate", "amount": 100}], "certificate_missing"),
    ([{"kind": "cash", "amount": 100, "tendered": 500, "change": 300}], "cash_change_mismatch"),
    ([], "tenders_missing"),
])
def test_a_malformed_tender_is_named(tenders, reason):
    with pytest.raises(BadTenders) as err:
        tenders_of({"due": 100, "tenders": tenders})
    assert err.value.reason == reason


def test_points_over_the_share_two_cash_tenders_and_a_certificate_twice_are_refused():
    cash = TenderLine(Tender.CASH, 50_000, 50_000, 0)
    with pytest.raises(BadTenders, match="points_over_share:600>500"):
        check_tenders(100_000, [TenderLine(Tender.POINTS, 60_000), TenderLine(Tender.CARD, 40_000)])
    with pytest.raises(BadTenders, match="tender_repeated"):
        check_tenders(100_000, [cash, cash])
    gift = TenderLine(Tender.CERTIFICATE, 50_000, certificate="GC000000000017")
    with pytest.raises(BadTenders, match="certificate_repeated"):
        check_tenders(100_000, [gift, gift])
    check_tenders(100_000, [TenderLine(Tender.POINTS, 50_000), cash])  # exactly the share is allowed
