"""Reading fiscal_receipts rows back: the receipt view with its slip, and the shift's totals for X/Z reports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.fiscal_models import FiscalReceipt
from desktop.db.models import PickupPoint
from desktop.fiscal import slip, tasks, words
from desktop.fiscal.model import RECEIPT_KINDS, FiscalReceiptView, PaymentType, ReceiptKind, ReceiptStatus
from desktop.point_time import zone_named

COUNTED = (ReceiptStatus.DONE, ReceiptStatus.NOT_FISCAL)


def point_header(session: Session) -> tuple[list[str], tzinfo]:
    """The point's name and address for the slip's head, and its time zone."""
    point = session.scalars(select(PickupPoint).where(PickupPoint.is_local.is_(True))).first()
    if point is None:
        return [], zone_named(None)
    return [point.name, f"{point.city}, {point.address}"], zone_named(point.timezone)


def view_of(session: Session, row: FiscalReceipt) -> FiscalReceiptView:
    """The row as the services and pages see it, with the text its paper says."""
    header, zone = point_header(session)
    params = (row.result or {}).get("fiscalParams") or {}
    if row.kind in RECEIPT_KINDS:
        text = slip.receipt_text(row.task, row.result, row.status, header, row.done_at or row.created_at, zone)
    else:
        text = slip.report_text(row.kind, tasks.task_cashier(row.task), params, row.status, header,
                                row.done_at or row.created_at, zone, shift_totals(session, row))
    number = params.get("fiscalDocumentNumber")
    sign = params.get("fiscalDocumentSign")
    printed = row.done_at if row.status == ReceiptStatus.DONE else None
    return FiscalReceiptView(row.uuid, row.ref, row.kind, row.status, row.total_kopecks,
                             int(number) if number is not None else None, str(sign) if sign is not None else None,
                             printed, text, row.error)


def shift_totals(session: Session, report: FiscalReceipt) -> list[tuple[str, int]]:
    """Receipts recorded since the last Z report before `report`: totals by kind and net sums by payment type."""
    last_z = session.scalar(select(FiscalReceipt.id).where(
        FiscalReceipt.kind == ReceiptKind.CLOSE_SHIFT, FiscalReceipt.status.in_(COUNTED),
        FiscalReceipt.id < report.id).order_by(FiscalReceipt.id.desc()).limit(1)) or 0
    rows = session.scalars(select(FiscalReceipt).where(
        FiscalReceipt.id > last_z, FiscalReceipt.id < report.id, FiscalReceipt.kind.in_(RECEIPT_KINDS),
        FiscalReceipt.status.in_(COUNTED))).all()
    return _totals(rows)


def _totals(rows: Sequence[FiscalReceipt]) -> list[tuple[str, int]]:
    by_kind = {kind: 0 for kind in (ReceiptKind.SELL, ReceiptKind.SELL_RETURN)}
    by_payment: dict[str, int] = {}
    for row in rows:
        sign = -1 if row.kind == ReceiptKind.SELL_RETURN else 1
        by_kind[ReceiptKind(row.kind)] += row.total_kopecks
        payments = tasks.task_payments(row.task)
        change = sum(amount for _, amount in payments) - row.total_kopecks  # cash handed back
        for kind, amount in payments:
            kept = amount - change if kind == PaymentType.CASH and change > 0 else amount
            by_payment[kind] = by_payment.get(kind, 0) + sign * kept
    out = [(words.TOTAL_NAMES[kind], amount) for kind, amount in by_kind.items()]
    out += [(words.PAYMENT_NAMES.get(kind, kind), amount) for kind, amount in by_payment.items()]
    return out
