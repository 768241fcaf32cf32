"""The expiring list, stated as rules: by default it is today's, it holds only this point's ready orders, orders
with the same deadline come by number, and each line names the customer, the deadline and whether it was already
extended (a second extension is refused)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import AuditEntry, Order, PickupPoint
from desktop.errors import AccessDenied
from desktop.services.base import Actor, Role
from desktop.services.returns import ReturnsService
from desktop.services.returns.service import EXTEND_STORAGE
from desktop.translatable import translate
from protocol.errors import DomainError
from protocol.order_states import OrderStatus
from tests.support.clock import FakeClock
from tests.support.factories import T0, actor_for, make_customer, make_order, make_point, make_staff

DEADLINE = T0 + timedelta(hours=5)  # later today at the point


@pytest.fixture
def manager(db: Database) -> Actor:
    with db.write() as s:
        here, other = make_point(s), make_point(s, code="0077", local=False)
        for point, number in ((here, "500000003"), (here, "500000001"), (other, "500000002")):
            order = make_order(s, point, make_customer(s, f"Клиент {number}"), status="ready", number=number)
            s.get(Order, order.id).storage_until = DEADLINE
        return actor_for(make_staff(s, here, Role.MANAGER))


def test_todays_list_holds_this_points_orders_by_deadline_then_number(db, clock: FakeClock, manager) -> None:
    returns = ReturnsService(db, clock)
    listed = returns.expiring()
    assert [(o.order_number, o.customer_name, o.storage_until, o.extended) for o in listed] == [
        ("500000001", "Клиент 500000001", DEADLINE, False), ("500000003", "Клиент 500000003", DEADLINE, False)]
    assert listed == returns.expiring("today")


def test_an_extended_order_is_marked_on_the_list(db, clock: FakeClock, manager) -> None:
    returns = ReturnsService(db, clock)
    until = returns.extend(manager, "500000001", 1).storage_until
    clock.advance(days=1)
    (line,) = returns.expiring("today")
    assert (line.order_number, line.storage_until, line.extended) == ("500000001", until, True)


def _refusal(returns: ReturnsService, manager: Actor, number: str) -> DomainError:
    with pytest.raises(DomainError) as info:
        returns.extend(manager, number, 2)
    return info.value


def test_a_refused_extension_names_the_order_and_why(db, clock: FakeClock, manager) -> None:
    returns = ReturnsService(db, clock)
    returns.extend(manager, "500000001", 1)
    assert _refusal(returns, manager, "500000001").params == {"order": "500000001", "days": 1}
    with db.write() as s:
        order = s.scalars(select(Order).where(Order.number == "500000003")).one()
        order.boxes[0].status = "returned"
        point = s.scalars(select(PickupPoint).where(PickupPoint.is_local.is_(True))).one()
        make_order(s, point, status="arrived", number="500000004")
    assert _refusal(returns, manager, "500000003").params == {"order": "500000003"}
    assert _refusal(returns, manager, "500000004").params == {"order": "500000004", "status": OrderStatus.ARRIVED}


@pytest.mark.parametrize(("ready_at", "expected_days"), [(T0, 3 + 2), (None, 3 + 2)])
def test_without_a_deadline_the_points_own_storage_days_count(db, clock, manager, ready_at, expected_days) -> None:
    with db.write() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.is_local.is_(True))).one()
        point.storage_days = 3
        order = s.scalars(select(Order).where(Order.number == "500000001")).one()
        order.storage_until, order.ready_at = None, ready_at
    clock.advance(hours=1)
    start = ready_at or clock()
    until = ReturnsService(db, clock).extend(manager, "500000001", 2).storage_until
    assert until == start + timedelta(days=expected_days)


def test_an_extension_is_journalled_by_the_manager_and_answered_with_the_order(db, clock, manager) -> None:
    result = ReturnsService(db, clock).extend(manager, " 500000001 ", 2)
    assert (result.order_number, result.days, result.storage_until) == ("500000001", 2, DEADLINE + timedelta(days=2))
    with db.read() as s:
        entry = s.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.subject, entry.staff_id) == ("storage.extended", "500000001", manager.staff_id)
    assert json.loads(entry.details) == {"days": 2, "until": (DEADLINE + timedelta(days=2)).isoformat()}


def test_a_clerks_refused_extension_names_the_action_and_the_manager_role(db, clock, manager) -> None:
    clerk = Actor(manager.staff_id, manager.login, manager.full_name, Role.CLERK, manager.point_id)
    with pytest.raises(AccessDenied) as info:
        ReturnsService(db, clock).extend(clerk, "500000001", 2)
    assert info.value.params == {"action": translate("Actions", EXTEND_STORAGE), "required": "manager"}


@pytest.mark.parametrize(("number", "days", "code", "params"), [
    ("500000001", 8, "storage.bad_extension_days", {"days": 8, "max": 7}),
    ("599999999", 2, "order.not_found", {"order": "599999999"}),
])
def test_a_refusal_names_what_was_asked(db, clock, manager, number, days, code, params) -> None:
    with pytest.raises(DomainError) as info:
        ReturnsService(db, clock).extend(manager, number, days)
    assert (info.value.code, info.value.params) == (code, params)
