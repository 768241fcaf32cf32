"""The local SQLite database: durable pragmas (WAL, synchronous=FULL, foreign keys) and sessions.

Writes begin with BEGIN IMMEDIATE so the clerk's action and the sync thread never deadlock on a
lock upgrade; reads begin deferred. The writers of one `Database` (the clerk's action on a worker thread, the sync
thread) queue on one lock of this process before they begin: the next one starts the moment the last one commits.
Left to SQLite, a writer that finds the file locked sleeps in SQLite's busy handler — 1, 2, 5, 10 ms … — and a scan
that met a sync's 1 ms commit waited up to 8 ms. Another process's writer still meets SQLite's busy timeout.
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

from desktop.faults import StorageProblem, StorageUnavailable, storage_faults

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


class Database:
    """One local database file: engine plus factories for write and read sessions."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.engine = make_engine(path)
        self._writer = sessionmaker(
            bind=self.engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )
        self._reader = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._writing = threading.RLock()  # this process's writers, in turn (a nested write keeps SQLite's answer)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commit on success, roll back everything on any exception.

        A locked, full or read-only database surfaces as `desktop.faults.StorageUnavailable`; so does a write of
        this process that held the database for the whole busy timeout.
        """
        if not self._writing.acquire(timeout=BUSY_TIMEOUT_MS / 1000):
            raise StorageUnavailable(StorageProblem.BUSY, f"another write held {self.path} for {BUSY_TIMEOUT_MS} ms")
        try:
            with storage_faults(), self._writer() as session, session.begin():
                yield session
        finally:
            self._writing.release()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (deferred transaction, rolled back at the end); faults as in `write`."""
        with storage_faults(), self._reader() as session:
            yield session

    def create_all(self) -> None:
        """Create the schema directly from the models (tests); the app migrates with Alembic."""
        from desktop.db.models import Base

        Base.metadata.create_all(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()
