"""Fill the document inputs from what receiving and handover return (returns and staff return document data)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop.documents.model import (
    BoxLine,
    DiscrepancyActData,
    HandoverReceiptData,
    PointInfo,
    ReceiptLine,
)

if TYPE_CHECKING:
    from desktop.services.handover import HandoverResult, HandoverState
    from desktop.services.receiving import DiscrepancySummary


def discrepancy_from_summary(summary: DiscrepancySummary, point: PointInfo | None = None) -> DiscrepancyActData:
    """ReceivingService.close()/summary() → the act's data."""
    counts = summary.counts
    return DiscrepancyActData(
        session=summary.session,
        shipment=summary.shipment,
        point=point or PointInfo(summary.point),
        opened_at=datetime.fromisoformat(summary.opened_at),
        closed_at=datetime.fromisoformat(summary.closed_at),
        opened_by=summary.opened_by,
        closed_by=summary.closed_by,
        staff=tuple(summary.staff),
        expected=int(counts.get("expected", 0)),
        received=int(counts.get("received", 0)),
        missing=tuple(BoxLine(m["box"], str(m.get("order", "")), str(m.get("box_no", ""))) for m in summary.missing),
        surplus=tuple(BoxLine(box) for box in summary.surplus),
        foreign=tuple(BoxLine(f["box"], "", f.get("point", "")) for f in summary.foreign),
        cancelled=tuple(BoxLine(c["box"], c.get("order", "")) for c in summary.cancelled),
        damaged=tuple(BoxLine(d["box"], d.get("order", ""), _damage_note(d)) for d in summary.damaged),
    )


def _damage_note(row: dict[str, Any]) -> str:
    return str(row.get("note") or row.get("damage_note") or "")


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
