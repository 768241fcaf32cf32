"""The manager's journal tab (desktop.services.manager.journal_report) on a point in Yekaterinburg (UTC+5, not the
default zone): entries in journal order even when the clock went back, a staff row without a name by its login,
moments and subjects on the point's clock in the entries and in the check, the check's own journal entry, the
refusals naming the action, and the tab's words from the ManagerJournal catalogue."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from sqlalchemy import select, text

from desktop.db.models import AuditEntry, ReturnSession
from desktop.errors import AccessDenied
from desktop.services.base import Role, Service
from desktop.services.manager.journal_report import JournalReportService, staff_label
from desktop.services.manager.report import Period
from desktop.sync.anchor import anchor_journal
from tests.integration.fakes import FakeClient
from tests.support.clock import FakeClock
from tests.support.factories import actor_for, make_point, make_staff
from tests.unit.test_journal_report import _delete_newest, backend, world  # noqa: F401 (fixtures)

OPENED = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)  # 15:00 in Yekaterinburg
DAY = Period(date(2026, 3, 1), date(2026, 3, 1))


@pytest.fixture
def ural(db):
    """Entry 1 at 10:00 UTC about a return session, with a moment in its details; entry 2 at 09:00 UTC (the
    counter's clock was set back) about an order. The clerk's staff row has no name."""
    with db.write() as s:
        point = make_point(s, timezone="Asia/Yekaterinburg")
        clerk = actor_for(make_staff(s, point, Role.CLERK, login="kassir", full_name=""))
        manager = actor_for(make_staff(s, point, Role.MANAGER, login="boss", full_name="Кузнецова Ольга"))
        uid = str(uuid4())
        s.add(ReturnSession(uid=uid, point_id=point.id, opened_by=clerk.staff_id, opened_at=OPENED))
    clock = FakeClock(OPENED)
    with Service(db, clock).action(clerk) as act:
        act.audit("cell.place", uid, until="2026-03-01T20:00:00+00:00")
    clock.now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    with Service(db, clock).action(clerk) as act:
        act.audit("cell.place", "100000001")
    clock.now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    return {"service": JournalReportService(db, clock), "manager": manager, "clerk": clerk}


def test_entries_in_journal_order_by_login_on_the_points_clock(ural):
    rows = ural["service"].entries(ural["manager"], DAY).rows
    assert [row.values[0] for row in rows] == [1, 2]  # entry 2 is earlier by the clock, later in the journal
    first = rows[0].values
    assert first[2:] == ("kassir", "коробка размещена", "возврат от 01.03 15:00", "до: 02.03.2026 01:00")


def test_the_check_names_the_broken_entry_on_the_points_clock(db, ural):
    with db.write() as s:
        s.execute(text("""UPDATE audit_journal SET details = '{"until":"2026-03-01T21:00:00+00:00"}' WHERE id = 1"""))
    broken = ural["service"].check(ural["manager"]).broken
    assert broken is not None
    assert (broken.number, broken.staff, broken.subject, broken.details) == (
        1, "kassir", "возврат от 01.03 15:00", "до: 02.03.2026 02:00")


def test_a_broken_entry_about_an_order_keeps_its_number_as_subject(db, ural):
    with db.write() as s:
        s.execute(text("UPDATE audit_journal SET details = :d WHERE id = 2"), {"d": '{"n": 1}'})
    broken = ural["service"].check(ural["manager"]).broken
    assert broken is not None and (broken.number, broken.subject) == (2, "100000001")


def test_an_intact_journal_has_no_broken_entry_and_the_check_is_the_managers_entry(db, ural):
    check = ural["service"].check(ural["manager"])
    assert check.chain.ok and check.broken is None
    with db.read() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (last.action, last.subject, last.staff_id) == ("journal.verified", "journal", ural["manager"].staff_id)
    details = json.loads(last.details)
    assert details["checked"] == 2 and details.get("first_broken") is None and details.get("anchor_lost") is None


def test_the_check_records_the_anchored_entry_that_was_lost(db, world, backend):  # noqa: F811
    anchor_journal(db, FakeClient(backend))
    _delete_newest(db, 2)
    world["service"].check(world["manager"])
    with db.read() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert json.loads(last.details)["anchor_lost"] == 4


def test_a_clerk_is_refused_with_the_action_named(ural):
    with pytest.raises(AccessDenied) as seeing:
        ural["service"].entries(ural["clerk"], DAY)
    with pytest.raises(AccessDenied) as checking:
        ural["service"].check(ural["clerk"])
    assert (seeing.value.params["action"], checking.value.params["action"]) == ("просмотр журнала", "проверка журнала")


def test_the_tabs_words_come_from_the_manager_journal_catalogue(ural, tagging_translator):
    report = ural["service"].entries(ural["manager"], DAY)
    assert report.title == "[ManagerJournal] Журнал действий"
    assert [c.header for c in report.columns] == [
        f"[ManagerJournal] {h}" for h in ("№", "Когда", "Сотрудник", "Действие", "Предмет", "Подробности")]


def test_a_staff_label_is_the_name_else_the_login_else_nothing():
    assert (staff_label("Смирнова Анна", "kassir"), staff_label("", "kassir"), staff_label(None, None)) == (
        "Смирнова Анна", "kassir", "")
