"""Guessing a certificate's PIN (desktop.services.money.pin_guard): wrong PINs of one certificate count within the
30-minute window on this PC's journal, the fifth locks it and alerts the manager naming the clerk, a lock names the
limit and the window, and other certificates are not touched."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import AuditEntry, ManagerAlert
from desktop.services.base import Action, Actor, Service
from desktop.services.money import pin_guard
from tests.support.clock import FakeClock
from tests.support.factories import actor_for, make_point, make_staff
from tests.unit.handover_env import refused

GC, GC2 = "GC000000000017", "GC000000000024"


@pytest.fixture
def clerk(db: Database) -> Actor:
    with db.write() as s:
        return actor_for(make_staff(s, make_point(s, code="0042"), login="petrova"))


def _wrong(db: Database, clock: FakeClock, actor: Actor | None, number: str = GC):  # type: ignore[no-untyped-def]
    act: Action
    with Service(db, clock).action(actor) as act:
        return pin_guard.count_wrong_pin(act, number)


def _count(db: Database, clock: FakeClock, number: str = GC) -> int:
    with db.read() as s:
        return pin_guard.wrong_pins(s, number, clock())


def test_each_wrong_pin_is_journalled_with_its_count_and_says_how_many_tries_are_left(db, clock, clerk):
    for n in range(1, pin_guard.MAX_PIN_GUESSES):
        error = _wrong(db, clock, clerk)
        assert (error.code, error.params) == ("money.wrong_pin", {"number": GC, "attempts_left": 5 - n})
    with db.read() as s:
        entries = s.execute(select(AuditEntry.subject, AuditEntry.details, AuditEntry.staff_id)
                            .where(AuditEntry.action == "certificate.pin_wrong")).all()
    assert [(subject, json.loads(details), staff) for subject, details, staff in entries] == [
        (GC, {"attempts": n}, clerk.staff_id) for n in range(1, 5)]


def test_the_fifth_wrong_pin_locks_the_certificate_and_alerts_the_manager_naming_the_clerk(db, clock, clerk):
    for _ in range(4):
        _wrong(db, clock, clerk)
    with db.read() as s:
        pin_guard.require_not_locked(s, GC, clock())  # four are not the limit
    error = _wrong(db, clock, clerk)
    assert (error.code, error.params) == ("money.pin_locked", {"number": GC, "attempts": 5, "minutes": 30})
    with db.read() as s:
        [alert] = s.scalars(select(ManagerAlert)).all()
        with refused("money.pin_locked", number=GC, attempts=5, minutes=30):
            pin_guard.require_not_locked(s, GC, clock())
    assert (alert.kind, alert.order_id, alert.created_at) == ("certificate_pin_guesses", None, clock())
    assert alert.details == {"number": GC, "attempts": 5, "minutes": 30, "staff": "petrova"}
    assert "petrova" in alert.message and GC in alert.message and "{" not in alert.message


def test_wrong_pins_count_within_the_window_and_per_certificate(db, clock, clerk):
    _wrong(db, clock, clerk)
    _wrong(db, clock, clerk, GC2)
    clock.advance(minutes=30)
    assert (_count(db, clock), _count(db, clock, GC2)) == (1, 1)  # exactly 30 minutes old: still counted
    _wrong(db, clock, clerk)
    clock.advance(seconds=1)
    assert (_count(db, clock), _count(db, clock, GC2)) == (1, 0)


def test_without_a_logged_in_clerk_the_alert_names_a_dash(db, clock, clerk):
    for _ in range(4):
        _wrong(db, clock, clerk)
    _wrong(db, clock, None)
    with db.read() as s:
        assert s.scalars(select(ManagerAlert.details)).one()["staff"] == "—"


def test_only_wrong_pin_entries_count_not_the_certificates_other_journal_entries(db, clock, clerk):
    with Service(db, clock).action(clerk) as act:
        act.audit("certificate.sold", GC, sale="s-1")
        act.audit("certificate.pin_checked", GC)
    assert _count(db, clock) == 0
