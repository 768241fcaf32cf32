"""Receipt drafts from the counter's tenders, as 54-FZ practice reads each way of paying.

cash → `cash`; card → `electronically`; a gift certificate → `prepaid` («зачёт аванса»: its sale was an advance);
bonus points → a discount on the lines (the retailer's own points lower the price; no money is received for them,
so they are neither a payment type nor «встречное предоставление»); an order prepaid online or paid by the bank's
loan → `fullPayment` lines settled with `prepaid`; a certificate's sale → one `advance` / `payment` line at the
settlement rate VAT 20/120. See desktop/fiscal/README.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from desktop.fiscal import words
from desktop.fiscal.model import PaymentMethod, PaymentObject, PaymentType, ReceiptDraft, ReceiptKind, ReceiptLine
from protocol.money_rules import Tender, TenderLine

PAYMENT_OF_TENDER = {Tender.CASH: PaymentType.CASH, Tender.CARD: PaymentType.ELECTRONICALLY,
                     Tender.CERTIFICATE: PaymentType.PREPAID}
PAYMENT_ORDER = (PaymentType.CASH, PaymentType.ELECTRONICALLY, PaymentType.PREPAID)


def sell_draft(lines: Sequence[ReceiptLine], tenders: Sequence[TenderLine], cashier: str, *,
               customer_phone: str | None = None, note: str | None = None) -> ReceiptDraft:
    """The «Приход» receipt of a handover paid at the counter: lines at full price, tenders paying them (cash as
    handed over: the register prints the change)."""
    draft = _paid_draft(ReceiptKind.SELL, lines, tenders, cashier, customer_phone, note)
    tendered = sum(t.tendered for t in tenders if t.kind is Tender.CASH)
    if tendered <= dict(draft.payments).get(PaymentType.CASH, 0):
        return draft
    payments = tuple((kind, tendered if kind == PaymentType.CASH else amount) for kind, amount in draft.payments)
    return replace(draft, payments=payments)  # the register prints what was handed over and the change


def return_draft(lines: Sequence[ReceiptLine], tenders: Sequence[TenderLine], cashier: str, *,
                 customer_phone: str | None = None, note: str | None = None) -> ReceiptDraft:
    """The «Возврат прихода» receipt of lines refused after payment: the tenders are what goes back."""
    return _paid_draft(ReceiptKind.SELL_RETURN, lines, tenders, cashier, customer_phone, note)


def settlement_draft(lines: Sequence[ReceiptLine], cashier: str, note: str | None = None, *,
                     customer_phone: str | None = None) -> ReceiptDraft:
    """The «полный расчёт» receipt of an order prepaid online (or paid by the bank's loan) when it is handed over."""
    full = tuple(_at_full_price(line, PaymentMethod.FULL_PAYMENT) for line in lines)
    total = sum(line.amount for line in full)
    return ReceiptDraft(ReceiptKind.SELL, full, ((PaymentType.PREPAID, total),), cashier, customer_phone, note)


def credit_note(agreement: str) -> str:
    """The line printed under a credit order's receipt: the bank's agreement number."""
    return words.AGREEMENT_NOTE.format(agreement=agreement)


def certificate_sale_draft(number: str, face: int, tenders: Sequence[TenderLine], cashier: str) -> ReceiptDraft:
    """The receipt of a gift certificate sold at the counter: an advance received (money tenders only)."""
    line = ReceiptLine(words.CERTIFICATE_LINE.format(number=number), face, 1, face, PaymentMethod.ADVANCE,
                       PaymentObject.PAYMENT, "vat120")
    if any(t.kind not in (Tender.CASH, Tender.CARD) for t in tenders):
        raise ValueError("a certificate is sold for money only")
    return ReceiptDraft(ReceiptKind.SELL, (line,), _payments(tenders, face), cashier)


def _paid_draft(kind: ReceiptKind, lines: Sequence[ReceiptLine], tenders: Sequence[TenderLine], cashier: str,
                phone: str | None, note: str | None) -> ReceiptDraft:
    full = [_at_full_price(line, line.method) for line in lines]
    points = sum(t.amount for t in tenders if t.kind is Tender.POINTS)
    discounted = tuple(discount_lines(full, points))
    return ReceiptDraft(kind, discounted, _payments(tenders, sum(line.amount for line in discounted)), cashier,
                        phone, note)


def _at_full_price(line: ReceiptLine, method: str) -> ReceiptLine:
    return ReceiptLine(line.name, line.price, line.quantity, line.price * line.quantity, method, line.object, line.vat)


def _payments(tenders: Sequence[TenderLine], total: int) -> tuple[tuple[str, int], ...]:
    sums: dict[PaymentType, int] = {}
    for tender in tenders:
        if tender.kind is not Tender.POINTS:
            payment = PAYMENT_OF_TENDER[tender.kind]
            sums[payment] = sums.get(payment, 0) + tender.amount
    if sum(sums.values()) != total:
        raise ValueError(f"tenders pay {sum(sums.values())} of a receipt of {total} kopecks")
    return tuple((payment.value, sums[payment]) for payment in PAYMENT_ORDER if sums.get(payment))


def discount_lines(lines: Sequence[ReceiptLine], discount: int) -> list[ReceiptLine]:
    """The lines with `discount` kopecks shared out in proportion to their amounts (largest remainders)."""
    total = sum(line.amount for line in lines)
    if discount <= 0 or total <= 0:
        return list(lines)
    if discount > total:
        raise ValueError(f"a discount of {discount} exceeds the lines' {total} kopecks")
    shares = [line.amount * discount // total for line in lines]
    remainders = sorted(range(len(lines)), key=lambda i: -(lines[i].amount * discount % total))
    for i in remainders[: discount - sum(shares)]:
        shares[i] += 1
    return [ReceiptLine(line.name, line.price, line.quantity, line.amount - share, line.method, line.object, line.vat)
            for line, share in zip(lines, shares, strict=True)]
