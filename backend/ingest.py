"""Event ingestion: idempotent per event id, validated, applied by the rules, durable before the answer."""

from __future__ import annotations

import functools
import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from backend import changes, code_pool
from backend.code_prepare import codes_needed, codes_needed_locked, may_issue, prepare
from backend.codes import CodeIssuer, PreparedCode
from backend.db import Database, among, insert_rows
from backend.limits import EVENT_PAYLOAD_MAX
from backend.models import Device, EventRecord, Point
from backend.payload_types import validate
from backend.rules import APPLIED, Outcome, RuleContext, apply_event, has_rule, receiving, rejected
from backend.rules.base import forget_locked, preload
from protocol import events as ev
from protocol.errors import DomainError
from protocol.limits import OUTCOME_REASON_MAX
from protocol.states import PROBLEM_OUTCOMES, EventOutcome

log = logging.getLogger(__name__)

PAYLOAD_TOO_LARGE = "payload_too_large"
CURRENT_SCHEMA_V = ev.SCHEMA_V
MIN_SCHEMA_V = max(1, ev.SCHEMA_V - 1)  # the current and the previous payload schema are accepted


@dataclass(slots=True)  # 500 a batch: not frozen (a frozen dataclass's __init__ costs 2.5 times as much)
class IncomingEvent:
    event_id: str
    device_seq: int
    type: str
    schema_v: int
    payload: dict[str, Any]
    occurred_at: str
    payload_text: str  # the payload's canonical JSON text (backend/schemas.py `EventIn`: built once, when validated)


@dataclass(frozen=True)
class EventResult:
    event_id: str
    status: EventOutcome
    reason: str | None
    server_seq: int | None

    def as_dict(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "status": self.status, "reason": self.reason, "server_seq": self.server_seq}


@dataclass(frozen=True)
class IngestEnv:
    """Per-request constants: who sent the batch, the clock value, the code issuer, bonus constants."""

    device_id: str
    point_id: int
    issuer: CodeIssuer
    activation_points: int
    code_pool: bool  # the server keeps a pool of codes (Settings.code_pool_size > 0)


def payload_hash(event_type: str, payload_text: str) -> str:
    """sha256 of `canonical_json({"type": …, "payload": …})`, built around the payload's canonical text (sorted keys:
    "payload" comes before "type") so a batch serialises each payload once."""
    text = f'{{"payload":{payload_text},"type":{_type_json(event_type)}}}'
    return hashlib.sha256(text.encode()).hexdigest()


@functools.lru_cache(maxsize=256)
def _type_json(event_type: str) -> str:
    """The type's JSON text, once per type (a batch has a few types and hundreds of events)."""
    return ev.canonical_json(event_type)


@dataclass(slots=True)  # as IncomingEvent
class Checked:
    """An incoming event read once per batch: its canonical payload text, digest, and its verdict before any rule:
    the typed event, or the outcome that refuses it (too large, too new a schema, invalid, not storable)."""

    item: IncomingEvent
    text: str
    digest: str
    verdict: ev.Event | Outcome


def check(item: IncomingEvent) -> Checked:
    text = item.payload_text
    return Checked(item, text, payload_hash(item.type, text), _verdict(item, text))


def _verdict(item: IncomingEvent, text: str) -> ev.Event | Outcome:
    if len(text.encode()) > EVENT_PAYLOAD_MAX:
        return rejected(PAYLOAD_TOO_LARGE)  # the batch goes on; the payload itself is not kept
    if item.schema_v > CURRENT_SCHEMA_V:
        return rejected(f"schema_too_new:{item.schema_v}")
    try:
        event = validate(item.type, item.payload)
    except (ValueError, TypeError) as exc:
        return rejected(f"invalid_payload: {exc}"[:OUTCOME_REASON_MAX])
    problem = ev.storage_problem(event)
    if problem is not None:  # a value no column can hold: this event is refused, the batch goes on
        return rejected(problem)
    return event


