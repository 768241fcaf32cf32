"""Alembic environment of the central backend (batch mode so SQLite can alter tables)."""

from __future__ import annotations

from typing import Any

from alembic import context

import backend.models  # noqa: F401  (registers every table on the metadata)
from backend.db import Base, make_engine

config = context.config
target_metadata = Base.metadata


def _load_optional_models() -> None:
    try:
        import backend.sms.models  # noqa: F401
    except ImportError:
        pass


def run_migrations_online() -> None:
    _load_optional_models()
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url", ""))
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


def _run(connection: Any) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
