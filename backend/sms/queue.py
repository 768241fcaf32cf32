"""Claiming SMS outbox rows when several dispatchers (worker processes) work one PostgreSQL queue.

`SELECT … FOR UPDATE SKIP LOCKED`: a dispatcher takes a due row no other transaction holds and never waits on
one another dispatcher is claiming, so two workers take disjoint rows and never send one message twice. SQLite
ignores the clause (its BEGIN IMMEDIATE serialises writers anyway).

Gateway status requests (reconciling, delivery polls) are leased the same way: the claimed rows' next action is
moved `lease` ahead in the claiming transaction, so another worker does not ask about them meanwhile, and a worker
that dies mid-pass only delays them by the lease.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Select, or_, select, update
from sqlalchemy.orm import Session

from backend.sms.models import SmsOutbox
from protocol.states import SmsStatus


def _due(statuses: Sequence[SmsStatus], now: datetime) -> Select[SmsOutbox]:
    return (
        select(SmsOutbox)
        .where(SmsOutbox.status.in_(statuses))
        .where(or_(SmsOutbox.next_action_at.is_(None), SmsOutbox.next_action_at <= now))
        .order_by(SmsOutbox.id)
    )


def due_to_reconcile(now: datetime, stale_before: datetime, max_checks: int) -> Select[SmsOutbox]:
    """Rows whose send may have reached the gateway: `unknown`, or `sending` left since `stale_before` (a crash)."""
    return _due([SmsStatus.UNKNOWN, SmsStatus.SENDING], now).where(
        or_(SmsOutbox.status == SmsStatus.UNKNOWN, SmsOutbox.updated_at <= stale_before),
        SmsOutbox.status_checks < max_checks,
    )


def due_to_poll(now: datetime) -> Select[SmsOutbox]:
    """Accepted rows whose next delivery-status request is due."""
    return _due([SmsStatus.ACCEPTED], now)


def claim_next(session: Session, status: SmsStatus, now: datetime) -> SmsOutbox | None:
    """The oldest due row in `status` that no other transaction has locked, locked until this one ends."""
    return session.scalars(_due([status], now).limit(1).with_for_update(skip_locked=True)).first()


def lease_due(
    session: Session, query: Select[SmsOutbox], now: datetime, lease: timedelta, limit: int
) -> list[str]:
    """Up to `limit` rows of `query` no other transaction holds: their uids, next action moved to `now + lease`."""
    rows = list(session.scalars(query.limit(limit).with_for_update(skip_locked=True)))
    if rows:
        session.execute(
            update(SmsOutbox).where(SmsOutbox.id.in_([row.id for row in rows]))
            .values(next_action_at=now + lease).execution_options(synchronize_session=False)
        )
    return [row.uid for row in rows]
