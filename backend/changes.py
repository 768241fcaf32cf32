"""The change feed: ordered, per-point changes written in the same transaction as the state change.

Sequence numbers come from a counter row that the writing transaction updates (and so locks until
commit): changes become visible in sequence order, so a reader's cursor never skips a late commit.
Event intake defers its changes (`deferred`) and numbers them all at the end of its transaction
(`write_deferred`), so the counter row is locked only for the last moment before the commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from backend.db import rowcount
from backend.models import Change, Counter

CHANGE_SEQ = "change_seq"
DEFERRED = "deferred_changes"  # session.info key: the changes a transaction publishes, not yet numbered
PRUNED_THROUGH = "changes_pruned_through"


def _bump(session: Session, name: str, by: int = 1) -> int:
    """Add `by` to the counter (locking its row until commit); its new value."""
    value = session.execute(
        update(Counter).where(Counter.name == name).values(value=Counter.value + by).returning(Counter.value)
    ).scalar_one_or_none()
    if value is not None:
        return int(value)
    session.execute(insert(Counter).values(name=name, value=by))
    return by


def counter(session: Session, name: str) -> int:
    value = session.scalar(select(Counter.value).where(Counter.name == name))
    return int(value or 0)


def ensure_counters(session: Session) -> None:
    """Create the counter rows once (so concurrent writers only ever UPDATE them)."""
    for name in (CHANGE_SEQ, PRUNED_THROUGH):
        if session.get(Counter, name) is None:
            session.add(Counter(name=name, value=0))
    session.flush()


def lock_feed(session: Session) -> None:
    """Take the feed's write lock first (PostgreSQL row lock; SQLite's BEGIN IMMEDIATE already has it).

    Every transaction that publishes takes it before any other row lock, so writers never deadlock
    and sequence numbers commit in order.
    """
    session.execute(select(Counter.value).where(Counter.name == CHANGE_SEQ).with_for_update())


def publish(session: Session, point_id: int | None, type_: str, payload: dict[str, Any], now: datetime) -> None:
    """Append one change for `point_id` (None: a global change, in every point's feed).

    Inside `deferred` the change is kept in memory and numbered by `write_deferred` before the commit."""
    row = {"point_id": point_id, "type": type_, "payload": payload, "created_at": now}
    pending = session.info.get(DEFERRED)
    if pending is not None:
        pending.append(row)
        return
    session.execute(insert(Change).values(seq=_bump(session, CHANGE_SEQ), **row))


@contextmanager
def deferred(session: Session) -> Iterator[list[dict[str, Any]]]:
    """Collect the changes published in this block (the caller drops those of a rolled-back savepoint)."""
    pending: list[dict[str, Any]] = []
    session.info[DEFERRED] = pending
    try:
        yield pending
    finally:
        session.info.pop(DEFERRED, None)


def write_deferred(session: Session, pending: list[dict[str, Any]]) -> None:
    """Number and insert the collected changes at once: the counter row is locked from here to the commit."""
    if not pending:
        return
    first = _bump(session, CHANGE_SEQ, len(pending)) - len(pending) + 1
    session.execute(insert(Change), [{"seq": first + i, **row} for i, row in enumerate(pending)])


def current_seq(session: Session) -> int:
    return counter(session, CHANGE_SEQ)


def pruned_through(session: Session) -> int:
    return counter(session, PRUNED_THROUGH)


def page(session: Session, point_id: int, cursor: int, limit: int) -> tuple[list[dict[str, Any]], int, bool]:
    """Changes after `cursor` for the point and the global ones: (changes, next_cursor, has_more).

    The head sequence is read first and bounds the page: every change up to it is committed, so a
    cursor moved to the head (when this point has nothing more) never skips anything.
    """
    head = current_seq(session)
    rows = session.execute(
        select(Change.seq, Change.type, Change.payload)
        .where(or_(Change.point_id == point_id, Change.point_id.is_(None)), Change.seq > cursor, Change.seq <= head)
        .order_by(Change.seq)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    items = [{"seq": seq, "type": type_, "payload": payload} for seq, type_, payload in rows]
    next_cursor = rows[-1][0] if has_more else max(cursor, head)
    return items, next_cursor, has_more


def prune(session: Session, older_than: datetime) -> int:
    """Delete changes created before `older_than`; moves the pruned-through mark. Returns rows deleted."""
    last = session.scalar(select(func.max(Change.seq)).where(Change.created_at < older_than))
    if last is None:
        return 0
    deleted = rowcount(session.execute(delete(Change).where(Change.seq <= last)))
    session.execute(
        update(Counter).where(Counter.name == PRUNED_THROUGH, Counter.value < last).values(value=last)
    )
    return deleted
