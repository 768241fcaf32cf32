"""The shift report and the shift open and close, stated as rules: what happened at the very moment the shift opened
counts, what happens after its close does not, a figure with nothing behind it is 0, another clerk's card activations
are not this clerk's, the report is keyed and signed by the clerk, is that shift's own (sent and journalled with its
totals, the shift recording who closed it) and is final at the close (a look at a running shift says it is still
open), an opened shift is sent and journalled by its clerk and a second opening names the first one's time in the
point's zone, and an open return or service dispatch session is named by its opening time in the point's zone and
the UI language."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.db.claim_models import ServiceDispatch
from desktop.db.engine import Database
from desktop.db.models import AuditEntry, ClubCard, OutboxEvent, Payment, ReturnSession, Shift
from desktop.point_time import DAY_TIME, point_time, zone_named
from desktop.services.base import Actor
from desktop.services.staff import DISPATCH_NAMED, RETURN_NAMED, StaffService, shift_key, shift_report_of
from protocol.errors import DomainError
from tests.support.clock import FakeClock
from tests.support.factories import FAST_HASHER, actor_for, make_point, make_staff

ZONE = "Asia/Novosibirsk"


@pytest.fixture
def team(db: Database) -> dict[str, Actor]:
    with db.write() as s:
        point = make_point(s, timezone=ZONE)
        return {"clerk": actor_for(make_staff(s, point, login="clerk", full_name="Петрова Анна")),
                "other": actor_for(make_staff(s, point, login="other"))}


def _pay(db: Database, staff: Actor, at, method: str, kopecks: int) -> None:
    with db.write() as s:  # a sale without an order (a gift certificate) counts as well
        s.add(Payment(order_id=None, method=method, due_kopecks=kopecks, tendered_kopecks=kopecks,
                      staff_id=staff.staff_id, paid_at=at))


def _card(db: Database, staff: Actor, number: str, at) -> None:
    with db.write() as s:
        s.add(ClubCard(number=number, point_id=1, activation_code_hash="x", status="active", activated_at=at,
                       activated_by=staff.staff_id))


def test_the_report_counts_from_the_opening_moment_up_to_the_close(db, clock: FakeClock, team) -> None:
    staff = StaffService(db, clock, hasher=FAST_HASHER)
    actor = staff.open_shift(team["clerk"])
    opened = clock()
    _pay(db, team["clerk"], opened, "cash", 1_000_00)  # at the very opening moment: this shift's
    _pay(db, team["clerk"], opened, "card", 2_000_00)
    _card(db, team["clerk"], "2000000000001", opened)
    _card(db, team["other"], "2000000000002", opened)  # a colleague's activations
    _card(db, team["other"], "2000000000003", opened)
    clock.advance(hours=8)
    _pay(db, team["clerk"], clock() + timedelta(microseconds=1), "cash", 5_000_00)  # after the close
    report = staff.close_shift(actor)
    assert (report.cash_kopecks, report.card_kopecks, report.cards_activated) == (1_000_00, 2_000_00, 1)
    assert (report.key, report.staff_login, report.still_open) == (shift_key("clerk", opened), "clerk", False)
    assert (report.header.opened_by, report.header.closed_by) == ("Петрова Анна", "Петрова Анна")


def test_a_shift_with_nothing_done_reports_zeros(db, clock: FakeClock, team) -> None:
    staff = StaffService(db, clock, hasher=FAST_HASHER)
    report = staff.close_shift(staff.open_shift(team["clerk"]))
    assert (report.cash_kopecks, report.card_kopecks, report.cards_activated, report.boxes_returned) == (0, 0, 0, 0)


def test_an_open_return_session_is_named_by_its_local_opening_time(db, clock: FakeClock, team,
                                                                  tagging_translator) -> None:
    staff = StaffService(db, clock, hasher=FAST_HASHER)
    actor = staff.open_shift(team["clerk"])
    with db.write() as s:
        s.add(ReturnSession(uid="r-1", point_id=1, opened_by=actor.staff_id, opened_at=clock()))
    with pytest.raises(DomainError) as info:
        staff.close_shift(actor)
    local = point_time(clock(), zone_named(ZONE), DAY_TIME)
    assert info.value.params["sessions"] == f"[Terms] {RETURN_NAMED}".format(opened_at=local)


def test_an_open_service_dispatch_is_named_by_its_local_opening_time(db, clock: FakeClock, team,
                                                                   tagging_translator) -> None:
    staff = StaffService(db, clock, hasher=FAST_HASHER)
    actor = staff.open_shift(team["clerk"])
    with db.write() as s:
        s.add(ServiceDispatch(uid="d-1", point_id=1, opened_by=actor.staff_id, opened_at=clock()))
    with pytest.raises(DomainError) as info:
        staff.close_shift(actor)
    local = point_time(clock(), zone_named(ZONE), DAY_TIME)
    assert info.value.params["sessions"] == f"[Terms] {DISPATCH_NAMED}".format(opened_at=local)


def test_the_report_is_the_closed_shifts_own(db, clock: FakeClock, team) -> None:
    staff = StaffService(db, clock, hasher=FAST_HASHER)
    staff.close_shift(staff.open_shift(team["other"]))  # an earlier shift of a colleague
    actor = staff.open_shift(team["clerk"])
    report = staff.close_shift(actor)
    assert report.shift_id == actor.shift_id and report.as_dict()["shift_id"] == actor.shift_id


def test_a_report_of_a_shift_still_open_says_so(db, clock: FakeClock, team) -> None:
    """The manager's look at a running shift: the same report, marked as not closed yet."""
    actor = StaffService(db, clock, hasher=FAST_HASHER).open_shift(team["clerk"])
    with db.read() as s:
        shift = s.get(Shift, actor.shift_id)
        assert shift is not None
        report = shift_report_of(s, shift, actor.login, actor.full_name, clock(), still_open=True)
    assert (report.shift_id, report.still_open) == (actor.shift_id, True)


