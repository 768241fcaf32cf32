"""The update rollout across both sides: the server's channels and targets decide what a counter PC may install.

The counter asks the real backend for its policy through its own sync client (device token); the admin changes
the point's channel and the channels' targets; the counter's version choice follows, never going down, and an
offline PC keeps the last answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from desktop.sync.client import SyncError
from desktop.update.layout import UpdateLayout
from desktop.update.policy import choose_version
from desktop.update.service import current_policy
from tests.system.harness import ADMIN, System

pytestmark = pytest.mark.slow
PUBLISHED = ["1.4.0", "1.5.0", "1.6.0rc1", "1.7.0"]  # what the update repository holds


def _admin(system: System, method: str, path: str, body: dict[str, str] | None = None) -> None:
    reply = requests.request(method, f"{system.backend.url}{path}", json=body, headers={"X-Admin-Token": ADMIN},
                             timeout=30)
    assert reply.status_code == 200, reply.text


def test_the_servers_rollout_decides_what_the_counter_installs(system: System, tmp_path: Path) -> None:
    pc = system.counters[0]
    layout = UpdateLayout.for_data_dir(tmp_path / "updates-of-pc1")

    def offered() -> str | None:
        return choose_version(current_policy(layout, pc.client.update_policy), "1.4.0", PUBLISHED)

    assert offered() is None  # no rollout set: nothing to install
    _admin(system, "PUT", "/v1/admin/rollouts/everyone", {"target_version": "1.5.0"})
    _admin(system, "PUT", "/v1/admin/rollouts/pilot", {"target_version": "1.6.0rc1"})
    assert offered() == "1.5.0"  # everyone: the final release, not the pilot's candidate
    _admin(system, "PUT", f"/v1/admin/points/{system.point_code}/channel", {"channel": "pilot"})
    assert offered() == "1.6.0rc1"  # a pilot point takes the candidate
    _admin(system, "POST", "/v1/admin/rollouts/pilot/stop")
    assert offered() == "1.5.0"  # the pilot stopped: back to what everyone gets, never 1.7.0

    def unreachable() -> None:
        raise SyncError("the server cannot be reached")

    assert choose_version(current_policy(layout, unreachable), "1.4.0", PUBLISHED) == "1.5.0"  # offline: kept
    _admin(system, "POST", "/v1/admin/rollouts/everyone/stop")
    assert offered() is None  # every rollout stopped: nothing, and nothing older than what runs
