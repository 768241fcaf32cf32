"""The handover tests' world: a local point with clerk, manager and server key, and small helpers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from desktop.db.engine import Database
from desktop.db.models import (
    AuditEntry,
    Order,
    OutboxEvent,
    PickupPoint,
    SyncState,
)
from desktop.services.base import Actor, Role
from desktop.services.handover import HandoverService
from protocol.errors import DomainError
from protocol.qr_token import PickupToken, public_key_to_b64, sign_token
from tests.support.clock import FakeClock
from tests.support.factories import actor_for, make_order, make_point, make_staff

CODE = "123456"
WRONG = "654321"


@dataclass
class Env:
    db: Database
    clock: FakeClock
    point_id: int
    clerk: Actor
    manager: Actor
    svc: HandoverService
    key: Ed25519PrivateKey

    def order(self, **kw: Any) -> str:
        """A ready order of the local point with pickup code CODE."""
        kw.setdefault("code", CODE)
        with self.db.write() as s:
            point = s.get(PickupPoint, self.point_id)
            return make_order(s, point, status="ready", **kw).number

    def begin(self, number: str, *, scan: bool = True) -> str:
        """Start and verify a handover (and scan every box)."""
        uid = self.svc.start(self.clerk, number).uid
        state = self.svc.verify_code(self.clerk, uid, CODE)
        if scan:
            for box in state.boxes:
                self.svc.scan_box(self.clerk, uid, box.barcode)
        return uid

    def qr(self, number: str, point: str = "0042", hours: int = 1, key: Ed25519PrivateKey | None = None) -> str:
        token = PickupToken(number, point, self.clock() + timedelta(hours=hours))
        return sign_token(key or self.key, token)


def make_env(db: Database, clock: FakeClock) -> Env:
    """The world every handover test starts from (wrap it in an `env` fixture)."""
    key = Ed25519PrivateKey.generate()
    with db.write() as s:
        point = make_point(s, code="0042", id_check_threshold_kopecks=10_000_000)
        make_point(s, code="0077", local=False)
        clerk = actor_for(make_staff(s, point, Role.CLERK))
        manager = actor_for(make_staff(s, point, Role.MANAGER))
        s.add(SyncState(key="server_public_key", value=public_key_to_b64(key.public_key())))
        point_id = point.id
    return Env(db, clock, point_id, clerk, manager, HandoverService(db, clock), key)


@contextmanager
def refused(code: str, **params: Any) -> Iterator[pytest.ExceptionInfo[DomainError]]:
    """Expect a DomainError with `code` (and params); its Russian text must render completely."""
    with pytest.raises(DomainError) as info:
        yield info
    assert info.value.code == code, repr(info.value)
    for name, value in params.items():
        assert info.value.params.get(name) == value, repr(info.value)
    text = str(info.value)
    assert "{" not in text and not text.startswith("Ошибка:"), text


def count(db: Database, model: Any, *where: Any) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def outbox(db: Database) -> list[tuple[str, dict[str, Any]]]:
    with db.read() as s:
        rows = s.execute(select(OutboxEvent.type, OutboxEvent.payload).order_by(OutboxEvent.device_seq)).all()

    return [(t, json.loads(p)) for t, p in rows]


def order_row(db: Database, number: str) -> Order:
    with db.read() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        s.expunge(order)
        return order


def lock(env: Env, number: str) -> str:
    """Start the order's handover and type five wrong codes: the order gets locked."""
    uid = env.svc.start(env.clerk, number).uid
    for _ in range(5):
        with pytest.raises(DomainError):
            env.svc.verify_code(env.clerk, uid, WRONG)
    return uid


def entries(db: Database, action: str) -> list[tuple[int | None, str, dict[str, Any]]]:
    """The journal entries of `action`: (staff id, subject, details), oldest first."""
    with db.read() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))
        return [(e.staff_id, e.subject, json.loads(e.details)) for e in rows]
