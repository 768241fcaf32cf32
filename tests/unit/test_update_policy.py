"""The rollout policy: which version a PC may take, the repository it asks, the last answer kept offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.sync.client import BackendUnavailable
from desktop.update.layout import UpdateLayout
from desktop.update.policy import Channel, UpdatePolicy, choose_version, last_policy
from desktop.update.service import current_policy

OFFER = ["1.4.0", "1.5.0rc1", "1.5.0", "1.6.0", "not-a-version"]


def test_the_newest_version_up_to_the_target_and_never_an_older_one() -> None:
    everyone = UpdatePolicy(Channel.EVERYONE, "1.5.0")
    assert choose_version(everyone, "1.4.0", OFFER) == "1.5.0"  # 1.6.0 is above the target
    assert choose_version(UpdatePolicy(Channel.EVERYONE, "2.0"), "1.4.0", OFFER) == "1.6.0"
    assert choose_version(everyone, "1.5.0", OFFER) is None  # nothing newer than the running one
    assert choose_version(UpdatePolicy(Channel.EVERYONE, "1.3.0"), "1.4.0", OFFER) is None  # never a downgrade


def test_a_stopped_rollout_installs_nothing() -> None:
    assert choose_version(UpdatePolicy(Channel.PILOT, None), "1.4.0", OFFER) is None


def test_only_the_pilot_channel_takes_pre_releases() -> None:
    offer = ["1.4.0", "1.5.0rc1"]
    assert choose_version(UpdatePolicy(Channel.EVERYONE, "1.5.0"), "1.4.0", offer) is None
    assert choose_version(UpdatePolicy(Channel.PILOT, "1.5.0"), "1.4.0", offer) == "1.5.0rc1"
    assert choose_version(UpdatePolicy(Channel.PILOT, "1.5.0rc1"), "1.4.0", offer) == "1.5.0rc1"


def test_a_version_that_failed_here_is_never_offered_again() -> None:
    policy = UpdatePolicy(Channel.EVERYONE, "2.0")
    assert choose_version(policy, "1.4.0", OFFER, bad=["1.6.0"]) == "1.5.0"


def test_malformed_answers_install_nothing() -> None:
    for body in (None, [], {"channel": "beta", "target_version": "x.y"}, {"target_version": 15}):
        policy = UpdatePolicy.from_answer(body)
        assert policy.target_version is None and policy.channel is Channel.EVERYONE
    parsed = UpdatePolicy.from_answer({"channel": "pilot", "target_version": "1.5.0",
                                       "repository_url": "https://pvz.example.ru/updates"})
    assert parsed == UpdatePolicy(Channel.PILOT, "1.5.0", "https://pvz.example.ru/updates")


def test_the_counters_own_update_url_wins_over_the_servers() -> None:
    policy = UpdatePolicy(Channel.EVERYONE, "1.5.0", "https://pvz.example.ru/updates")
    assert policy.repository(None) == "https://pvz.example.ru/updates/"
    assert policy.repository("http://10.0.0.5/pd") == "http://10.0.0.5/pd/"
    assert UpdatePolicy().repository(None) is None


def test_an_offline_pc_keeps_the_last_answer(tmp_path: Path) -> None:
    layout = UpdateLayout(tmp_path)
    answer = {"channel": "pilot", "target_version": "1.5.0", "repository_url": None}
    assert current_policy(layout, lambda: answer) == UpdatePolicy(Channel.PILOT, "1.5.0")

    def offline() -> None:
        raise BackendUnavailable("sync.link.offline")

    assert current_policy(layout, offline) == UpdatePolicy(Channel.PILOT, "1.5.0")
    assert last_policy(layout).channel is Channel.PILOT


@pytest.mark.parametrize("answer", [None, {"channel": "everyone", "target_version": None}])
def test_an_old_server_or_a_stopped_rollout_replaces_the_kept_policy(tmp_path: Path, answer: object) -> None:
    layout = UpdateLayout(tmp_path)
    current_policy(layout, lambda: {"channel": "pilot", "target_version": "1.5.0"})
    assert current_policy(layout, lambda: answer).target_version is None  # type: ignore[arg-type,return-value]
    assert last_policy(layout).target_version is None


def test_starting_the_update_service_does_not_load_tufup() -> None:
    """The start builds the update service; tufup and python-tuf (~0.35 s of imports) load in the check's thread."""
    import subprocess
    import sys

    code = ("import sys, desktop.update.service, desktop.update.notice;"
            "print('tufup' in sys.modules, 'tuf' in sys.modules)")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == ["False", "False"]


def test_the_update_check_loads_tufups_client_without_its_repository_side_or_setuptools() -> None:
    """tufup's package __init__ imports tufup.repo → setuptools (0.12 s, 17 MiB); the checker loads only the client."""
    import subprocess
    import sys

    code = ("import sys, desktop.update.checker as c;"
            "print(c.Client.__module__, 'tufup.repo' in sys.modules, 'setuptools' in sys.modules)")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == ["tufup.client", "False", "False"]
