"""The change feed: ordered, per-point changes written in the same transaction as the state change.

Sequence numbers come from a counter row that the writing transaction updates (and so locks until
commit): changes become visible in sequence order, so a reader's cursor never skips a late commit.
One mechanism for every writer: `publish` only collects a change; the collected changes are numbered
and inserted at the end of the transaction (`write_deferred`: explicitly by event intake, otherwise by
the session's `before_commit` hook below). The counter row is thus always the LAST lock a writer takes,
after its own row locks, and held only for the moment before the commit: a transaction holding it waits
for nothing else, so it is never part of a deadlock. Deadlocks between two writers' row locks (PostgreSQL)
are retried by `transaction`, as intake retries its batches.

A page reads the point's changes and the global ones each by the `(point_id, seq)` index in sequence
order, bounded by the head and the page size: no read of the rest of the feed, no sort.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Text, cast, delete, event, func, insert, select, union_all, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from backend.db import Database, insert_rows, rowcount
from backend.models import Change, Counter, Order, Point
from backend.serialize import order_dict

log = logging.getLogger(__name__)
T = TypeVar("T")

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


def publish(session: Session, point_id: int | None, type_: str, payload: dict[str, Any], now: datetime) -> None:
    """Append one change for `point_id` (None: a global change, in every point's feed).

    The change is kept in memory and numbered by `write_deferred` at the end of the transaction."""
    row = {"point_id": point_id, "type": type_, "payload": payload, "created_at": now}
    session.info.setdefault(DEFERRED, []).append(row)


def publish_state(session: Session, point_id: int | None, type_: str, key: str, state: Callable[[], dict[str, Any]],
                  now: datetime) -> None:
    """Append a change carrying a whole entity's state (`order.upsert`: `key` its number), built by `state()` when
    the transaction's changes are written: once per entity and transaction, at the place of its last publication
    (a reader sees the transaction at once, so the state at its end is the only one it could see)."""
    row = {"point_id": point_id, "type": type_, "payload": state, "created_at": now, STATE_KEY: (type_, key)}
    session.info.setdefault(DEFERRED, []).append(row)


def publish_order(session: Session, point: Point, order: Order, now: datetime) -> None:
    """`order.upsert`: the order's state at the end of the transaction (`publish_state`)."""
    code = point.code
    publish_state(session, point.id, "order.upsert", order.number, lambda: order_dict(order, code), now)


STATE_KEY = "state_key"  # a pending change's (type, key) when it carries an entity's state (`publish_state`)


def _latest_states(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The changes to write: of an entity's states only the last, each state built now; the rest as published."""
    seen: set[tuple[str, str]] = set()
    kept: list[dict[str, Any]] = []
    for row in reversed(rows):
        key = row.get(STATE_KEY)
        if key is None:
            kept.append(row)
        elif key not in seen:
            seen.add(key)
            built = {name: value for name, value in row.items() if name != STATE_KEY}
            kept.append(built | {"payload": row["payload"]()})
    return kept[::-1]


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
    rows, pending[:] = _latest_states(pending), []  # written once, whoever calls this again before the commit
    first = _bump(session, CHANGE_SEQ, len(rows)) - len(rows) + 1
    # Core on the session's connection (both callers flush first): at once, no ORM bookkeeping per row
    insert_rows(session.connection(), Change, [{"seq": first + i, **row} for i, row in enumerate(rows)])


def _number_at_commit(session: Session) -> None:
    """Every writer's changes are numbered at its commit (a savepoint's release is not the commit)."""
    if session.in_nested_transaction():
        return
    pending = session.info.get(DEFERRED)
    if pending:
        session.flush()
        write_deferred(session, pending)


def _drop_on_rollback(session: Session, previous: Any) -> None:
    """A rolled-back transaction publishes nothing (a savepoint's caller drops its own: ingest does)."""
    if previous.parent is None and not previous.nested:
        session.info.pop(DEFERRED, None)


event.listen(Session, "before_commit", _number_at_commit)
event.listen(Session, "after_soft_rollback", _drop_on_rollback)


BATCH_ATTEMPTS = 5
RETRY_PAUSE_S = 0.02
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})  # PostgreSQL: deadlock detected, serialization failure


def retryable(exc: DBAPIError) -> bool:
    """A deadlock or serialization failure: the whole transaction may run again."""
    return getattr(exc.orig, "sqlstate", None) in RETRYABLE_SQLSTATES


def transaction(db: Database, work: Callable[[Session], T], what: str = "write",
                also_retry: tuple[type[DBAPIError], ...] = ()) -> T:
    """`work(session)` in one write transaction whose changes are numbered at its end; a deadlock or a
    serialization failure against another writer runs it again (bounded), as intake retries a batch.
    `work` must be safe to run again: it only touches the database (any other exception passes through);
    `also_retry` names further errors worth a new run (intake: an event id another point inserted meanwhile)."""
    for attempt in range(1, BATCH_ATTEMPTS + 1):
        try:
            with db.write() as session:
                return work(session)
        except DBAPIError as exc:
            if attempt == BATCH_ATTEMPTS or not (retryable(exc) or isinstance(exc, also_retry)):
                raise
            log.info("%s retried (%s)", what, type(exc.orig).__name__)
            time.sleep(RETRY_PAUSE_S * attempt)
    raise AssertionError("unreachable")


def current_seq(session: Session) -> int:
    return counter(session, CHANGE_SEQ)


def pruned_through(session: Session) -> int:
    return counter(session, PRUNED_THROUGH)


def page(session: Session, point_id: int, cursor: int, limit: int) -> tuple[list[tuple[int, str, str]], int, bool]:
    """Changes after `cursor` for the point and the global ones: ((seq, type, payload as its stored JSON text) each,
    next_cursor, has_more). The payloads stay text (`page_json` puts them in the answer as they are): parsed and
    written again they were most of a page's time (10 ms of CPU a page of 400 order states).

    The head sequence is read first and bounds the page: every change up to it is committed, so a
    cursor moved to the head (when this point has nothing more) never skips anything. The point's and
    the global changes are each read by the index in seq order with their own LIMIT (UNION ALL), and
    only those at most 2 × (limit + 1) rows are merged.
    """
    head = current_seq(session)
    text = cast(Change.payload, Text).label("payload")
    streams = [select(Change.seq, Change.type, text)
               .where(mine, Change.seq > cursor, Change.seq <= head).order_by(Change.seq).limit(limit + 1).subquery()
               for mine in (Change.point_id == point_id, Change.point_id.is_(None))]
    both = union_all(*(select(stream.c.seq, stream.c.type, stream.c.payload) for stream in streams))
    rows = session.execute(both.order_by(both.selected_columns.seq).limit(limit + 1)).all()
    has_more = len(rows) > limit
    items = [(seq, type_, payload) for seq, type_, payload in rows[:limit]]
    next_cursor = items[-1][0] if has_more else max(cursor, head)
    return items, next_cursor, has_more


def page_json(items: list[tuple[int, str, str]], **rest: Any) -> bytes:
    """The page's answer as JSON (`ChangesOut`): each change's stored payload text put in as it is (the database
    holds what `json.dumps` wrote), the rest (`next_cursor`, `has_more`, …) encoded."""
    listed = ",".join(f'{{"seq":{seq},"type":{json.dumps(type_)},"payload":{payload}}}'
                      for seq, type_, payload in items)
    return f'{{"changes":[{listed}],{json.dumps(rest)[1:]}'.encode()


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
