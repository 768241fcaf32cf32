"""The action unit of work: outbox and audit written with the domain rows, or nothing at all."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from desktop import journal
from desktop.db.models import AuditEntry, OutboxEvent, SyncState
from desktop.services.base import Service
from protocol.events import ShiftOpened
from tests.support.factories import actor_for, make_point, make_staff


def test_pragmas_are_durable(db):
    with db.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_action_writes_rows_audit_and_outbox_together(db, clock):
    with db.write() as s:
        actor = actor_for(make_staff(s, make_point(s)))
    service = Service(db, clock)
    with service.action(actor) as act:
        act.session.add(SyncState(key="k", value="v"))
        act.emit(ShiftOpened(shift="s1", staff=actor.login))
        act.audit("shift.open", "s1")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxEvent)) == 1
        assert s.scalar(select(OutboxEvent.device_seq)) == 1
        assert s.scalar(select(AuditEntry.staff_id)) == actor.staff_id
        assert journal.verify(s).ok


def test_exception_inside_action_leaves_nothing(db, clock):
    service = Service(db, clock)
    with pytest.raises(RuntimeError), service.action(None) as act:
        act.session.add(SyncState(key="k", value="v"))
        act.emit(ShiftOpened(shift="s1", staff="x"))
        act.audit("shift.open", "s1")
        raise RuntimeError("boom")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxEvent)) == 0
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 0
        assert s.scalar(select(func.count()).select_from(SyncState)) == 0
