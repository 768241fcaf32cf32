"""Environment faults: the database or the network failed, not a rule and not the program.

The core turns library exceptions (SQLAlchemy/sqlite, requests) into these typed errors where it
opens a database session or calls the backend, so the UI sorts «environment's fault» from a bug
without importing SQLAlchemy or requests. This module does not import SQLAlchemy either: the login screen
imports it (through ui.workers) and shows before the core is loaded; a SQLAlchemy error can only exist once
SQLAlchemy is.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum


class EnvironmentFault(Exception):
    """Something around the program failed; the clerk can retry or work on without it."""


class StorageProblem(StrEnum):
    BUSY = "busy"  # another transaction holds the lock beyond the busy timeout
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"  # file or folder not writable
    DAMAGED = "damaged"  # the file itself is broken (flipped bytes): a restart offers the repair (ui.startup)


class StorageUnavailable(EnvironmentFault):
    """The local database could not be used right now (locked, disk full, read-only, damaged)."""

    def __init__(self, problem: StorageProblem, detail: str) -> None:
        super().__init__(f"local database {problem.value}: {detail}")
        self.problem = problem


class BackendUnreachable(EnvironmentFault):
    """The backend did not answer (offline, timed out, overloaded): try again later."""


_PROBLEM_WORDS = (
    (StorageProblem.BUSY, ("database is locked", "database is busy", "database table is locked")),
    (StorageProblem.DISK_FULL, ("database or disk is full", "no space left")),
    (StorageProblem.READ_ONLY, ("readonly database", "read-only", "unable to open database")),
    (StorageProblem.DAMAGED, ("database disk image is malformed", "file is not a database")),
)


def database_errors() -> tuple[type[Exception], ...]:
    """The database error classes that can exist in this process: sqlite3's, and SQLAlchemy's once it is loaded."""
    loaded = sys.modules.get("sqlalchemy.exc")
    return (sqlite3.DatabaseError,) if loaded is None else (loaded.DatabaseError, sqlite3.DatabaseError)


def storage_problem(error: BaseException) -> StorageProblem | None:
    """Which environment problem a database error is, or None when it is not one (then it is a bug)."""
    if not isinstance(error, database_errors()):  # SQLITE_CORRUPT is no OperationalError
        return None
    text = str(error).lower()
    for problem, words in _PROBLEM_WORDS:
        if any(word in text for word in words):
            return problem
    return None


@contextmanager
def storage_faults() -> Iterator[None]:
    """Re-raise a locked/full/read-only/damaged database as `StorageUnavailable` (the cause stays chained)."""
    try:
        yield
    except database_errors() as error:
        problem = storage_problem(error)
        if problem is None:
            raise
        raise StorageUnavailable(problem, str(error).splitlines()[0]) from error
