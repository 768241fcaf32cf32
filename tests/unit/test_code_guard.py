"""Guessing pickup codes: wrong code-only lookups are counted per PC; after the limit a manager must authorise."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import AuditEntry, ManagerAlert, PickupPoint
from desktop.services.handover import HandoverService
from desktop.services.handover.code_guard import GUESS_WINDOW, MAX_CODE_GUESSES
from desktop.services.review import ReviewService
from tests.support.clock import FakeClock
from tests.support.factories import make_customer, make_order
from tests.unit.handover_env import CODE, Env, count, make_env, refused

GUESSES = ["111111", "222222", "333333", "444444"]


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


def guess_until_locked(env: Env) -> None:
    for code in GUESSES[:MAX_CODE_GUESSES]:
        found = env.svc.start_with_code(env.clerk, code)
        assert found.state is None and found.candidates == ()


def journal(db: Database) -> list[tuple[str, str]]:
    with db.read() as s:
        return [(e.action, e.details) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_three_wrong_codes_lock_code_lookups_on_this_pc_and_tell_the_manager(env: Env) -> None:
    number = env.order()
    assert (MAX_CODE_GUESSES, GUESS_WINDOW.total_seconds()) == (3, 600)  # the documented limit
    guess_until_locked(env)
    with refused("handover.code_guesses_locked", attempts=3, minutes=10) as caught:
        env.svc.start_with_code(env.clerk, CODE)  # even the right code: the service refuses, not only the page
    assert "менеджера" in str(caught.value)
    entries = journal(env.db)
    assert [a for a, _ in entries] == ["handover.code_lookup_wrong"] * 3 + ["handover.code_lookup_locked",
                                                                              "handover.code_lookup_refused"]
    assert not any(code in details for _, details in entries for code in [*GUESSES, CODE])  # never the code
    problems = ReviewService(env.db, env.clock).problems(env.manager)
    assert [(p.kind, p.what, p.order) for p in problems] == [("alert", "code_guesses", None)]
    assert "Подбор кодов получения" in problems[0].reason and env.clerk.login in problems[0].reason
    # the other lookups are not affected
    assert env.svc.start(env.clerk, number).order_number == number
    assert env.svc.start_with_qr(env.clerk, env.qr(number)).verified_by == "qr"
    with env.db.write() as s:
        customer = make_customer(s, name="Петров Пётр", phone="+79160001234")
        other = make_order(s, s.get(PickupPoint, env.point_id), customer, status="ready", code="999999").number
    by_phone = env.svc.find_by_phone(env.clerk, "1234", "Петров")
    assert by_phone.state is not None and by_phone.state.order_number == other


def test_a_clerk_badge_does_not_unlock_a_managers_does_and_the_next_guess_is_allowed(env: Env) -> None:
    number = env.order()
    guess_until_locked(env)
    with refused("auth.forbidden"):
        env.svc.authorise_code_lookups(env.clerk, env.clerk)
    with refused("handover.code_guesses_locked"):
        env.svc.start_with_code(env.clerk, CODE)
    env.svc.authorise_code_lookups(env.clerk, env.manager)
    found = env.svc.start_with_code(env.clerk, CODE)
    assert found.state is not None and found.state.order_number == number
    actions = [a for a, _ in journal(env.db)]
    assert "handover.code_lookup_not_authorised" in actions and "handover.code_lookup_authorised" in actions
    with env.db.read() as s:
        authorised = s.scalars(select(AuditEntry).where(AuditEntry.action == "handover.code_lookup_authorised")).one()
    assert authorised.staff_id == env.manager.staff_id
    assert count(env.db, ManagerAlert) == 1


def test_the_count_is_per_window_the_lock_stays_and_survives_a_restart(env: Env, tmp_path: Path) -> None:
    env.svc.start_with_code(env.clerk, GUESSES[0])
    env.clock.advance(minutes=11)  # an old wrong guess no longer counts
    env.svc.start_with_code(env.clerk, GUESSES[1])
    env.svc.start_with_code(env.clerk, GUESSES[2])
    assert env.svc.start_with_code(env.clerk, GUESSES[3]).state is None  # two in the window: not locked yet
    restarted = Database(tmp_path / "cache.sqlite3")  # the same file, as after a restart of the app
    try:
        env.clock.advance(hours=8)  # waiting does not lift the lock: only a manager does
        with refused("handover.code_guesses_locked"):
            HandoverService(restarted, env.clock).start_with_code(env.clerk, CODE)
        HandoverService(restarted, env.clock).authorise_code_lookups(env.clerk, env.manager)
        assert HandoverService(restarted, env.clock).start_with_code(env.clerk, GUESSES[0]).state is None
    finally:
        restarted.dispose()


def test_a_lookup_that_finds_an_order_is_not_a_guess(env: Env) -> None:
    env.order()
    for _ in range(MAX_CODE_GUESSES + 1):
        assert env.svc.start_with_code(env.clerk, CODE).state is not None
    assert count(env.db, AuditEntry, AuditEntry.action == "handover.code_lookup_wrong") == 0
