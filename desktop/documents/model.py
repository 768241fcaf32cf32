"""Input data of the printed documents (plain dataclasses filled from service results) and the output."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class DocumentKind(StrEnum):
    DISCREPANCY_ACT = "discrepancy_act"
    HANDOVER_RECEIPT = "handover_receipt"
    RETURN_ACT = "return_act"
    SHIFT_REPORT = "shift_report"
    TEST_PAGE = "test_page"
    LABELS = "labels"


KIND_TITLES = {
    DocumentKind.DISCREPANCY_ACT: "Акт расхождений",
    DocumentKind.HANDOVER_RECEIPT: "Квитанция о выдаче",
    DocumentKind.RETURN_ACT: "Акт возврата",
    DocumentKind.SHIFT_REPORT: "Отчёт за смену",
    DocumentKind.TEST_PAGE: "Пробная страница",
    DocumentKind.LABELS: "Этикетки",
}


@dataclass(frozen=True)
class Document:
    """A document ready to render: what it is, what it belongs to (for re-printing) and its HTML."""

    kind: DocumentKind
    key: str  # order number, session uid or shift key: where a re-print is looked up
    title: str
    html: str


@dataclass(frozen=True)
class PointInfo:
    code: str
    name: str = ""
    address: str = ""


@dataclass(frozen=True)
class BoxLine:
    box: str
    order: str = ""
    note: str = ""


@dataclass(frozen=True)
class ReceiptLine:
    sku: str
    name: str
    quantity: int
    price_kopecks: int
    refused_quantity: int = 0
    refusal_reason: str | None = None
    serial: str | None = None

    @property
    def handed_quantity(self) -> int:
        return self.quantity - self.refused_quantity


@dataclass(frozen=True)
class HandoverReceiptData:
    """Квитанция о выдаче: what was handed over, what was refused, the money, who and when."""

    order_number: str
    point: PointInfo
    customer_name: str
    masked_phone: str
    staff_name: str
    completed_at: datetime
    result: str  # handed_over | partially_handed_over | refused
    lines: tuple[ReceiptLine, ...]
    prepaid: bool
    payment_method: str | None = None  # cash | card
    paid_kopecks: int = 0
    tendered_kopecks: int = 0
    change_kopecks: int = 0
    refund_by_centre_kopecks: int = 0
    bonus_points: int = 0
    legal_entity_name: str | None = None
    power_of_attorney: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReturnActRow:
    order_number: str
    reason: str
    customer_name: str
    boxes: tuple[str, ...]
    boxes_total: int
    complete: bool


@dataclass(frozen=True)
class ReturnActData:
    """Акт возврата: orders and boxes handed back to the carrier."""

    session: str
    point: PointInfo
    opened_at: datetime
    closed_at: datetime
    opened_by: str
    closed_by: str
    orders: tuple[ReturnActRow, ...]
    boxes_count: int


@dataclass(frozen=True)
class ShiftReportData:
    """Отчёт за смену: what one clerk did between opening and closing the shift."""

    key: str
    point: PointInfo
    staff_name: str
    staff_login: str
    opened_at: datetime
    closed_at: datetime
    boxes_received: int
    orders_handed_over: int
    cash_kopecks: int
    card_kopecks: int
    cards_activated: int
    boxes_returned: int
    extra: dict[str, str] = field(default_factory=dict)
