"""Staged rollout of app updates: a channel per pickup point and, per channel, the newest version it may install.

A point is in `everyone` unless moved to `pilot`. A channel's target is a PEP 440 version or stopped. A pilot
point may install the newer of the pilot and the everyone targets (a pilot is ahead, never behind); a stopped
channel offers nothing of its own. The counter never installs a version older than its own (wt-update's side),
so stopping a rollout halts it without downgrading anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from packaging.version import InvalidVersion, Version
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.models import Point, PointChannel, UpdateRollout

VERSION_MAX = 64


class Channel(StrEnum):
    PILOT = "pilot"
    EVERYONE = "everyone"


DEFAULT_CHANNEL = Channel.EVERYONE
OFFERS = {Channel.PILOT: (Channel.PILOT, Channel.EVERYONE), Channel.EVERYONE: (Channel.EVERYONE,)}


class RolloutInputError(ValueError):
    """A channel or version the rollout cannot take (the API answers 422, the command line exits 2)."""


class PointNotFound(LookupError):
    """No pickup point with that code."""


@dataclass(frozen=True)
class RolloutState:
    """One channel's rollout as stored (`target_version` None: never set)."""

    channel: Channel
    target_version: str | None
    stopped: bool
    updated_at: datetime | None

    @property
    def offered(self) -> str | None:
        """The version this channel offers now (None when stopped or never set)."""
        return None if self.stopped else self.target_version


def parse_version(text: str) -> str:
    """A PEP 440 version in its normal form ('1.5' stays '1.5', 'v1.5.0' becomes '1.5.0')."""
    if not isinstance(text, str) or not text.strip() or len(text) > VERSION_MAX:
        raise RolloutInputError(f"not a version: {text!r}")
    try:
        return str(Version(text.strip()))
    except InvalidVersion:
        raise RolloutInputError(f"not a PEP 440 version: {text!r}") from None


def parse_channel(text: str) -> Channel:
    try:
        return Channel(text)
    except ValueError:
        names = ", ".join(channel.value for channel in Channel)
        raise RolloutInputError(f"unknown channel {text!r}: one of {names}") from None


def set_target(session: Session, channel: Channel, version: str, now: datetime) -> RolloutState:
    """Let the channel's points install up to `version` (restarts a stopped rollout)."""
    row = _rollout_row(session, channel, now)
    row.target_version, row.stopped, row.updated_at = parse_version(version), False, now
    return _state(row)


def stop(session: Session, channel: Channel, now: datetime) -> RolloutState:
    """Stop the channel's rollout: its points are offered nothing more of it (none is downgraded)."""
    row = _rollout_row(session, channel, now)
    row.stopped, row.updated_at = True, now
    return _state(row)


def states(session: Session) -> list[RolloutState]:
    """Every channel's rollout, in the enum's order (a channel never set has no target)."""
    rows = {row.channel: row for row in session.scalars(select(UpdateRollout))}
    return [_state(rows[c]) if c in rows else RolloutState(c, None, False, None) for c in Channel]


def set_point_channel(session: Session, point_code: str, channel: Channel, now: datetime) -> None:
    """Move the point to `channel` (the point's row is locked: two administrators never race to insert)."""
    point_id = session.scalar(select(Point.id).where(Point.code == point_code).with_for_update())
    if point_id is None:
        raise PointNotFound(point_code)
    row = session.get(PointChannel, point_id)
    if row is None:
        session.add(PointChannel(point_id=point_id, channel=channel, updated_at=now))
    else:
        row.channel, row.updated_at = channel, now


def point_channel(session: Session, point_id: int) -> Channel:
    stored = session.scalar(select(PointChannel.channel).where(PointChannel.point_id == point_id))
    return Channel(stored) if stored else DEFAULT_CHANNEL


def policy(session: Session, point_id: int) -> tuple[Channel, str | None]:
    """The point's channel and the newest version it may install now (None: nothing to install)."""
    channel = point_channel(session, point_id)
    by_channel = {state.channel: state for state in states(session)}
    offered = [version for c in OFFERS[channel] if (version := by_channel[c].offered) is not None]
    return channel, max(offered, key=Version, default=None)


def _rollout_row(session: Session, channel: Channel, now: datetime) -> UpdateRollout:
    row = session.get(UpdateRollout, channel.value, with_for_update=True)
    if row is None:
        row = UpdateRollout(channel=channel.value, target_version=None, stopped=False, updated_at=now)
        session.add(row)
    return row


def _state(row: UpdateRollout) -> RolloutState:
    return RolloutState(Channel(row.channel), row.target_version, bool(row.stopped), row.updated_at)
