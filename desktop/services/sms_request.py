"""Asking the backend for an SMS: the local `SmsMessage` row and its `sms.requested` outbox event, in one place.

The counter PC never sends SMS itself. Every purpose (ready, reminder, receipt, club) goes through
`request_sms` inside the caller's one transaction; the backend sends and reports the status back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select

from desktop.db.models import SmsMessage
from desktop.services.base import Action, new_uid
from protocol.events import SmsRequested
from protocol.states import SmsStatus

_SMS = cast(Table, SmsMessage.__table__)
# Built once: the "ready" request runs inside the receiving hot path.
_LAST_ATTEMPT = select(func.coalesce(func.max(_SMS.c.attempt), 0)).where(
    _SMS.c.order_id == bindparam("p_order"), _SMS.c.purpose == bindparam("p_purpose")
)
_INSERT_SMS = insert(_SMS)


@dataclass(frozen=True)
class SmsView:
    """One SMS attempt with its status timeline (for the order card and the manager's list)."""

    uid: str
    purpose: str
    attempt: int
    status: str
    requested_at: datetime
    updated_at: datetime
    error: str | None
    timeline: list[dict[str, Any]]


def sms_view(m: SmsMessage) -> SmsView:
    """The view of one stored SMS attempt."""
    return SmsView(m.uid, m.purpose, m.attempt, m.status, m.requested_at, m.updated_at, m.error, list(m.timeline))


@dataclass(frozen=True)
class SmsRequest:
    """The SMS attempt just queued: its uid (the outbox event's `sms`) and its attempt number."""

    uid: str
    attempt: int


def request_sms(act: Action, order_id: int, order_number: str, purpose: str, reason: str) -> SmsRequest:
    """Insert the next SMS attempt for (order, purpose) and queue its `sms.requested` event.

    `reason` (arrived | resend | reminder | receipt | club) is kept in the first timeline entry:
    the daily resend limit counts the attempts a clerk asked for.
    """
    conn = act.session.connection()
    last = conn.execute(_LAST_ATTEMPT, {"p_order": order_id, "p_purpose": purpose}).scalar_one()
    uid, attempt = new_uid(), last + 1
    conn.execute(
        _INSERT_SMS,
        {
            "uid": uid,
            "order_id": order_id,
            "purpose": purpose,
            "attempt": attempt,
            "status": SmsStatus.REQUESTED.value,
            "requested_at": act.now,
            "requested_by": act.actor.staff_id if act.actor else None,
            "updated_at": act.now,
            "error": None,
            "timeline": [{"status": SmsStatus.REQUESTED.value, "at": act.now.isoformat(), "reason": reason}],
        },
    )
    act.emit(SmsRequested(sms=uid, order=order_number, purpose=purpose, attempt=attempt))
    return SmsRequest(uid, attempt)
