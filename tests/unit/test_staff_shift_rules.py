"""Shifts, stated as rules: a shift is not closed over open receiving sessions, which the refusal names by their
waybill (or «without a waybill», in the UI language), sessions handed to the next shift (receiving, return,
service dispatch) are journalled with the shift, and only a manager may print the register's X report."""

from __future__ import annotations

import json

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from desktop.db.claim_models import ServiceDispatch
from desktop.db.engine import Database
from desktop.db.models import AuditEntry, ReceivingSession, ReturnSession
from desktop.errors import AccessDenied
from desktop.fiscal.service import FiscalService
from desktop.services.base import Actor, utc_now
from desktop.services.staff import NO_WAYBILL, X_REPORT, OpenSessions, StaffService
from desktop.translatable import translate
from protocol.errors import DomainError
from tests.support.clock import FakeClock
from tests.support.factories import FAST_HASHER, actor_for, make_point, make_shipment, make_staff


@pytest.fixture
def clerk(db: Database, clock: FakeClock) -> Actor:
    with db.write() as s:
        point = make_point(s)
        clerk = make_staff(s, point, login="clerk")
        for shipment in (make_shipment(s, point, number="R0000042"), None):
            s.add(ReceivingSession(uid=f"u-{shipment is None}", point_id=point.id, opened_by=clerk.id,
                                   opened_at=clock(), shipment_id=shipment.id if shipment else None))
        return actor_for(clerk)


def test_open_receiving_sessions_are_named_by_waybill_in_the_ui_language(db, clock, clerk: Actor,
                                                                        tagging_translator) -> None:
    staff = StaffService(db, clock, hasher=FAST_HASHER)
    actor = staff.open_shift(clerk)
    with pytest.raises(DomainError) as info:
        staff.close_shift(actor)
    assert info.value.code == "shift.sessions_open"
    assert sorted(info.value.params["sessions"].split(", ")) == sorted(["R0000042", f"[Terms] {NO_WAYBILL}"])


def test_only_a_manager_prints_the_x_report(db, clock, clerk: Actor) -> None:
    with pytest.raises(AccessDenied) as info:
        StaffService(db, clock, hasher=FAST_HASHER).x_report(clerk)
    assert info.value.params == {"action": translate("Actions", X_REPORT), "required": "manager"}


def test_without_arguments_the_service_uses_production_hashing_no_register_and_the_real_clock(db) -> None:
    service = StaffService(db)
    defaults = PasswordHasher()
    assert (service.hasher.time_cost, service.hasher.memory_cost) == (defaults.time_cost, defaults.memory_cost)
    assert service.clock is utc_now and service.db is db
    assert isinstance(service.fiscal, FiscalService) and service.fiscal.db is db and service.fiscal.clock is utc_now
    assert not service.fiscal.fiscal  # no cash register unless one is configured


def test_a_given_register_and_clock_are_the_ones_used(db, clock) -> None:
    fiscal = FiscalService(db, clock)
    service = StaffService(db, clock, hasher=FAST_HASHER, fiscal=fiscal)
    assert (service.fiscal, service.clock, service.hasher) == (fiscal, clock, FAST_HASHER)


def test_sessions_handed_to_the_next_shift_are_journalled_with_the_shift(db, clock, clerk: Actor) -> None:
    staff = StaffService(db, clock, hasher=FAST_HASHER)
    actor = staff.open_shift(clerk)
    report = staff.close_shift(actor, OpenSessions.HAND_OVER)
    with db.read() as s:
        handed = s.scalars(select(AuditEntry).where(AuditEntry.action == "receiving.handed_over")).all()
        still_open = s.scalars(select(ReceivingSession.status)).all()
    assert sorted((e.subject, json.loads(e.details)["shift"]) for e in handed) == [("u-False", report.key),
                                                                                  ("u-True", report.key)]
    assert still_open == ["open", "open"]  # left for the next shift


def test_return_and_dispatch_sessions_handed_over_are_journalled_with_the_shift(db, clock, clerk: Actor) -> None:
    staff = StaffService(db, clock, hasher=FAST_HASHER)
    actor = staff.open_shift(clerk)
    with db.write() as s:
        s.add(ReturnSession(uid="r-1", point_id=actor.point_id, opened_by=actor.staff_id, opened_at=clock()))
        s.add(ServiceDispatch(uid="d-1", point_id=actor.point_id, opened_by=actor.staff_id, opened_at=clock()))
    report = staff.close_shift(actor, OpenSessions.HAND_OVER)
    with db.read() as s:
        handed = s.scalars(select(AuditEntry).where(AuditEntry.action.in_(("return.handed_over",
                                                                            "service.handed_over")))).all()
    assert sorted((e.action, e.subject, json.loads(e.details)["shift"]) for e in handed) == [
        ("return.handed_over", "r-1", report.key), ("service.handed_over", "d-1", report.key)]


def test_the_default_register_keeps_the_services_clock(db, clock) -> None:
    """The register's receipts and Z reports are stamped by the same clock as the shifts they belong to."""
    assert StaffService(db, clock, hasher=FAST_HASHER).fiscal.clock is clock
