"""Every time a person reads, on screen or on paper, is in the pickup point's time zone, whatever the PC's.

One function formats them all (`point_time`); the zone comes from the point in the local cache
(`counter_zone`), so a PC set to UTC and a PC set to Moscow show the same hour for the same order.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import PickupPoint

DEFAULT_ZONE = "Europe/Moscow"  # a point whose zone is not known yet (not configured, or a bad name)
DATE_TIME = "%d.%m.%Y %H:%M"
DAY_TIME = "%d.%m %H:%M"
DAY_CLOCK = "%d.%m %H:%M:%S"
CLOCK = "%H:%M:%S"
HOUR_MINUTE = "%H:%M"
EMPTY = "—"


def zone_named(name: str | None) -> ZoneInfo:
    """The zone of a point's ``timezone`` setting; the default zone for an empty or unknown name."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def point_time(moment: datetime | None, zone: tzinfo, fmt: str = DATE_TIME) -> str:
    """``moment`` as the point's clock shows it (a naive moment is taken as UTC); "—" for none."""
    if moment is None:
        return EMPTY
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).strftime(fmt)


def counter_zone(db: Database) -> ZoneInfo | None:
    """The zone of this counter's pickup point from the local cache; None while the point is not set up."""
    with db.read() as session:
        point = session.scalars(select(PickupPoint).where(PickupPoint.is_local.is_(True))).first()
        return zone_named(point.timezone) if point is not None else None
