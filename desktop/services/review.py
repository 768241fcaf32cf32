"""Manager review: the sync backlog, events the server rejected or flagged as conflicts, and open alerts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from desktop import messages
from desktop.db.models import ManagerAlert, Order, OutboxEvent
from desktop.services.base import Actor, Role, Service, require_role
from desktop.sync.reasons import describe_alert, describe_reason
from desktop.translatable import QT_TRANSLATE_NOOP
from protocol.errors import DomainError
from protocol.states import PROBLEM_OUTCOMES, OutboxStatus

# The action named in an access refusal (require_role translates it: translating it here too translated it twice).
REVIEW = QT_TRANSLATE_NOOP("Actions", "разбор конфликтов")

messages.register(
    {
        "review.event_not_found": "Событие {event} не найдено или не требует разбора.",
        "review.alert_not_found": "Сигнал №{alert} не найден или уже закрыт.",
    }
)


@dataclass(frozen=True)
class Backlog:
    """How many outbox events are in each sync state."""

    pending: int
    applied: int
    duplicate: int
    rejected: int
    conflict: int
    oldest_pending_at: datetime | None


@dataclass(frozen=True)
class Problem:
    """One thing for the manager to look at: a refused/conflicting event or an alert."""

    kind: str  # event | alert
    key: str  # event id or alert id
    what: str  # event type or alert kind (a machine key: the page shows it in words)
    order: str | None
    reason: str
    at: datetime
    outcome: str = ""  # an event's verdict (rejected | conflict); empty for an alert


class ReviewService(Service):
    """What the manager reviews on the sync page; clerks are refused inside the service."""

    def backlog(self) -> Backlog:
        with self.reading() as s:
            counts = dict(s.execute(select(OutboxEvent.status, func.count()).group_by(OutboxEvent.status)).all())
            oldest = s.scalar(select(func.min(OutboxEvent.occurred_at))
                              .where(OutboxEvent.status == OutboxStatus.PENDING))
        n = {status: int(counts.get(status, 0)) for status in OutboxStatus}
        return Backlog(n[OutboxStatus.PENDING], n[OutboxStatus.APPLIED], n[OutboxStatus.DUPLICATE],
                       n[OutboxStatus.REJECTED], n[OutboxStatus.CONFLICT], oldest)

    def problems(self, manager: Actor) -> list[Problem]:
        """Unreviewed rejected/conflicting events and unresolved alerts, newest first."""
        require_role(manager, Role.MANAGER, REVIEW)
        with self.reading() as s:
            events = s.scalars(select(OutboxEvent).where(OutboxEvent.status.in_(PROBLEM_OUTCOMES),
                                                         OutboxEvent.reviewed_at.is_(None))).all()
            alerts = s.execute(select(ManagerAlert, Order.number).outerjoin(Order, Order.id == ManagerAlert.order_id)
                               .where(ManagerAlert.resolved_at.is_(None))).all()
            found = [_event_problem(e) for e in events] + [_alert_problem(a, n) for a, n in alerts]
        return sorted(found, key=lambda p: p.at, reverse=True)

    def mark_reviewed(self, manager: Actor, kind: str, key: str) -> None:
        """Close one problem: an event is marked reviewed (kept forever), an alert resolved."""
        require_role(manager, Role.MANAGER, REVIEW)
        with self.action(manager) as act:
            if kind == "event":
                row = act.session.scalars(select(OutboxEvent).where(
                    OutboxEvent.event_id == key, OutboxEvent.reviewed_at.is_(None),
                    OutboxEvent.status.in_(PROBLEM_OUTCOMES))).first()
                if row is None:
                    raise DomainError("review.event_not_found", event=key)
                row.reviewed_at = act.now
            else:
                alert = act.session.get(ManagerAlert, int(key)) if key.isdigit() else None
                if alert is None or alert.resolved_at is not None:
                    raise DomainError("review.alert_not_found", alert=key)
                alert.resolved_at, alert.resolved_by = act.now, manager.staff_id
            act.audit("review.closed", key, kind=kind)


def _event_problem(event: OutboxEvent) -> Problem:
    order = order_of_payload(event.payload)
    reason = describe_reason(event.reason)
    return Problem("event", event.event_id, event.type, order, reason, event.occurred_at, event.status)


def _alert_problem(alert: ManagerAlert, order_number: str | None) -> Problem:
    text = describe_alert(alert.kind, alert.message, alert.details)
    return Problem("alert", str(alert.id), alert.kind, order_number, text, alert.created_at)


def order_of_payload(payload: str) -> str | None:
    """The order number an outbox event's JSON payload names, if any (a payload that is not an object: none)."""
    try:
        value = json.loads(payload).get("order")
    except (ValueError, AttributeError):
        return None
    return str(value) if value else None