def test_a_closed_shift_records_who_closed_it_and_is_sent_and_journalled_with_its_totals(
        db, clock: FakeClock, team) -> None:
    staff = StaffService(db, clock, hasher=FAST_HASHER)
    actor = staff.open_shift(team["clerk"])
    _pay(db, team["clerk"], clock(), "cash", 1_000_00)
    report = staff.close_shift(actor)
    with db.read() as s:
        shift = s.get(Shift, actor.shift_id)
        assert shift is not None and (shift.closed_at, shift.closed_by) == (clock(), actor.staff_id)
        sent = s.scalars(select(OutboxEvent.payload).where(OutboxEvent.type == "shift.closed")).one()
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "shift.closed")).one()
    assert {k: v for k, v in json.loads(sent).items() if k != "report"} == {"shift": report.key, "staff": "clerk"}
    assert (entry.staff_id, entry.subject, json.loads(entry.details)) == (actor.staff_id, report.key, report.counts())
    assert report.counts()["cash_kopecks"] == 1_000_00


def test_a_second_opening_is_refused_naming_when_the_shift_opened_in_the_points_time(
        db, clock: FakeClock, team) -> None:
    staff = StaffService(db, clock, hasher=FAST_HASHER)
    opened = clock()
    actor = staff.open_shift(team["clerk"])
    clock.advance(hours=2)
    with pytest.raises(DomainError) as info:
        staff.open_shift(actor)
    assert (info.value.code, info.value.params) == ("shift.already_open",
                                                    {"opened_at": point_time(opened, zone_named(ZONE))})


def test_an_opened_shift_is_sent_and_journalled_by_its_clerk(db, clock: FakeClock, team) -> None:
    actor = StaffService(db, clock, hasher=FAST_HASHER).open_shift(team["clerk"])
    key = shift_key("clerk", clock())
    with db.read() as s:
        sent = s.scalars(select(OutboxEvent.payload).where(OutboxEvent.type == "shift.opened")).one()
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "shift.opened")).one()
    assert json.loads(sent) == {"shift": key, "staff": "clerk"}
    assert (entry.staff_id, entry.subject) == (actor.staff_id, key)
