"""The manager's journal reader, stated as rules: who may read it (and the refusal naming the action), the default
page of 500 entries, the accepted limits 1…5000, a period may be empty but not reversed, entries without a staff
member are listed too, and details that are not a JSON object are still shown."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from desktop.db.engine import Database
from desktop.db.models import AuditEntry
from desktop.errors import AccessDenied
from desktop.services.base import Role, Service
from desktop.services.journal_service import JournalService
from desktop.translatable import translate
from protocol.errors import DomainError
from tests.support.clock import FakeClock
from tests.support.factories import actor_for, make_point, make_staff


@pytest.fixture
def staff(db: Database) -> dict:
    with db.write() as s:
        point = make_point(s)
        return {"clerk": actor_for(make_staff(s, point, Role.CLERK, login="clerk")),
                "manager": actor_for(make_staff(s, point, Role.MANAGER, login="boss"))}


@pytest.mark.parametrize(("method", "action"), [("entries", translate("Actions", "просмотр журнала")),
                                                ("verify", translate("Actions", "проверка журнала"))])
def test_a_clerks_refusal_names_the_action_and_the_role_needed(db, clock, staff, method, action) -> None:
    with pytest.raises(AccessDenied) as info:
        getattr(JournalService(db, clock), method)(staff["clerk"])
    assert info.value.params == {"action": action, "required": "manager"}


def test_the_journal_shows_the_newest_500_entries_unless_asked_for_more(db, clock, staff) -> None:
    with Service(db, clock).action(staff["clerk"]) as act:
        for i in range(501):
            act.audit("test.entry", f"s{i}")
    service = JournalService(db, clock)
    page = service.entries(staff["manager"])
    assert len(page) == 500 and page[0].subject == "s500" and page[-1].subject == "s1"
    assert len(service.entries(staff["manager"], limit=5000)) == 501  # the largest page allowed
    assert [e.subject for e in service.entries(staff["manager"], limit=1)] == ["s500"]


@pytest.mark.parametrize("limit", [0, 5001])
def test_a_limit_outside_1_to_5000_is_refused_naming_the_maximum(db, clock, staff, limit) -> None:
    with pytest.raises(DomainError) as info:
        JournalService(db, clock).entries(staff["manager"], limit=limit)
    assert (info.value.code, info.value.params) == ("journal.bad_limit", {"max": 5000})
    assert "5000" in str(info.value).replace("\xa0", "").replace(" ", "")


def test_a_reversed_period_is_refused_naming_both_ends_and_an_empty_one_is_not(db, clock, staff) -> None:
    service = JournalService(db, clock)
    since, until = clock(), clock() - timedelta(days=1)
    with pytest.raises(DomainError) as info:
        service.entries(staff["manager"], since=since, until=until)
    assert info.value.params == {"since": since.isoformat(), "until": until.isoformat()}
    assert since.isoformat() in str(info.value) and until.isoformat() in str(info.value)
    assert service.entries(staff["manager"], since=since, until=since) == []  # the same moment: nothing, no error


def test_each_entry_shows_its_id_time_and_staff_and_system_entries_have_none(db, clock: FakeClock, staff) -> None:
    with Service(db, clock).action(staff["clerk"]) as act:
        act.audit("test.by_clerk", "s1", n=1)
    clock.advance(minutes=5)
    with Service(db, clock).action(None) as act:
        act.audit("test.by_system", "s2", n=2)
    with db.read() as s:
        ids = list(s.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))
    system, by_clerk = JournalService(db, clock).entries(staff["manager"])
    assert (system.id, system.at, system.staff_login, system.staff_name) == (ids[1], clock(), None, None)
    assert (by_clerk.id, by_clerk.staff_login, by_clerk.staff_name) == (ids[0], "clerk", staff["clerk"].full_name)
    assert by_clerk.at == clock() - timedelta(minutes=5)


@pytest.mark.parametrize(("stored", "shown"), [("not json", {"raw": "not json"}), ("[1, 2]", {"value": [1, 2]}),
                                               ("7", {"value": 7})])
def test_details_that_are_not_a_json_object_are_still_shown(db, clock, staff, stored, shown) -> None:
    with Service(db, clock).action(staff["clerk"]) as act:
        act.audit("test.entry", "s1")
    with db.write() as s:
        s.execute(update(AuditEntry).values(details=stored))
    (entry,) = JournalService(db, clock).entries(staff["manager"])
    assert entry.details == shown


def test_a_verification_journals_what_it_checked_and_where_the_chain_broke(db, clock, staff) -> None:
    with Service(db, clock).action(staff["clerk"]) as act:
        for i in range(3):
            act.audit("test.entry", f"s{i}")
    with db.write() as s:
        second = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()[1]
        second.subject = "changed"
        broken = second.id
    report = JournalService(db, clock).verify(staff["manager"])
    assert (report.first_broken_id, report.checked) == (broken, 1)  # checked up to the broken entry
    (last,) = JournalService(db, clock).entries(staff["manager"], limit=1)
    assert (last.action, last.subject, last.details) == ("journal.verified", "journal",
                                                         {"checked": report.checked, "first_broken": broken})
