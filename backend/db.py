"""Backend database: declarative base, engines for SQLite and PostgreSQL, Alembic upgrade at start-up."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import JSON, Engine, MetaData, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from protocol.coltypes import NAMING, UTCDateTime
from protocol.private_files import private_database, private_dir, touch_private

MIGRATIONS = Path(__file__).parent / "migrations"


class Base(DeclarativeBase):
    """Declarative base of every backend table (its own metadata, separate from the desktop cache)."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict: JSON, list: JSON}  # noqa: RUF012


def rowcount(result: Any) -> int:
    """Rows matched by an UPDATE/DELETE (typed access to the cursor result's rowcount)."""
    return int(getattr(result, "rowcount", 0) or 0)


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, synchronous=FULL, foreign keys and BEGIN IMMEDIATE writes.

    A SQLite file is created owner-only (0600, its -wal and -shm follow) in an owner-only directory."""
    if url.startswith("sqlite"):
        _private_sqlite_file(url)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def _private_sqlite_file(url: str) -> None:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if not path.parent.exists():
        private_dir(path.parent)
    touch_private(path)
    private_database(path)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (savepoints work)
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        readonly = conn.get_execution_options().get("readonly", False)
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


class Database:
    """The backend's engine plus write/read session scopes (one transaction each)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._writer = sessionmaker(self.engine, expire_on_commit=False)
        self._reader = sessionmaker(self.engine.execution_options(readonly=True), expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def upgrade(self, qr_key_path: Path | None = None) -> None:
        """Bring the schema to the newest Alembic revision (0007 moves a stored QR key to `qr_key_path`)."""
        upgrade(self.engine, qr_key_path=qr_key_path)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commit on success, roll back on any exception."""
        with self._writer() as session, session.begin():
            yield session

    def session(self) -> Session:
        """A plain session on the write engine (the caller runs `with session.begin():`)."""
        return self._writer()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """One read-only transaction (a consistent view; nothing is written)."""
        with self._reader() as session:
            yield session  # closing the session rolls the read transaction back

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head", qr_key_path: Path | None = None) -> None:
    """Run Alembic migrations on `engine` up to `revision`."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        config.attributes["qr_key_path"] = qr_key_path
        command.upgrade(config, revision)
