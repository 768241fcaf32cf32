"""The audit journal: every entry chained to the previous one by SHA-256; verification finds the first break."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any, Literal, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from desktop.db.models import AuditEntry, SyncState
from protocol.events import canonical_json

GENESIS = "0" * 64


def chain_hash(prev_hash: str, at: datetime, staff_id: int | None, action: str, subject: str, details: str) -> str:
    material = "|".join([prev_hash, at.isoformat(), str(staff_id or ""), action, subject, details])
    return hashlib.sha256(material.encode()).hexdigest()


_JOURNAL = cast(Table, AuditEntry.__table__)
# The newest entry by its rowid (a SEARCH in SQLite's plan; ORDER BY id DESC LIMIT 1 is reported as a SCAN).
_LAST_HASH = select(_JOURNAL.c.hash).where(_JOURNAL.c.id == select(func.max(_JOURNAL.c.id)).scalar_subquery())
_INSERT = insert(_JOURNAL)


def last_hash(session: Session) -> str:
    found = session.connection().execute(_LAST_HASH).scalar()
    return found or GENESIS


def append(
    session: Session, at: datetime, staff_id: int | None, action: str, subject: str, details: dict[str, Any]
) -> str:
    """Write one journal entry inside the caller's transaction; returns its hash."""
    text = canonical_json(details)
    prev = last_hash(session)
    digest = chain_hash(prev, at, staff_id, action, subject, text)
    session.connection().execute(
        _INSERT,
        {"at": at, "staff_id": staff_id, "action": action, "subject": subject, "details": text, "prev_hash": prev,
         "hash": digest},
    )
    return digest


@dataclass(frozen=True)
class ChainReport:
    """Result of verifying the journal: entries checked and the first broken entry id, if any.

    `reason` says what broke: "link" (the entry does not follow the previous one: an entry before it was
    deleted or inserted) or "content" (the entry was changed after it was written).
    """

    checked: int
    first_broken_id: int | None
    reason: Literal["link", "content"] | None = None
    anchor_lost: JournalHead | None = None  # the head the server holds that this chain no longer contains

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None and self.anchor_lost is None


def verify(session: Session) -> ChainReport:
    """Walk the chain, then compare it with the head anchored on the server (deleted newest entries)."""
    report = verify_chain(session)
    anchor = stored_anchor(session)
    if anchor is not None and not holds(session, anchor):
        return replace(report, anchor_lost=anchor)
    return report


# The whole journal straight from the driver (a year is ~300,000 entries: no per-row type handling); `at` comes
# back as SQLite's text of the naive-UTC moment and is hashed as the aware UTC moment `append` was given.
_CHAIN_SQL = "SELECT id, at, staff_id, action, subject, details, prev_hash, hash FROM audit_journal ORDER BY id"


def verify_chain(session: Session) -> ChainReport:
    """Walk the journal in order; report the first entry whose link or hash does not hold."""
    prev = GENESIS
    checked = 0
    rows = session.connection().execution_options(yield_per=5000).exec_driver_sql(_CHAIN_SQL)
    moment = datetime.fromisoformat
    for entry_id, at, staff_id, action, subject, details, prev_hash, digest in rows:
        if prev_hash != prev:
            rows.close()
            return ChainReport(checked, entry_id, "link")
        if digest != chain_hash(prev, moment(at).replace(tzinfo=UTC), staff_id, action, subject, details):
            rows.close()
            return ChainReport(checked, entry_id, "content")
        prev = digest
        checked += 1
    return ChainReport(checked, None)


# --- the anchor: the journal's head kept on the server -----------------------------------------------

ANCHOR_KEY = "journal_anchor"  # sync_state: the head the server answered it holds for this PC (JSON)


@dataclass(frozen=True)
class JournalHead:
    """The newest entry: its number, how many entries there are, its hash and when it was written.

    `anchored_at` is when the server took it (only on a head the server answered).
    """

    sequence: int
    count: int
    hash: str
    last_at: datetime | None = None
    anchored_at: datetime | None = None

    def to_json(self) -> str:
        data = asdict(self)
        for key in ("last_at", "anchored_at"):
            data[key] = data[key].isoformat() if data[key] is not None else None
        return json.dumps(data)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JournalHead:
        """A head as the server answers it or as stored; raises ValueError/KeyError/TypeError when malformed."""
        return cls(int(data["sequence"]), int(data["count"]), str(data["hash"]), _moment(data.get("last_at")),
                   _moment(data.get("anchored_at")))


def _moment(text: Any) -> datetime | None:
    return datetime.fromisoformat(text) if isinstance(text, str) and text else None


_HEAD = select(_JOURNAL.c.id, _JOURNAL.c.hash, _JOURNAL.c.at).order_by(_JOURNAL.c.id.desc()).limit(1)


def head(session: Session) -> JournalHead:
    """This PC's journal head now (sequence 0 and the genesis hash for an empty journal)."""
    conn = session.connection()
    newest = conn.execute(_HEAD).first()
    if newest is None:
        return JournalHead(0, 0, GENESIS)
    count = conn.execute(select(func.count()).select_from(_JOURNAL)).scalar_one()
    return JournalHead(newest.id, int(count), newest.hash, newest.at)


def holds(session: Session, anchor: JournalHead, now: JournalHead | None = None) -> bool:
    """Whether the chain still has the anchored entry (same number, same hash) and at least as many entries;
    `now` is the chain's head when the caller has just read it (counting the entries again is not free)."""
    if anchor.sequence == 0:
        return True
    found = session.connection().execute(select(_JOURNAL.c.hash).where(_JOURNAL.c.id == anchor.sequence)).scalar()
    if found != anchor.hash:
        return False
    return (now or head(session)).count >= anchor.count


def stored_anchor(session: Session) -> JournalHead | None:
    """The head the server last answered it holds (kept in sync_state); None before the first anchoring."""
    row = session.get(SyncState, ANCHOR_KEY)
    if row is None:
        return None
    try:
        return JournalHead.from_dict(json.loads(row.value))
    except (ValueError, KeyError, TypeError):
        return None


def store_anchor(session: Session, anchor: JournalHead) -> None:
    """Keep the head the server answered it holds (inside the caller's transaction)."""
    session.merge(SyncState(key=ANCHOR_KEY, value=anchor.to_json()))
