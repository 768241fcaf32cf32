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
