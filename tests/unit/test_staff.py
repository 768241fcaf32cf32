"""Staff sign-in (argon2, lock-out after 5 failures, no user enumeration), PIN administration and shifts."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from desktop import journal
from desktop.db.models import (
    AuditEntry,
    ClubCard,
    Handover,
    OutboxEvent,
    Payment,
    ReceivingScan,
    ReceivingSession,
    ReturnItem,
    ReturnSession,
    SessionStatus,
    Shift,
    Staff,
)
from desktop.db.pepper import open_secret_hash, pepper_for_session
from desktop.services.base import Role
from desktop.services.staff import LOCK_MINUTES, StaffService
from protocol.errors import DomainError
from tests.support.factories import FAST_HASHER, actor_for, make_order, make_point, make_staff


@pytest.fixture
def team(db):
    with db.write() as s:
        point = make_point(s)
        clerk = make_staff(s, point, Role.CLERK, pin="1234", login="clerk", badge_code="ST000001")
        manager = make_staff(s, point, Role.MANAGER, pin="5678", login="manager", badge_code="ST000002")
        admin = make_staff(s, point, Role.ADMIN, pin="9999", login="admin", badge_code="ST000003")
    return {"point": point, "clerk": clerk, "manager": manager, "admin": admin}


@pytest.fixture
def service(db, clock):
    return StaffService(db, clock, hasher=FAST_HASHER)


def _staff(db, login):
    with db.read() as s:
        return s.scalars(select(Staff).where(Staff.login == login)).one()


def _journal(db):
    with db.read() as s:
        return s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()


def _outbox(db):
    with db.read() as s:
        return s.scalars(select(OutboxEvent).order_by(OutboxEvent.device_seq)).all()


# --- sign-in -----------------------------------------------------------------------------------------


def test_badge_login_returns_actor_and_journals_it(db, service, team):
    actor = service.login_badge(" ST000001 ", "1234")
    assert (actor.login, actor.role, actor.staff_id, actor.shift_id) == ("clerk", Role.CLERK, team["clerk"].id, None)
    entry = _journal(db)[-1]
    assert (entry.action, entry.staff_id) == ("auth.login", team["clerk"].id)
    assert "1234" not in entry.details


def test_password_login_uses_the_password_not_the_pin(service, team):
    assert service.login_password("manager", "secret-5678").role is Role.MANAGER
    with pytest.raises(DomainError) as err:
        service.login_password("manager", "5678")
    assert err.value.code == "auth.wrong_credentials"


def test_wrong_pin_is_refused_and_the_failure_is_committed(db, service, team):
    with pytest.raises(DomainError) as err:
        service.login_badge("ST000001", "0000")
    assert err.value.code == "auth.wrong_credentials"
    assert _staff(db, "clerk").failed_attempts == 1
    entry = _journal(db)[-1]
    assert (entry.action, entry.staff_id) == ("auth.login_failed", team["clerk"].id)
    assert journal_ok(db)


def journal_ok(db):
    with db.read() as s:
        return journal.verify(s).ok


def test_unknown_badge_gets_the_same_error_and_is_audited(db, service, team):
    with pytest.raises(DomainError) as wrong_pin:
        service.login_badge("ST000001", "0000")
    with pytest.raises(DomainError) as unknown:
        service.login_badge("ST999999", "0000")
    with pytest.raises(DomainError) as unknown_login:
        service.login_password("nobody", "whatever")
    assert unknown.value.code == wrong_pin.value.code == unknown_login.value.code == "auth.wrong_credentials"
    assert unknown.value.params == wrong_pin.value.params == unknown_login.value.params == {}
    assert str(unknown.value) == str(wrong_pin.value)
    failed = [e for e in _journal(db) if e.action == "auth.login_failed" and e.staff_id is None]
    assert len(failed) == 2
    assert "ST999999" not in failed[0].subject  # identifiers are masked in the journal
    assert json.loads(failed[0].details)["reason"] == "unknown"


@pytest.mark.parametrize("badge,pin", [("", "1234"), ("ST000001", ""), ("   ", "   ")])
def test_empty_credentials_are_refused(service, team, badge, pin):
    with pytest.raises(DomainError) as err:
        service.login_badge(badge, pin)
    assert err.value.code == "auth.empty_credentials"


def test_five_wrong_pins_lock_the_account_for_15_minutes(db, service, team, clock):
    for _ in range(4):
        with pytest.raises(DomainError) as err:
            service.login_badge("ST000001", "0000")
        assert err.value.code == "auth.wrong_credentials"
    with pytest.raises(DomainError) as err:
        service.login_badge("ST000001", "0000")
    assert err.value.code == "auth.locked"
    staff = _staff(db, "clerk")
    assert staff.locked_until == clock.now + timedelta(minutes=LOCK_MINUTES)
    # Even the right PIN is refused while locked, and the refusal changes nothing.
    clock.advance(minutes=14, seconds=59)
    with pytest.raises(DomainError) as err:
        service.login_badge("ST000001", "1234")
    assert err.value.code == "auth.locked"
    assert _staff(db, "clerk").locked_until == staff.locked_until
    clock.advance(seconds=1)
    assert service.login_badge("ST000001", "1234").login == "clerk"
    after = _staff(db, "clerk")
    assert (after.failed_attempts, after.locked_until) == (0, None)
    assert any(e.action == "auth.locked" for e in _journal(db))


def test_lock_counts_pins_and_passwords_together_and_other_staff_are_unaffected(db, service, team):
    for _ in range(3):
        with pytest.raises(DomainError):
            service.login_badge("ST000001", "0000")
    for _ in range(2):
        with pytest.raises(DomainError):
            service.login_password("clerk", "nope")
    assert _staff(db, "clerk").locked_until is not None
    assert service.login_badge("ST000002", "5678").login == "manager"


def test_a_success_resets_the_failure_count(db, service, team):
    for _ in range(4):
        with pytest.raises(DomainError):
            service.login_badge("ST000001", "0000")
    service.login_badge("ST000001", "1234")
    for _ in range(4):
        with pytest.raises(DomainError) as err:
            service.login_badge("ST000001", "0000")
        assert err.value.code == "auth.wrong_credentials"
    assert _staff(db, "clerk").locked_until is None


def test_inactive_staff_are_refused(db, service, team):
    with db.write() as s:
        s.get(Staff, team["clerk"].id).active = False
    with pytest.raises(DomainError) as err:
        service.login_badge("ST000001", "1234")
    assert err.value.code == "auth.inactive"
    with pytest.raises(DomainError) as err:
        service.login_badge("ST000001", "0000")
    assert err.value.code == "auth.wrong_credentials"


def test_staff_without_a_pin_cannot_sign_in_by_badge(db, service, team):
    with db.write() as s:
        s.get(Staff, team["clerk"].id).pin_hash = None
    with pytest.raises(DomainError) as err:
        service.login_badge("ST000001", "1234")
    assert err.value.code == "auth.wrong_credentials"


def test_garbage_hash_is_a_failed_login_not_a_crash(db, service, team):
    with db.write() as s:
        s.get(Staff, team["clerk"].id).pin_hash = "not-an-argon2-hash"
    with pytest.raises(DomainError) as err:
        service.login_badge("ST000001", "1234")
    assert err.value.code == "auth.wrong_credentials"


def test_outdated_hash_is_rehashed_on_login(db, clock, team):
    stronger = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
    old_hash = _staff(db, "clerk").pin_hash
    StaffService(db, clock, hasher=stronger).login_badge("ST000001", "1234")
    sealed = _staff(db, "clerk").pin_hash
    assert sealed.startswith("p1:")  # kept sealed under this PC's pepper
    with db.read() as s:
        new_hash = open_secret_hash(pepper_for_session(s), sealed)
    assert new_hash != old_hash and not stronger.check_needs_rehash(new_hash)
    assert stronger.verify(new_hash, "1234")


# --- shifts ------------------------------------------------------------------------------------------


def _open_shift_ids(db):
    with db.read() as s:
        return list(s.scalars(select(Shift.id).where(Shift.closed_at.is_(None))))


def test_open_shift_emits_event_and_login_finds_it_again(db, service, team):
    actor = service.login_badge("ST000001", "1234")
    opened = service.open_shift(actor)
    assert opened.shift_id is not None
    event = _outbox(db)[-1]
    assert event.type == "shift.opened"
    assert json.loads(event.payload)["staff"] == "clerk"
    assert service.login_badge("ST000001", "1234").shift_id == opened.shift_id
    assert _open_shift_ids(db) == [opened.shift_id]


def test_one_open_shift_per_staff_member(db, service, team):
    actor = service.open_shift(actor_for(team["clerk"]))
    with pytest.raises(DomainError) as err:
        service.open_shift(actor)
    assert err.value.code == "shift.already_open"
    with db.read() as s:
        assert len(s.scalars(select(Shift)).all()) == 1
    service.open_shift(actor_for(team["manager"]))  # another staff member may open their own


def test_shift_needs_a_logged_in_actor(service, team):
    with pytest.raises(DomainError) as err:
        service.open_shift(None)  # type: ignore[arg-type]
    assert err.value.code == "auth.not_logged_in"


def test_close_without_open_shift(db, service, team):
    with pytest.raises(DomainError) as err:
        service.close_shift(actor_for(team["clerk"]))
    assert err.value.code == "shift.not_open"
    assert _open_shift_ids(db) == []


def test_close_shift_reports_what_this_staff_member_did_during_the_shift(db, service, team, clock):
    clerk, other = team["clerk"], team["manager"]
    with db.write() as s:  # before the shift: must not count
        _activity(s, team["point"], clerk, clock.now - timedelta(hours=1), prefix="old")
    actor = service.open_shift(actor_for(clerk))
    clock.advance(hours=2)
    with db.write() as s:
        _activity(s, team["point"], clerk, clock.now, prefix="mine")
        _activity(s, team["point"], other, clock.now, prefix="other")
    clock.advance(hours=6)
    report = service.close_shift(actor)
    assert (report.boxes_received, report.orders_handed_over, report.cards_activated) == (1, 1, 1)
    assert (report.cash_kopecks, report.card_kopecks, report.boxes_returned) == (150_000, 70_000, 1)
    assert report.header.closed_at - report.header.opened_at == timedelta(hours=8)
    assert (report.staff_name, report.header.point.code) == (clerk.full_name, team["point"].code)
    event = _outbox(db)[-1]
    assert event.type == "shift.closed"
    assert json.loads(event.payload)["report"]["cash_kopecks"] == 150_000
    with db.read() as s:
        shift = s.get(Shift, actor.shift_id)
        assert shift.closed_at == clock.now and shift.report["boxes_received"] == 1
    assert _open_shift_ids(db) == []
    assert service.open_shift(actor).shift_id != actor.shift_id


def _activity(s, point, staff, at, prefix):
    """One of everything the shift report counts, done by `staff` at `at`."""
    order = make_order(s, point, status="ready")
    receiving = ReceivingSession(
        uid=f"{prefix}-r", point_id=point.id, opened_by=staff.id, opened_at=at, status=SessionStatus.CLOSED
    )
    s.add(receiving)
    s.flush()
    s.add(ReceivingScan(session_id=receiving.id, barcode="B1", outcome="received", staff_id=staff.id, scanned_at=at))
    s.add(ReceivingScan(session_id=receiving.id, barcode="B2", outcome="received", staff_id=staff.id, scanned_at=at,
                        undone=True))
    s.add(ReceivingScan(session_id=receiving.id, barcode="B3", outcome="surplus", staff_id=staff.id, scanned_at=at))
    handover = Handover(uid=f"{prefix}-h", order_id=order.id, staff_id=staff.id, status="completed", started_at=at,
                        completed_at=at)
    s.add(handover)
    s.add(Handover(uid=f"{prefix}-h2", order_id=order.id, staff_id=staff.id, status="aborted", started_at=at))
    s.flush()
    s.add(Payment(order_id=order.id, handover_id=handover.id, method="cash", due_kopecks=150_000,
                  tendered_kopecks=200_000, change_kopecks=50_000, staff_id=staff.id, paid_at=at))
    s.add(Payment(order_id=order.id, handover_id=handover.id, method="card", due_kopecks=70_000,
                  tendered_kopecks=70_000, staff_id=staff.id, paid_at=at))
    s.add(ClubCard(number=f"2{len(prefix):012d}", point_id=point.id, activation_code_hash="x",
                   status="pending", activated_at=at, activated_by=staff.id))
    returns = ReturnSession(uid=f"{prefix}-ret", point_id=point.id, opened_by=staff.id, opened_at=at,
                            status=SessionStatus.CLOSED, closed_at=at)  # an open one would have to be settled
    s.add(returns)
    s.flush()
    s.add(ReturnItem(session_id=returns.id, order_id=order.id, box_id=order.boxes[0].id, reason="expired",
                     scanned_at=at))
    s.flush()
