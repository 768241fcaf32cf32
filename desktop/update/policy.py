"""The server's rollout policy and the choice of the version this PC may take.

``GET /v1/update/policy`` answers ``{"channel": "pilot"|"everyone", "target_version": "1.5.0"|null,
"repository_url": "https://…/updates/"|null}``. ``target_version`` is the newest version the point's
channel may install (null: no rollout, or it was stopped: install nothing). The last answer is kept in
``updates/policy.json`` so an offline PC keeps it; an old server without the route (404) means «no policy».

Pre-releases: the ``pilot`` channel may take pre-releases (``1.5.0rc1``) up to the target, ``everyone``
only final releases. A version is never older than (or equal to) the running one, never above the target,
never one that failed its self-test here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from packaging.version import Version

from desktop.update.layout import UpdateLayout, parse_version, read_json, write_json

log = logging.getLogger(__name__)


class Channel(StrEnum):
    """Rollout channel of a point (chosen on the server)."""

    PILOT = "pilot"
    EVERYONE = "everyone"


@dataclass(frozen=True)
class UpdatePolicy:
    """One answer of the server (or «no policy»: nothing to install)."""

    channel: Channel = Channel.EVERYONE
    target_version: str | None = None
    repository_url: str | None = None

    @classmethod
    def from_answer(cls, body: Any) -> UpdatePolicy:
        """Parse the server's JSON; anything malformed reads as «install nothing»."""
        if not isinstance(body, dict):
            return cls()
        try:
            channel = Channel(body.get("channel") or Channel.EVERYONE)
        except ValueError:
            channel = Channel.EVERYONE
        target = body.get("target_version")
        url = body.get("repository_url")
        return cls(channel, target if isinstance(target, str) and parse_version(target) else None,
                   url if isinstance(url, str) and url else None)

    @property
    def allows_prereleases(self) -> bool:
        return self.channel is Channel.PILOT

    def repository(self, configured_url: str | None) -> str | None:
        """Where the TUF repository is: the counter's own ``update_url`` wins, else the server's."""
        url = configured_url or self.repository_url
        return url.rstrip("/") + "/" if url else None


def choose_version(policy: UpdatePolicy, running: str, available: Iterable[str],
                   bad: Iterable[str] = ()) -> str | None:
    """The newest available version this PC may install, or None."""
    target = parse_version(policy.target_version)
    current = parse_version(running)
    if target is None or current is None:
        return None
    refused = {parse_version(v) for v in bad}
    allowed: list[Version] = []
    for text in available:
        version = parse_version(text)
        if version is None or version in refused or not current < version <= target:
            continue
        if version.is_prerelease and not policy.allows_prereleases:
            continue
        allowed.append(version)
    return str(max(allowed)) if allowed else None


def save_policy(layout: UpdateLayout, policy: UpdatePolicy) -> None:
    write_json(layout.policy_file, {k: str(v) if v is not None else None for k, v in asdict(policy).items()})


def last_policy(layout: UpdateLayout) -> UpdatePolicy:
    """The last policy the server gave (none kept: install nothing)."""
    return UpdatePolicy.from_answer(read_json(layout.policy_file))
