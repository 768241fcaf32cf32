"""Handover verification: who may act, what the journal records, and what a manager's unlock resolves.

Every verification step is a clerk's act journalled under the clerk's name (DESIGN: the audit journal names
the staff member of every action); without a login nothing happens. Unlocking an order is a manager's act that
closes that order's open lock alert only — other orders' alerts, other kinds of alert and alerts already
resolved keep what they say.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import ManagerAlert, Order, PickupPoint
from desktop.services.handover import HandoverService
from desktop.services.handover.verification import UNLOCK
from desktop.translatable import translate
from tests.support.clock import FakeClock
from tests.support.factories import make_customer, make_order
from tests.unit.handover_env import CODE, Env, entries, lock, make_env, order_row, refused


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


def alerts(db: Database) -> list[tuple[str, int | None, Any, int | None]]:
    with db.read() as s:
        return [(a.kind, a.order_id, a.resolved_at, a.resolved_by)
                for a in s.scalars(select(ManagerAlert).order_by(ManagerAlert.id))]


def test_without_a_login_no_verification_step_runs(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    steps = [
        lambda: env.svc.start(None, number),
        lambda: env.svc.verify_code(None, uid, CODE),
        lambda: env.svc.verify_qr(None, uid, env.qr(number)),
        lambda: env.svc.start_with_qr(None, env.qr(number)),
        lambda: env.svc.start_with_code(None, CODE),
        lambda: env.svc.find_by_phone(None, "1234", "Петров"),
        lambda: env.svc.authorise_code_lookups(None, env.manager),
        lambda: env.svc.unlock(None, number),
    ]
    for step in steps:
        with refused("auth.not_logged_in"):
            step()
    assert env.svc.state(uid).verified_by is None


def test_a_qr_verification_is_journalled_under_the_clerks_name(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    env.svc.verify_qr(env.clerk, uid, env.qr(number))
    other = env.order()
    state = env.svc.start_with_qr(env.clerk, env.qr(other))
    assert entries(env.db, "handover.verified") == [
        (env.clerk.staff_id, number, {"handover": uid, "by": "qr"}),
        (env.clerk.staff_id, other, {"handover": state.uid, "by": "qr"}),
    ]


def test_a_code_typed_alone_is_journalled_under_the_clerks_name(env: Env) -> None:
    number = env.order()
    found = HandoverService(env.db, env.clock).start_with_code(env.clerk, CODE)
    assert found.state is not None and found.state.verified_by == "code"
    assert entries(env.db, "handover.started") == [(env.clerk.staff_id, number, {"handover": found.state.uid})]
    assert entries(env.db, "handover.verified") == [
        (env.clerk.staff_id, number, {"handover": found.state.uid, "by": "code"})]


def test_a_find_by_phone_is_journalled_under_the_clerks_name(env: Env) -> None:
    with env.db.write() as s:
        customer = make_customer(s, name="Петров Пётр", phone="+79160001234")
        number = make_order(s, s.get(PickupPoint, env.point_id), customer, status="ready", code=CODE).number
    found = env.svc.find_by_phone(env.clerk, "1234", "Петров")
    assert found.state is not None
    assert entries(env.db, "handover.started") == [(env.clerk.staff_id, number, {"handover": found.state.uid})]


def test_only_a_manager_unlocks_and_the_refusal_names_the_action(env: Env) -> None:
    number = env.order()
    lock(env, number)
    with refused("auth.forbidden", action=translate("Actions", UNLOCK), required="manager"):
        env.svc.unlock(env.clerk, number)
    other = env.order()
    with refused("handover.not_locked", order=other):
        env.svc.unlock(env.manager, other)


def test_unlocking_closes_only_this_orders_open_lock_alert(env: Env) -> None:
    first, second = env.order(), env.order()
    lock(env, first)
    env.svc.unlock(env.manager, first)  # an earlier lock, resolved then
    earlier = env.clock()
    env.clock.advance(hours=1)
    lock(env, first)
    lock(env, second)
    first_id, second_id = order_row(env.db, first).id, order_row(env.db, second).id
    with env.db.write() as s:  # another kind of alert about the same order stays the manager's to handle
        s.add(ManagerAlert(kind="conflict", order_id=first_id, message="-", created_at=env.clock()))
    env.clock.advance(minutes=5)
    env.svc.unlock(env.manager, first)
    manager = env.manager.staff_id
    assert alerts(env.db) == [
        ("order_locked", first_id, earlier, manager),  # the earlier resolution is kept as it was
        ("order_locked", first_id, env.clock(), manager),
        ("order_locked", second_id, None, None),  # the other order is still locked
        ("conflict", first_id, None, None),
    ]
    assert order_row(env.db, second).locked_at is not None


def test_an_order_locked_long_ago_still_needs_the_manager(env: Env) -> None:
    number = env.order()
    uid = lock(env, number)
    env.clock.advance(days=2)
    with refused("handover.order_locked", order=number, attempts=5):
        env.svc.verify_code(env.clerk, uid, CODE)
    with env.db.read() as s:
        assert s.scalars(select(Order.locked_at).where(Order.number == number)).one() == env.clock() - timedelta(days=2)


def test_a_code_typed_again_after_verification_changes_nothing(env: Env) -> None:
    number = env.order()
    uid = env.begin(number, scan=False)
    state = env.svc.verify_code(env.clerk, uid, "000000")  # even a wrong one: the customer is verified already
    assert (state.uid, state.verified_by, state.attempts_left) == (uid, "code", 5)
    assert order_row(env.db, number).code_failed_attempts == 0
    assert entries(env.db, "handover.wrong_code") == []


def test_an_order_whose_code_has_not_arrived_yet_is_named_and_no_attempt_is_counted(env: Env) -> None:
    number = env.order(code=None)
    uid = env.svc.start(env.clerk, number).uid
    with refused("handover.no_code", order=number):
        env.svc.verify_code(env.clerk, uid, CODE)
    assert order_row(env.db, number).code_failed_attempts == 0
    assert env.svc.verify_qr(env.clerk, uid, env.qr(number)).verified_by == "qr"  # the QR still works


def test_an_order_number_typed_with_spaces_starts_its_handover(env: Env) -> None:
    number = env.order()
    assert env.svc.start(env.clerk, f"  {number} ").order_number == number
    with refused("handover.not_locked", order=number):
        env.svc.unlock(env.manager, f" {number}  ")
