"""Handover verification: start and resume, pickup code, lock after 5 wrong codes, unlock, QR."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from desktop import journal
from desktop.db.engine import Database
from desktop.db.models import (
    AuditEntry,
    Handover,
    ManagerAlert,
    PickupPoint,
    SyncState,
)
from desktop.errors import AccessDenied
from desktop.services.handover import HandoverService
from tests.support.clock import FakeClock
from tests.support.factories import make_order
from tests.unit.handover_env import CODE, WRONG, Env, count, lock, make_env, order_row, outbox, refused


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


# --- start and resume ------------------------------------------------------------------------------


def test_start_only_ready_orders_of_this_point(env: Env) -> None:
    with env.db.write() as s:
        point = s.get(PickupPoint, env.point_id)
        in_transit = make_order(s, point, status="in_transit").number
        foreign = make_order(
            s, s.scalars(select(PickupPoint).where(PickupPoint.code == "0077")).one(), status="ready"
        ).number
    with refused("handover.not_ready", status="in_transit"):
        env.svc.start(env.clerk, in_transit)
    with refused("order.not_found"):
        env.svc.start(env.clerk, foreign)
    with refused("order.not_found"):
        env.svc.start(env.clerk, "999999999")
    with refused("auth.not_logged_in"):
        env.svc.start(None, env.order())
    assert count(env.db, Handover) == 0


def test_start_twice_resumes_the_same_handover(env: Env) -> None:
    number = env.order()
    first = env.svc.start(env.clerk, number)
    second = env.svc.start(env.manager, number)
    assert first.uid == second.uid and second.status == "in_progress"
    assert count(env.db, Handover) == 1
    with env.db.read() as s:
        actions = s.execute(select(AuditEntry.action, AuditEntry.staff_id).order_by(AuditEntry.id)).all()
    assert actions == [("handover.started", env.clerk.staff_id), ("handover.resumed", env.manager.staff_id)]


def test_handover_survives_restart(env: Env) -> None:
    number = env.order(boxes=2)
    uid = env.svc.start(env.clerk, number).uid
    env.svc.verify_code(env.clerk, uid, CODE)
    env.svc.scan_box(env.clerk, uid, env.svc.state(uid).boxes[0].barcode)
    env.db.dispose()

    reopened = Database(env.db.path)  # the app restarts: new engine, new service
    svc = HandoverService(reopened, env.clock)
    [pending] = svc.in_progress()
    assert pending.uid == uid and pending.verified_by == "code"
    assert [b.scanned for b in pending.boxes] == [True, False]
    assert svc.start(env.clerk, number).uid == uid
    svc.scan_box(env.clerk, uid, pending.boxes[1].barcode)
    assert svc.complete(env.clerk, uid).result == "handed_over"
    reopened.dispose()


# --- pickup code, lock and unlock ------------------------------------------------------------------


def test_wrong_code_is_counted_and_committed(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    with refused("handover.wrong_code", attempts_left=4):
        env.svc.verify_code(env.clerk, uid, WRONG)
    assert order_row(env.db, number).code_failed_attempts == 1
    assert count(env.db, AuditEntry, AuditEntry.action == "handover.wrong_code") == 1
    assert env.svc.state(uid).verified_by is None and env.svc.state(uid).attempts_left == 4
    assert outbox(env.db) == []
    with env.db.read() as s:
        assert journal.verify(s).ok
        assert WRONG not in "".join(s.scalars(select(AuditEntry.details)))  # the code is never written down


def test_malformed_code_is_not_counted(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    for bad in ("12345", "abcdef", "", "1234567"):
        with refused("handover.bad_code_format"):
            env.svc.verify_code(env.clerk, uid, bad)
    assert order_row(env.db, number).code_failed_attempts == 0


def test_right_code_verifies_and_resets_the_counter(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    for _ in range(2):
        with refused("handover.wrong_code"):
            env.svc.verify_code(env.clerk, uid, WRONG)
    state = env.svc.verify_code(env.clerk, uid, f" {CODE} ")
    assert state.verified_by == "code" and state.attempts_left == 5
    assert order_row(env.db, number).code_failed_attempts == 0


def test_five_wrong_codes_lock_the_order_and_alert_the_manager(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    for left in (4, 3, 2, 1):
        with refused("handover.wrong_code", attempts_left=left):
            env.svc.verify_code(env.clerk, uid, WRONG)
    with refused("handover.order_locked", order=number, attempts=5):
        env.svc.verify_code(env.clerk, uid, WRONG)
    order = order_row(env.db, number)
    assert order.locked_at == env.clock() and order.code_failed_attempts == 5
    with env.db.read() as s:
        alert = s.scalars(select(ManagerAlert)).one()
    assert alert.kind == "order_locked" and alert.order_id == order.id and alert.resolved_at is None
    assert outbox(env.db) == [("order.locked", {"order": number, "failed_attempts": 5})]
    # A locked order refuses everything, even the right code, a QR token or a new start.
    with refused("handover.order_locked"):
        env.svc.verify_code(env.clerk, uid, CODE)
    with refused("handover.order_locked"):
        env.svc.verify_qr(env.clerk, uid, env.qr(number))
    with refused("handover.order_locked"):
        env.svc.start(env.clerk, number)
    with refused("handover.order_locked"):
        env.svc.complete(env.clerk, uid)
    assert order_row(env.db, number).code_failed_attempts == 5


def test_clerk_cannot_unlock(env: Env) -> None:
    number = env.order()
    lock(env, number)
    with pytest.raises(AccessDenied) as info:
        env.svc.unlock(env.clerk, number)
    assert info.value.code == "auth.forbidden"
    assert order_row(env.db, number).locked_at is not None
    assert [t for t, _ in outbox(env.db)] == ["order.locked"]


def test_manager_unlocks_and_the_handover_continues(env: Env) -> None:
    number = env.order()
    uid = lock(env, number)
    env.svc.unlock(env.manager, number)
    order = order_row(env.db, number)
    assert order.locked_at is None and order.code_failed_attempts == 0
    with env.db.read() as s:
        alert = s.scalars(select(ManagerAlert)).one()
        unlock_entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "order.unlocked")).one()
    assert alert.resolved_by == env.manager.staff_id and alert.resolved_at == env.clock()
    assert unlock_entry.staff_id == env.manager.staff_id and unlock_entry.subject == number
    assert outbox(env.db)[-1] == ("order.unlocked", {"order": number, "by": env.manager.login})
    assert env.svc.verify_code(env.clerk, uid, CODE).verified_by == "code"
    with refused("handover.not_locked"):
        env.svc.unlock(env.manager, number)


# --- QR token ----------------------------------------------------------------------------------------


def test_valid_qr_token_verifies(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    assert env.svc.verify_qr(env.clerk, uid, env.qr(number)).verified_by == "qr"


def test_bad_qr_tokens_are_refused(env: Env) -> None:
    number, other = env.order(), env.order()
    uid = env.svc.start(env.clerk, number).uid
    with refused("qr.bad_signature"):
        env.svc.verify_qr(env.clerk, uid, env.qr(number, key=Ed25519PrivateKey.generate()))
    with refused("qr.expired", order=number):
        env.svc.verify_qr(env.clerk, uid, env.qr(number, hours=-1))
    with refused("qr.other_point", point="0077"):
        env.svc.verify_qr(env.clerk, uid, env.qr(number, point="0077"))
    with refused("handover.qr_other_order", token_order=other, order=number):
        env.svc.verify_qr(env.clerk, uid, env.qr(other))
    with refused("qr.malformed"):
        env.svc.verify_qr(env.clerk, uid, "PD1.garbage")
    assert env.svc.state(uid).verified_by is None
    assert order_row(env.db, number).code_failed_attempts == 0


def test_qr_without_server_key(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    with env.db.write() as s:
        s.delete(s.get(SyncState, "server_public_key"))
    with refused("qr.no_server_key"):
        env.svc.verify_qr(env.clerk, uid, env.qr(number))


def test_one_qr_scan_starts_a_verified_handover(env: Env) -> None:
    number = env.order()
    state = env.svc.start_with_qr(env.clerk, env.qr(number))
    assert state.order_number == number and state.verified_by == "qr" and state.status == "in_progress"
    assert env.svc.start_with_qr(env.clerk, env.qr(number)).uid == state.uid  # a second scan resumes it
    with refused("qr.bad_signature"):
        env.svc.start_with_qr(env.clerk, env.qr(env.order(), key=Ed25519PrivateKey.generate()))
    with env.db.write() as s:
        waiting = make_order(s, s.get(PickupPoint, env.point_id), status="arrived").number
    with refused("handover.not_ready", status="arrived"):
        env.svc.start_with_qr(env.clerk, env.qr(waiting))
    assert count(env.db, Handover) == 1
    assert count(env.db, AuditEntry, AuditEntry.action == "handover.verified") == 1
