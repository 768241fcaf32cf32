"""Salvage from a damaged cache: every unsent outbox event that can still be read, and the sync state.

How: a copy of the damaged file (and its WAL) in a temporary folder — the damaged file itself stays
byte for byte as it was — opened with Python's sqlite3 and read ROW BY ROW: each outbox row is looked
up by its id (1…the highest id any readable structure knows; outbox rows are never deleted, so an id
that does not answer is a lost row), so a
broken page loses only the rows on it, not the rest of the table. The two outbox indexes are read on
their own (a covering scan never touches the table): the status index tells which unreadable rows
were unsent, the event-id index names them. A row read «successfully» must also make sense (a
36-character event id, JSON payload, a known status): flipped bytes inside a record are caught there.
An unreadable header (the first 16 bytes, the page size) is rewritten in the copy before opening it.

Why not SQLite's ``.recover``: Python's sqlite3 module has no recover API, the ``sqlite3`` command-line
tool is not installed on the counter PCs (Windows), and ``.recover`` puts rows it cannot place into
``lost_and_found`` without saying which events are missing — the clerk must be told that.
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.db.integrity import SQLITE_MAGIC
from protocol.states import OutboxStatus

log = logging.getLogger(__name__)

COLUMNS = ("event_id", "device_seq", "type", "schema_v", "payload", "occurred_at", "status")
EVENT_ID_LENGTH = 36
DEFAULT_PAGE_SIZE = 4096
STATUSES = {status.value for status in OutboxStatus}
ROW_QUERY = f"SELECT {', '.join(COLUMNS)} FROM outbox WHERE id = ?"  # noqa: S608 (constant column names)


@dataclass
class Salvage:
    """What could be read: the unsent events (outbox rows as dicts), the unreadable unsent ones, the state."""

    events: list[dict[str, Any]] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # unsent (or maybe unsent) events not read: event id or #row
    state: dict[str, str] = field(default_factory=dict)
    outbox_unreadable: bool = False  # not even the number of events could be read


def salvage(path: Path) -> Salvage:
    """Read what can be read from the damaged database at `path` (left untouched)."""
    with tempfile.TemporaryDirectory(prefix="pickup-salvage-") as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        wal = Path(f"{path}-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(f"{copy}-wal"))
        _repair_header(copy)
        try:
            conn = sqlite3.connect(copy)
        except sqlite3.Error:
            log.exception("the damaged database %s does not open at all", path)
            return Salvage(outbox_unreadable=True)
        conn.text_factory = bytes
        try:
            found = _read(conn)
        finally:
            conn.close()
    log.warning("salvaged from %s: %d unsent events, %d unreadable%s", path, len(found.events), len(found.lost),
                ", the outbox not readable at all" if found.outbox_unreadable else "")
    return found


def _repair_header(copy: Path) -> None:
    """Put back the magic string and a plausible page size (the rest of the header SQLite tolerates)."""
    with copy.open("r+b") as file:
        head = file.read(18)
        if len(head) < 18:
            return
        if head[:16] != SQLITE_MAGIC:
            file.seek(0)
            file.write(SQLITE_MAGIC)
        size = int.from_bytes(head[16:18], "big")
        if size != 1 and not (512 <= size <= 32768 and size & (size - 1) == 0):
            file.seek(16)
            file.write(DEFAULT_PAGE_SIZE.to_bytes(2, "big"))


def _read(conn: sqlite3.Connection) -> Salvage:
    found = Salvage(state=_state(conn))
    indexes = _indexes(conn)
    statuses = _index_column(conn, "status", indexes.get("status"))
    event_ids = _index_column(conn, "event_id", indexes.get("event_id"))
    highest = _highest_id(conn, [*statuses, *event_ids], indexes)
    if highest is None:
        found.outbox_unreadable = True
        return found
    for rowid in range(1, highest + 1):
        try:
            row = conn.execute(ROW_QUERY, (rowid,)).fetchone()
            event = {} if row is None else _event(row)  # outbox rows are never deleted: a missing id was lost
        except (sqlite3.Error, ValueError, TypeError):
            event = {}
        if event:
            if event["status"] == OutboxStatus.PENDING:
                found.events.append(event)
            continue
        if statuses.get(rowid, OutboxStatus.PENDING.value.encode()) == OutboxStatus.PENDING.value.encode():
            name = event_ids.get(rowid)
            found.lost.append(_text(name) if isinstance(name, bytes) and _valid_id(name) else f"#{rowid}")
    return found


def _event(row: tuple[Any, ...]) -> dict[str, Any]:
    """The outbox row as a dict of plain values; ValueError when its bytes do not make sense."""
    event = dict(zip(COLUMNS, row, strict=True))
    for name in ("event_id", "type", "payload", "occurred_at", "status"):
        event[name] = _text(event[name])
    if len(event["event_id"]) != EVENT_ID_LENGTH or not event["type"] or event["status"] not in STATUSES:
        raise ValueError("an outbox row with damaged values")
    if not isinstance(json.loads(event["payload"]), dict):
        raise ValueError("an outbox payload that is not a JSON object")
    for name in ("device_seq", "schema_v"):
        if not isinstance(event[name], int):
            raise ValueError(f"an outbox {name} that is not a number")
    return event


def _text(value: object) -> str:
    if not isinstance(value, bytes):
        raise ValueError("not a text value")
    return value.decode("utf-8")


def _valid_id(value: bytes) -> bool:
    try:
        return len(_text(value)) == EVENT_ID_LENGTH
    except ValueError:
        return False


def _indexes(conn: sqlite3.Connection) -> dict[str, str]:
    """Single-column indexes of the outbox: column → index name (the names differ between schema builds)."""
    found: dict[str, str] = {}
    try:
        for _seq, name, *_rest in conn.execute("PRAGMA index_list(outbox)").fetchall():
            columns = conn.execute("PRAGMA index_info(" + _quote(_text(name)) + ")").fetchall()
            if len(columns) == 1 and columns[0][2] is not None:
                found[_text(columns[0][2])] = _text(name)
    except (sqlite3.Error, ValueError) as exc:
        log.warning("the outbox indexes are not readable: %s", exc)
    return found


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _index_column(conn: sqlite3.Connection, column: str, index: str | None) -> dict[int, object]:
    """rowid → `column` from a covering scan of `index` alone; as much as reads before a broken page."""
    values: dict[int, object] = {}
    if index is None:
        return values
    try:
        # the column and the index name come from the schema, quoted; no outside text reaches this query
        for rowid, value in conn.execute(f"SELECT id, {_quote(column)} FROM outbox INDEXED BY {_quote(index)}"):  # noqa: S608
            values[int(rowid)] = value
    except sqlite3.Error as exc:
        log.warning("outbox index %s read up to a damaged page: %s", index, exc)
    return values


def _highest_id(conn: sqlite3.Connection, known: list[int], indexes: dict[str, str]) -> int | None:
    """The highest outbox row id, None when nothing can tell.

    The indexes are asked first: a flipped last page of the table itself can answer any number as its
    max(id). The table is asked only when no index reads.
    """
    candidates = list(known)
    for name in indexes.values():
        candidates += _max_id(conn, f"SELECT max(id) FROM outbox INDEXED BY {_quote(name)}")  # noqa: S608
    if not candidates:
        candidates = _max_id(conn, "SELECT max(id) FROM outbox")
    return max(candidates) if candidates else None


def _max_id(conn: sqlite3.Connection, query: str) -> list[int]:
    try:
        value = conn.execute(query).fetchone()[0]
    except sqlite3.Error:
        return []
    return [value] if isinstance(value, int) else [0]


def _state(conn: sqlite3.Connection) -> dict[str, str]:
    """The sync state rows that read (device id, point, server key…), as far as the table reads."""
    state: dict[str, str] = {}
    try:
        for key, value in conn.execute("SELECT key, value FROM sync_state"):
            try:
                state[_text(key)] = _text(value)
            except (ValueError, UnicodeDecodeError):
                continue
    except sqlite3.Error as exc:
        log.warning("sync_state read up to a damaged page: %s", exc)
    return state