def ingest_batch(db: Database, env: IngestEnv, batch: list[IncomingEvent]) -> list[EventResult]:
    """Apply a batch in one transaction; committed (durable) before this returns.

    A deadlock or serialization failure against another point's batch, or an event id that another
    point's batch inserted at the same moment, retries the whole batch (bounded): the retry sees the
    other batch's commit, so every event still gets the outcome a serial run would give it. The pickup codes it
    will issue come from the pool inside its transaction; when the pool lacks some, the batch is rolled back, the
    codes are hashed outside any transaction (`_prepare_codes`) and the batch runs again (backend/code_prepare.py).
    """
    checked = [check(item) for item in batch]
    if env.code_pool:
        try:
            return _transaction(db, env, checked, hashed=None)
        except PoolShort:
            pass
    _prepare_codes(db, env, checked)  # no pool, or it ran short: hashed before the transaction
    return _transaction(db, env, checked, hashed=list(env.issuer.prepared))


class PoolShort(Exception):
    """The code pool lacks codes the batch will issue: they are hashed outside its transaction."""


def _transaction(db: Database, env: IngestEnv, batch: list[Checked], hashed: list[PreparedCode] | None
                 ) -> list[EventResult]:
    """The batch's transaction, run again on a deadlock; `hashed`: the codes prepared before it (None: none yet, a
    pool short of codes raises PoolShort). Each attempt starts from `hashed` alone: codes an attempt took from the
    pool went back with its rollback, and must not be issued while they are in the pool again."""
    def attempt(session: Session) -> list[EventResult]:
        env.issuer.prepared[:] = hashed or []
        return _ingest_once(session, env, batch, hashed is None)

    return changes.transaction(db, attempt, f"batch of {len(batch)} events from point {env.point_id}",
                               also_retry=(IntegrityError,))


def _candidates(batch: list[Checked]) -> list[tuple[str, str, dict[str, Any]]]:
    """The batch's events that may issue a code, among those that reach their rule: (event id, type, payload)."""
    return [(c.item.event_id, c.item.type, c.item.payload) for c in batch
            if isinstance(c.verdict, ev.Event) and may_issue(c.item.type, c.item.payload)]


def _prepare_codes(db: Database, env: IngestEnv, batch: list[Checked]) -> None:
    """The pickup codes the batch will issue, from the pool or hashed, before its write transaction
    (backend/code_pool.py, backend/code_prepare.py); only events that reach their rule are looked up."""
    candidates = _candidates(batch)
    if not candidates:
        return  # nothing in the batch issues a code: no read at all
    with db.write() as session:  # its own short transaction: a row taken is gone, whatever the batch does
        point = session.get(Point, env.point_id)
        assert point is not None
        count = codes_needed(session, point.id, candidates)
        pooled = code_pool.take(session, point, count)
    prepare(env.issuer, point, count, pooled)


def _take_codes(session: Session, env: IngestEnv, point: Point, batch: list[Checked], known: dict[str, Known],
                short_is_fatal: bool) -> None:
    """The codes the batch will issue beyond those prepared, from the pool, in the batch's transaction (after
    `_preload`: counted from the rows it read); PoolShort when the pool lacks some and they were not hashed yet."""
    candidates = _candidates(batch)
    if not candidates:
        return  # nothing in the batch issues a code
    need = codes_needed_locked(session, point.id, candidates, known) - len(env.issuer.prepared)
    if need <= 0:
        return
    pooled = code_pool.take(session, point, need)
    if len(pooled) < need and short_is_fatal:
        raise PoolShort
    prepare(env.issuer, point, len(pooled), pooled)


def _ingest_once(session: Session, env: IngestEnv, batch: list[Checked], short_is_fatal: bool) -> list[EventResult]:
    """One attempt. The point's row lock serializes this point's batches (SQLite: BEGIN IMMEDIATE already
    does), so the ids known before the batch plus those the batch adds are the complete picture: an id is
    applied once, whoever sends it again. The feed's counter is locked only at the end, to number the
    batch's changes, so other points' batches run their rules meanwhile."""
    with changes.deferred(session) as pending:
        point = session.get(Point, env.point_id, with_for_update=True)
        assert point is not None
        results = _apply_batch(session, env, point, batch, short_is_fatal)
        receiving.write_queued(session)  # the set-wise path's codes and SMS rows, at once
        session.execute(update(Device).where(Device.id == env.device_id).values(last_seen_at=env.issuer.now))
        session.flush()
        changes.write_deferred(session, pending)
    return results


