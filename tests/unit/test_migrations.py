"""Start-up migration: upgrade a filled first-revision database to head, back up first, restore on failure."""

from __future__ import annotations

import sqlite3
import warnings
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from desktop import journal
from desktop.db import migrate
from desktop.db.engine import Database
from desktop.db.models import AuditEntry, Base, Box, Order, OrderLine, OutboxEvent
from protocol.errors import DomainError

FIRST = "0001"
AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
STAMP = "2026-11-20 09:30:00.000000"  # how SQLAlchemy stores AT in SQLite (naive UTC)


def _build_first_revision(path: Path) -> None:
    """A database file at revision 0001 holding rows written with that revision's columns only."""
    db = Database(path)
    migrate.upgrade(db, FIRST)
    db.dispose()
    with sqlite3.connect(path) as conn:
        _fill(conn)
    conn.close()


def _fill(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO pickup_points (id, code, name, city, address, hours, timezone, storage_days, "
        "id_check_threshold_kopecks, code_hash_params, is_local) VALUES "
        "(1, '0042', 'ПВЗ Тверская', 'Москва', 'ул. Тверская, 1', '10:00–21:00', 'Europe/Moscow', 7, 10000000, NULL, 1)"
    )
    conn.execute(
        "INSERT INTO customers (id, full_name, phone, phone_last4, email, phone_confirmed, external_id) VALUES "
        "(1, 'Иванов Иван', '+79161234567', '4567', NULL, 1, 'C-1')"
    )
    orders = [("500000001", "ready", 3_499_000), ("500000002", "in_transit", 1_299_000)]
    for i, (number, status, total) in enumerate(orders, 1):
        conn.execute(
            "INSERT INTO orders (id, number, point_id, customer_id, kind, status, total_kopecks, prepaid, boxes_total, "
            "created_at, extended_days, code_failed_attempts) VALUES (?, ?, 1, 1, 'retail', ?, ?, 1, 2, ?, 0, 0)",
            (i, number, status, total, STAMP),
        )
        conn.execute(
            "INSERT INTO order_lines (order_id, sku, name, quantity, price_kopecks, serial, refused_quantity) "
            "VALUES (?, ?, 'Смартфон', 1, ?, '356938035643809', 0)",
            (i, f"SKU{i}", total),
        )
        for n in (1, 2):
            conn.execute(
                "INSERT INTO boxes (barcode, order_id, seq_no, size_class, weight_grams, status, damaged) "
                "VALUES (?, ?, ?, 'M', 1200, 'expected', 0)",
                (f"B0042{number}{n:02d}", i, n),
            )
    for seq in (1, 2, 3):
        conn.execute(
            "INSERT INTO outbox (event_id, device_seq, type, schema_v, payload, occurred_at, status) "
            "VALUES (?, ?, 'box.received', 1, ?, ?, ?)",
            (f"00000000-0000-4000-8000-00000000000{seq}", seq, f'{{"box":"B{seq}"}}', STAMP,
             "applied" if seq == 1 else "pending"),
        )
    details = '{"n":1}'
    digest = journal.chain_hash(journal.GENESIS, AT, None, "test.entry", "500000001", details)
    conn.execute(
        "INSERT INTO audit_journal (at, staff_id, action, subject, details, prev_hash, hash) "
        "VALUES (?, NULL, 'test.entry', '500000001', ?, ?, ?)",
        (STAMP, details, journal.GENESIS, digest),
    )


def _backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}.backup-*{path.suffix}"))


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    return names


