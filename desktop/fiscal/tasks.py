"""ATOL driver v10 JSON tasks (the web server's `request` items) built from drafts, and read back for the slip.

Amounts go to the register in roubles with two decimals; the counter keeps kopecks everywhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.fiscal.model import ReceiptDraft, ReceiptKind, ReceiptLine


def roubles(kopecks: int) -> float:
    return round(kopecks / 100, 2)


def kopecks(value: Any) -> int:
    return round(float(value or 0) * 100)


def receipt_task(draft: ReceiptDraft) -> dict[str, Any]:
    """The `sell` / `sellReturn` task of a draft."""
    items: list[dict[str, Any]] = [_position(line) for line in draft.lines]
    if draft.note:
        items.append({"type": "text", "text": draft.note})
    task: dict[str, Any] = {
        "type": str(draft.kind),
        "operator": {"name": draft.cashier},
        "items": items,
        "payments": [{"type": kind, "sum": roubles(amount)} for kind, amount in draft.payments],
        "total": roubles(draft.total),
    }
    if draft.customer_phone:
        task["clientInfo"] = {"emailOrPhone": draft.customer_phone}
    return task


def _position(line: ReceiptLine) -> dict[str, Any]:
    item: dict[str, Any] = {
        "type": "position", "name": line.name, "price": roubles(line.price), "quantity": line.quantity,
        "amount": roubles(line.amount), "tax": {"type": line.vat}, "paymentMethod": line.method,
        "paymentObject": line.object,
    }
    if line.discount > 0:
        item["infoDiscountAmount"] = roubles(line.discount)
    return item


def shift_task(kind: ReceiptKind, cashier: str) -> dict[str, Any]:
    """openShift / closeShift / reportX with the cashier as the operator."""
    return {"type": str(kind), "operator": {"name": cashier}}


SHIFT_STATUS_TASK = {"type": "getShiftStatus"}
DEVICE_STATUS_TASK = {"type": "getDeviceStatus"}


def task_total(task: Mapping[str, Any]) -> int:
    """The task's total in kopecks (0 for the shift's documents)."""
    return kopecks(task.get("total"))


def task_lines(task: Mapping[str, Any]) -> list[ReceiptLine]:
    """The positions of a receipt task, back in kopecks."""
    return [ReceiptLine(item.get("name", ""), kopecks(item.get("price")), int(item.get("quantity") or 0),
                        kopecks(item.get("amount")), item.get("paymentMethod", ""), item.get("paymentObject", ""),
                        (item.get("tax") or {}).get("type", ""))
            for item in task.get("items") or [] if item.get("type") == "position"]


def task_notes(task: Mapping[str, Any]) -> list[str]:
    return [str(item.get("text", "")) for item in task.get("items") or [] if item.get("type") == "text"]


def task_payments(task: Mapping[str, Any]) -> list[tuple[str, int]]:
    return [(str(p.get("type")), kopecks(p.get("sum"))) for p in task.get("payments") or []]


def task_cashier(task: Mapping[str, Any]) -> str:
    return str((task.get("operator") or {}).get("name") or "")
