"""The fiscal layer's values: modes, receipt drafts (what the register is asked to print) and receipt views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

DEFAULT_URL = "http://127.0.0.1:16732"  # ATOL driver v10's web server on the counter PC (its default port)


class FiscalMode(StrEnum):
    """How the counter issues receipts: `none` records them here only; `atol` prints them on the register."""

    NONE = "none"
    ATOL = "atol"


class ReceiptKind(StrEnum):
    """An ATOL task type this layer sends (receipts and the shift's documents)."""

    SELL = "sell"  # «Приход»
    SELL_RETURN = "sellReturn"  # «Возврат прихода»
    OPEN_SHIFT = "openShift"
    CLOSE_SHIFT = "closeShift"  # the Z report
    REPORT_X = "reportX"


RECEIPT_KINDS = frozenset({ReceiptKind.SELL, ReceiptKind.SELL_RETURN})


class ReceiptStatus(StrEnum):
    """A fiscal_receipts row: pending (written before the register is asked), done, failed, not_fiscal (mode none)."""

    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"
    NOT_FISCAL = "not_fiscal"


class PaymentType(StrEnum):
    """ATOL payment types (54-FZ tags 1031, 1081, 1215, 1216, 1217)."""

    CASH = "cash"
    ELECTRONICALLY = "electronically"  # card
    PREPAID = "prepaid"  # «зачёт аванса»: online prepayment, gift certificate, the bank's loan paid before
    CREDIT = "credit"  # «в кредит» (later payment): not used by the counter
    OTHER = "other"  # «встречное предоставление»: not used (see README: points are a discount)


class PaymentMethod(StrEnum):
    """ATOL paymentMethod (54-FZ tag 1214, «признак способа расчёта»)."""

    FULL_PAYMENT = "fullPayment"  # «полный расчёт»
    FULL_PREPAYMENT = "fullPrepayment"  # «предоплата 100 %»
    ADVANCE = "advance"  # «аванс»: a gift certificate's sale


class PaymentObject(StrEnum):
    """ATOL paymentObject (54-FZ tag 1212, «признак предмета расчёта»)."""

    COMMODITY = "commodity"  # «товар»
    PAYMENT = "payment"  # «платёж»: an advance such as a gift certificate
    SERVICE = "service"


@dataclass(frozen=True)
class ReceiptLine:
    """One position: price and amount in kopecks; `amount` may be below price × quantity by a discount."""

    name: str
    price: int
    quantity: int
    amount: int
    method: str = PaymentMethod.FULL_PAYMENT  # ATOL paymentMethod
    object: str = PaymentObject.COMMODITY  # ATOL paymentObject
    vat: str = "vat20"

    @property
    def discount(self) -> int:
        return self.price * self.quantity - self.amount


def goods_line(name: str, price: int, quantity: int = 1) -> ReceiptLine:
    """A line of goods at its full price (full settlement of a commodity)."""
    return ReceiptLine(name, price, quantity, price * quantity)


@dataclass(frozen=True)
class ReceiptDraft:
    """What one receipt says before the register prints it (amounts in kopecks)."""

    kind: str  # ReceiptKind.SELL | ReceiptKind.SELL_RETURN
    lines: tuple[ReceiptLine, ...]
    payments: tuple[tuple[str, int], ...]  # (ATOL payment type, kopecks)
    cashier: str
    customer_phone: str | None = None
    note: str | None = None  # printed under the lines, e.g. the credit agreement's number

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True)
class FiscalReceiptView:
    """A receipt as recorded: its register fields (None until done, or when not fiscal) and the slip's text."""

    uuid: str
    ref: str
    kind: str
    status: str
    total: int
    fiscal_document: int | None
    fiscal_sign: str | None
    printed_at: datetime | None
    text: str
    error: str | None = None


@dataclass(frozen=True)
class RegisterStatus:
    """What the register says of itself (the settings page's «Проверить кассу»)."""

    paper: bool
    cover_open: bool
    shift: str  # closed | opened | expired
