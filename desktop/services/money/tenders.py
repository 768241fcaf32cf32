"""Tenders as the clerk enters them → validated tender lines, every money rule checked with a Russian reason.

The shape rules (each tender well formed, the sum, the points share, repeats) are protocol.money_rules'
`check_tenders`, mapped to `money.*` errors; the counter adds what only it knows: the points available on
this PC and the certificates' state, balance and PIN (certificates.py, pin_guard.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.services.money.certificates import certificate_number
from desktop.services.money.model import TenderInput
from protocol.errors import DomainError
from protocol.money import rub
from protocol.money_rules import KOPECKS_PER_POINT, BadTenders, Tender, TenderLine, check_tenders, points_cap


def tender_line(given: TenderInput) -> TenderLine:
    """One tender checked on its own: a known kind, a positive amount, cash not short, card exact."""
    if given.kind not in set(Tender):
        raise DomainError("money.bad_tender", kind=str(given.kind)[:20])
    kind, amount = Tender(given.kind), given.amount_kopecks
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise DomainError("money.bad_tender_amount", kind=kind.value)
    if kind is Tender.POINTS and amount % KOPECKS_PER_POINT:
        raise DomainError("money.points_not_whole")
    if kind is Tender.CASH:
        tendered = amount if given.tendered_kopecks is None else given.tendered_kopecks
        if not isinstance(tendered, int) or tendered < amount:
            shown = tendered if isinstance(tendered, int) else 0
            raise DomainError("handover.cash_insufficient", due=rub(amount), tendered=rub(shown),
                              missing=rub(amount - shown), due_kopecks=amount, tendered_kopecks=shown)
        return TenderLine(kind, amount, tendered, tendered - amount)
    if kind is Tender.CARD and given.tendered_kopecks is not None and given.tendered_kopecks != amount:
        raise DomainError("handover.card_amount_mismatch", due=rub(amount), tendered=rub(given.tendered_kopecks),
                          due_kopecks=amount, tendered_kopecks=given.tendered_kopecks)
    if kind is Tender.CERTIFICATE:
        return TenderLine(kind, amount, certificate=certificate_number(given.certificate))
    return TenderLine(kind, amount)


def tender_lines(due: int, given: Sequence[TenderInput], share_percent: int) -> list[TenderLine]:
    """All tenders of a payment checked against the amount due and the points share."""
    if not given:
        raise DomainError("money.no_tenders", due=rub(due))
    lines = [tender_line(t) for t in given]
    try:
        check_tenders(due, lines, share_percent)
    except BadTenders as bad:
        raise _explained(bad.reason, due, lines, share_percent) from None
    return lines


def _explained(reason: str, due: int, lines: Sequence[TenderLine], share: int) -> DomainError:
    code = reason.partition(":")[0]
    if code == "tenders_sum_mismatch":
        total = sum(t.amount for t in lines)
        return DomainError("money.tenders_mismatch", total=rub(total), due=rub(due), difference=rub(abs(due - total)),
                           total_kopecks=total, due_kopecks=due)
    if code == "points_over_share":
        points = sum(t.amount for t in lines if t.kind is Tender.POINTS) // KOPECKS_PER_POINT
        return DomainError("money.points_over_share", cap=points_cap(due, share), share=share, points=points)
    if code == "certificate_repeated":
        numbers = [t.certificate for t in lines if t.kind is Tender.CERTIFICATE]
        return DomainError("money.certificate_repeated", certificate=next(n for n in numbers if numbers.count(n) > 1))
    return DomainError("money.tender_repeated")