Known = tuple[int | None, str, str, int]  # (server_seq, payload hash, status, point id)


def _prefetch(session: Session, event_ids: list[str]) -> dict[str, Known]:
    rows = session.execute(
        select(EventRecord.event_id, EventRecord.server_seq, EventRecord.payload_hash, EventRecord.status,
               EventRecord.point_id).where(among(session, EventRecord.event_id, set(event_ids)))
    )
    return {row.event_id: (row.server_seq, row.payload_hash, row.status, row.point_id) for row in rows}


def _preload(session: Session, fresh: list[IncomingEvent]) -> None:
    """The orders and boxes the new events name, loaded at once (backend/rules/base.py `preload`); a value no
    column can hold (not text, a NUL, a lone surrogate) names nothing and is left to its event's checks."""
    payloads = [item.payload for item in fresh if isinstance(item.payload, dict)]
    numbers = {p["order"] for p in payloads if _lookup_key(p.get("order"))}
    preload(session, numbers, {p["box"] for p in payloads if _lookup_key(p.get("box"))})
    receiving.preload_receiving(session, numbers)


def _has_rule(checked: Checked) -> bool:
    """Will a rule read rows for this event (a type only recorded, or an event refused before its rule, reads none)?"""
    return isinstance(checked.verdict, ev.Event) and has_rule(checked.item.type)


def _lookup_key(value: Any) -> bool:
    if not isinstance(value, str) or "\x00" in value or len(value) > LOOKUP_KEY_MAX:
        return False
    try:
        value.encode()
    except UnicodeEncodeError:  # a lone surrogate from a JSON escape
        return False
    return True


LOOKUP_KEY_MAX = 64  # longer than any order number or barcode column


def _repeat(event_id: str, digest: str, seen: Known, point_id: int) -> EventResult:
    """A known id: the same event again, or a reused id. Another point's event is never described."""
    server_seq, known_digest, status, owner = seen
    if owner != point_id:
        return EventResult(event_id, EventOutcome.REJECTED, "event_id_reused", None)
    if known_digest != digest:
        return EventResult(event_id, EventOutcome.REJECTED, "event_id_reused_with_different_payload", None)
    return EventResult(event_id, EventOutcome.DUPLICATE, f"already_received:{status}", server_seq)


def _apply_new(session: Session, env: IngestEnv, point: Point, checked: Checked) -> tuple[EventResult, dict[str, Any]]:
    """Apply the rule; the event's row (recorded with the batch's, `_record`) and, for a conflict or rejection,
    its outcome published."""
    item = checked.item
    verdict = checked.verdict
    outcome = _outcome(session, env, point, item, verdict) if isinstance(verdict, ev.Event) else verdict
    row = {
        "event_id": item.event_id,
        "device_id": env.device_id,
        "point_id": point.id,
        "device_seq": item.device_seq,
        "type": item.type,
        "schema_v": item.schema_v,
        "payload": checked.text if outcome.reason != PAYLOAD_TOO_LARGE else "{}",
        "payload_hash": checked.digest,
        "occurred_at": item.occurred_at[:40],
        "received_at": env.issuer.now,
        "status": outcome.status,
        "reason": outcome.reason[:OUTCOME_REASON_MAX] if outcome.reason else None,
    }
    if outcome.status in PROBLEM_OUTCOMES:
        payload = {"event_id": item.event_id, "status": outcome.status, "reason": outcome.reason}
        changes.publish(session, point.id, "event.outcome", payload, env.issuer.now)
    return EventResult(item.event_id, outcome.status, outcome.reason, None), row


def _apply_batch(session: Session, env: IngestEnv, point: Point, batch: list[Checked], short_is_fatal: bool
                 ) -> list[EventResult]:
    """Each event's outcome in order; the new ones recorded together at the end with their server_seq (a repeat
    of an id first sent in this batch answers the same server_seq, as a duplicate)."""
    known = _prefetch(session, [c.item.event_id for c in batch])
    _preload(session, [c.item for c in batch if c.item.event_id not in known and _has_rule(c)])
    _take_codes(session, env, point, batch, known, short_is_fatal)
    results: list[EventResult] = []
    rows: list[dict[str, Any]] = []
    fresh: set[int] = set()  # indices of the new events' results
    for checked in batch:
        item = checked.item
        seen = known.get(item.event_id)
        if seen:
            results.append(_repeat(item.event_id, checked.digest, seen, env.point_id))
            continue
        result, row = _apply_new(session, env, point, checked)
        known[item.event_id] = (None, checked.digest, result.status, env.point_id)
        fresh.add(len(results))
        results.append(result)
        rows.append(row)
    seqs = _record(session, rows)
    return [EventResult(r.event_id, r.status, r.reason, seqs[r.event_id])  # not dataclasses.replace: 500 a batch
            if i in fresh or (r.status == EventOutcome.DUPLICATE and r.event_id in seqs) else r
            for i, r in enumerate(results)]


