"""Damaged caches for the recovery tests: a migrated cache with unsent and confirmed events, and bytes flipped in it."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

from desktop.db.migrate import migrate_with_backup

PAGE_SIZE = 4096


def make_cache(path: Path, pending: int, applied: int = 0, audit_rows: int = 300) -> list[str]:
    """A migrated cache: `applied` confirmed then `pending` unsent outbox events, and a full audit journal.

    Returns the event ids of the unsent events.
    """
    migrate_with_backup(path).dispose()
    return add_events(path, pending, applied, audit_rows)


def add_events(path: Path, pending: int, applied: int = 0, audit_rows: int = 0) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        first = conn.execute("SELECT coalesce(max(device_seq), 0) FROM outbox").fetchone()[0] + 1
        unsent: list[str] = []
        for seq in range(first, first + applied + pending):
            event_id = str(uuid.uuid4())
            status = "applied" if seq < first + applied else "pending"
            conn.execute("INSERT INTO outbox (event_id, device_seq, type, schema_v, payload, occurred_at, status) "
                         "VALUES (?, ?, 'box.received', 1, ?, '2026-12-01 10:00:00.000000', ?)",
                         (event_id, seq, json.dumps({"order": f"7{seq:08d}", "note": "x" * 150}), status))
            if status == "pending":
                unsent.append(event_id)
        for n in range(audit_rows):
            conn.execute("INSERT INTO audit_journal (at, action, subject, details, prev_hash, hash) "
                         "VALUES ('2026-12-01 10:00:00.000000', 'test', ?, ?, ?, ?)",
                         (f"s{n}", json.dumps({"n": n, "pad": "y" * 100}), "0" * 64, "1" * 64))
        conn.execute("INSERT OR REPLACE INTO sync_state (key, value) VALUES ('device_id', 'dev-1'), "
                     "('cursor', '17'), ('point_code', '0042')")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return unsent


def leaf_pages(path: Path, table: str) -> list[int]:
    """The leaf pages of `table` (SQLite's dbstat), in page order."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
                            (table,)).fetchall()
    finally:
        conn.close()
    return [int(page) for (page,) in rows]


def outbox_page_of(path: Path, event_id: str) -> int:
    """The outbox leaf page that holds the row of `event_id`."""
    conn = sqlite3.connect(path)
    try:
        rowid = int(conn.execute("SELECT id FROM outbox WHERE event_id = ?", (event_id,)).fetchone()[0])
    finally:
        conn.close()
    return next(page for page in leaf_pages(path, "outbox") if _page_has_rowid(path, page, rowid))


def _page_has_rowid(path: Path, page: int, rowid: int) -> bool:
    """Does the table leaf `page` hold `rowid`? (reads the cell pointers and each cell's rowid varint)"""
    data = path.read_bytes()[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    cells = int.from_bytes(data[3:5], "big")
    for n in range(cells):
        offset = int.from_bytes(data[8 + 2 * n:10 + 2 * n], "big")
        _size, offset = _varint(data, offset)
        key, _ = _varint(data, offset)
        if key == rowid:
            return True
    return False


def _varint(data: bytes, offset: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        byte = data[offset + i]
        if i == 8:
            return (value << 8) | byte, offset + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, offset + i + 1
    raise AssertionError("unreachable")


def flip_page(path: Path, page: int) -> None:
    """Flip bytes all over one page's content (past its 8-byte header: SQLite must find the page broken)."""
    data = bytearray(path.read_bytes())
    base = (page - 1) * PAGE_SIZE
    for i in range(base + 8, base + PAGE_SIZE - 96, 7):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def flip_header(path: Path) -> None:
    """Garble the 16-byte magic string at the start of the file (an unreadable header)."""
    data = bytearray(path.read_bytes())
    for i in range(16):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def schema_name_undecodable(path: Path) -> None:
    """An index whose name is not UTF-8 and whose pages are another index's: the check's own text is broken."""
    conn = sqlite3.connect(path)
    try:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_outbox_status'").fetchone()[0]
        other = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_audit_journal_at'").fetchone()[0]
        assert root != other
        conn.execute("PRAGMA writable_schema=ON")
        conn.execute("UPDATE sqlite_master SET name = CAST(X'69785fff6f7574626f78' AS TEXT), rootpage = ? "
                     "WHERE name = 'ix_outbox_status'", (other,))
        conn.commit()
    finally:
        conn.close()
