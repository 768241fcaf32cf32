"""Alembic environment for the local cache (batch mode for SQLite)."""

from __future__ import annotations

from typing import Any

from alembic import context

from desktop.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from desktop.db.engine import make_engine

        engine = make_engine(config.get_main_option("sqlalchemy.url", "").removeprefix("sqlite:///"))
        with engine.connect() as conn:
            _run(conn)
        engine.dispose()
    else:
        _run(connection)


def _run(connection: Any) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
