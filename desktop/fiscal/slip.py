"""The text of a printed fiscal document (what the register's paper says), rendered from its ATOL task and result.

The slip shows the point, the cashier, each line (quantity × price, the points discount, the settlement sign and
VAT), the total, each payment, the note (a credit agreement), the buyer's masked phone, then the fiscal
requisites (ФД, ФП, ФН) — or «НЕ ФИСКАЛЬНЫЙ ДОКУМЕНТ» in the no-register mode. The words are Russian by law.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, tzinfo
from typing import Any

from desktop.fiscal import tasks, words
from desktop.fiscal.model import ReceiptStatus
from desktop.point_time import DATE_TIME, point_time
from protocol.money import rub
from protocol.phone import mask_for_screen

WIDTH = 40
RULE = "-" * WIDTH


def _pair(left: str, right: str) -> str:
    gap = max(WIDTH - len(left) - len(right), 1)
    return f"{left}{' ' * gap}{right}"


def receipt_text(task: Mapping[str, Any], result: Mapping[str, Any] | None, status: str, header: Sequence[str],
                 moment: datetime | None, zone: tzinfo) -> str:
    """The whole slip of one receipt task."""
    params = (result or {}).get("fiscalParams") or {}
    out = [*header, words.TITLES.get(str(task.get("type")), str(task.get("type"))), _when(params, moment, zone)]
    out.append(f"{words.LABELS['cashier']}: {tasks.task_cashier(task)}")
    out.append(RULE)
    for line in tasks.task_lines(task):
        out.append(line.name)
        out.append(_pair(f"  {line.quantity} x {rub(line.price)}", rub(line.amount)))
        if line.discount > 0:
            out.append(_pair(f"  {words.LABELS['discount']}", rub(-line.discount)))
        out.append(f"  {words.METHOD_NAMES.get(line.method, line.method)}, {words.VAT_NAMES.get(line.vat, line.vat)}")
    out.append(RULE)
    out.append(_pair(words.LABELS["total"], rub(tasks.task_total(task))))
    payments = tasks.task_payments(task)
    out.extend(_pair(words.PAYMENT_NAMES.get(kind, kind), rub(amount)) for kind, amount in payments)
    change = sum(amount for _, amount in payments) - tasks.task_total(task)
    if change > 0:
        out.append(_pair(words.LABELS["change"], rub(change)))
    out.extend(tasks.task_notes(task))
    phone = (task.get("clientInfo") or {}).get("emailOrPhone")
    if phone:
        out.append(f"{words.LABELS['buyer']}: {mask_for_screen(str(phone))}")
    out.extend(fiscal_footer(params, status))
    return "\n".join(out)


def _when(params: Mapping[str, Any], moment: datetime | None, zone: tzinfo) -> str:
    printed = parse_moment(params.get("fiscalDocumentDateTime")) or moment
    shift = params.get("shiftNumber")
    stamp = point_time(printed, zone, DATE_TIME)
    return _pair(stamp, f"{words.LABELS['shift']} {shift}") if shift else stamp


def fiscal_footer(params: Mapping[str, Any], status: str) -> list[str]:
    """The requisites under a document: ФД/ФП/ФН when the register printed it, else what it is instead."""
    if status == ReceiptStatus.NOT_FISCAL:
        return [RULE, words.LABELS["not_fiscal"]]
    if status == ReceiptStatus.PENDING:
        return [RULE, words.LABELS["pending"]]
    if status == ReceiptStatus.FAILED:
        return [RULE, words.LABELS["failed"]]
    out = [RULE, _pair(f"{words.LABELS['document']} {params.get('fiscalDocumentNumber', '')}",
                       f"{words.LABELS['sign']} {params.get('fiscalDocumentSign', '')}")]
    if params.get("fnNumber"):
        out.append(f"{words.LABELS['fn']} {params['fnNumber']}")
    out.append(words.LABELS["site"])
    return out


def report_text(kind: str, cashier: str, params: Mapping[str, Any], status: str, header: Sequence[str],
                moment: datetime | None, zone: tzinfo, totals: Sequence[tuple[str, int]]) -> str:
    """An X or Z report (or the shift-open report): the register's figures and this counter's receipt totals."""
    out = [*header, words.TITLES.get(kind, kind), _when(params, moment, zone),
           f"{words.LABELS['cashier']}: {cashier}", RULE]
    if params.get("receiptsCount") is not None:
        out.append(_pair(words.LABELS["receipts"], str(params["receiptsCount"])))
    out.extend(_pair(label, rub(amount)) for label, amount in totals)
    if status == ReceiptStatus.NOT_FISCAL or params.get("fiscalDocumentNumber") is not None:
        out.extend(fiscal_footer(params, status))
    return "\n".join(out)


def parse_moment(value: Any) -> datetime | None:
    """The register's ISO time (`2026-12-01T10:15:00+03:00`) or None."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
