"""The audit journal: tampering with any field of any entry, or deleting one, is found at exactly that link."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from desktop.db.models import AuditEntry
from desktop.errors import AccessDenied
from desktop.services.base import Role, Service
from desktop.services.journal_service import JournalService
from protocol.errors import DomainError
from tests.support.factories import actor_for, make_point, make_staff

ENTRIES = 6


@pytest.fixture
def world(db, clock):
    with db.write() as s:
        point = make_point(s)
        clerk = actor_for(make_staff(s, point, Role.CLERK, login="clerk"))
        manager = actor_for(make_staff(s, point, Role.MANAGER, login="boss"))
    service = Service(db, clock)
    for i in range(ENTRIES):
        actor = clerk if i % 2 == 0 else manager
        with service.action(actor) as act:
            act.audit(f"test.action{i}", f"subject-{i}", n=i, note="заметка")
        clock.advance(minutes=10)
    return {"clerk": clerk, "manager": manager, "service": JournalService(db, clock)}


def _ids(db):
    with db.read() as s:
        return list(s.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))


def _sql(db, statement, **params):
    with db.write() as s:
        s.execute(text(statement), params)


TAMPERING = {
    "at": "UPDATE audit_journal SET at = datetime(at, '+1 second') WHERE id = :id",
    "staff_id": "UPDATE audit_journal SET staff_id = CASE WHEN staff_id = 1 THEN 2 ELSE 1 END WHERE id = :id",
    "staff_id_null": "UPDATE audit_journal SET staff_id = NULL WHERE id = :id",
    "action": "UPDATE audit_journal SET action = 'auth.login' WHERE id = :id",
    "subject": "UPDATE audit_journal SET subject = subject || 'x' WHERE id = :id",
    "details": "UPDATE audit_journal SET details = replace(details, 'заметка', 'правка') WHERE id = :id",
    "prev_hash": "UPDATE audit_journal SET prev_hash = '" + "1" * 64 + "' WHERE id = :id",
    "hash": "UPDATE audit_journal SET hash = '" + "f" * 64 + "' WHERE id = :id",
}


def test_an_untouched_journal_verifies(world):
    report = world["service"].verify(world["manager"])
    assert report.ok and report.checked == ENTRIES


@pytest.mark.parametrize("position", [0, 2, ENTRIES - 1])
@pytest.mark.parametrize("field", sorted(TAMPERING))
def test_tampering_any_field_is_reported_at_that_entry(db, world, field, position):
    target = _ids(db)[position]
    _sql(db, TAMPERING[field], id=target)
    report = world["service"].verify(world["manager"])
    assert not report.ok
    assert report.first_broken_id == target, report
    assert report.checked == position
    assert report.reason == ("link" if field == "prev_hash" else "content")


@pytest.mark.parametrize("position", [0, 2, ENTRIES - 2])
def test_deleting_an_entry_breaks_the_chain_at_the_next_one(db, world, position):
    ids = _ids(db)
    _sql(db, "DELETE FROM audit_journal WHERE id = :id", id=ids[position])
    report = world["service"].verify(world["manager"])
    assert report.first_broken_id == ids[position + 1]
    assert report.reason == "link"


def test_verification_is_itself_journalled_and_the_chain_still_holds(db, world):
    world["service"].verify(world["manager"])
    second = world["service"].verify(world["manager"])
    assert second.ok and second.checked == ENTRIES + 1
    last = world["service"].entries(world["manager"], limit=1)[0]
    assert (last.action, last.staff_login, last.details["checked"]) == ("journal.verified", "boss", ENTRIES + 1)


@pytest.mark.parametrize("method", ["verify", "entries"])
def test_a_clerk_may_not_read_or_verify_the_journal(world, method):
    with pytest.raises(AccessDenied):
        getattr(world["service"], method)(world["clerk"])


def test_entries_need_a_logged_in_actor(world):
    with pytest.raises(DomainError) as err:
        world["service"].entries(None)
    assert err.value.code == "auth.not_logged_in"


def test_entries_newest_first_with_staff_names_and_details(world):
    entries = world["service"].entries(world["manager"])
    assert [e.action for e in entries] == [f"test.action{i}" for i in reversed(range(ENTRIES))]
    assert entries[-1].details == {"n": 0, "note": "заметка"}
    assert entries[-1].staff_login == "clerk" and entries[-1].staff_name


def test_entries_by_staff_member(world):
    mine = world["service"].entries(world["manager"], staff_login="clerk")
    assert [e.subject for e in mine] == ["subject-4", "subject-2", "subject-0"]
    assert world["service"].entries(world["manager"], staff_login="nobody") == []


def test_entries_by_period_and_limit(world, clock):
    start = clock.now - timedelta(minutes=10 * ENTRIES)  # time of the first entry
    window = world["service"].entries(
        world["manager"], since=start + timedelta(minutes=10), until=start + timedelta(minutes=30)
    )
    assert [e.subject for e in window] == ["subject-2", "subject-1"]
    assert len(world["service"].entries(world["manager"], limit=2)) == 2


@pytest.mark.parametrize("limit", [0, -5, 5001])
def test_bad_limits(world, limit):
    with pytest.raises(DomainError) as err:
        world["service"].entries(world["manager"], limit=limit)
    assert err.value.code == "journal.bad_limit"


def test_period_end_before_start(world, clock):
    with pytest.raises(DomainError) as err:
        world["service"].entries(world["manager"], since=clock.now, until=clock.now - timedelta(days=1))
    assert err.value.code == "journal.bad_period"
