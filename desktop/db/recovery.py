"""Recovering from a damaged cache: salvage the unsent events, keep the damaged file aside, start again.

`repair` runs before the database is opened: it salvages (desktop.db.salvage), writes what it read to
``cache.salvaged-<time>.json`` (fsynced — a crash from here on loses nothing), renames the damaged file
(and its -wal/-shm) to ``cache.damaged-<time>.sqlite3`` — never deleted — and puts the chosen start in
its place: the newest backup that passes quick_check (the backups `desktop.db.migrate` makes before
each migration, ``cache.backup-<time>.sqlite3``), or nothing (a new cache the server's snapshot fills).
After the migration, `requeue_salvaged` puts the salvaged events into the new cache's outbox (those it
already holds — a backup's own unsent events — are skipped by event id) with the sync state it lacks,
and marks the file done (``….json.requeued``); it runs at every start, so an interrupted repair resumes.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from desktop.db import integrity
from desktop.db.engine import Database
from desktop.db.migrate import restore_file
from desktop.db.models import OutboxEvent, SyncState
from desktop.db.salvage import salvage

log = logging.getLogger(__name__)
NOT_CARRIED = {"cursor"}  # the change cursor belongs to the data it came with: a new cache takes a snapshot
_OUTBOX = cast(Table, OutboxEvent.__table__)


@dataclass(frozen=True)
class RepairReport:
    """What `repair` did, for the clerk's message and the log."""

    damaged: Path
    kept_as: Path
    backup: Path | None
    salvaged: int
    lost: list[str] = field(default_factory=list)
    outbox_unreadable: bool = False


def damage_at_start(path: Path) -> integrity.Damage | None:
    """The start-up check (quick_check): damage, or None — also when the check cannot run (a locked or
    unreadable file is not damage: the migration that follows reports it in its own words)."""
    try:
        return integrity.check(path)
    except (sqlite3.Error, OSError) as exc:
        log.warning("the cache check could not run: %s", exc)
        return None


def backups(path: Path) -> list[Path]:
    """The migration backups of the database at `path`, newest first."""
    return sorted(path.parent.glob(f"{path.stem}.backup-*{path.suffix}"), reverse=True)


def last_good_backup(path: Path) -> Path | None:
    """The newest backup that passes quick_check (a backup may be damaged too), None when there is none."""
    for backup in backups(path):
        try:
            if integrity.check(backup) is None:
                return backup
        except OSError:
            continue
    return None


def stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%f")


def repair(path: Path, backup: Path | None, now: datetime | None = None) -> RepairReport:
    """Salvage `path`, keep it aside, restore `backup` in its place (or leave none: a rebuild)."""
    found = salvage(path)
    when = stamp(now)
    journal = path.with_name(f"{path.stem}.salvaged-{when}.json")
    write_durably(journal, {"damaged": str(path), "events": found.events, "state": found.state,
                            "lost": found.lost, "outbox_unreadable": found.outbox_unreadable})
    kept = set_aside(path, when)
    if backup is not None:
        restore_file(backup, path)
    log.warning("damaged database %s kept as %s; %s; %d unsent events salvaged, %d unreadable: %s", path, kept,
                f"restored the backup {backup.name}" if backup else "a new cache is rebuilt from the server",
                len(found.events), len(found.lost), ", ".join(found.lost) or "none")
    return RepairReport(path, kept, backup, len(found.events), found.lost, found.outbox_unreadable)


def write_durably(target: Path, data: dict[str, Any]) -> None:
    """Write JSON to `target` (owner-only: it holds what the cache held) via a temporary file, fsynced, renamed."""
    partial = target.with_name(target.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(data, file, ensure_ascii=False)
        file.flush()
        os.fsync(file.fileno())
    os.replace(partial, target)


def set_aside(path: Path, when: str) -> Path:
    """Rename the damaged file and its WAL/shm to ``<stem>.damaged-<when><suffix>``; returns the new name."""
    kept = path.with_name(f"{path.stem}.damaged-{when}{path.suffix}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{kept}{suffix}"))
    return kept


def requeue_salvaged(path: Path, db: Database) -> int:
    """Put every salvaged event the cache lacks into its outbox (pending); returns how many were added."""
    added = 0
    for journal in sorted(path.parent.glob(f"{path.stem}.salvaged-*.json")):
        data = json.loads(journal.read_text(encoding="utf-8"))
        with db.write() as s:
            added += _requeue(s, data["events"])
            _carry_state(s, data.get("state", {}))
        os.replace(journal, journal.with_name(journal.name + ".requeued"))
        log.info("requeued the salvaged events of %s (%s)", data.get("damaged"), journal.name)
    return added


def _requeue(s: Session, events: list[dict[str, Any]]) -> int:
    conn = s.connection()
    known = set(conn.execute(select(_OUTBOX.c.event_id)).scalars())
    taken = set(conn.execute(select(_OUTBOX.c.device_seq)).scalars())
    added = 0
    for event in sorted(events, key=lambda e: int(e["device_seq"])):
        if event["event_id"] in known:
            continue
        seq = int(event["device_seq"])
        if seq in taken:  # not expected (one device numbers its events once); keep the order anyway
            seq = max(taken) + 1
        taken.add(seq)
        conn.execute(insert(_OUTBOX).values(
            event_id=event["event_id"], device_seq=seq, type=event["type"], schema_v=int(event["schema_v"]),
            payload=event["payload"], occurred_at=_utc(event["occurred_at"]),
            status=event["status"]))
        added += 1
    return added


def _utc(text: str) -> datetime:
    """A stored UTC time (SQLite keeps it without a zone) as an aware datetime."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _carry_state(s: Session, state: dict[str, str]) -> None:
    for key, value in state.items():
        if key not in NOT_CARRIED and s.get(SyncState, key) is None:
            s.add(SyncState(key=key, value=value))
