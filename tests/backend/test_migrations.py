"""The Alembic migrations create exactly the tables the models describe (no drift), on an empty database."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import backend.models
import backend.sms.models  # noqa: F401
from backend.db import Base, Database


def test_migrations_match_the_models(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    db.upgrade()
    db.upgrade()  # idempotent at every start-up
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.dispose()
    assert diff == []


def test_a_point_of_an_older_database_gets_the_default_ready_sms_grace(tmp_path: Path) -> None:
    from sqlalchemy import text

    from backend.db import upgrade

    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(db.engine, "0001")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO points (code, name, city, address, hours, timezone, storage_days, "
                          "id_check_threshold_kopecks, code_hash_params) VALUES "
                          "('0042', 'P', 'Москва', 'a', 'h', 'Europe/Moscow', 7, 1, 'x')"))
    db.upgrade()
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT ready_sms_grace_minutes FROM points")).scalar_one() == 10
    db.dispose()


def test_phones_of_an_older_database_become_e164(tmp_path: Path) -> None:
    from sqlalchemy import text

    from backend.db import upgrade

    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(db.engine, "0003")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO customers (external_id, full_name, phone) VALUES "
                          "('C1', 'A', '8 (916) 123-45-67'), ('C2', 'B', '+79035550199'), ('C3', 'C', 'нет')"))
    db.upgrade()
    with db.engine.connect() as conn:
        phones = conn.execute(text("SELECT phone FROM customers ORDER BY external_id")).scalars().all()
    assert phones == ["+79161234567", "+79035550199", "нет"]
    db.dispose()
