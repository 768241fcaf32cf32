"""Each tender the clerk enters, checked on its own and together (desktop.services.money.tenders): the refusal names
the tender, the amounts in roubles and kopecks, the change, the repeated certificate, the points share."""

from __future__ import annotations

import pytest

from desktop.services.money.model import TenderInput
from desktop.services.money.tenders import tender_line, tender_lines
from protocol.money import rub
from protocol.money_rules import Tender, TenderLine
from tests.unit.handover_env import refused

GC = "GC000000000017"


def test_an_unknown_kind_is_refused_naming_at_most_its_first_20_characters():
    with refused("money.bad_tender", kind="cheque-of-the-bank-o"):
        tender_line(TenderInput("cheque-of-the-bank-of-somewhere", 100))


@pytest.mark.parametrize("amount", [0, -1, 1.5, True, None])
def test_an_amount_not_a_positive_whole_number_of_kopecks_is_refused_naming_the_kind(amount):
    with refused("money.bad_tender_amount", kind="card"):
        tender_line(TenderInput("card", amount))  # type: ignore[arg-type]


def test_points_pay_whole_roubles_only():
    assert tender_line(TenderInput("points", 300)) == TenderLine(Tender.POINTS, 300)
    with refused("money.points_not_whole"):
        tender_line(TenderInput("points", 301))


def test_cash_without_a_tendered_amount_is_exact_and_more_gives_change():
    assert tender_line(TenderInput("cash", 1)) == TenderLine(Tender.CASH, 1, 1, 0)
    assert tender_line(TenderInput("cash", 100_000, 150_050)) == TenderLine(Tender.CASH, 100_000, 150_050, 50_050)
    assert tender_line(TenderInput("cash", 100_000, 100_000)) == TenderLine(Tender.CASH, 100_000, 100_000, 0)


@pytest.mark.parametrize(("tendered", "shown"), [(99_999, 99_999), (0, 0), ("100000", 0)])
def test_cash_short_of_the_amount_is_refused_with_what_is_missing(tendered, shown):
    """A tendered amount that is not a number of kopecks is shown as nothing handed over."""
    params = {"due": rub(100_000), "tendered": rub(shown), "missing": rub(100_000 - shown), "due_kopecks": 100_000,
              "tendered_kopecks": shown}
    with refused("handover.cash_insufficient", **params) as info:
        tender_line(TenderInput("cash", 100_000, tendered))
    assert info.value.params == params


def test_a_card_pays_exactly_its_amount():
    assert tender_line(TenderInput("card", 100_000)) == TenderLine(Tender.CARD, 100_000)
    assert tender_line(TenderInput("card", 100_000, 100_000)) == TenderLine(Tender.CARD, 100_000)
    params = {"due": rub(100_000), "tendered": rub(100_001), "due_kopecks": 100_000, "tendered_kopecks": 100_001}
    with refused("handover.card_amount_mismatch", **params) as info:
        tender_line(TenderInput("card", 100_000, 100_001))
    assert info.value.params == params


def test_a_certificate_tender_carries_its_number_as_printed():
    assert tender_line(TenderInput("certificate", 5_000, certificate=" gc000000000017 ")) == TenderLine(
        Tender.CERTIFICATE, 5_000, certificate=GC)
    with refused("money.bad_certificate_number"):
        tender_line(TenderInput("certificate", 5_000))


def test_no_tender_is_refused_naming_the_amount_due():
    with refused("money.no_tenders", due=rub(123_456)):
        tender_lines(123_456, [], 50)


@pytest.mark.parametrize(("given", "total"), [([TenderInput("card", 90_000)], 90_000),
                                              ([TenderInput("card", 60_000), TenderInput("cash", 50_000)], 110_000)])
def test_tenders_that_do_not_add_up_name_their_total_the_due_and_the_difference(given, total):
    params = {"total": rub(total), "due": rub(100_000), "difference": rub(abs(100_000 - total)),
              "total_kopecks": total, "due_kopecks": 100_000}
    with refused("money.tenders_mismatch", **params) as info:
        tender_lines(100_000, given, 50)
    assert info.value.params == params


def test_points_over_the_share_name_the_cap_the_share_and_the_whole_points():
    with refused("money.points_over_share", cap=300, share=30, points=301) as info:
        tender_lines(100_000, [TenderInput("points", 30_100), TenderInput("card", 69_900)], 30)
    assert isinstance(info.value.params["points"], int) and "301.0" not in str(info.value)
    assert tender_lines(100_000, [TenderInput("points", 30_000), TenderInput("card", 70_000)], 30) == [
        TenderLine(Tender.POINTS, 30_000), TenderLine(Tender.CARD, 70_000)]


def test_a_certificate_given_twice_is_named():
    given = [TenderInput("certificate", 100, certificate="GC000000000024"), TenderInput("certificate", 100,
             certificate=GC), TenderInput("certificate", 100, certificate=GC.lower()), TenderInput("card", 700)]
    with refused("money.certificate_repeated", certificate=GC):
        tender_lines(1_000, given, 50)


def test_two_cash_lines_are_refused_as_a_repeated_tender():
    with refused("money.tender_repeated"):
        tender_lines(1_000, [TenderInput("cash", 500), TenderInput("cash", 500)], 50)
