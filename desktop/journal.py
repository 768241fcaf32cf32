"""The audit journal: every entry chained to the previous one by SHA-256; verification finds the first break."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from desktop.db.models import AuditEntry
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

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None


def verify(session: Session) -> ChainReport:
    """Walk the journal in order; report the first entry whose link or hash does not hold."""
    prev = GENESIS
    checked = 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)).yield_per(1000):
        if entry.prev_hash != prev:
            return ChainReport(checked, entry.id, "link")
        expected = chain_hash(prev, entry.at, entry.staff_id, entry.action, entry.subject, entry.details)
        if entry.hash != expected:
            return ChainReport(checked, entry.id, "content")
        prev = entry.hash
        checked += 1
    return ChainReport(checked, None)
