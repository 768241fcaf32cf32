"""Writers of one process take turns before BEGIN (desktop.db.engine): the next write starts the moment the last one
commits, instead of sleeping in SQLite's busy handler (1, 2, 5, 10 ms … between retries)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import event, text

from desktop.db import engine as engine_module
from desktop.db.engine import Database
from desktop.faults import StorageProblem, StorageUnavailable


def test_a_second_writer_of_the_process_begins_only_after_the_first_commits(tmp_path: Path) -> None:
    db = Database(tmp_path / "cache.sqlite3")
    with db.write() as s:
        s.execute(text("CREATE TABLE t (x INTEGER)"))
    seen: list[str] = []
    event.listen(db.engine, "commit", lambda _conn: seen.append(f"commit {threading.current_thread().name}"))
    first_in = threading.Event()

    def first() -> None:
        with db.write() as s:
            seen.append("sync writes")
            s.execute(text("INSERT INTO t VALUES (0)"))
            first_in.set()
            time.sleep(0.2)  # the sync thread's transaction, long enough for the second writer to arrive

    def second() -> None:
        first_in.wait(5)
        with db.write() as s:
            seen.append("scan writes")  # SQLite's busy handler would have it wait here, polling at 1, 2, 5, 10 ms …
            s.execute(text("INSERT INTO t VALUES (1)"))

    threads = [threading.Thread(target=first, name="sync"), threading.Thread(target=second, name="scan")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    db.dispose()
    assert seen == ["sync writes", "commit sync", "scan writes", "commit scan"]  # it waits for the commit itself


def test_a_write_of_the_process_that_holds_the_database_past_the_busy_timeout_is_storage_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    db = Database(tmp_path / "cache.sqlite3")
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with db.write():
            holding.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(5)
    try:
        with pytest.raises(StorageUnavailable) as caught, db.write():
            pass
        assert caught.value.problem is StorageProblem.BUSY  # the clerk's «база занята, повторите» text, as from SQLite
    finally:
        release.set()
        holder.join(5)
        db.dispose()
    with Database(tmp_path / "cache.sqlite3").write() as s:  # and the lock was given back
        s.execute(text("SELECT 1"))


def test_a_write_inside_a_write_of_the_same_thread_keeps_sqlites_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    db = Database(tmp_path / "cache.sqlite3")
    with pytest.raises(StorageUnavailable) as caught, db.write() as outer:
        outer.execute(text("CREATE TABLE t (x INTEGER)"))  # its BEGIN IMMEDIATE holds the file
        with db.write() as inner:  # no deadlock on our own lock: SQLite answers busy, as it did before the lock
            inner.execute(text("SELECT 1"))
    assert caught.value.problem is StorageProblem.BUSY
    db.dispose()
