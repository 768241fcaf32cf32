"""Money rules both sides enforce: tenders at handover, paying with points, gift certificates, credit orders.

The server is authoritative (the bonus and certificate ledgers); the counter checks the same rules first
so the clerk sees the reason at once, and limits what it spends offline to the last confirmed balance.

Wire shape of a handover's payment (`HandoverCompleted.payment`, amounts in kopecks)::

    {"due": 250000,
     "tenders": [{"kind": "points", "amount": 50000},
                 {"kind": "certificate", "amount": 100000, "certificate": "GC000000000017"},
                 {"kind": "cash", "amount": 100000, "tendered": 100000, "change": 0}],
     "receipt": "<the fiscal receipt's uuid>" | None}

The old shape ``{"method": "cash"|"card", "due", "tendered", "change"}`` (queued by a counter of an
earlier version) still reads: `tenders_of` turns it into one tender.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeGuard


class Tender(StrEnum):
    """How a part of the amount due is paid."""

    CASH = "cash"
    CARD = "card"
    POINTS = "points"  # the customer's bonus points: 1 point = 1 rouble
    CERTIFICATE = "certificate"  # a gift certificate (prepaid: a 54-FZ «зачёт аванса»)


MONEY_TENDERS = frozenset({Tender.CASH, Tender.CARD})  # what points accrue on
KOPECKS_PER_POINT = 100

# Retailer settings (the backend's Settings override them and sends them in `point.upsert` → "money").
POINTS_SHARE_PERCENT = 50  # points may pay at most this share of the amount due
CREDIT_ACCRUES_POINTS = False  # a bank-loan purchase earns no points (the loan may still be withdrawn)

# Gift certificates.
CERTIFICATE_PATTERN = r"GC\d{12}"  # the certificate's barcode: GC + 12 digits
CERTIFICATE_PIN_LENGTH = 8  # digits under the scratch layer; stored hashed like activation codes
CERTIFICATE_FACES = (100_000, 300_000, 500_000, 1_000_000, 1_500_000)  # 1 000 … 15 000 ₽
CERTIFICATE_VALID_DAYS = 365  # from the day of sale
CREDIT_AGREEMENT_PATTERN = r"[0-9A-Za-z\u0410-\u044f/\-]{6,30}"  # a bank's agreement number as printed or scanned


class CertificateStatus(StrEnum):
    """A gift certificate's state on the server (the counter adds `pending`: sold here, not yet confirmed)."""

    STOCK = "stock"  # printed, not sold: cannot be spent
    PENDING = "pending"  # counter only: sold offline, the server has not confirmed the sale
    ACTIVE = "active"  # sold: its balance may be spent until it expires
    SPENT = "spent"  # balance 0
    EXPIRED = "expired"
    BLOCKED = "blocked"  # by the retailer (lost, stolen, disputed)


class LedgerReason(StrEnum):
    """Why a bonus ledger entry exists; each entry is tied to the event that caused it."""

    ACCRUAL = "accrual"  # +1 point per rouble paid with money for the goods taken
    ACTIVATION = "activation"  # +190 once per customer
    REDEMPTION = "redemption"  # − points paid at a handover
    REVERSAL = "reversal"  # − an accrual taken back: the goods were returned


@dataclass(frozen=True)
class TenderLine:
    """One tender of a payment, validated."""

    kind: Tender
    amount: int  # kopecks this tender pays
    tendered: int = 0  # cash only: what the customer handed over
    change: int = 0  # cash only
    certificate: str | None = None  # certificate only


class BadTenders(ValueError):
    """A payment that does not add up; `reason` is a machine code (`tenders_sum_mismatch`, …)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def points_cap(due_kopecks: int, share_percent: int = POINTS_SHARE_PERCENT) -> int:
    """The most points that may pay `due_kopecks` (whole points, a share of the amount due)."""
    return max(due_kopecks, 0) * share_percent // 100 // KOPECKS_PER_POINT


def tenders_of(payment: Mapping[str, Any] | None) -> list[TenderLine]:
    """The tenders of a wire payment (either shape); BadTenders when a value is missing or wrong."""
    if not payment:
        return []
    if "tenders" not in payment:  # the old one-method shape
        payment = {"due": payment.get("due"), "tenders": [
            {"kind": payment.get("method"), "amount": payment.get("due"), "tendered": payment.get("tendered"),
             "change": payment.get("change")}]}
    raw = payment.get("tenders")
    if not isinstance(raw, list) or not raw:
        raise BadTenders("tenders_missing")
    return [_tender(item) for item in raw]


def _tender(item: Any) -> TenderLine:
    if not isinstance(item, dict) or item.get("kind") not in set(Tender):
        raise BadTenders("tender_kind_unknown")
    kind = Tender(item["kind"])
    amount = item.get("amount")
    if not _whole(amount) or amount <= 0:
        raise BadTenders(f"tender_amount_invalid:{kind}")
    if kind is Tender.POINTS and amount % KOPECKS_PER_POINT:
        raise BadTenders("points_not_whole")
    if kind is Tender.CERTIFICATE and not isinstance(item.get("certificate"), str):
        raise BadTenders("certificate_missing")
    tendered, change = item.get("tendered") or 0, item.get("change") or 0
    if kind is Tender.CASH and not (_whole(tendered) and _whole(change) and tendered - change == amount):
        raise BadTenders("cash_change_mismatch")
    return TenderLine(kind, amount, tendered if kind is Tender.CASH else 0, change if kind is Tender.CASH else 0,
                      item.get("certificate") if kind is Tender.CERTIFICATE else None)


def _whole(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def check_tenders(due_kopecks: int, tenders: Iterable[TenderLine], share_percent: int = POINTS_SHARE_PERCENT) -> None:
    """The payment rules both sides apply: the tenders pay exactly the amount due, points within the share,
    at most one cash and one points tender, each certificate once. BadTenders names the first broken rule."""
    lines = list(tenders)
    if sum(t.amount for t in lines) != due_kopecks:
        raise BadTenders("tenders_sum_mismatch")
    kinds = [t.kind for t in lines]
    if kinds.count(Tender.CASH) > 1 or kinds.count(Tender.POINTS) > 1:
        raise BadTenders("tender_repeated")
    certificates = [t.certificate for t in lines if t.kind is Tender.CERTIFICATE]
    if len(set(certificates)) != len(certificates):
        raise BadTenders("certificate_repeated")
    points = sum(t.amount for t in lines if t.kind is Tender.POINTS) // KOPECKS_PER_POINT
    if points > points_cap(due_kopecks, share_percent):
        raise BadTenders(f"points_over_share:{points}>{points_cap(due_kopecks, share_percent)}")


def money_paid(tenders: Iterable[TenderLine]) -> int:
    """Kopecks paid with money (cash and card): what points accrue on."""
    return sum(t.amount for t in tenders if t.kind in MONEY_TENDERS)


def points_paid(tenders: Iterable[TenderLine]) -> int:
    """Whole points spent in these tenders."""
    return sum(t.amount for t in tenders if t.kind is Tender.POINTS) // KOPECKS_PER_POINT
