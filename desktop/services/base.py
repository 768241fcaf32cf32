"""What every service shares: the acting staff member, roles, the clock and the one-transaction action."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from desktop import journal
from desktop.db.engine import Database
from desktop.db.models import OutboxEvent, PickupPoint
from desktop.errors import AccessDenied
from desktop.translatable import translate
from protocol.errors import DomainError
from protocol.events import Event, canonical_json
from protocol.states import OutboxStatus

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def new_uid() -> str:
    return str(uuid.uuid4())


class Role(StrEnum):
    CLERK = "clerk"
    MANAGER = "manager"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return {Role.CLERK: 1, Role.MANAGER: 2, Role.ADMIN: 3}[self]


@dataclass(frozen=True)
class Actor:
    """The authenticated staff member on whose behalf a service acts (made by the staff service)."""

    staff_id: int
    login: str
    full_name: str
    role: Role
    point_id: int
    shift_id: int | None = None


def require_role(actor: Actor | None, role: Role, action: str) -> Actor:
    """Refuse unless `actor` is logged in with at least `role` (enforced in services, not only in the UI).

    `action` names the refused action for the clerk: a text marked `QT_TRANSLATE_NOOP("Actions", …)`,
    translated here when the refusal is raised.
    """
    if actor is None:
        raise DomainError("auth.not_logged_in")
    if actor.role.rank < role.rank:
        raise AccessDenied(translate("Actions", action), role.value)
    return actor


# Built once: every clerk action goes through these (the receiving scan is the hot path).
_OUTBOX = cast(Table, OutboxEvent.__table__)
_NEXT_SEQ = select(func.coalesce(func.max(_OUTBOX.c.device_seq), 0) + 1)
_INSERT_OUTBOX = insert(_OUTBOX)


@dataclass
class Action:
    """One clerk action in progress: the open transaction plus its audit entry and outbox events."""

    session: Session
    actor: Actor | None
    now: datetime
    events: list[Event] = field(default_factory=list)
    # The outbox's next device_seq: read at the first emit, counted on after it (the transaction holds the write
    # lock, and only this action's emits add to the outbox in it; a scan that completes an order emits three).
    next_seq: int = field(default=0, repr=False)

    def emit(self, event: Event) -> str:
        """Queue `event` in the outbox within this transaction; returns its event id."""
        event_id = new_uid()
        conn = self.session.connection()
        seq = self.next_seq or conn.execute(_NEXT_SEQ).scalar_one()
        self.next_seq = seq + 1
        conn.execute(
            _INSERT_OUTBOX,
            {
                "event_id": event_id,
                "device_seq": seq,
                "type": event.TYPE,
                "schema_v": event.SCHEMA_V,
                "payload": canonical_json(event.payload()),
                "occurred_at": self.now,
                "status": OutboxStatus.PENDING,
            },
        )
        self.events.append(event)
        return event_id

    def audit(self, action: str, subject: str, **details: Any) -> None:
        """Append a journal entry naming the acting staff member."""
        staff_id = self.actor.staff_id if self.actor else None
        journal.append(self.session, self.now, staff_id, action, subject, details)


class Service:
    """Base of every workflow service: the database and the clock it works with."""

    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self.db = db
        self.clock = clock

    @contextmanager
    def action(self, actor: Actor | None) -> Iterator[Action]:
        """Open one write transaction for one clerk action; any exception rolls back all of it."""
        with self.db.write() as session:
            yield Action(session, actor, self.clock())

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.db.read() as session:
            yield session


def local_point(session: Session) -> PickupPoint:
    """The pickup point this counter PC belongs to."""
    point = session.scalars(select(PickupPoint).where(PickupPoint.is_local.is_(True))).first()
    if point is None:
        raise DomainError("point.not_configured")
    return point
