"""Is the local database file damaged? SQLite's own checks, with every way a damaged file can fail them.

`check` answers a `Damage` (the file and SQLite's words) or None. Flipped bytes show up as rows of
``PRAGMA quick_check``/``integrity_check`` other than "ok", as SQLITE_CORRUPT ("database disk image is
malformed") or SQLITE_NOTADB (an unreadable header) while opening or checking, and — when the damage hits
a name in the schema — as text SQLite cannot decode as UTF-8 (the check's own message then carries
the broken bytes; they are read with replacement characters here, never crash). A locked or unreadable
file is not damage: that error is raised for the caller (the self-test and the start-up report it as it is).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")  # an SQLITE_CORRUPT_* extended code starts with the first
MAX_PROBLEMS = 20  # rows of the check: enough to name the damage, not a wall of text
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Damage:
    """A damaged database file and what SQLite said about it (English, for the log and the report)."""

    path: Path
    detail: str


def is_damage_error(error: BaseException) -> bool:
    """An sqlite3 error (or the decoding error of a broken schema text) that means the file is damaged."""
    if isinstance(error, UnicodeDecodeError):
        return True
    name = str(getattr(error, "sqlite_errorname", "") or "")
    if name.startswith(DAMAGE_CODES):
        return True
    text = str(error).lower()
    return "malformed" in text or "not a database" in text


def _tolerant_text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def check(path: Path, *, thorough: bool = False, read_only: bool = False) -> Damage | None:
    """Damage of the database at `path` (None when it is sound or does not exist yet).

    `thorough` runs integrity_check (indexes against tables too; the self-test), else quick_check (start-up).
    `read_only` opens without ever writing (the self-test next to a running app); start-up opens normally so
    a WAL left by a crash is part of what is checked.
    """
    if not path.exists():
        return None
    with path.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head and head != SQLITE_MAGIC:
        return Damage(path, "file is not a database (the SQLite header is unreadable)")
    pragma = "integrity_check" if thorough else "quick_check"
    target = f"file:{path}?mode=ro" if read_only else str(path)
    try:
        conn = sqlite3.connect(target, uri=read_only, timeout=10)
    except sqlite3.Error as exc:
        if is_damage_error(exc):
            return Damage(path, str(exc))
        raise
    conn.text_factory = _tolerant_text
    try:
        rows = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})").fetchall()]
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        if is_damage_error(exc):
            return Damage(path, str(exc))
        raise
    finally:
        conn.close()
    if rows == ["ok"]:
        return None
    return Damage(path, f"{pragma}: " + "; ".join(rows))
