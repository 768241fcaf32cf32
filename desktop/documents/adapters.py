"""Fill the document inputs from what receiving and handover return (returns and staff return document data)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from desktop.documents.model import (
    HandoverReceiptData,
    PointInfo,
    ReceiptLine,
)
from protocol.money_rules import Tender

if TYPE_CHECKING:
    from desktop.services.handover import HandoverResult, HandoverState, PaymentIntent


def _cash_given(payment: PaymentIntent | None) -> int:
    """The cash the customer handed over (not the card part of a mixed payment)."""
    if payment is None:
        return 0
    cash = [t.tendered for t in payment.tenders if t.kind is Tender.CASH]
    return sum(cash) if payment.tenders else payment.tendered_kopecks


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
        tendered_kopecks=_cash_given(payment),
        change_kopecks=payment.change_kopecks if payment else 0,
        refund_by_centre_kopecks=result.refund_by_centre_kopecks,
        bonus_points=result.bonus_points,
        legal_entity_name=state.legal_entity_name,
        power_of_attorney=state.power_of_attorney,
        notes=tuple(result.notes),
        kept_box=result.kept_box,
        tenders=tuple((t.kind.value, t.amount, t.certificate) for t in payment.tenders) if payment else (),
        credit_agreement=result.credit_agreement,
        fiscal_document=result.receipt.fiscal_document if result.receipt else None,
    )
