"""Backend database: declarative base, engines for SQLite and PostgreSQL, Alembic upgrade at start-up.

On PostgreSQL each process has its own connection pool (`pool_size` kept open, `max_overflow` more at peaks;
backend/README «Deployment»), and the upgrade holds an advisory lock: processes starting together migrate once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    ARRAY,
    JSON,
    ColumnElement,
    Connection,
    Engine,
    MetaData,
    any_,
    bindparam,
    create_engine,
    event,
    insert,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from protocol.coltypes import NAMING, UTCDateTime
from protocol.events import canonical_json  # JSON columns' text: compact, UTF-8 kept (feed pages send it as stored)
from protocol.private_files import private_database, private_dir, touch_private

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATION_LOCK = 0x50444D47  # PostgreSQL advisory lock key held while a process upgrades the schema ("PDMG")


@dataclass(frozen=True)
class PoolSizes:
    """A PostgreSQL connection pool per process: `size` connections kept, `overflow` more at a peak; a request
    waits up to `timeout` seconds for one. SQLite ignores it."""

    size: int = 10
    overflow: int = 10
    timeout: float = 30.0


class Base(DeclarativeBase):
    """Declarative base of every backend table (its own metadata, separate from the desktop cache)."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict: JSON, list: JSON}  # noqa: RUF012


def rowcount(result: Any) -> int:
    """Rows matched by an UPDATE/DELETE (typed access to the cursor result's rowcount)."""
    return int(getattr(result, "rowcount", 0) or 0)


def among(session: Session, column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    """`column IN (values)`; on PostgreSQL `column = ANY(array)`: one parameter however many values (an IN list of a
    batch's 500 ids is expanded, cast and parsed anew at each execution: up to a quarter of a batch's time)."""
    values = list(values)
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


def insert_rows(connection: Connection, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """Insert `rows` (each with the same keys: every column but those the database fills) in their order, so a serial
    key follows it. PostgreSQL: COPY (a batch of 500 event rows in 7 ms of CPU against 12–22 ms with executemany, a
    statement per row); elsewhere executemany (render_nulls: one statement whatever the NULLs)."""
    table = model.__table__
    if connection.dialect.name != "postgresql":
        connection.execute(insert(model).execution_options(render_nulls=True), rows)
        return
    columns = [table.c[name] for name in rows[0]]
    dialect = connection.dialect  # each value as SQLAlchemy binds it (JSON wrapped, times in UTC)
    processors = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
    names = ", ".join(connection.dialect.identifier_preparer.quote(column.name) for column in columns)
    driver = connection.connection.driver_connection
    assert driver is not None
    statement = f"COPY {model.__tablename__} ({names}) FROM STDIN"
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                values = (row[column.name] for column in columns)
                copy.write_row([value if process is None or value is None else process(value)
                                for value, process in zip(values, processors, strict=True)])
    except dialect.loaded_dbapi.Error as exc:  # raised as SQLAlchemy raises it (IntegrityError, …): callers retry
        raise DBAPIError.instance(statement, None, exc, dialect.loaded_dbapi.Error) from exc


def make_engine(url: str, pool: PoolSizes | None = None) -> Engine:
    """An engine for `url`; SQLite gets WAL, synchronous=FULL, foreign keys and BEGIN IMMEDIATE writes.

    A SQLite file is created owner-only (0600, its -wal and -shm follow) in an owner-only directory."""
    if url.startswith("sqlite"):
        _private_sqlite_file(url)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               json_serializer=canonical_json)
        _tune_sqlite(engine)
        return engine
    pool = pool or PoolSizes()
    return create_engine(url, pool_pre_ping=True, pool_size=pool.size, max_overflow=pool.overflow,
                         pool_timeout=pool.timeout, json_serializer=canonical_json)



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

    def __init__(self, url: str, pool: PoolSizes | None = None) -> None:
        self.url = url
        self.engine = make_engine(url, pool)
        self._writer = sessionmaker(self.engine, expire_on_commit=False)
        self._reader = sessionmaker(self.engine.execution_options(readonly=True), expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def upgrade(self, qr_key_path: Path | None = None) -> None:
        """Bring the schema to the newest Alembic revision (0007 moves a stored QR key to `qr_key_path`)."""
        upgrade(self.engine, qr_key_path=qr_key_path)

    def at_head(self) -> bool:
        """The schema is at the newest revision (a process that does not migrate waits for this)."""
        with self.engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
        return current == set(ScriptDirectory.from_config(alembic_config()).get_heads())

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
        if connection.dialect.name == "postgresql":  # another process migrating: wait, then find it done
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        config.attributes["connection"] = connection
        config.attributes["qr_key_path"] = qr_key_path
        command.upgrade(config, revision)
