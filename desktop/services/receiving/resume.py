"""Interrupted receiving sessions: found again after a restart with their scan list, and listed at shift close.

A session stays ``open`` when the app stops mid-receiving (crash, power cut, restart). It is
resumed where it was: the Приёмка page asks for the clerk's open session when it is shown, F3
takes up an open session without a waybill instead of opening another, and closing a shift lists
the sessions still open so that the clerk closes them (with their acts) or hands them over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, exists, or_, select
from sqlalchemy.orm import Session

from desktop.db.models import ReceivingScan, ReceivingSession, SessionStatus, Shift, Shipment, Staff
from desktop.services.base import Actor
from desktop.services.receiving.rows import Outcome, ReceivingCounts, counts_of, order_of, session_row

RECENT_SCANS = 50


@dataclass(frozen=True)
class RecentScan:
    """One line of the session's scan list, newest first (an undone scan is kept, marked)."""

    at: datetime
    box: str
    order: str
    outcome: Outcome
    undone: bool


@dataclass(frozen=True)
class OpenReceiving:
    """An open receiving session as the page restores it: its waybill, who opened it, counters and last scans."""

    uid: str
    shipment: str | None
    opened_at: datetime
    opened_by: str
    counts: ReceivingCounts
    scans: tuple[RecentScan, ...] = ()


def pending_sessions(session: Session, actor: Actor) -> list[ReceivingSession]:
    """Open sessions of the point this clerk must take care of: their own, and those nobody on shift holds.

    A session opened by a colleague still on shift is theirs; one whose opener has closed (or never
    closed, after a crash, then reopened) no shift at this moment is orphaned and falls to this clerk.
    """
    opener_on_shift = exists().where(
        Shift.staff_id == ReceivingSession.opened_by, Shift.closed_at.is_(None)
    )
    mine = ReceivingSession.opened_by == actor.staff_id
    return list(
        session.scalars(
            select(ReceivingSession)
            .where(
                ReceivingSession.status == SessionStatus.OPEN,
                ReceivingSession.point_id == actor.point_id,
                or_(mine, ~opener_on_shift),
            )
            .order_by(case((mine, 0), else_=1), ReceivingSession.id.desc())
        )
    )


def open_without_waybill(session: Session, actor: Actor) -> str | None:
    """The open session without a waybill that F3 takes up again (the clerk's own first), if any."""
    for row in pending_sessions(session, actor):
        if row.shipment_id is None:
            return row.uid
    return None


def open_session_of_shipment(session: Session, shipment_id: int) -> str | None:
    return session.scalar(
        select(ReceivingSession.uid).where(
            and_(ReceivingSession.shipment_id == shipment_id, ReceivingSession.status == SessionStatus.OPEN)
        )
    )


def describe(session: Session, uid: str, with_scans: bool = True) -> OpenReceiving:
    """The open session `uid` as the page shows it (counters, and its last scans when asked)."""
    row = session_row(session.connection(), uid)
    head = session.execute(
        select(ReceivingSession.opened_at, Staff.full_name, Shipment.number)
        .join(Staff, Staff.id == ReceivingSession.opened_by)
        .outerjoin(Shipment, Shipment.id == ReceivingSession.shipment_id)
        .where(ReceivingSession.id == row.id)
    ).one()
    scans = _recent_scans(session, row.id) if with_scans else ()
    return OpenReceiving(uid, head.number, head.opened_at, head.full_name, counts_of(row), scans)


def _recent_scans(session: Session, session_id: int) -> tuple[RecentScan, ...]:
    rows = session.execute(
        select(ReceivingScan.scanned_at, ReceivingScan.barcode, ReceivingScan.outcome, ReceivingScan.undone)
        .where(ReceivingScan.session_id == session_id)
        .order_by(ReceivingScan.id.desc())
        .limit(RECENT_SCANS)
    )
    return tuple(RecentScan(r.scanned_at, r.barcode, order_of(r.barcode), Outcome(r.outcome), r.undone) for r in rows)
