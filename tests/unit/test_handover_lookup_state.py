"""What the handover screen is told (HandoverState) and what a wrong code leaves in the journal, alert and outbox.

DESIGN: the clerk sees the customer's name and a masked phone, the boxes with their cells, the attempts left
(never below zero) and whether the order is locked; five wrong codes lock the order, alert the manager (naming
the handover, the clerk and the count) and tell the server (order.locked). The code itself is never written down.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import Handover, ManagerAlert, Order, PickupPoint
from desktop.services.handover import MAX_CODE_ATTEMPTS, HandoverService
from tests.support.clock import FakeClock
from tests.support.factories import make_cell, make_customer, make_order
from tests.unit.handover_env import CODE, WRONG, Env, entries, lock, make_env, order_row, outbox, refused


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


def test_wrong_codes_are_journalled_with_their_count_and_the_lock_with_the_limit(env: Env) -> None:
    number = env.order()
    uid = lock(env, number)
    clerk = env.clerk.staff_id
    assert entries(env.db, "handover.wrong_code") == [
        (clerk, number, {"handover": uid, "attempts": n}) for n in range(1, MAX_CODE_ATTEMPTS + 1)]
    assert entries(env.db, "order.locked") == [(clerk, number, {"attempts": 5})]
    with env.db.read() as s:
        alert = s.scalars(select(ManagerAlert)).one()
    assert alert.created_at == env.clock()
    assert alert.details == {"handover": uid, "staff": env.clerk.login, "attempts": 5}
    assert number in alert.message and "5" in alert.message


def test_the_attempts_left_count_down_to_zero_and_the_state_says_locked(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    assert (env.svc.state(uid).attempts_left, env.svc.state(uid).locked) == (5, False)
    for left in (4, 3, 2, 1):
        with refused("handover.wrong_code", order=number, attempts_left=left):
            env.svc.verify_code(env.clerk, uid, WRONG)
        assert env.svc.state(uid).attempts_left == left
    with refused("handover.order_locked"):
        env.svc.verify_code(env.clerk, uid, WRONG)
    state = env.svc.state(uid)
    assert (state.attempts_left, state.locked) == (0, True)
    with env.db.write() as s:  # a count past the limit (another PC's attempts arriving later) shows 0, not less
        s.scalars(select(Order).where(Order.number == number)).one().code_failed_attempts = 7
    assert env.svc.state(uid).attempts_left == 0


def test_the_state_shows_the_customer_the_masked_phone_and_each_boxs_cell(env: Env) -> None:
    with env.db.write() as s:
        point = s.get(PickupPoint, env.point_id)
        customer = make_customer(s, name="Ivanova Anna", phone="+79161234567")
        order = make_order(s, point, customer, status="ready", code=CODE, boxes=2, kind="legal_entity")
        order.legal_entity_name = "Romashka LLC"
        cell = make_cell(s, point)
        order.boxes[0].cell_id, label = cell.id, cell.label
        number = order.number
    state = env.svc.start(env.clerk, number)
    assert (state.order_number, state.customer_name, state.legal_entity_name) == (number, "Ivanova Anna",
                                                                                  "Romashka LLC")
    assert state.masked_phone.endswith("45 67") and "916" not in state.masked_phone  # the last 4 digits only
    assert [(b.seq_no, b.cell_label, b.scanned) for b in state.boxes] == [(1, label, False), (2, None, False)]
    assert (state.kind, state.prepaid, state.status, state.needs_power_of_attorney) == (
        "legal_entity", True, "in_progress", True)


def test_a_new_handover_belongs_to_the_clerk_who_started_it_at_that_time(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    with env.db.read() as s:
        handover = s.scalars(select(Handover).where(Handover.uid == uid)).one()
        assert (handover.staff_id, handover.started_at, handover.scanned_boxes) == (env.clerk.staff_id, env.clock(), [])
    assert [h.uid for h in HandoverService(env.db, env.clock).in_progress(env.clerk.staff_id)] == [uid]
    assert HandoverService(env.db, env.clock).in_progress(env.manager.staff_id) == []
    assert entries(env.db, "handover.started") == [(env.clerk.staff_id, number, {"handover": uid})]


def test_a_closed_handover_and_an_unknown_one_are_named(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    env.svc.abort(env.clerk, uid)
    with refused("handover.not_in_progress", order=number, status="aborted"):
        env.svc.verify_code(env.clerk, uid, CODE)
    with refused("handover.not_found", uid="no-such-uid"):
        env.svc.state("no-such-uid")


def test_a_verification_is_journalled_and_resets_the_wrong_code_count(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    with refused("handover.wrong_code"):
        env.svc.verify_code(env.clerk, uid, WRONG)
    env.svc.verify_code(env.clerk, uid, CODE)
    assert order_row(env.db, number).code_failed_attempts == 0
    assert entries(env.db, "handover.verified") == [(env.clerk.staff_id, number, {"handover": uid, "by": "code"})]
    assert outbox(env.db) == []


def test_each_line_shows_what_the_receipt_and_the_clerk_need(env: Env) -> None:
    number = env.order(lines=[("Phone", 1, 1_000_000), ("Case", 2, 50_000)], prepaid=False)
    with env.db.write() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        order.lines[0].serial = "SN-42"
        ids, skus = [x.id for x in order.lines], [x.sku for x in order.lines]
    uid = env.begin(number)
    env.svc.refuse_line(env.clerk, uid, ids[1], 1, "defect")
    lines = env.svc.state(uid).lines
    assert [(x.id, x.sku, x.name, x.quantity, x.price_kopecks, x.serial, x.refused_quantity, x.refusal_reason)
            for x in lines] == [(ids[0], skus[0], "Phone", 1, 1_000_000, "SN-42", 0, None),
                                (ids[1], skus[1], "Case", 2, 50_000, None, 1, "defect")]
    assert env.svc.state(uid).due_kopecks == 1_050_000


def test_unfinished_handovers_come_back_in_the_order_they_were_started(env: Env) -> None:
    """After a restart the clerk resumes them oldest first, whatever the orders' own order."""
    first_order, second_order = env.order(), env.order()
    started_first = env.svc.start(env.clerk, second_order).uid
    started_next = env.svc.start(env.clerk, first_order).uid
    assert [h.uid for h in env.svc.in_progress(env.clerk.staff_id)] == [started_first, started_next]
    assert [h.uid for h in env.svc.in_progress()] == [started_first, started_next]
