"""Fixtures shared by every test: a fresh local database, a fake clock, a point with staff."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.db.engine import Database
from tests.support.clock import FakeClock


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(tmp_path / "cache.sqlite3")
    database.create_all()
    yield database
    database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
