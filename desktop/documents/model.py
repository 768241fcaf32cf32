"""Input data of the printed documents (plain dataclasses filled from service results) and the output."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from desktop.translatable import QT_TRANSLATE_NOOP


class DocumentKind(StrEnum):
    DISCREPANCY_ACT = "discrepancy_act"
    HANDOVER_RECEIPT = "handover_receipt"
    RETURN_ACT = "return_act"
    SHIFT_REPORT = "shift_report"
    TEST_PAGE = "test_page"
    LABELS = "labels"
    CLAIM_INTAKE_ACT = "claim_intake_act"
    SERVICE_DISPATCH_ACT = "service_dispatch_act"
    FISCAL_RECEIPT = "fiscal_receipt"  # a copy of the cash register's slip (receipt, X report)


# The documents' names, marked for translation; translate("Documents", …) where shown.
KIND_TITLES = {
    DocumentKind.DISCREPANCY_ACT: QT_TRANSLATE_NOOP("Documents", "Акт расхождений"),
    DocumentKind.HANDOVER_RECEIPT: QT_TRANSLATE_NOOP("Documents", "Квитанция о выдаче"),
    DocumentKind.RETURN_ACT: QT_TRANSLATE_NOOP("Documents", "Акт возврата"),
    DocumentKind.SHIFT_REPORT: QT_TRANSLATE_NOOP("Documents", "Отчёт за смену"),
    DocumentKind.TEST_PAGE: QT_TRANSLATE_NOOP("Documents", "Пробная страница"),
    DocumentKind.LABELS: QT_TRANSLATE_NOOP("Documents", "Этикетки"),
    DocumentKind.CLAIM_INTAKE_ACT: QT_TRANSLATE_NOOP("Documents", "Акт приёма изделия по гарантии"),
    DocumentKind.SERVICE_DISPATCH_ACT: QT_TRANSLATE_NOOP("Documents", "Акт отправки в сервис"),
    DocumentKind.FISCAL_RECEIPT: QT_TRANSLATE_NOOP("Documents", "Кассовый чек"),
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
    timezone: str = ""  # the point's zone: every time a document prints is in it (empty: the default zone)


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
    kept_box: str | None = None  # partial handover: the box left at the point with the refused goods
    tenders: tuple[tuple[str, int, str | None], ...] = ()  # (Tender kind, kopecks, certificate number) of a payment
    credit_agreement: str | None = None  # a credit order: the bank's agreement the customer signed
    fiscal_document: int | None = None  # the register's receipt (ФД) for this handover


@dataclass(frozen=True)
class SessionHeader:
    """The head of a document closing a session or shift: which one, where, when and by whom."""

    key: str  # return session uid or shift key
    point: PointInfo
    opened_at: datetime
    closed_at: datetime
    opened_by: str
    closed_by: str

    def as_dict(self) -> dict[str, Any]:
        """Flat JSON form (stored with the session and sent in its closing event)."""
        return {
            "point_code": self.point.code,
            "point_name": self.point.name,
            "point_address": self.point.address,
            "opened_at": self.opened_at.isoformat(),
            "closed_at": self.closed_at.isoformat(),
            "opened_by": self.opened_by,
            "closed_by": self.closed_by,
        }


@dataclass(frozen=True)
class RefusedItem:
    """A refused line going back to the centre: the goods the customer did not take."""

    sku: str
    name: str
    quantity: int
    reason: str | None  # stored refusal: "code" or "code: note"


@dataclass(frozen=True)
class ReturnActLine:
    order_number: str
    reason: str
    customer_name: str
    boxes: tuple[str, ...]
    boxes_total: int  # the order's boxes that go back (a partial handover: the box kept at the point)
    complete: bool
    items: tuple[RefusedItem, ...] = ()  # partial handover: the refused goods in the box


@dataclass(frozen=True)
class ReturnAct:
    """Акт возврата: orders and boxes handed back to the carrier (ReturnsService.close_session's result)."""

    header: SessionHeader
    orders: tuple[ReturnActLine, ...]
    boxes_count: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "session_uid": self.header.key,
            **self.header.as_dict(),
            "orders": [asdict(line) for line in self.orders],
            "boxes_count": self.boxes_count,
        }


SHIFT_COUNTS = (
    "boxes_received",
    "orders_handed_over",
    "cash_kopecks",
    "card_kopecks",
    "cards_activated",
    "boxes_returned",
    "boxes_placed",
    "refused_lines",
    "refused_orders",
    "wrong_codes",
    "undos",
)


@dataclass(frozen=True)
class ShiftReport:
    """Отчёт за смену: what one staff member did during a shift (StaffService.close_shift's result)."""

    header: SessionHeader  # key is the shift key; opened_by and closed_by are the staff member's name
    shift_id: int
    staff_login: str
    boxes_received: int
    orders_handed_over: int
    cash_kopecks: int
    card_kopecks: int
    cards_activated: int
    boxes_returned: int
    # The manager's activity figures (desktop.services.manager.activity_counts), 0 on reports stored before them.
    boxes_placed: int = 0
    refused_lines: int = 0
    refused_orders: int = 0
    wrong_codes: int = 0
    undos: int = 0
    still_open: bool = False  # the manager's view of a shift not closed yet: closed_at is «data as of»

    @property
    def key(self) -> str:
        return self.header.key

    @property
    def staff_name(self) -> str:
        return self.header.opened_by

    def counts(self) -> dict[str, int]:
        """The shift's totals by name (SHIFT_COUNTS)."""
        return {name: getattr(self, name) for name in SHIFT_COUNTS}

    def as_dict(self) -> dict[str, Any]:
        names = {"shift_id": self.shift_id, "key": self.key, "staff_login": self.staff_login}
        return names | {"staff_name": self.staff_name} | self.header.as_dict() | self.counts()
