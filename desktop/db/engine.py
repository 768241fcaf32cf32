"""The local SQLite database: durable pragmas (WAL, synchronous=FULL, foreign keys) and sessions.

Writes begin with BEGIN IMMEDIATE so the clerk's action and the sync thread never deadlock on a
lock upgrade; reads begin deferred.

Within the process, sessions take turns (`Turns`): writers one at a time on a lock taken before BEGIN — SQLite's own
busy handler sleeps 1, 2, 5, 10… ms between tries, so a clerk's scan arriving while the sync thread committed slept up
to 8 ms past the moment the lock was free, where a waiter on the process's lock starts the moment it is released —
and the background sync gives way to the clerk: a session the sync thread opens waits while a write of the clerk's
is under way, so the scan's few milliseconds of Python and SQLite are not shared with the sync's (they share one
interpreter lock). Other processes (a second app on the same file is refused at start, but a repair tool may run)
still meet SQLite's busy timeout.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from desktop.faults import storage_faults

BUSY_TIMEOUT_MS = 10_000


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _on_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: Path | str) -> Engine:
    """An engine on a SQLite file with the pragmas every connection needs."""
    url = "sqlite://" if str(path) == ":memory:" else f"sqlite:///{Path(path)}"
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


GIVE_WAY_S = 0.25  # the longest a background session waits for the clerk's writes (a busy counter still syncs)


class Turns:
    """Who goes next in this process: one writer at a time; the background thread's sessions after the clerk's
    writes. A thread is background inside `background()` (the sync engine's pass)."""

    def __init__(self) -> None:
        self._writers = threading.RLock()  # re-entrant: a write nested in another on one thread is SQLite's to judge
        self._foreground = threading.Condition()
        self._foreground_writes = 0  # the clerk's writes waiting for their turn or under way
        self._thread = threading.local()

    @contextmanager
    def background(self) -> Iterator[None]:
        """This thread's sessions give way to foreground writes until the block ends."""
        before = getattr(self._thread, "background", False)
        self._thread.background = True
        try:
            yield
        finally:
            self._thread.background = before  # a nested block (the queue count within a pass) keeps the pass's

    def give_way(self) -> None:
        """On a background thread: wait (at most GIVE_WAY_S) until no foreground write is waiting or under way."""
        if getattr(self._thread, "background", False):
            with self._foreground:
                self._foreground.wait_for(lambda: self._foreground_writes == 0, timeout=GIVE_WAY_S)

    @contextmanager
    def write(self) -> Iterator[None]:
        """One writer's turn; waiting longer than the busy timeout is a busy database, as in SQLite."""
        if getattr(self._thread, "background", False):
            self.give_way()
            with self._turn():
                yield
            return
        self._count(+1)
        try:
            with self._turn():
                yield
        finally:
            self._count(-1)

    @contextmanager
    def _turn(self) -> Iterator[None]:
        if not self._writers.acquire(timeout=BUSY_TIMEOUT_MS / 1000):
            raise sqlite3.OperationalError("database is locked (another write of this process holds it)")
        try:
            yield
        finally:
            self._writers.release()

    def _count(self, delta: int) -> None:
        with self._foreground:
            self._foreground_writes += delta
            if self._foreground_writes == 0:
                self._foreground.notify_all()


class Database:
    """One local database file: engine plus factories for write and read sessions."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.engine = make_engine(path)
        self._writer = sessionmaker(
            bind=self.engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )
        self._reader = sessionmaker(bind=self.engine, expire_on_commit=False)
        self.turns = Turns()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commit on success, roll back everything on any exception.

        A locked, full or read-only database surfaces as `desktop.faults.StorageUnavailable`.
        """
        with storage_faults(), self.turns.write(), self._writer() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (deferred transaction, rolled back at the end); faults as in `write`."""
        self.turns.give_way()
        with storage_faults(), self._reader() as session:
            yield session

    def create_all(self) -> None:
        """Create the schema directly from the models (tests); the app migrates with Alembic."""
        from desktop.db.models import Base

        Base.metadata.create_all(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()