def _record(session: Session, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Insert the batch's new events at once (server_seq in batch order): event id → server_seq."""
    if not rows:
        return {}
    # in order, so server_seq follows the batch; Core on the session's connection after the rules' changes are
    # flushed: no ORM bookkeeping per row. (INSERT … RETURNING in multi-row VALUES measured slower on PostgreSQL:
    # 66 against 45 ms a batch of 500)
    session.flush()
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        # the serial's next values taken first and the rows copied in with them: no lookup of 500 ids afterwards
        # (their array sent, 500 probes of the unique index) to learn the numbers the database gave them
        seqs = sorted(connection.execute(_NEXT_SERVER_SEQS, {"count": len(rows)}).scalars())
        for row, seq in zip(rows, seqs, strict=True):
            row["server_seq"] = seq
        insert_rows(connection, EventRecord, rows)
        return {row["event_id"]: row["server_seq"] for row in rows}
    insert_rows(connection, EventRecord, rows)
    inserted = session.execute(select(EventRecord.event_id, EventRecord.server_seq).where(
        among(session, EventRecord.event_id, [row["event_id"] for row in rows])))
    return {event_id: int(seq) for event_id, seq in inserted}


_NEXT_SERVER_SEQS = select(
    func.nextval(func.pg_get_serial_sequence(EventRecord.__tablename__, EventRecord.server_seq.key))
).select_from(func.generate_series(1, bindparam("count")))


def _outcome(session: Session, env: IngestEnv, point: Point, item: IncomingEvent, event: ev.Event) -> Outcome:
    """The rule's outcome for an event `check` let through."""
    ctx = RuleContext(session=session, point=point, device_id=env.device_id, event_id=item.event_id,
                      now=env.issuer.now, issuer=env.issuer, activation_points=env.activation_points)
    if not has_rule(item.type):
        return APPLIED  # recorded only: nothing to change, nothing to roll back
    fast = receiving.try_apply(ctx, event)  # the plain receiving scan, set-wise (backend/rules/receiving.py)
    if fast is not None:
        return fast
    try:
        return _apply_in_savepoint(ctx, event)
    except (ValueError, TypeError) as exc:  # a payload value the rule could not use (bad date, …)
        return rejected(f"invalid_payload: {exc}"[:OUTCOME_REASON_MAX])
    except DomainError as exc:
        return rejected(f"{exc.code}: {exc.params}"[:OUTCOME_REASON_MAX])
    except (DataError, IntegrityError) as exc:
        # A value the database refused that the limits missed: the savepoint is rolled back, this event
        # alone is rejected, and the rest of the batch goes on.
        log.warning("event %s (%s) not storable: %s", item.event_id, item.type, type(exc.orig).__name__)
        return rejected("value_not_storable")
    except SQLAlchemyError:
        raise  # the database's trouble (connection, lock): the whole batch fails and is retried
    except Exception:
        # A bug in a rule: logged with its traceback; the event is kept as rejected for review so
        # one bad event cannot block the device's queue forever.
        log.exception("rule for %s failed on event %s", item.type, item.event_id)
        return rejected("internal_error")


def _apply_in_savepoint(ctx: RuleContext, event: ev.Event) -> Outcome:
    """The rule in a savepoint: a failing rule leaves no half-applied effects, nor the changes it published."""
    pending = ctx.session.info[changes.DEFERRED]
    mark = len(pending)
    try:
        with ctx.session.begin_nested():
            return apply_event(ctx, event)
    except BaseException:
        del pending[mark:]
        forget_locked(ctx.session)  # the savepoint's row locks are released with it
        raise
