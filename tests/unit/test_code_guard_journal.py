"""Guessing pickup codes: what the journal and the manager's alert say, the window's edge, and what restarts the count.

The guard's count lives in the journal (desktop/services/handover/code_guard.py): each wrong code-only lookup
is journalled with its running number, the lock and every refusal with the limit, a manager's authorisation
(or a refused badge) with who authorised whom. After an authorisation the count starts again from zero.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import AuditEntry, ManagerAlert
from desktop.services.handover import code_guard
from desktop.services.handover.code_guard import GUESS_WINDOW, MAX_CODE_GUESSES
from desktop.translatable import translate
from tests.support.clock import FakeClock
from tests.unit.handover_env import CODE, Env, make_env, refused

GUESSES = ["111111", "222222", "333333", "444444", "555555"]


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


def guard_entries(db: Database) -> list[tuple[str, int | None, dict[str, Any]]]:
    """The guard's journal entries: (action, staff id, details), oldest first."""
    with db.read() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.subject == "code-lookup").order_by(AuditEntry.id))
        return [(e.action, e.staff_id, json.loads(e.details)) for e in rows]


def guess(env: Env, times: int) -> None:
    for code in GUESSES[:times]:
        assert env.svc.start_with_code(env.clerk, code).state is None


def test_each_wrong_guess_is_journalled_with_its_number_and_the_lock_with_the_limit(env: Env) -> None:
    env.order()
    guess(env, MAX_CODE_GUESSES)
    with refused("handover.code_guesses_locked"):
        env.svc.start_with_code(env.clerk, CODE)
    clerk = env.clerk.staff_id
    assert guard_entries(env.db) == [
        ("handover.code_lookup_wrong", clerk, {"attempts": 1}),
        ("handover.code_lookup_wrong", clerk, {"attempts": 2}),
        ("handover.code_lookup_wrong", clerk, {"attempts": 3}),
        ("handover.code_lookup_locked", clerk, {"attempts": 3}),
        ("handover.code_lookup_refused", clerk, {"attempts": 3}),
    ]


def test_the_managers_alert_names_the_clerk_the_count_and_the_window(env: Env) -> None:
    guess(env, MAX_CODE_GUESSES)
    with env.db.read() as s:
        alert = s.scalars(select(ManagerAlert)).one()
    assert (alert.kind, alert.order_id) == ("code_guesses", None)  # a PC's alert, no order's
    assert alert.details == {"attempts": 3, "minutes": 10, "staff": env.clerk.login}
    assert env.clerk.login in alert.message and "3" in alert.message and "10" in alert.message


def test_who_authorised_and_who_was_refused_are_journalled(env: Env) -> None:
    guess(env, MAX_CODE_GUESSES)
    with refused("auth.forbidden", action=translate("Actions", code_guard.AUTHORISE), required="manager"):
        env.svc.authorise_code_lookups(env.clerk, env.clerk)
    env.svc.authorise_code_lookups(env.clerk, env.manager)
    entries = guard_entries(env.db)[-2:]
    assert entries == [
        ("handover.code_lookup_not_authorised", env.clerk.staff_id,
         {"staff": env.clerk.login, "clerk": env.clerk.login}),
        ("handover.code_lookup_authorised", env.manager.staff_id,
         {"manager": env.manager.login, "clerk": env.clerk.login}),
    ]


def test_after_the_managers_authorisation_the_count_starts_again(env: Env) -> None:
    number = env.order()
    guess(env, MAX_CODE_GUESSES)
    env.svc.authorise_code_lookups(env.clerk, env.manager)
    guess(env, MAX_CODE_GUESSES - 1)  # the guesses before the authorisation no longer count
    found = env.svc.start_with_code(env.clerk, CODE)
    assert found.state is not None and found.state.order_number == number
    env.svc.abort(env.clerk, found.state.uid)
    assert [d["attempts"] for a, _, d in guard_entries(env.db) if a == "handover.code_lookup_wrong"] == [1, 2, 3, 1, 2]
    guess(env, 1)  # the third since the authorisation locks again
    with refused("handover.code_guesses_locked"):
        env.svc.start_with_code(env.clerk, CODE)


def test_a_refused_badge_is_not_a_guess(env: Env) -> None:
    env.order()
    guess(env, 1)
    with refused("auth.forbidden"):
        env.svc.authorise_code_lookups(env.clerk, env.clerk)  # pressed while not even locked
    guess(env, 1)
    assert env.svc.start_with_code(env.clerk, CODE).state is not None  # two guesses: still open


def test_a_guess_exactly_one_window_old_still_counts(env: Env) -> None:
    guess(env, 1)
    env.clock.advance(seconds=GUESS_WINDOW.total_seconds())
    guess(env, 2)  # the first is exactly GUESS_WINDOW old: three in the window
    with refused("handover.code_guesses_locked"):
        env.svc.start_with_code(env.clerk, CODE)
