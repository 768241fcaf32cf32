"""The background sync thread: periodic sync with capped exponential backoff, trigger, clean stop, status.

The runner may be given how to make its engine instead of the engine: the app builds it that way, so the sync
engine and its HTTP stack (requests) are imported by the sync thread once it starts, after the login screen shows.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop import messages

if TYPE_CHECKING:
    from desktop.sync.client import SyncError
    from desktop.sync.engine import SyncEngine, SyncReport

log = logging.getLogger(__name__)
messages.register({"sync.internal_error": "Внутренняя ошибка синхронизации; сведения записаны в журнал программы."})


@dataclass(frozen=True)
class SyncStatus:
    """A snapshot the UI can show: plain values, safe to pass between threads."""

    online: bool | None = None  # None: not tried yet
    syncing: bool = False
    pending_events: int = 0
    to_review: int = 0  # rejected / conflicting events the manager has not reviewed
    last_success_at: datetime | None = None
    last_error: str | None = None  # the clerk-facing text (rendered through the message catalogue)
    upgrade_required: bool = False
    reenrol_needed: bool = False
    next_delay_s: float = 0.0  # seconds from the last attempt to the next one (shown on the Sync page)


class Backoff:
    """5 s → 10 s → … → 5 min on consecutive failures; back to the start on success."""

    def __init__(self, first: float = 5.0, cap: float = 300.0) -> None:
        self.first, self.cap = first, cap
        self.failures = 0

    def next(self, hint: float | None = None) -> float:
        delay = min(self.cap, self.first * 2 ** self.failures)
        self.failures += 1
        return max(delay, min(hint or 0.0, self.cap))

    def reset(self) -> None:
        self.failures = 0


COUNTS_REFRESH_S = 2.0  # how stale «Не отправлено» may get between sync attempts (offline backoff is minutes)


def utc_now() -> datetime:
    return datetime.now(UTC)


class SyncRunner:
    """Runs `engine.sync_once()` in a daemon thread until `stop()`; `engine` may be a function making it."""

    def __init__(self, engine: SyncEngine | Callable[[], SyncEngine], *, interval: float = 30.0,
                 backoff: Backoff | None = None, clock: Callable[[], datetime] = utc_now) -> None:
        self._engine: SyncEngine | None = None
        made = hasattr(engine, "sync_once") and not isinstance(engine, type)  # an engine, or what makes one
        self._make_engine: Callable[[], SyncEngine] = (lambda: engine) if made else engine  # type: ignore[assignment,return-value]
        self.interval = interval
        self.backoff = backoff or Backoff()
        self.clock = clock
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._status = SyncStatus()
        self._thread: threading.Thread | None = None
        self._engine_lock = threading.Lock()

    @property
    def engine(self) -> SyncEngine:
        """The engine, made on first use (by the sync thread when the runner was given a function)."""
        with self._engine_lock:
            if self._engine is None:
                self._engine = self._make_engine()
                self._engine.batch_stored = self._update  # the counts follow each acknowledged batch
            return self._engine

    # --- control ----------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="pickup-desk-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> bool:
        """Ask the thread to finish its current step and wait; True when it has stopped."""
        self._stop.set()
        self._wake.set()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def abandon(self, wait: float = 0.2) -> bool:
        """Stop for a quit: close the client so a call in flight or a retry back-off ends, wait at most `wait` s.

        True when the thread has ended; else it is left behind (a daemon: the process exit ends it). Nothing is
        lost either way: unsent events stay in the SQLite outbox until the server acknowledges them (a batch the
        server took but whose answer never came is re-sent next start and answered «duplicate»), and the
        cache's writes are transactions (an unfinished one rolls back)."""
        self._stop.set()
        self._wake.set()
        if self._engine is None:  # still being made (importing the HTTP stack): nothing in flight, no wait
            wait = 0.0
        close = getattr(getattr(self._engine, "client", None), "close", None)
        if close is not None:
            try:
                close()
            except Exception:  # closing must not keep the app from quitting
                log.warning("closing the sync client failed", exc_info=True)
        if self._thread is None:
            return True
        self._thread.join(wait)
        return not self._thread.is_alive()

    def trigger(self) -> None:
        """Sync now (e.g. after the clerk's action or a "Синхронизировать" click)."""
        self._wake.set()

    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    # --- the loop ----------------------------------------------------------------------------------

    def _loop(self) -> None:
        try:
            self.engine  # noqa: B018  # made here, off the GUI thread; a quit meanwhile stops before the first sync
        except Exception:  # a bug: logged; each attempt below tries again (and fails as a sync error)
            log.exception("the sync engine could not be made")
        while not self._stop.is_set():
            delay = self.run_once()
            self._idle(delay)

    def _idle(self, delay: float) -> None:
        """Wait for the next attempt (or a trigger); keep the queue counts fresh for the status bar meanwhile."""
        deadline = time.monotonic() + delay
        while not self._stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0 or self._wake.wait(min(left, COUNTS_REFRESH_S)) or time.monotonic() >= deadline:
                break  # (the attempt due now counts the queue itself)
            self._update()
        self._wake.clear()

    def run_once(self) -> float:
        """One sync attempt with status bookkeeping; returns the delay before the next one."""
        from desktop.sync.client import AuthRejected, BackendUnavailable, SyncError, UpgradeRequired

        self._update(syncing=True)
        try:
            report = self.engine.sync_once()
        except AuthRejected as err:
            delay, outcome = self._failed(err, online=True, reenrol_needed=True)
        except UpgradeRequired as err:
            delay, outcome = self._failed(err, online=True, upgrade_required=True)
        except BackendUnavailable as err:
            delay, outcome = self._failed(err, online=False, hint=err.retry_after)
        except SyncError as err:
            delay, outcome = self._failed(err, online=True)
        except Exception:  # a bug: logged with its traceback; the thread keeps the queue safe and retries
            log.exception("sync failed unexpectedly")
            delay, outcome = self._failed(None, online=None)
        else:
            _log_report(report)
            self.backoff.reset()
            delay = self.interval
            outcome = {"online": True, "last_success_at": self.clock(), "last_error": None,
                       "upgrade_required": False, "reenrol_needed": False}
        self._update(syncing=False, next_delay_s=delay, **outcome)  # one recount of the queue per attempt's end
        return delay

    def _failed(self, err: SyncError | None, *, online: bool | None, hint: float | None = None,
                **flags: bool) -> tuple[float, dict[str, object]]:
        """The delay before the next attempt and the status the failed attempt leaves."""
        message = err.message if err else messages.describe("sync.internal_error", {})
        return self.backoff.next(hint), {"online": online, "last_error": message, **flags}

    def _update(self, **changes: object) -> None:
        try:
            pending, review = self.engine.counts()
        except Exception:  # the database may be busy; keep the previous counts
            pending, review = self._status.pending_events, self._status.to_review
        with self._lock:
            self._status = replace(self._status, pending_events=pending, to_review=review, **changes)  # type: ignore[arg-type]


def _log_report(report: SyncReport | None) -> None:
    if report is not None and (report.pushed or report.pulled or report.snapshot):
        log.info("sync: %d events pushed (%d rejected, %d conflicts), %d changes pulled%s", report.pushed,
                 report.rejected, report.conflict, report.pulled, ", snapshot taken" if report.snapshot else "")
