"""Sessions of one process take turns (desktop.db.engine.Turns): writers one at a time, the next one starting the
moment the last ends; the background sync's sessions after the clerk's writes, never longer than GIVE_WAY_S; a
writer kept waiting past the busy timeout gets the busy database's error, as from SQLite."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from desktop.db import engine as engine_module
from desktop.db.engine import Database
from desktop.db.models import SyncState
from desktop.faults import StorageProblem, StorageUnavailable


def hold_write(db: Database, entered: threading.Event, release: threading.Event, marks: list[str]) -> threading.Thread:
    """A clerk's write on its own thread that stays open until `release`."""

    def work() -> None:
        with db.write() as s:
            s.add(SyncState(key="clerk", value="1"))
            s.flush()
            entered.set()
            release.wait(5)
            marks.append("clerk committed")

    thread = threading.Thread(target=work)
    thread.start()
    assert entered.wait(5)
    return thread


def background_read(db: Database, marks: list[str]) -> threading.Thread:
    def work() -> None:
        with db.turns.background(), db.read() as s:
            marks.append(f"sync read {s.scalar(select(func.count()).select_from(SyncState))}")

    thread = threading.Thread(target=work)
    thread.start()
    return thread


def test_a_background_session_waits_for_the_clerks_write_under_way(db: Database) -> None:
    entered, release, marks = threading.Event(), threading.Event(), []
    clerk = hold_write(db, entered, release, marks)
    sync = background_read(db, marks)
    time.sleep(0.1)
    assert marks == []  # the sync's read gives way while the clerk writes
    release.set()
    clerk.join(5)
    sync.join(5)
    assert marks == ["clerk committed", "sync read 1"]  # it starts after the commit, and sees it


def test_a_background_session_waits_no_longer_than_give_way(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "GIVE_WAY_S", 0.05)
    entered, release, marks = threading.Event(), threading.Event(), []
    clerk = hold_write(db, entered, release, marks)
    sync = background_read(db, marks)
    sync.join(2)
    assert marks == ["sync read 0"]  # a long clerk's write does not stop the sync: it reads what is committed
    release.set()
    clerk.join(5)


def test_outside_background_a_read_does_not_wait_for_a_write(db: Database) -> None:
    entered, release, marks = threading.Event(), threading.Event(), []
    clerk = hold_write(db, entered, release, marks)
    started = time.monotonic()
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(SyncState)) == 0
    assert time.monotonic() - started < 1.0
    release.set()
    clerk.join(5)


def test_a_waiting_writer_starts_the_moment_the_writer_before_it_ends(db: Database) -> None:
    entered, release, marks = threading.Event(), threading.Event(), []
    clerk = hold_write(db, entered, release, marks)
    waited: list[float] = []

    def second() -> None:
        with db.turns.background(), db.write() as s:  # the sync's write: SQLite's busy handler would sleep in steps
            waited.append(time.monotonic())
            s.add(SyncState(key="sync", value="2"))

    sync = threading.Thread(target=second)
    sync.start()
    time.sleep(0.05)
    released = time.monotonic()
    release.set()
    clerk.join(5)
    sync.join(5)
    assert marks == ["clerk committed"] and waited and waited[0] - released < 0.05
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(SyncState)) == 2


def test_a_writer_kept_waiting_past_the_busy_timeout_gets_the_busy_error(db: Database,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    entered, release, marks = threading.Event(), threading.Event(), []
    clerk = hold_write(db, entered, release, marks)
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with db.write():
                pass
        except StorageUnavailable as error:
            errors.append(error)

    other = threading.Thread(target=second)
    other.start()
    other.join(5)
    release.set()
    clerk.join(5)
    assert len(errors) == 1 and isinstance(errors[0], StorageUnavailable)
    assert errors[0].problem is StorageProblem.BUSY


def test_the_background_mark_ends_with_its_block(db: Database) -> None:
    entered, release, marks = threading.Event(), threading.Event(), []
    with db.turns.background():
        with db.turns.background():  # nested (the queue count within the sync's pass): the outer block holds on
            pass
        clerk = hold_write(db, entered, release, marks)
        started = time.monotonic()
        with db.read():
            waited = time.monotonic() - started
    assert waited >= engine_module.GIVE_WAY_S * 0.9
    with db.read():  # this thread is no longer background: no waiting for the clerk
        marks.append("read")
    release.set()
    clerk.join(5)
    assert marks == ["read", "clerk committed"]
