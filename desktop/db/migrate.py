"""Start-up migration: back up the database file, upgrade to head, restore the backup on failure.

Alembic is imported only when a migration is due: the usual start (the cache already at head) compares the
cache's `alembic_version` row with the head read from the migration scripts' headers.
"""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError

from desktop.db.engine import Database
from protocol.errors import DomainError
from protocol.private_files import private_database, private_file, private_tree, touch_private

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")
KEEP_BACKUPS = 5
_HEADER = re.compile(r"^(down_)?revision\b[^=\n]*=(.*)$", re.MULTILINE)  # `revision = '0010'`, `down_revision = …`


def alembic_config(db: Database) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{db.path}")
    return cfg


def head_revision() -> str:
    """The newest revision: the one no script names as its `down_revision` (read without importing Alembic)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        for down, value in _HEADER.findall(script.read_text(encoding="utf-8")):
            (parents if down else revisions).update(re.findall(r"['\"]([^'\"]+)['\"]", value))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else _alembic_head()  # no sources (or a branch): Alembic decides


def _alembic_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """The cache's revision (its `alembic_version` row); None for a database Alembic never touched."""
    with db.engine.connect() as conn:
        try:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
        except OperationalError:  # no such table
            return None
    if len(rows) > 1:
        raise DomainError("db.migration_failed", error="several alembic_version rows", backup="—")
    return str(rows[0]) if rows else None


def upgrade(db: Database, revision: str = "head") -> None:
    """Run Alembic to `revision` on an open Database (no backup: callers use migrate_with_backup)."""
    from alembic import command

    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def backup_file(path: Path) -> Path:
    """A consistent copy of the database (SQLite online backup API, WAL included)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    touch_private(target)  # the copy holds what the cache holds: owner-only from its first byte
    src, dst = sqlite3.connect(path), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    _prune_backups(path)
    return target


def _prune_backups(path: Path) -> None:
    backups = sorted(path.parent.glob(f"{path.stem}.backup-*{path.suffix}"))
    for old in backups[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)


def restore_file(backup: Path, path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(backup, path)
    private_file(path)


def migrate_with_backup(path: Path | str) -> Database:
    """Open the database at `path`, migrated to head; a failed migration restores the backup."""
    path = Path(path)
    private_tree(path.parent)  # the data dir 0700, and what an older version left 0644 in it, 0600
    fresh = not path.exists()
    touch_private(path)  # SQLite gives the -wal and -shm files the main file's mode
    db = Database(path)
    current = None if fresh else current_revision(db)
    if current == head_revision():
        private_database(path)
        _check_pepper(db)
        return db
    if current is not None and not _known(current):
        db.dispose()
        raise DomainError("db.newer_than_app", revision=current)
    backup = None if fresh else backup_file(path)
    try:
        upgrade(db)
    except Exception as exc:
        db.dispose()
        log.exception("migration failed; restoring %s", backup)
        if backup is not None:
            restore_file(backup, path)
        else:
            path.unlink(missing_ok=True)
        raise DomainError("db.migration_failed", error=type(exc).__name__, backup=str(backup)) from exc
    private_database(path)
    _check_pepper(db)
    return db


def _check_pepper(db: Database) -> None:
    from desktop.db.pepper import record_pepper_check

    try:
        record_pepper_check(db)
    except DomainError:
        db.dispose()
        raise


def _known(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    try:
        return script.get_revision(revision) is not None
    except Exception:
        return False
