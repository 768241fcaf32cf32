"""A service dispatch session left open at the end of a shift: the shift close settles it like a receiving or
return session (close with the act, or hand over to the next shift; never silently), and the manager sees one
forgotten on an earlier day or by a closed shift."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.db.models import AuditEntry
from desktop.services.manager.exceptions import ExceptionsService
from desktop.services.staff import OpenSessions, StaffService
from protocol.claims import ClaimStatus
from protocol.errors import DomainError
from tests.unit.handover_env import outbox
from tests.unit.warranty_env import Env, make_env


@pytest.fixture
def env(db, clock, tmp_path) -> Env:
    return make_env(db, clock, tmp_path / "data")


def _dispatch_open(env: Env) -> tuple[str, str]:
    taken = env.accept(env.purchased(serial="SN-9"), serial="SN-9")
    uid = env.svc.open_dispatch(env.clerk)
    env.svc.scan_out(env.clerk, uid, taken.claim.label)
    return uid, taken.claim.number


def test_the_shift_is_not_closed_while_a_dispatch_is_open_and_nobody_chose(env):
    staff = StaffService(env.db, env.clock)
    clerk = staff.open_shift(env.clerk)
    _dispatch_open(env)
    [pending] = env.svc.pending_at_shift_close(clerk)
    assert pending.items == 1
    with pytest.raises(DomainError) as refused:
        staff.close_shift(clerk)
    assert refused.value.code == "shift.sessions_open" and "отправка в сервис от" in str(refused.value)


def test_closing_the_shift_with_the_act_sends_the_items(env):
    staff = StaffService(env.db, env.clock)
    clerk = staff.open_shift(env.clerk)
    uid, number = _dispatch_open(env)
    staff.close_shift(clerk, OpenSessions.CLOSE)
    assert env.svc.current_dispatch(env.clerk) is None and env.claim(number).status == ClaimStatus.SENT
    assert [t for t, p in outbox(env.db) if t == "service.closed" and p["session"] == uid] == ["service.closed"]


def test_handing_the_dispatch_over_keeps_it_open_and_journals_it(env):
    staff = StaffService(env.db, env.clock)
    clerk = staff.open_shift(env.clerk)
    uid, number = _dispatch_open(env)
    staff.close_shift(clerk, OpenSessions.HAND_OVER)
    assert env.svc.current_dispatch(env.clerk).uid == uid and env.claim(number).status == ClaimStatus.ACCEPTED
    with env.db.read() as s:
        assert s.scalars(select(AuditEntry.subject).where(AuditEntry.action == "service.handed_over")).all() == [uid]


def test_the_manager_sees_a_dispatch_whose_clerk_closed_the_shift(env):
    staff = StaffService(env.db, env.clock)
    clerk = staff.open_shift(env.clerk)
    uid, _number = _dispatch_open(env)
    staff.close_shift(clerk, OpenSessions.HAND_OVER)
    env.clock.now += timedelta(minutes=5)
    rows = ExceptionsService(env.db, env.clock).sessions_left_open(env.manager).rows
    assert [(row.key, row.values[0], row.values[4]) for row in rows] == [
        (uid, "отправка в сервис", "смена открывшего закрыта")]


def test_the_managers_journal_names_a_dispatch_session_by_its_opening(env):
    """The journal's subject of a dispatch entry is «отправка в сервис от …», not the session's uid."""
    from desktop.services.manager.journal_report import JournalReportService
    from desktop.services.manager.report import Period

    uid, _number = _dispatch_open(env)
    day = env.clock().date()
    rows = JournalReportService(env.db, env.clock).entries(env.manager, Period(day, day)).rows
    subjects = {row.values[4] for row in rows if row.values[3] == "отправка в сервис начата"}
    assert len(subjects) == 1 and next(iter(subjects)).startswith("отправка в сервис от ") and uid not in subjects