def _version(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    conn.close()
    return version


def test_filled_first_revision_upgrades_to_head_with_rows_and_pending_events_intact(tmp_path):
    path = tmp_path / "cache.sqlite3"
    _build_first_revision(path)
    db = migrate.migrate_with_backup(path)
    try:
        assert migrate.current_revision(db) == migrate.head_revision()
        with db.read() as s:
            orders = s.scalars(select(Order).order_by(Order.number)).all()
            assert [(o.number, o.status, o.total_kopecks, o.created_at) for o in orders] == [
                ("500000001", "ready", 3_499_000, AT), ("500000002", "in_transit", 1_299_000, AT)]
            assert s.scalar(select(OrderLine.serial).where(OrderLine.order_id == orders[0].id)) == "356938035643809"
            assert len(s.scalars(select(Box)).all()) == 4
            pending = s.scalars(select(OutboxEvent).where(OutboxEvent.status == "pending")
                                .order_by(OutboxEvent.device_seq)).all()
            assert [(e.device_seq, e.payload, e.occurred_at) for e in pending] == [
                (2, '{"box":"B2"}', AT), (3, '{"box":"B3"}', AT)]
            assert s.scalar(select(AuditEntry.action)) == "test.entry"
            assert journal.verify(s).ok
    finally:
        db.dispose()
    # A backup is taken whenever a real migration ran (none is needed while head is still 0001).
    assert len(_backups(path)) == (0 if migrate.head_revision() == FIRST else 1)


def test_an_existing_database_is_backed_up_before_migrating(tmp_path):
    path = tmp_path / "cache.sqlite3"
    with sqlite3.connect(path) as conn:  # an existing file never migrated (no alembic_version yet)
        conn.execute("CREATE TABLE legacy_note (text TEXT)")
        conn.execute("INSERT INTO legacy_note VALUES ('до обновления')")
    conn.close()
    db = migrate.migrate_with_backup(path)
    db.dispose()
    [backup] = _backups(path)
    assert _tables(backup) == {"legacy_note"}
    assert {"orders", "outbox", "alembic_version", "legacy_note"} <= _tables(path)
    assert _version(path) == migrate.head_revision()


def test_migrating_a_database_already_at_head_changes_nothing(tmp_path):
    path = tmp_path / "cache.sqlite3"
    migrate.migrate_with_backup(path).dispose()  # fresh file: nothing to back up
    assert _backups(path) == []
    migrate.migrate_with_backup(path).dispose()
    assert _backups(path) == []


def _failing_upgrade(db: Database, revision: str = "head") -> None:
    """Stand-in for a migration that dies half-way after writing to the file."""
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM outbox")
        conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
    raise RuntimeError("disk I/O error in the middle of a migration")


def test_a_failed_migration_restores_the_backup_and_says_so(tmp_path, monkeypatch):
    path = tmp_path / "cache.sqlite3"
    _build_first_revision(path)
    monkeypatch.setattr(migrate, "head_revision", lambda: "0099_next")  # pretend a newer app
    monkeypatch.setattr(migrate, "upgrade", _failing_upgrade)
    with pytest.raises(DomainError) as err:
        migrate.migrate_with_backup(path)
    assert err.value.code == "db.migration_failed"
    assert err.value.params["error"] == "RuntimeError"
    [backup] = _backups(path)
    assert err.value.params["backup"] == str(backup) and str(backup) in str(err.value)
    assert "half_done" not in _tables(path)
    assert _version(path) == FIRST
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM orders").fetchone()[0] == 2
    conn.close()


def test_a_failed_migration_of_a_new_file_leaves_no_half_built_file(tmp_path, monkeypatch):
    path = tmp_path / "new.sqlite3"

    def broken(db: Database, revision: str = "head") -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(migrate, "upgrade", broken)
    with pytest.raises(DomainError) as err:
        migrate.migrate_with_backup(path)
    assert err.value.code == "db.migration_failed"
    assert not path.exists()


def test_a_database_from_a_newer_app_is_refused_untouched(tmp_path):
    path = tmp_path / "cache.sqlite3"
    _build_first_revision(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DomainError) as err:
        migrate.migrate_with_backup(path)
    assert err.value.code == "db.newer_than_app"
    assert err.value.params["revision"] == "9999_from_the_future"
    assert _backups(path) == [] and _version(path) == "9999_from_the_future"
    assert path.read_bytes() == before


@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_alembic_head_schema_equals_the_models(tmp_path):
    db = Database(tmp_path / "head.sqlite3")
    try:
        migrate.upgrade(db, "head")
        with db.engine.connect() as conn, warnings.catch_warnings():
            # SQLite cannot reflect expression indexes; the next test checks those by name.
            warnings.filterwarnings("ignore", message=".*expression-based index")
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
    finally:
        db.dispose()
    assert differences == [], "models changed without an Alembic revision: " + repr(differences)


def test_expression_indexes_of_the_models_exist_at_head(tmp_path):
    """Alembic cannot compare expression indexes on SQLite; at least their names must exist after migrating."""
    db = Database(tmp_path / "head.sqlite3")
    migrate.upgrade(db, "head")
    db.dispose()
    with sqlite3.connect(tmp_path / "head.sqlite3") as conn:
        existing = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    conn.close()
    expected = {
        str(index.name)
        for table in Base.metadata.tables.values()
        for index in table.indexes
        if any(not hasattr(expr, "table") for expr in index.expressions)
    }
    assert expected <= existing, f"expression indexes missing at head: {sorted(expected - existing)}"


def test_phones_of_an_older_cache_become_e164(tmp_path):
    path = tmp_path / "cache.sqlite3"
    db = Database(path)
    migrate.upgrade(db, "0003")
    db.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO customers (id, full_name, phone, phone_last4, email, phone_confirmed, external_id) "
                     "VALUES (1, 'А', '8 (916) 123-45-00', '4500', NULL, 1, 'C-1'), "
                     "(2, 'Б', '+79035550199', '0199', NULL, 1, 'C-2'), (3, 'В', 'нет', 'нет', NULL, 1, 'C-3')")
    conn.close()
    db = migrate.migrate_with_backup(path)
    try:
        with sqlite3.connect(path) as conn:
            rows = conn.execute("SELECT phone, phone_last4 FROM customers ORDER BY id").fetchall()
        conn.close()
    finally:
        db.dispose()
    assert rows == [("+79161234500", "4500"), ("+79035550199", "0199"), ("нет", "нет")]
