"""What every service relies on, stated as rules: roles are enforced in the service (a higher role may do what a
lower one may; a refusal names the action and the role needed), every event gets the next device sequence number
and lands pending with its canonical payload and the action's time, the journal names the acting staff member, and
the counter's own pickup point is the one marked local."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import AuditEntry, OutboxEvent
from desktop.errors import AccessDenied
from desktop.services.base import Actor, Role, Service, local_point, new_uid, require_role, utc_now
from desktop.translatable import translate
from protocol.errors import DomainError
from protocol.events import ShiftOpened
from tests.support.clock import FakeClock
from tests.support.factories import actor_for, make_point, make_staff

ACTION = translate("Actions", "разбор конфликтов")


def _actor(role: Role) -> Actor:
    return Actor(7, "anna", "Анна", role, 1)


@pytest.mark.parametrize(
    ("role", "needed", "allowed"),
    [(Role.CLERK, Role.CLERK, True), (Role.MANAGER, Role.CLERK, True), (Role.ADMIN, Role.MANAGER, True),
     (Role.MANAGER, Role.MANAGER, True), (Role.CLERK, Role.MANAGER, False), (Role.MANAGER, Role.ADMIN, False),
     (Role.CLERK, Role.ADMIN, False)],
)
def test_a_role_may_do_what_its_rank_and_the_ranks_below_may(role: Role, needed: Role, allowed: bool) -> None:
    actor = _actor(role)
    if allowed:
        assert require_role(actor, needed, ACTION) is actor
        return
    with pytest.raises(AccessDenied) as info:
        require_role(actor, needed, ACTION)
    assert (info.value.code, info.value.params) == ("auth.forbidden", {"action": ACTION, "required": needed.value})


def test_nobody_logged_in_may_do_nothing() -> None:
    with pytest.raises(DomainError) as info:
        require_role(None, Role.CLERK, ACTION)
    assert info.value.code == "auth.not_logged_in" and not isinstance(info.value, AccessDenied)


def _outbox(db: Database) -> list[OutboxEvent]:
    with db.read() as s:
        return list(s.scalars(select(OutboxEvent).order_by(OutboxEvent.id)))


def test_events_get_the_next_device_sequence_and_wait_pending_with_the_actions_time(db: Database,
                                                                                   clock: FakeClock) -> None:
    service = Service(db, clock)
    with service.action(None) as act:
        first = act.emit(ShiftOpened(shift="s1", staff="anna"))
        second = act.emit(ShiftOpened(shift="s2", staff="anna"))
        assert [e.payload()["shift"] for e in act.events] == ["s1", "s2"]  # the action keeps what it queued
    clock.advance(minutes=3)
    with service.action(None) as act:
        third = act.emit(ShiftOpened(shift="s3", staff="boris"))
    rows = _outbox(db)
    assert [(r.event_id, r.device_seq) for r in rows] == [(first, 1), (second, 2), (third, 3)]
    assert len({first, second, third}) == 3 and uuid.UUID(first).version == 4
    last = rows[-1]
    assert (last.type, last.schema_v, last.status) == (ShiftOpened.TYPE, ShiftOpened.SCHEMA_V, "pending")
    assert json.loads(last.payload) == {"shift": "s3", "staff": "boris"}
    assert last.payload == json.dumps(json.loads(last.payload), sort_keys=True, separators=(",", ":"))
    assert (rows[0].occurred_at, last.occurred_at) == (clock() - timedelta(minutes=3), clock())


def test_an_action_reads_the_outbox_sequence_once_however_many_events_it_queues(db: Database,
                                                                               clock: FakeClock) -> None:
    from sqlalchemy import event

    service = Service(db, clock)
    with service.action(None) as act:
        act.emit(ShiftOpened(shift="s0", staff="anna"))
    reads: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if "max(outbox.device_seq)" in statement:
            reads.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        with service.action(None) as act:
            for n in range(3):  # e.g. a scan completing an order: box received, order arrived, SMS asked
                act.emit(ShiftOpened(shift=f"s{n + 1}", staff="anna"))
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert len(reads) == 1
    assert [r.device_seq for r in _outbox(db)] == [1, 2, 3, 4]


def test_the_journal_names_the_acting_staff_member_or_nobody(db: Database, clock: FakeClock) -> None:
    with db.write() as s:
        anna = actor_for(make_staff(s, make_point(s)))
    service = Service(db, clock)
    with service.action(anna) as act:
        act.audit("test.by_anna", "s1", n=1)
    with service.action(None) as act:
        act.audit("test.by_system", "s2")
    with db.read() as s:
        rows = [(e.staff_id, e.action, e.subject, json.loads(e.details), e.at) for e in s.scalars(select(AuditEntry))]
    assert rows == [(anna.staff_id, "test.by_anna", "s1", {"n": 1}, clock()),
                    (None, "test.by_system", "s2", {}, clock())]


def test_services_use_the_real_clock_in_utc_unless_given_one(db: Database) -> None:
    service = Service(db)
    assert service.clock is utc_now
    now = utc_now()
    assert now.tzinfo is UTC and abs(now - datetime.now(UTC)) < timedelta(seconds=5)
    assert new_uid() != new_uid() and uuid.UUID(new_uid()).version == 4


def test_the_counters_point_is_the_local_one_and_required(db: Database) -> None:
    with db.write() as s:
        make_point(s, code="0077", local=False)
        with pytest.raises(DomainError) as info:
            local_point(s)
        assert info.value.code == "point.not_configured"
        make_point(s, code="0042")
        assert local_point(s).code == "0042"
    with Service(db).reading() as s:
        assert local_point(s).code == "0042"


def test_a_refusal_names_the_action_in_the_ui_language(tagging_translator) -> None:
    with pytest.raises(AccessDenied) as info:
        require_role(_actor(Role.CLERK), Role.MANAGER, ACTION)
    assert info.value.params["action"] == f"[Actions] {ACTION}"  # translated under the «Actions» context
