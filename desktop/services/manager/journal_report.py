"""The manager's journal tab: the period's journal entries as a report, and the check of the whole journal.

The check walks the hash chain (desktop.journal) and compares it with the head anchored on the server; the first
broken entry comes back with its number, time, staff member and action so the manager can read it plainly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from desktop import journal
from desktop.action_names import action_name
from desktop.db.models import AuditEntry, Staff
from desktop.journal import ChainReport
from desktop.point_time import counter_zone, zone_named
from desktop.services.base import Actor, Role, Service, require_role
from desktop.services.manager import journal_details
from desktop.services.manager.journal_subjects import subject_words
from desktop.services.manager.report import Column, ColumnKind, Period, Report, Row, bulk_rows
from desktop.translatable import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True)
class JournalEntryLine:
    """One entry in words: number, time (UTC), who, what (in words), about what, details."""

    number: int
    at: datetime
    staff: str
    action: str
    subject: str
    details: str


@dataclass(frozen=True)
class JournalCheck:
    """The chain report plus the first broken entry in words (None when it is intact or the entry is gone)."""

    chain: ChainReport
    broken: JournalEntryLine | None


def staff_label(name: str | None, login: str | None) -> str:
    """The staff member's name (the one name the console uses for a person), the login only for a staff row without
    a name, or "" for an entry without a staff member (the system)."""
    return name or login or ""


_DECODER = json.JSONDecoder()


def _parsed(details: str) -> Any:
    """json.loads(details), by the C scanner straight away for canonical JSON (no surrounding blanks): a month of
    entries is parsed in a third of the time."""
    try:
        value, end = _DECODER.raw_decode(details)
    except ValueError:
        return json.loads(details)  # blanks around it, or not JSON: json.loads decides (and raises) as before
    return value if end == len(details) else json.loads(details)


def details_text(details: str, zone: tzinfo = UTC) -> str:
    """The entry's canonical JSON in words («key: value; …», journal_details; moments on the point's clock `zone`);
    the raw text when it is not an object."""
    try:
        data = _parsed(details)
    except ValueError:
        return details
    return journal_details.details_text(data, details, zone)


def _line(number: int, at: datetime, action: str, subject: str, details: str, login: str | None,
          name: str | None, zone: tzinfo = UTC) -> JournalEntryLine:
    return JournalEntryLine(number, at, staff_label(name, login), _action_words(action), subject,
                            details_text(details, zone))


def _action_words(action: str) -> str:
    return action_name(action) or action


def _columns() -> list[Column]:
    return [
        Column(translate("ManagerJournal", "№"), ColumnKind.COUNT),
        Column(translate("ManagerJournal", "Когда"), ColumnKind.MOMENT),
        Column(translate("ManagerJournal", "Сотрудник")),
        Column(translate("ManagerJournal", "Действие")),
        Column(translate("ManagerJournal", "Предмет")),
        Column(translate("ManagerJournal", "Подробности")),
    ]


# The period's rows straight from the driver (a month of a busy point is ~25,000 entries: no per-row type handling);
# `at` comes back as SQLite's text of a naive-UTC moment. Read in the order of the time index and put in the
# journal's order in Python (already all but sorted: cheaper than SQLite's sort); the staff (a handful) apart.
_PERIOD_SQL = "SELECT id, at, action, subject, details, staff_id FROM audit_journal WHERE at >= ? AND at < ?"


def _period_rows(session: Session, start: datetime, end: datetime) -> list[Any]:
    """Plain tuples from the DBAPI cursor of the session's connection (in its transaction), by entry number."""
    conn = session.connection()
    bound = cast(Table, AuditEntry.__table__).c.at.type.bind_processor(conn.dialect)
    assert bound is not None
    cursor = conn.connection.cursor()
    try:
        found = cursor.execute(_PERIOD_SQL, (bound(start), bound(end))).fetchall()
    finally:
        cursor.close()
    found.sort(key=itemgetter(0))
    return found


def _staff_labels(session: Session) -> dict[int | None, str]:
    """Every staff member's label by id; an entry without one (the system, or a staff row gone) gets ""."""
    return {staff_id: staff_label(name, login)
            for staff_id, login, name in session.execute(select(Staff.id, Staff.login, Staff.full_name))}


_ENTRIES = select(AuditEntry.id, AuditEntry.at, AuditEntry.action, AuditEntry.subject, AuditEntry.details, Staff.login,
                  Staff.full_name).outerjoin(Staff, Staff.id == AuditEntry.staff_id)


class JournalReportService(Service):
    """Manager-only: the journal of a period and the check of the chain and its anchor."""

    def entries(self, manager: Actor, period: Period) -> Report:
        """Every entry of the period (days in the point's zone), oldest first."""
        require_role(manager, Role.MANAGER, QT_TRANSLATE_NOOP("Actions", "просмотр журнала"))
        zone = counter_zone(self.db) or zone_named(None)
        start, end = (moment.replace(tzinfo=UTC) for moment in period.bounds(zone))
        with self.reading() as session:
            found = _period_rows(session, start, end)
            subjects = subject_words(session, {row[3] for row in found}, zone)
            labels = _staff_labels(session)
        words = {action: _action_words(action) for action in {row[2] for row in found}}
        staff = {staff_id: labels.get(staff_id, "") for staff_id in {row[5] for row in found}}
        utc_at = datetime.fromisoformat
        with bulk_rows():
            rows = [Row((number, utc_at(at + "+00:00"), staff[staff_id], words[action], subjects.get(subject, subject),
                         details_text(details, zone))) for number, at, action, subject, details, staff_id in found]
        return Report.of(translate("ManagerJournal", "Журнал действий"), _columns(), rows)

    def check(self, manager: Actor) -> JournalCheck:
        """Verify the whole chain and the server's anchor; the check itself is recorded in the journal."""
        require_role(manager, Role.MANAGER, QT_TRANSLATE_NOOP("Actions", "проверка журнала"))
        with self.reading() as session:
            chain = journal.verify(session)
            broken = None
            if chain.first_broken_id is not None:
                found = session.execute(_ENTRIES.where(AuditEntry.id == chain.first_broken_id)).first()
                if found is not None:
                    zone = counter_zone(self.db) or zone_named(None)
                    line = _line(*found, zone)
                    words = subject_words(session, {line.subject}, zone)
                    broken = replace(line, subject=words.get(line.subject, line.subject))
        with self.action(manager) as act:
            act.audit("journal.verified", "journal", checked=chain.checked, first_broken=chain.first_broken_id,
                      anchor_lost=chain.anchor_lost.sequence if chain.anchor_lost else None)
        return JournalCheck(chain, broken)
