"""The SMS outbox row a request queues (`request_sms` adds it after checking for the same key; the receiving
batch, backend/rules/receiving.py, inserts its values with the batch's when its preloaded rows show none)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from backend.sms.models import SmsOutbox
from backend.sms.templates import render
from protocol.states import SmsStatus


def outbox_row(order_number: str, purpose: str, attempt: int, context: Mapping[str, Any]) -> SmsOutbox:
    """The outbox row `request_sms` queues (`held` with a `hold_until`, else `pending`), not yet added."""
    return SmsOutbox(**outbox_values(order_number, purpose, attempt, context))


def outbox_values(order_number: str, purpose: str, attempt: int, context: Mapping[str, Any]) -> dict[str, Any]:
    """`outbox_row`'s column values (the receiving batch inserts its rows at once with them)."""
    now = context.get("now") or datetime.now(UTC)
    hold_until = context.get("hold_until")
    status = SmsStatus.HELD if hold_until is not None else SmsStatus.PENDING
    return {
        "uid": str(context.get("uid") or uuid.uuid4()),
        "order_number": order_number,
        "purpose": purpose,
        "attempt": attempt,
        "point_code": context.get("point_code"),
        "phone": str(context["phone"]),
        "text": str(context["text"]) if "text" in context else render(purpose, {"order": order_number, **context}),
        "status": status,
        "created_at": now,
        "updated_at": now,
        "next_action_at": hold_until,
        "timeline": [{"status": status, "at": now.isoformat()}],
    }
