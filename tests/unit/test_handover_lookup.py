"""One call per clerk action: a typed pickup code or phone + name finds the order and starts its handover."""

from __future__ import annotations

import pytest

from desktop.db.engine import Database
from desktop.db.models import AuditEntry, Handover, PickupPoint
from desktop.services.handover import HandoverService
from tests.support.clock import FakeClock
from tests.support.factories import make_customer, make_order
from tests.unit.handover_env import CODE, WRONG, Env, count, make_env, order_row, refused


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


def _order(
    env: Env, *, status: str = "ready", code: str | None = CODE, name: str = "Петров Пётр", phone: str = "+79160001234"
) -> str:
    with env.db.write() as s:
        customer = make_customer(s, name=name, phone=phone)
        return make_order(s, s.get(PickupPoint, env.point_id), customer, status=status, code=code).number


def test_a_code_of_one_order_starts_its_handover_verified(env: Env) -> None:
    number = _order(env)
    found = env.svc.start_with_code(env.clerk, f" {CODE} ")
    assert found.candidates == ()
    assert found.state is not None and found.state.order_number == number and found.state.verified_by == "code"
    again = env.svc.start_with_code(env.clerk, CODE)  # the same code again resumes, verified once
    assert again.state is not None and again.state.uid == found.state.uid
    assert count(env.db, Handover) == 1
    assert count(env.db, AuditEntry, AuditEntry.action == "handover.verified") == 1


def test_a_code_of_no_order_finds_nothing_and_is_counted_for_the_pc_only(env: Env) -> None:
    number = _order(env)
    found = env.svc.start_with_code(env.clerk, WRONG)
    assert found.state is None and found.candidates == ()
    assert count(env.db, Handover) == 0 and order_row(env.db, number).code_failed_attempts == 0
    wrong = AuditEntry.action == "handover.code_lookup_wrong"
    assert count(env.db, AuditEntry) == count(env.db, AuditEntry, wrong) == 1
    with refused("orders.bad_pickup_code"):
        env.svc.start_with_code(env.clerk, "12ab")
    with refused("auth.not_logged_in"):
        env.svc.start_with_code(None, CODE)


def test_a_shared_code_starts_the_only_ready_order(env: Env) -> None:
    _order(env, status="handed_over")
    ready = _order(env)
    found = env.svc.start_with_code(env.clerk, CODE)
    assert found.state is not None and found.state.order_number == ready and found.state.verified_by == "code"


def test_a_code_of_several_ready_orders_asks_for_the_number(env: Env) -> None:
    first, second = _order(env), _order(env)
    found = env.svc.start_with_code(env.clerk, CODE)
    assert found.state is None and {o.number for o in found.candidates} == {first, second}
    assert count(env.db, Handover) == 0


def test_a_code_of_one_order_not_ready_is_refused_naming_the_order(env: Env) -> None:
    number = _order(env, status="arrived")
    with refused("handover.not_ready", status="arrived", order=number):
        env.svc.start_with_code(env.clerk, CODE)


def test_phone_and_name_start_the_only_ready_order_unverified(env: Env) -> None:
    number = _order(env)
    _order(env, status="handed_over")
    found = env.svc.find_by_phone(env.clerk, "1234", "петров")
    assert found.state is not None and found.state.order_number == number and found.state.verified_by is None
    assert count(env.db, AuditEntry, AuditEntry.action == "handover.started") == 1


def test_phone_and_name_with_no_single_ready_order_list_what_was_found(env: Env) -> None:
    first, second = _order(env), _order(env)
    both = env.svc.find_by_phone(env.clerk, "1234", "Петров")
    assert both.state is None and {o.number for o in both.candidates} == {first, second}
    none = env.svc.find_by_phone(env.clerk, "1234", "Сидоров")
    assert none.state is None and none.candidates == ()
    assert count(env.db, Handover) == 0
    with refused("orders.bad_phone_last4"):
        env.svc.find_by_phone(env.clerk, "12", "Петров")


def test_the_result_carries_what_the_receipt_needs(env: Env, clock: FakeClock) -> None:
    number = _order(env)
    state = env.svc.start_with_code(env.clerk, CODE).state
    assert state is not None
    for box in state.boxes:
        env.svc.scan_box(env.clerk, state.uid, box.barcode)
    result = env.svc.complete(env.clerk, state.uid)
    assert result.before is not None and result.before.order_number == number
    assert [x.name for x in result.before.lines] == [x.name for x in state.lines]
    assert result.completed_at == clock.now
    assert result.point is not None and result.point.code == "0042" and result.point.address


def test_a_handover_started_by_code_is_resumed_after_a_restart_without_a_second_verification(env: Env) -> None:
    number = _order(env)
    first = env.svc.start_with_code(env.clerk, CODE).state
    restarted = HandoverService(env.db, env.clock)  # the app started again on the same cache
    again = restarted.start_with_code(env.clerk, CODE).state
    assert first is not None and again is not None and again.uid == first.uid and again.order_number == number
    assert restarted.in_progress(env.clerk.staff_id)[0].verified_by == "code"
    assert count(env.db, AuditEntry, AuditEntry.action == "handover.resumed") == 1


def test_a_code_shared_with_an_order_still_on_its_way_starts_the_ready_one(env: Env) -> None:
    _order(env, status="arrived")  # current, so its hash is checked too, but not ready
    ready = _order(env)
    found = env.svc.start_with_code(env.clerk, CODE)
    assert found.state is not None and found.state.order_number == ready and found.candidates == ()
