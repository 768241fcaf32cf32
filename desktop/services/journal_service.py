"""The manager's view of the audit journal: verify the hash chain and list entries by staff and time."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from desktop import journal, messages
from desktop.db.models import AuditEntry, Staff
from desktop.journal import ChainReport
from desktop.services.base import Actor, Role, Service, require_role
from desktop.translatable import QT_TRANSLATE_NOOP
from protocol.errors import DomainError

MAX_LIMIT = 5000

messages.register(
    {
        "journal.bad_limit": "Число записей журнала должно быть от 1 до {max}.",
        "journal.bad_period": "Начало периода ({since}) позже его конца ({until}). Исправьте даты.",
    }
)


@dataclass(frozen=True)
class JournalEntryView:
    """One journal entry as the manager sees it."""

    id: int
    at: datetime
    staff_login: str | None
    staff_name: str | None
    action: str
    subject: str
    details: dict[str, Any]


class JournalService(Service):
    """Manager-only journal reading and verification."""

    def verify(self, manager: Actor) -> ChainReport:
        """Walk the chain; the report names the first entry whose link or content does not hold."""
        require_role(manager, Role.MANAGER, QT_TRANSLATE_NOOP("Actions", "проверка журнала"))
        with self.reading() as session:
            report = journal.verify(session)
        with self.action(manager) as act:
            act.audit("journal.verified", "journal", checked=report.checked, first_broken=report.first_broken_id)
        return report

    def entries(
        self,
        manager: Actor,
        staff_login: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 500,
    ) -> list[JournalEntryView]:
        """Entries newest first, optionally of one staff member and within [since, until)."""
        require_role(manager, Role.MANAGER, QT_TRANSLATE_NOOP("Actions", "просмотр журнала"))
        if not 1 <= limit <= MAX_LIMIT:
            raise DomainError("journal.bad_limit", max=MAX_LIMIT)
        if since is not None and until is not None and since > until:
            raise DomainError("journal.bad_period", since=since.isoformat(), until=until.isoformat())
        query = select(AuditEntry, Staff.login, Staff.full_name).outerjoin(Staff, Staff.id == AuditEntry.staff_id)
        if staff_login is not None:
            query = query.where(Staff.login == staff_login)
        if since is not None:
            query = query.where(AuditEntry.at >= since)
        if until is not None:
            query = query.where(AuditEntry.at < until)
        with self.reading() as session:
            rows = session.execute(query.order_by(AuditEntry.id.desc()).limit(limit)).all()
            return [_view(entry, login, name) for entry, login, name in rows]


def _view(entry: AuditEntry, login: str | None, name: str | None) -> JournalEntryView:
    try:
        details = json.loads(entry.details)
    except ValueError:
        details = {"raw": entry.details}
    if not isinstance(details, dict):
        details = {"value": details}
    return JournalEntryView(entry.id, entry.at, login, name, entry.action, entry.subject, details)
