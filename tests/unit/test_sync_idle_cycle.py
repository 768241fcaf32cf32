"""A sync with nothing new writes nothing and counts the queue as often as the status bar needs: an empty page at
the same cursor (and the tag key already kept) is no transaction, the server's answer that holds the head already
kept is no write, and one attempt counts the queue at its start and its end (plus once per stored batch), not at
every status change; the idle wait's last refresh is left to the attempt due then. Each write of the sync makes
the clerk's next action wait (the write lock, and the one interpreter lock)."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy.orm import Session

from desktop import journal
from desktop.db.engine import Database
from desktop.sync import runner as runner_module
from desktop.sync.anchor import anchor_journal
from desktop.sync.client import ChangesPage
from desktop.sync.engine import SyncEngine
from tests.integration.fakes import FakeBackend
from tests.integration.shapes import order_dict, point_dict
from tests.unit.test_sync_anchor_head import RecordingClient, write_entries
from tests.unit.test_sync_engine_pull_order import LoggingClient, emit, engine_for
from tests.unit.test_sync_runner_backoff import FakeEngine, runner_for
from tests.unit.test_sync_runner_idle import idle_runner


def count_writes(db: Database, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    writes: list[int] = []
    write = db.write

    @contextmanager
    def counted() -> Iterator[Session]:
        writes.append(1)
        with write() as s:
            yield s

    monkeypatch.setattr(db, "write", counted)
    return writes


@pytest.fixture
def client() -> LoggingClient:
    return LoggingClient(FakeBackend(point_dict()))


def test_an_empty_page_at_the_same_cursor_is_no_write(db: Database, client: LoggingClient,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    engine = engine_for(db, client)
    writes = count_writes(db, monkeypatch)
    assert engine.pull().pulled == 0 and writes == []


def test_a_page_with_changes_or_a_new_cursor_is_written(db: Database, client: LoggingClient,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    engine = engine_for(db, client)
    client.backend.publish("order.upsert", order_dict("100000001"))
    writes = count_writes(db, monkeypatch)
    assert engine.pull().pulled == 1 and len(writes) == 1
    monkeypatch.setattr(client, "changes", lambda cursor, limit=500: ChangesPage([], cursor + 5, False))
    engine.pull()  # nothing new but a cursor moved on (changes of other points): kept
    assert len(writes) == 2


def test_a_new_tag_key_on_an_empty_page_is_written_once(db: Database, client: LoggingClient,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.db.pepper import read_tag_key

    engine = engine_for(db, client)
    keys = iter([base64.b64encode(b"k" * 32).decode()] * 2 + [base64.b64encode(b"m" * 32).decode()])
    monkeypatch.setattr(client, "changes", lambda cursor, limit=500: ChangesPage([], cursor, False, next(keys)))
    writes = count_writes(db, monkeypatch)
    engine.pull()
    engine.pull()  # the same key again: nothing to write
    assert len(writes) == 1
    engine.pull()  # the point's key replaced: written
    assert len(writes) == 2
    with db.read() as s:
        assert read_tag_key(s) == b"m" * 32


def test_an_answer_holding_the_kept_head_is_no_write(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    write_entries(db, 2)
    client = RecordingClient()
    writes = count_writes(db, monkeypatch)
    anchor_journal(db, client)  # type: ignore[arg-type]
    anchor_journal(db, client)  # type: ignore[arg-type]  # the same head, the same answer
    assert len(writes) == 1 and len(client.sent) == 2  # sent every sync all the same
    monkeypatch.undo()
    write_entries(db, 1)
    writes = count_writes(db, monkeypatch)
    anchor_journal(db, client)  # type: ignore[arg-type]
    assert len(writes) == 1
    with db.read() as s:
        assert journal.stored_anchor(s).sequence == journal.head(s).sequence  # type: ignore[union-attr]


def test_a_whole_idle_sync_writes_nothing(db: Database, client: LoggingClient,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    engine: SyncEngine = engine_for(db, client)
    emit(db)
    engine.sync_once()  # the event pushed, the head anchored
    writes = count_writes(db, monkeypatch)
    report = engine.sync_once()
    assert (report.pushed, report.pulled, writes) == (0, 0, [])


class CountingEngine(FakeEngine):
    def __init__(self, *outcomes: Any) -> None:
        super().__init__(*outcomes)
        self.counted = 0

    def counts(self) -> tuple[int, int]:
        self.counted += 1
        return super().counts()


def test_an_attempt_counts_the_queue_at_its_start_and_its_end() -> None:
    engine = CountingEngine()
    runner = runner_for(engine)
    runner.run_once()
    assert engine.counted == 2 and runner.status().pending_events == 3 and runner.status().online


def test_a_failed_attempt_counts_the_queue_at_its_start_and_its_end() -> None:
    from desktop.sync.client import BackendUnavailable

    engine = CountingEngine(BackendUnavailable("sync.link.offline"))
    runner = runner_for(engine)
    runner.run_once()
    status = runner.status()
    assert engine.counted == 2 and status.online is False and status.last_error and not status.syncing


def test_the_idle_waits_last_refresh_is_left_to_the_attempt_due(monkeypatch: pytest.MonkeyPatch) -> None:
    runner, wake = idle_runner(monkeypatch)
    engine = CountingEngine()
    runner._engine = engine  # type: ignore[assignment]
    runner._idle(4.0)
    assert wake.waits == [2.0, 2.0] and engine.counted == 1  # at 2 s; at 4 s the attempt counts
    assert runner_module.COUNTS_REFRESH_S == 2.0


def test_a_sync_gives_way_to_the_clerks_write_under_way(db: Database, client: LoggingClient) -> None:
    import threading
    import time

    from tests.unit.test_db_turns import hold_write

    engine = engine_for(db, client)
    emit(db)
    entered, release, marks = threading.Event(), threading.Event(), []
    clerk = hold_write(db, entered, release, marks)
    sync = threading.Thread(target=engine.sync_once)
    sync.start()
    time.sleep(0.1)
    assert client.calls == []  # not even the queue read while the clerk's scan is being written
    release.set()
    clerk.join(5)
    sync.join(5)
    assert client.calls == ["push", "anchor", "changes 0"] and marks == ["clerk committed"]
