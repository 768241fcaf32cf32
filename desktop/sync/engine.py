"""The sync engine: push the outbox (ordered batches), then pull the change feed page by page.

Each batch's results are stored in one transaction; each page of changes is applied together with
its cursor in one transaction. Rejected and conflicting events stay in the outbox (never deleted,
never blocking the queue) and raise a manager alert. An expired cursor (410) triggers a snapshot;
unsynced local events stay queued whatever happens.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from desktop import cache_bulk, cache_import
from desktop.db.engine import Database
from desktop.db.models import OutboxEvent, SyncState
from desktop.db.pepper import store_tag_key
from desktop.sync.anchor import anchor_journal
from desktop.sync.apply import apply_changes, record_duplicate, record_problem
from desktop.sync.client import (
    BackendUnavailable,
    ChangesPage,
    CursorExpired,
    EventResult,
    RequestRefused,
    SyncClient,
    SyncError,
    UpgradeRequired,
)
from desktop.sync.money_feed import load_money_snapshot
from desktop.sync.prefetch import Ahead
from protocol.limits import OUTCOME_REASON_MAX
from protocol.states import PROBLEM_OUTCOMES, EventOutcome, OutboxStatus

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
SnapshotProgress = Callable[[int, int], None]  # (orders stored, orders in the snapshot)
MAX_BATCH = 500
CURSOR_KEY = "cursor"
SERVER_KEY = "server_public_key"
SNAPSHOT_CHUNK = 500  # orders per transaction (bulk upserts: a few tens of ms of write lock)
DEFAULT_PAGE = 500  # changes per page and transaction (the server's default page)
SPLITTABLE = (400, 413, 422)  # the whole batch refused: find the event that causes it
SPLIT_AFTER_5XX = 2  # the same batch answered 5xx this many times is split to find the event that causes it


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class SyncReport:
    """What one `sync_once` did."""

    pushed: int = 0
    applied: int = 0
    duplicate: int = 0
    rejected: int = 0
    conflict: int = 0
    pulled: int = 0
    snapshot: bool = False


def get_state(s: Session, key: str) -> str | None:
    row = s.get(SyncState, key)
    return row.value if row else None


def set_state(s: Session, key: str, value: str) -> None:
    row = s.get(SyncState, key)
    if row is None:
        s.add(SyncState(key=key, value=value))
    else:
        row.value = value


_OUTBOX = cast(Table, OutboxEvent.__table__)
_STORE_RESULT = (
    update(_OUTBOX)
    .where(_OUTBOX.c.event_id == bindparam("eid"), _OUTBOX.c.status == OutboxStatus.PENDING)
    .values(status=bindparam("st"), server_seq=bindparam("sseq"), reason=bindparam("rsn"),
            pushed_at=bindparam("at"))
)


def _original_outcome(result: EventResult) -> EventResult:
    """A 'duplicate' of an event the server had refused (our first reply was lost) is that refusal.

    Otherwise a conflict whose answer timed out would be stored as a harmless duplicate and never
    reach the manager. The server says "already_received:<status>" in the reason.
    """
    first = (result.reason or "").rsplit(":", 1)[-1]
    if result.status == EventOutcome.DUPLICATE and first in PROBLEM_OUTCOMES:
        return EventResult(result.event_id, first, result.reason, result.server_seq)
    return result


class SyncEngine:
    """One counter PC's local database against one backend."""

    def __init__(self, db: Database, client: SyncClient, clock: Clock = utc_now, *,
                 batch_size: int = MAX_BATCH, page_limit: int = DEFAULT_PAGE) -> None:
        self.db = db
        self.client = client
        self.clock = clock
        self.batch_size = min(batch_size, MAX_BATCH)
        self.page_limit = page_limit
        self._server_errors: dict[str, int] = {}  # a batch's first event id → the 5xx answers it got in a row
        self._healthy = False
        self._tag_key: str | None = None  # the tag key this engine last stored (an empty page with it: no write)
        # Called after each batch's verdicts are committed (the runner refreshes «Не отправлено» there, not only
        # once the whole sync, pull included, is over).
        self.batch_stored: Callable[[], None] = lambda: None
        # Told how far a snapshot got (the enrolment wizard's progress bar): once downloaded, then per chunk stored.
        self.snapshot_progress: SnapshotProgress = lambda done, total: None

    def sync_once(self) -> SyncReport:
        """Push everything pending, then pull every change; raises SyncError subclasses on failure."""
        report = SyncReport()
        with self.db.turns.background():  # the clerk's writes go first (desktop.db.engine.Turns)
            try:
                self.push(report)
            except UpgradeRequired:
                self.pull(report)  # the server's news still arrive; our queue waits for the upgrade
                raise
            anchor_journal(self.db, self.client)
            self.pull(report)
        return report

    # --- push ------------------------------------------------------------------------------------

    def push(self, report: SyncReport | None = None) -> SyncReport:
        report = report or SyncReport()
        self._healthy = False  # proven by the first batch the server stores in this pass
        batch = self._pending_batch(0)
        while batch:
            # The next batch is read from the outbox while this one is on the wire: the events after this batch
            # (unanswered events wait for the next sync, not a loop); nothing in this pass changes them.
            upcoming = Ahead(partial(self._read_ahead, batch[-1]["device_seq"]))
            results = self._push_batch(batch)
            self._store_results(results, report)
            report.pushed += len(batch)
            self.batch_stored()
            batch = upcoming.result()
        return report

    def _read_ahead(self, after_seq: int) -> list[dict[str, Any]]:
        with self.db.turns.background():  # on its own thread, as the pass it reads for: the clerk's writes first
            return self._pending_batch(after_seq)

    def _push_batch(self, batch: list[dict[str, Any]]) -> list[EventResult]:
        """POST a batch; a batch the server refuses as a whole (400/413/422) is split to isolate the bad event.

        A single event the server cannot even parse is kept locally as `rejected` (with a manager alert)
        so it never blocks the events queued after it.
        """
        try:
            results = self.client.push_events(batch)
        except RequestRefused as err:
            if err.status not in SPLITTABLE:
                raise
            if len(batch) == 1:
                return [self._set_aside(batch[0], f"request_refused:{err.status}", err)]
            mid = len(batch) // 2
            return self._push_batch(batch[:mid]) + self._push_batch(batch[mid:])
        except BackendUnavailable as err:
            if err.status is None or err.status < 500:
                raise  # offline, timed out or overloaded (429): the whole queue waits for the next sync
            return self._after_server_error(batch, err)
        self._server_errors.pop(batch[0]["event_id"], None)
        self._healthy = True  # the server stored a batch in this pass: a 5xx now is about the events sent
        return results

    def _after_server_error(self, batch: list[dict[str, Any]], err: BackendUnavailable) -> list[EventResult]:
        """A batch answered 5xx: retried whole once (next sync), then split so one event never blocks the rest.

        An event that alone still gets a 5xx while the server stores its neighbours is kept locally as
        `rejected` (`server_error:<status>`, a manager alert), like an event the server cannot parse.
        """
        head = batch[0]["event_id"]
        self._server_errors[head] = self._server_errors.get(head, 0) + 1
        if self._server_errors[head] < SPLIT_AFTER_5XX:
            raise err
        if len(batch) == 1:
            if not self._healthy:
                raise err
            return [self._set_aside(batch[0], f"server_error:{err.status}", err)]
        halves = (batch[: len(batch) // 2], batch[len(batch) // 2 :])
        results: list[EventResult] = []
        failed: list[list[dict[str, Any]]] = []
        for part in halves:
            self._server_errors.setdefault(part[0]["event_id"], SPLIT_AFTER_5XX - 1)
            try:
                results += self._push_batch(part)
            except BackendUnavailable:
                failed.append(part)
        if failed and not self._healthy:
            raise err  # nothing stored at all: the server itself is down
        for part in failed:  # now known healthy: what still fails is set aside event by event
            results += self._push_batch(part)
        return results

    def _set_aside(self, event: dict[str, Any], reason: str, err: SyncError) -> EventResult:
        log.info("event %s refused by the server: HTTP %s %s", event["event_id"], err.status, err.code)
        self._server_errors.pop(event["event_id"], None)
        return EventResult(event["event_id"], EventOutcome.REJECTED, reason, None)

    def _pending_batch(self, after_seq: int) -> list[dict[str, Any]]:
        with self.db.read() as s:
            rows = s.execute(
                select(OutboxEvent.event_id, OutboxEvent.device_seq, OutboxEvent.type, OutboxEvent.schema_v,
                       OutboxEvent.payload, OutboxEvent.occurred_at)
                .where(OutboxEvent.status == OutboxStatus.PENDING, OutboxEvent.device_seq > after_seq)
                .order_by(OutboxEvent.device_seq)
                .limit(self.batch_size)
            ).all()
        return [
            {"event_id": r.event_id, "device_seq": r.device_seq, "type": r.type, "schema_v": r.schema_v,
             "payload": json.loads(r.payload), "occurred_at": r.occurred_at.isoformat()}
            for r in rows
        ]

    def _store_results(self, results: list[EventResult], report: SyncReport) -> None:
        """All results of one batch in one transaction (one executemany on the hot path)."""
        now = self.clock()
        results = [_original_outcome(r) for r in results]
        params = [
            {"eid": r.event_id, "st": r.status, "sseq": r.server_seq,
             "rsn": r.reason[:OUTCOME_REASON_MAX] if r.reason else None, "at": now}
            for r in results
        ]
        with self.db.write() as s:
            if params:
                s.connection().execute(_STORE_RESULT, params)
            for result in results:
                if result.status in PROBLEM_OUTCOMES:
                    event = s.scalars(select(OutboxEvent).where(OutboxEvent.event_id == result.event_id)).one()
                    record_problem(s, event, now)
                elif result.status == EventOutcome.DUPLICATE:  # e.g. a box another PC received first
                    event = s.scalars(select(OutboxEvent).where(OutboxEvent.event_id == result.event_id)).one()
                    record_duplicate(s, event, result.reason, now)
                if result.status in tuple(EventOutcome):
                    setattr(report, result.status, getattr(report, result.status) + 1)

    # --- pull ------------------------------------------------------------------------------------

    def pull(self, report: SyncReport | None = None) -> SyncReport:
        report = report or SyncReport()
        with self.db.read() as s:
            cursor_text = get_state(s, CURSOR_KEY)
        if cursor_text is None:
            self.take_snapshot(report)
            with self.db.read() as s:
                cursor_text = get_state(s, CURSOR_KEY) or "0"
        cursor = int(cursor_text)
        ahead = self._fetch(cursor)
        while True:
            try:
                page = ahead.result()
            except CursorExpired:
                log.warning("change cursor %s expired: taking a snapshot", cursor)
                cursor = self.take_snapshot(report)
                ahead = self._fetch(cursor)
                continue
            if page.has_more and page.changes:  # the next page downloads while this one is stored
                ahead = self._fetch(page.next_cursor)
            if page.changes or page.next_cursor != cursor or page.code_tag_key != self._tag_key:
                self._apply_page(page.changes, page.next_cursor, page.code_tag_key)  # else nothing to write
            report.pulled += len(page.changes)
            cursor = page.next_cursor
            if not page.has_more or not page.changes:
                return report

    def _fetch(self, cursor: int) -> Ahead[ChangesPage]:
        return Ahead(lambda: self.client.changes(cursor, self.page_limit))

    def _apply_page(self, changes: list[dict[str, Any]], next_cursor: int, tag_key: str | None = None) -> None:
        now = self.clock()
        with self.db.write() as s:
            apply_changes(s, changes, now)
            set_state(s, CURSOR_KEY, str(next_cursor))
            store_tag_key(s, tag_key)  # sealed under the pepper; an enrolled PC gets it on its next pull
        self._tag_key = tag_key

    def take_snapshot(self, report: SyncReport | None = None) -> int:
        """Refresh the cached server-owned data from a snapshot; the outbox is untouched.

        Orders go in chunks of SNAPSHOT_CHUNK per transaction so a clerk's action never waits long
        for the write lock. The cursor is removed first and written last: a crash in between
        leaves no cursor, so the next pull simply takes a snapshot again.
        """
        data = self.client.snapshot()
        with self.db.write() as s:
            s.execute(delete(SyncState).where(SyncState.key == CURSOR_KEY))
            cache_import.load_reference_data(s, data)
        orders = data.get("orders", [])
        self.snapshot_progress(0, len(orders))
        for start in range(0, len(orders), SNAPSHOT_CHUNK):
            with self.db.write() as s:
                cache_bulk.upsert_orders(s, orders[start:start + SNAPSHOT_CHUNK])
            self.snapshot_progress(min(start + SNAPSHOT_CHUNK, len(orders)), len(orders))
        with self.db.write() as s:
            for claim in data.get("claims", []):  # warranty claims refer to the orders above
                cache_import.upsert_claim(s, claim)
            load_money_snapshot(s, data, self.clock())  # bonus and certificate entries name orders too
            set_state(s, CURSOR_KEY, str(int(data["cursor"])))
        if report is not None:
            report.snapshot = True
        return int(data["cursor"])

    # --- status for the UI ---------------------------------------------------------------------------

    def counts(self) -> tuple[int, int]:
        """(pending events, rejected/conflicting events not yet reviewed by the manager)."""
        with self.db.turns.background(), self.db.read() as s:  # asked by the sync thread: the clerk first
            pending, problems = s.execute(_COUNTS).one()
        return int(pending), int(problems)


_COUNTS = select(  # both in one statement: the status bar asks after every batch and every 2 s
    select(func.count()).where(OutboxEvent.status == OutboxStatus.PENDING).scalar_subquery(),
    select(func.count()).where(OutboxEvent.status.in_(PROBLEM_OUTCOMES), OutboxEvent.reviewed_at.is_(None))
    .scalar_subquery(),
)
