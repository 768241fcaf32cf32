"""The payment dialog's arithmetic: points, certificates, card and cash against the amount due (no widgets).

Order of the parts: points, then certificates, then card; cash pays the rest (tendered − change). The dialog
shows `remaining` at every key press and accepts only a draft whose `problem()` is empty.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.services.money.model import TenderInput
from protocol.money_rules import KOPECKS_PER_POINT, Tender


@dataclass(frozen=True)
class CertificatePart:
    """A checked certificate and how much of it pays this order."""

    number: str
    pin: str
    available: int  # kopecks that may be spent now (the last confirmed balance − this PC's pending spends)
    amount: int


@dataclass(frozen=True)
class PaymentDraft:
    """What the clerk has typed so far; amounts in kopecks, points in whole points."""

    due: int
    points_usable: int = 0
    points: int = 0
    certificates: tuple[CertificatePart, ...] = ()
    card: int = 0
    tendered: int = 0

    @property
    def certificates_total(self) -> int:
        return sum(c.amount for c in self.certificates)

    @property
    def before_cash(self) -> int:
        """Kopecks paid by points, certificates and card."""
        return self.points * KOPECKS_PER_POINT + self.certificates_total + self.card

    @property
    def cash_part(self) -> int:
        """What cash must pay."""
        return max(self.due - self.before_cash, 0)

    @property
    def remaining(self) -> int:
        """Still to take (0: the payment adds up)."""
        return max(self.cash_part - self.tendered, 0)

    @property
    def change(self) -> int:
        return max(self.tendered - self.cash_part, 0) if self.cash_part else 0

    def problem(self) -> str:
        """Why this draft cannot be accepted: a code (see payment_dialog.PROBLEMS) or ''."""
        if self.points > self.points_usable:
            return "points_over"
        if self.before_cash > self.due:
            return "too_much"
        if self.tendered and not self.cash_part:
            return "cash_not_needed"
        if self.remaining:
            return "not_enough"
        return ""

    def room_for_certificate(self, available: int) -> int:
        """How much a newly checked certificate should pay by default: what is left, at most its balance."""
        left = self.due - self.points * KOPECKS_PER_POINT - self.certificates_total
        return max(min(available, left), 0)

    def rest_by_card(self) -> PaymentDraft:
        """The card pays everything points and certificates do not (no cash)."""
        left = self.due - self.points * KOPECKS_PER_POINT - self.certificates_total
        return replace(self, card=max(left, 0), tendered=0)

    def tenders(self) -> list[TenderInput]:
        """The tenders for `HandoverService.pay` (call only when `problem()` is empty)."""
        tenders: list[TenderInput] = []
        if self.points:
            tenders.append(TenderInput(Tender.POINTS.value, self.points * KOPECKS_PER_POINT))
        tenders += [TenderInput(Tender.CERTIFICATE.value, c.amount, certificate=c.number, pin=c.pin)
                    for c in self.certificates if c.amount]
        if self.card:
            tenders.append(TenderInput(Tender.CARD.value, self.card))
        if self.cash_part:
            tenders.append(TenderInput(Tender.CASH.value, self.cash_part, tendered_kopecks=self.tendered))
        return tenders
