"""Counter migration 0009: the fiscal_receipts table (uuid and ref unique) over a 0008 cache that keeps its rows."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from desktop.db import migrate
from desktop.db.engine import Database

FIXTURES = Path(__file__).parent.parent / "fixtures" / "databases"


def _columns(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        names = {row[1] for row in conn.execute("PRAGMA table_info(fiscal_receipts)")}
    conn.close()
    return names


def test_a_0008_cache_gains_the_fiscal_receipts_table_and_keeps_its_claim(tmp_path):
    path = tmp_path / "cache.sqlite3"
    shutil.copyfile(FIXTURES / "cache-0008.sqlite3", path)
    db = Database(path)
    migrate.upgrade(db, "0009")
    db.dispose()
    assert {"uuid", "ref", "kind", "status", "task", "result", "error", "created_at", "done_at"} <= _columns(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT number FROM claims").fetchall() == [("W000000001",)]
        insert = ("INSERT INTO fiscal_receipts (uuid, ref, kind, status, total_kopecks, task, created_at) "
                  "VALUES (?, ?, 'sell', 'pending', 0, '{}', '2026-12-01 10:00:00')")
        conn.execute(insert, ("u-1", "sell:h-1"))
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(insert, ("u-2", "sell:h-1"))  # one receipt per ref
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(insert, ("u-1", "sell:h-2"))  # one row per register request uuid
    conn.close()


def test_0009_downgrades_to_0008_without_the_table(tmp_path):
    path = tmp_path / "cache.sqlite3"
    db = Database(path)
    migrate.upgrade(db, "0009")
    command.downgrade(migrate.alembic_config(db), "0008")
    db.dispose()
    assert _columns(path) == set()
