"""The background update check: once shortly after start (never on the start's path), then daily.

Each check asks the server for the rollout policy (``GET /v1/update/policy``; offline: the last answer),
then the TUF repository for a version the policy allows, and downloads, verifies and stages it
(desktop.update.checker). It runs in its own daemon thread; the GUI only reads `notice()` (the state file).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.update.layout import UpdateLayout
from desktop.update.policy import UpdatePolicy, last_policy, save_policy
from protocol.errors import DomainError

if TYPE_CHECKING:
    from desktop.update.checker import CheckResult

log = logging.getLogger(__name__)
FIRST_CHECK_DELAY_S = 20.0  # after the login window shows: the start itself never waits for updates
CHECK_INTERVAL_S = 24 * 3600.0

PolicySource = Callable[[], dict[str, Any] | None]  # the server's answer (None: an old server, no policy)


def current_policy(layout: UpdateLayout, source: PolicySource) -> UpdatePolicy:
    """The server's policy now (kept for later), or the last one kept when the server cannot be asked."""
    try:
        answer = source()
    except Exception as exc:  # offline, refused, broken: the last answer stands (SyncError and friends)
        log.info("update policy not fetched (%s); using the last one", type(exc).__name__)
        return last_policy(layout)
    policy = UpdatePolicy.from_answer(answer)  # None (404: an old server) reads as «install nothing»
    save_policy(layout, policy)
    return policy


@dataclass
class UpdateChecker:
    """One check, with everything it needs (built in ui.startup from the configuration)."""

    layout: UpdateLayout
    running: str
    configured_url: str | None
    policy_source: PolicySource
    bundled_root: Path | None
    ca_bundle: str | None = None

    def check_once(self) -> CheckResult | None:
        """Never raises: a refusal or an unreachable repository is logged and the next check tries again."""
        policy = current_policy(self.layout, self.policy_source)
        url = policy.repository(self.configured_url)
        if policy.target_version is None or url is None:
            log.info("no update rollout for this PC (target %s, repository %s)", policy.target_version, url)
            return None
        # tufup (python-tuf, securesystemslib: ~0.2 s of imports) loads here, in the check's own thread,
        # never on the start's path
        from desktop.update.checker import UpdateRefused, UpdateUnavailable, check_and_stage, make_client

        try:
            client = make_client(self.layout, url, self.running, self.bundled_root, self.ca_bundle)
            return check_and_stage(self.layout, client, policy, self.running)
        except UpdateRefused as exc:
            log.error("update refused: %s %s", exc.code, exc.params)
        except UpdateUnavailable as exc:
            log.warning("update repository unavailable: %s", exc.params.get("detail"))
        except (DomainError, OSError, ValueError):
            log.exception("update check failed")
        return None


class UpdateService:
    """Runs `checker.check_once()` in a daemon thread: after `first_delay`, then every `interval`."""

    def __init__(self, checker: UpdateChecker, first_delay: float = FIRST_CHECK_DELAY_S,
                 interval: float = CHECK_INTERVAL_S) -> None:
        self.checker = checker
        self.first_delay, self.interval = first_delay, interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="pickup-desk-updates", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Ask the thread to stop (a download in progress finishes in the background; the thread is a daemon)."""
        self._stop.set()

    def _loop(self) -> None:
        delay = self.first_delay
        while not self._stop.wait(delay):
            try:
                self.checker.check_once()
            except Exception:  # a bug must not end the daily checks: logged, tried again tomorrow
                log.exception("update check failed unexpectedly")
            delay = self.interval
