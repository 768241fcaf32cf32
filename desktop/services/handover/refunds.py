"""Lines refused after the payment was fiscalised: what goes back, in a fixed order, and the tenders that remain.

Refund order: points first (whole points), then certificates, then card, then cash — the customer keeps as
much of what they paid with money as the goods they take allow, and the points share of the smaller amount
due still holds (points only go down). The sellReturn receipt lists the refunds; the handover keeps the
remaining tenders, which pay exactly the new amount due.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from protocol.money_rules import KOPECKS_PER_POINT, Tender, TenderLine

REFUND_ORDER = (Tender.POINTS, Tender.CERTIFICATE, Tender.CARD, Tender.CASH)


def split_refund(tenders: Sequence[TenderLine], refund: int) -> tuple[list[TenderLine], list[TenderLine]]:
    """(remaining tenders, refunds) when `refund` kopecks of a payment go back."""
    left = refund
    taken: dict[int, int] = {}
    order = sorted(range(len(tenders)), key=lambda i: REFUND_ORDER.index(tenders[i].kind))
    for i in order:
        tender = tenders[i]
        take = min(tender.amount, left)
        if tender.kind is Tender.POINTS:
            take -= take % KOPECKS_PER_POINT
        taken[i], left = take, left - take
    if left:
        raise ValueError(f"refund {refund} exceeds the payment")
    remaining, refunds = [], []
    for i, tender in enumerate(tenders):
        take = taken[i]  # every tender had its turn above
        if take:
            refunds.append(TenderLine(tender.kind, take, certificate=tender.certificate))
        if tender.amount > take:
            remaining.append(replace(tender, amount=tender.amount - take,
                                     tendered=tender.tendered - take if tender.kind is Tender.CASH else 0))
    return remaining, refunds
