"""Manager review of the sync backlog, refused/conflicting events and alerts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db.models import ManagerAlert, OutboxEvent
from desktop.errors import AccessDenied
from desktop.services.base import Role, Service
from desktop.services.review import ReviewService
from protocol.errors import DomainError
from protocol.events import OrderLocked, ShiftOpened
from tests.support.factories import actor_for, make_order, make_point, make_staff


@pytest.fixture
def seeded(db, clock):
    with db.write() as s:
        point = make_point(s)
        clerk = actor_for(make_staff(s, point))
        manager = actor_for(make_staff(s, point, Role.MANAGER))
        order = make_order(s, point, status="ready")
        s.add(ManagerAlert(kind="order_locked", order_id=order.id, message="Заказ заблокирован", created_at=clock()))
    base = Service(db, clock)
    with base.action(clerk) as act:
        act.emit(OrderLocked(order=order.number, failed_attempts=5))
        act.emit(ShiftOpened(shift="s", staff="x"))
    with db.write() as s:
        first, second = s.scalars(select(OutboxEvent).order_by(OutboxEvent.device_seq)).all()
        first.status, first.reason = "conflict", "заказ отменён центром"
        second.status = "applied"
    return ReviewService(db, clock), clerk, manager, order.number


def test_backlog_counts_by_status(seeded):
    review, *_ = seeded
    backlog = review.backlog()
    assert (backlog.pending, backlog.applied, backlog.conflict) == (0, 1, 1)


def test_manager_sees_and_closes_problems(seeded):
    review, _clerk, manager, number = seeded
    problems = review.problems(manager)
    assert {p.kind for p in problems} == {"event", "alert"}
    assert all(p.order == number for p in problems)
    for problem in problems:
        review.mark_reviewed(manager, problem.kind, problem.key)
    assert review.problems(manager) == []
    with pytest.raises(DomainError) as err:
        review.mark_reviewed(manager, problems[0].kind, problems[0].key)
    assert err.value.code.startswith("review.")


def test_clerk_is_refused_inside_the_service(seeded):
    review, clerk, _manager, _ = seeded
    with pytest.raises(AccessDenied):
        review.problems(clerk)
    with pytest.raises(AccessDenied):
        review.mark_reviewed(clerk, "alert", "1")
