"""The manager's sync review, stated as rules: the backlog counts every outbox state and dates the oldest event
still waiting, the problems are the unreviewed rejected or conflicting events and the open alerts (newest first,
each with its order, reason in words and time), closing one is journalled and cannot be done twice, and only a
manager may review."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import AuditEntry, ManagerAlert, OutboxEvent
from desktop.errors import AccessDenied
from desktop.services.base import Actor, Role, Service
from desktop.services.review import Problem, ReviewService, order_of_payload
from desktop.sync.reasons import describe_alert, describe_reason
from desktop.translatable import translate
from protocol.errors import DomainError
from protocol.events import OrderLocked
from tests.support.clock import FakeClock
from tests.support.factories import actor_for, make_order, make_point, make_staff

ACTION = translate("Actions", "разбор конфликтов")
STATUSES = ("pending", "applied", "duplicate", "rejected", "conflict", "pending", "rejected")


@pytest.fixture
def staff(db: Database) -> dict[str, Actor]:
    with db.write() as s:
        point = make_point(s)
        make_order(s, point, number="500000001")
        return {"clerk": actor_for(make_staff(s, point)), "manager": actor_for(make_staff(s, point, Role.MANAGER))}


def _events(db: Database, clock: FakeClock, clerk: Actor, statuses: tuple[str, ...] = STATUSES) -> list[str]:
    """One event a minute per status, in order; returns their ids."""
    ids = []
    for status in statuses:
        with Service(db, clock).action(clerk) as act:
            ids.append(act.emit(OrderLocked(order="500000001", failed_attempts=5)))
        with db.write() as s:
            row = s.scalars(select(OutboxEvent).where(OutboxEvent.event_id == ids[-1])).one()
            row.status, row.reason = status, ("order_cancelled" if status in ("rejected", "conflict") else None)
        clock.advance(minutes=1)
    return ids


def test_the_backlog_counts_each_state_and_dates_the_oldest_waiting_event(db, clock, staff) -> None:
    _events(db, clock, staff["clerk"], ("applied", "pending", "duplicate", "rejected", "conflict", "pending"))
    backlog = ReviewService(db, clock).backlog()
    assert (backlog.pending, backlog.applied, backlog.duplicate, backlog.rejected, backlog.conflict) == (2, 1, 1, 1, 1)
    assert backlog.oldest_pending_at == clock() - timedelta(minutes=5)  # the first pending, not the first event


def test_an_empty_outbox_has_no_backlog(db, clock) -> None:
    backlog = ReviewService(db, clock).backlog()
    assert (backlog.pending, backlog.applied, backlog.duplicate, backlog.rejected, backlog.conflict,
            backlog.oldest_pending_at) == (0, 0, 0, 0, 0, None)


def test_problems_are_unreviewed_refusals_and_open_alerts_newest_first(db, clock, staff) -> None:
    ids = _events(db, clock, staff["clerk"])
    with db.write() as s:
        s.add_all([ManagerAlert(kind="order_locked", message="open", created_at=clock() - timedelta(seconds=90)),
                   ManagerAlert(kind="order_locked", message="done", created_at=clock(), resolved_at=clock())])
    review = ReviewService(db, clock)
    review.mark_reviewed(staff["manager"], "event", ids[3])
    problems = review.problems(staff["manager"])
    (alert,) = [p for p in problems if p.kind == "alert"]
    start = clock() - timedelta(minutes=len(STATUSES))
    assert problems == [
        Problem("event", ids[6], "order.locked", "500000001", describe_reason("order_cancelled"),
                start + timedelta(minutes=6), "rejected"),
        alert,
        Problem("event", ids[4], "order.locked", "500000001", describe_reason("order_cancelled"),
                start + timedelta(minutes=4), "conflict"),
    ]
    assert (alert.what, alert.order, alert.reason, alert.at, alert.outcome) == (
        "order_locked", None, "open", clock() - timedelta(seconds=90), "")
    with db.read() as s:
        assert alert.key == str(s.scalars(select(ManagerAlert.id).where(ManagerAlert.message == "open")).one())


def test_closing_an_event_is_journalled_and_cannot_be_done_twice(db, clock, staff) -> None:
    ids = _events(db, clock, staff["clerk"])
    review, manager = ReviewService(db, clock), staff["manager"]
    review.mark_reviewed(manager, "event", ids[4])
    with db.read() as s:
        assert s.scalars(select(OutboxEvent.reviewed_at).where(OutboxEvent.event_id == ids[4])).one() == clock()
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "review.closed")).one()
    assert (entry.subject, entry.staff_id, entry.details) == (ids[4], manager.staff_id, '{"kind":"event"}')
    for key in (ids[4], ids[1], "no-such-event"):  # reviewed already; applied: nothing to review; unknown
        with pytest.raises(DomainError) as info:
            review.mark_reviewed(manager, "event", key)
        assert (info.value.code, info.value.params) == ("review.event_not_found", {"event": key})


def test_closing_an_alert_names_the_manager_and_cannot_be_done_twice(db, clock, staff) -> None:
    with db.write() as s:
        alert = ManagerAlert(kind="order_locked", message="open", created_at=clock())
        s.add(alert)
        s.flush()
        key = str(alert.id)
    review, manager = ReviewService(db, clock), staff["manager"]
    review.mark_reviewed(manager, "alert", key)
    with db.read() as s:
        closed = s.get(ManagerAlert, int(key))
        assert closed is not None and (closed.resolved_at, closed.resolved_by) == (clock(), manager.staff_id)
    for bad in (key, "999", "x1"):
        with pytest.raises(DomainError) as info:
            review.mark_reviewed(manager, "alert", bad)
        assert (info.value.code, info.value.params) == ("review.alert_not_found", {"alert": bad})


@pytest.mark.parametrize("call", ["problems", "mark_reviewed"])
def test_a_clerks_refusal_names_the_review_and_the_manager_role(db, clock, staff, call, tagging_translator) -> None:
    review = ReviewService(db, clock)
    with pytest.raises(AccessDenied) as info:
        if call == "problems":
            review.problems(staff["clerk"])
        else:
            review.mark_reviewed(staff["clerk"], "alert", "1")
    assert info.value.params == {"action": f"[Actions] {ACTION}", "required": "manager"}


@pytest.mark.parametrize(
    ("payload", "order"),
    [('{"order":"500000001"}', "500000001"), ('{"order":500000001}', "500000001"), ('{"order":""}', None),
     ('{"shift":"s1"}', None), ("[1]", None), ("not json", None)],
)
def test_the_order_an_event_names(payload: str, order: str | None) -> None:
    assert order_of_payload(payload) == order


def test_an_alert_raised_by_the_sync_is_told_in_words_from_its_details(db, clock, staff) -> None:
    details = {"type": "order.locked", "status": "conflict", "reason": "order_cancelled"}
    with db.write() as s:
        s.add(ManagerAlert(kind="conflict", message="as stored", details=details, created_at=clock()))
    (alert,) = ReviewService(db, clock).problems(staff["manager"])
    assert alert.reason == describe_alert("conflict", "as stored", details) != "as stored"
