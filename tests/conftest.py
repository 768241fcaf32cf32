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


@pytest.fixture
def tagging_translator() -> Iterator[None]:
    """A UI language that tags each core text with its context («[Actions] …»): shows which texts went through the
    translator, once and in which context; the Russian source texts again after the test."""
    from desktop.translatable import use_translator

    use_translator(lambda context, text, *_: f"[{context}] {text}")
    yield
    use_translator(None)
