"""Fill the document inputs from what the services return (receiving, handover, returns, staff)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from desktop.documents.model import (
    HandoverReceiptData,
    PointInfo,
    ReceiptLine,
    ReturnActData,
    ReturnActRow,
    ShiftReportData,
)

if TYPE_CHECKING:
    from desktop.services.handover import HandoverResult, HandoverState
    from desktop.services.returns import ReturnAct
    from desktop.services.staff import ShiftReport


def receipt_from_handover(
    state: HandoverState, result: HandoverResult, staff_name: str, completed_at: datetime, point: PointInfo
) -> HandoverReceiptData:
    """HandoverService: the state just before completion (lines) + the completion result (money)."""
    payment = result.payment
    return HandoverReceiptData(
        order_number=result.order_number,
        point=point,
        customer_name=state.customer_name,
        masked_phone=state.masked_phone,
        staff_name=staff_name,
        completed_at=completed_at,
        result=result.result,
        lines=tuple(
            ReceiptLine(x.sku, x.name, x.quantity, x.price_kopecks, x.refused_quantity, x.refusal_reason, x.serial)
            for x in state.lines
        ),
        prepaid=state.prepaid,
        payment_method=payment.method if payment else None,
        paid_kopecks=payment.due_kopecks if payment else 0,
        tendered_kopecks=payment.tendered_kopecks if payment else 0,
        change_kopecks=payment.change_kopecks if payment else 0,
        refund_by_centre_kopecks=result.refund_by_centre_kopecks,
        bonus_points=result.bonus_points,
        legal_entity_name=state.legal_entity_name,
        power_of_attorney=state.power_of_attorney,
        notes=tuple(result.notes),
    )


def return_act_from(act: ReturnAct) -> ReturnActData:
    """ReturnsService.close_session() → the act's data."""
    return ReturnActData(
        session=act.session_uid,
        point=PointInfo(act.point_code, act.point_name, act.point_address),
        opened_at=act.opened_at,
        closed_at=act.closed_at,
        opened_by=act.opened_by,
        closed_by=act.closed_by,
        orders=tuple(
            ReturnActRow(o.order_number, o.reason, o.customer_name, tuple(o.boxes), o.boxes_total, o.complete)
            for o in act.orders
        ),
        boxes_count=act.boxes_count,
    )


def shift_report_from(report: ShiftReport, point: PointInfo) -> ShiftReportData:
    """StaffService.close_shift() → the report's data."""
    return ShiftReportData(
        key=report.key,
        point=point,
        staff_name=report.staff_name,
        staff_login=report.staff_login,
        opened_at=report.opened_at,
        closed_at=report.closed_at,
        boxes_received=report.boxes_received,
        orders_handed_over=report.orders_handed_over,
        cash_kopecks=report.cash_kopecks,
        card_kopecks=report.card_kopecks,
        cards_activated=report.cards_activated,
        boxes_returned=report.boxes_returned,
    )
