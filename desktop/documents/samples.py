"""Sample documents built from the services' own result dataclasses (screenshots, previews, tests; no database)."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.documents.adapters import receipt_from_handover
from desktop.documents.model import (
    HandoverReceiptData,
    PointInfo,
    ReturnAct,
    ReturnActLine,
    SessionHeader,
    ShiftReport,
)
from desktop.services.handover import BoxCheck, HandoverResult, HandoverState, PaymentIntent
from desktop.services.order_card import LineInfo
from desktop.services.receiving import CancelledBox, DamagedBox, DiscrepancySummary, ForeignBox, MissingBox
from protocol.order_states import OrderStatus

POINT = PointInfo("0042", "ПВЗ «На Ленина»", "г. Пермь, ул. Ленина, 10")
OPENED = datetime(2026, 11, 24, 6, 2, tzinfo=UTC)
CLOSED = datetime(2026, 11, 24, 15, 5, tzinfo=UTC)


def discrepancy() -> DiscrepancySummary:
    return DiscrepancySummary(
        session="rs-7f3a",
        shipment="SH-2026-1124-01",
        point=POINT,
        opened_at=OPENED,
        closed_at=CLOSED,
        opened_by="Иванова Анна",
        closed_by="Петров Борис",
        staff=("Иванова Анна", "Петров Борис"),
        expected=14,
        received=12,
        missing=(
            MissingBox("B004250000001203", "500000012", "3 из 3"),
            MissingBox("B004250000007701", "500000077", "1 из 1"),
        ),
        surplus=("B004250000009901",),
        foreign=(ForeignBox("B001150000003301", "0011"),),
        cancelled=(CancelledBox("B004250000004401", "500000044"),),
        damaged=(DamagedBox("B004250000001201", "500000012", "мятый угол, скотч вскрыт"),),
    )


def receipt() -> HandoverReceiptData:
    state = _handover_state()
    result = HandoverResult(
        uid="ho-1",
        order_number="500000012",
        result="partially_handed_over",
        handed_kopecks=3_598_000,
        refused_kopecks=348_000,
        payment=state.payment,
        bonus_points=35_980,
        refund_by_centre_kopecks=0,
        notes=("Отказанные товары вернутся на склад с ближайшим возвратом.",),
    )
    return receipt_from_handover(state, result, "Иванова Анна", CLOSED, POINT)


def _handover_state() -> HandoverState:
    """The handover just before completion: three lines, two of them partly refused, paid in cash."""
    return HandoverState(
        uid="ho-1",
        order_number="500000012",
        status=OrderStatus.READY,
        kind="regular",
        prepaid=False,
        customer_name="Смирнов Алексей",
        masked_phone="+7 9** ***-**-17",
        legal_entity_name=None,
        verified_by="code",
        needs_id_document=False,
        id_document_type=None,
        id_document_last4=None,
        needs_power_of_attorney=False,
        power_of_attorney=None,
        boxes=(BoxCheck("B004250000001201", 1, "A-01-03", True),),
        lines=_receipt_lines(),
        due_kopecks=3_598_000,
        payment=PaymentIntent("cash", 3_598_000, 3_600_000, 2_000),
        attempts_left=3,
        locked=False,
    )


def _receipt_lines() -> tuple[LineInfo, ...]:
    return (
        LineInfo(1, "SKU-1001", "Смартфон Galaxy A55 8/256 ГБ", 1, 3_499_000, "R58W12345", 0, None),
        LineInfo(2, "SKU-2040", "Чехол-книжка для Galaxy A55", 2, 99_000, None, 1, "не подошёл цвет"),
        LineInfo(3, "SKU-3100", "Зарядное устройство 45 Вт", 1, 249_000, None, 1, "передумал"),
    )


def return_act() -> ReturnAct:
    return ReturnAct(
        header=SessionHeader("ret-19", POINT, OPENED, CLOSED, "Петров Борис", "Петров Борис"),
        orders=(
            ReturnActLine("500000031", "expired", "Кузнецова Мария", ("B004250000003101",), 1, True),
            ReturnActLine("500000044", "cancelled", "Орлов Игорь", ("B004250000004401",), 2, False),
        ),
        boxes_count=2,
    )


def shift() -> ShiftReport:
    return ShiftReport(
        header=SessionHeader("ivanova-20261124T0602", POINT, OPENED, CLOSED, "Иванова Анна", "Иванова Анна"),
        shift_id=5,
        staff_login="ivanova",
        boxes_received=37,
        orders_handed_over=21,
        cash_kopecks=4_512_300,
        card_kopecks=11_870_000,
        cards_activated=2,
        boxes_returned=4,
    )
