"""This counter's pickup point as document headers show it (code, name, address)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.db.engine import Database
from desktop.documents.model import PointInfo
from desktop.services.base import local_point
from protocol.errors import DomainError


def point_info(session: Session) -> PointInfo:
    """The local point's header data; only an empty code while the point is not configured yet."""
    try:
        point = local_point(session)
    except DomainError:
        return PointInfo("")
    return PointInfo(point.code, point.name, point.address, point.timezone)


def counter_point_info(db: Database) -> PointInfo:
    """`point_info` in its own read transaction (for callers that hold no session)."""
    with db.read() as session:
        return point_info(session)
