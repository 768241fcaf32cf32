"""The background sync's rules: 5 s → 10 s → … → 5 min back-off on failures (a server's Retry-After honoured, but
never past the cap), the interval after a success, and the status the Sync page and the status bar show."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

import pytest

from desktop import messages
from desktop.sync.client import AuthRejected, BackendUnavailable, RequestRefused, SyncError, UpgradeRequired
from desktop.sync.engine import SyncReport
from desktop.sync.runner import Backoff, SyncRunner, SyncStatus, utc_now
from tests.support.clock import FakeClock

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


class FakeClient:
    def __init__(self, fails: bool = False) -> None:
        self.closed = 0
        self.fails = fails

    def close(self) -> None:
        self.closed += 1
        if self.fails:
            raise RuntimeError("socket already gone")


class FakeEngine:
    """Answers `sync_once` from a script (a report or an exception) and `counts` from its fields."""

    def __init__(self, *outcomes: object, counts: tuple[int, int] = (3, 1)) -> None:
        self.outcomes = list(outcomes)
        self.pending_counts: tuple[int, int] | Exception = counts
        self.client = FakeClient()
        self.batch_stored: object = None
        self.calls = 0
        self.synced = threading.Event()
        self.runner: SyncRunner | None = None
        self.seen_syncing: list[bool] = []

    def sync_once(self) -> SyncReport | None:
        self.calls += 1
        if self.runner is not None:
            self.seen_syncing.append(self.runner.status().syncing)
        self.synced.set()
        outcome = self.outcomes.pop(0) if self.outcomes else SyncReport()
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome  # type: ignore[return-value]

    def counts(self) -> tuple[int, int]:
        if isinstance(self.pending_counts, Exception):
            raise self.pending_counts
        return self.pending_counts


def runner_for(engine: FakeEngine, **kwargs: object) -> SyncRunner:
    return SyncRunner(engine, clock=FakeClock(NOW), **kwargs)  # type: ignore[arg-type]


def test_backoff_doubles_from_5_seconds_to_a_5_minute_cap_and_restarts_after_success() -> None:
    backoff = Backoff()
    assert [backoff.next() for _ in range(8)] == [5, 10, 20, 40, 80, 160, 300, 300]
    backoff.reset()
    assert backoff.next() == 5 and backoff.failures == 1


def test_a_servers_retry_after_is_waited_but_never_past_the_cap() -> None:
    backoff = Backoff(first=5, cap=300)
    assert backoff.next(hint=60) == 60  # longer than the 5 s step: the server's wish
    assert backoff.next(hint=1) == 10  # shorter: the back-off step
    assert backoff.next(hint=3600) == 300
    assert backoff.next(hint=None) == 40


def test_the_status_starts_as_not_tried_yet() -> None:
    status = runner_for(FakeEngine()).status()
    assert status == SyncStatus() and status.online is None and not status.syncing
    assert (status.pending_events, status.to_review, status.next_delay_s) == (0, 0, 0.0)
    assert status.last_error is None and status.last_success_at is None
    assert not status.upgrade_required and not status.reenrol_needed


def test_a_success_waits_the_interval_and_shows_online_with_counts_and_time() -> None:
    runner = runner_for(FakeEngine(counts=(7, 2)), interval=30.0)
    runner.backoff.next()
    assert runner.run_once() == 30.0
    status = runner.status()
    assert status.online is True and status.syncing is False and status.last_success_at == NOW
    assert (status.pending_events, status.to_review, status.next_delay_s) == (7, 2, 30.0)
    assert runner.backoff.failures == 0  # the next failure starts again at 5 s


def test_a_success_clears_an_earlier_error_and_flags() -> None:
    runner = runner_for(FakeEngine(UpgradeRequired("sync.link.upgrade_required", status=426), SyncReport()))
    runner.run_once()
    assert runner.status().upgrade_required and runner.status().last_error
    runner.run_once()
    status = runner.status()
    assert status.last_error is None and status.upgrade_required is False and status.reenrol_needed is False


def test_offline_shows_offline_with_the_clerks_text_and_backs_off() -> None:
    runner = runner_for(FakeEngine(BackendUnavailable("sync.link.offline"), BackendUnavailable("sync.link.offline")))
    assert runner.run_once() == 5.0
    status = runner.status()
    assert status.online is False and status.syncing is False and status.next_delay_s == 5.0
    assert status.last_error == messages.describe("sync.link.offline", {})
    assert status.last_success_at is None
    assert runner.run_once() == 10.0


def test_an_overloaded_server_is_asked_again_after_its_retry_after() -> None:
    busy = BackendUnavailable("sync.link.server_unavailable", status=503, retry_after=120.0)
    runner = runner_for(FakeEngine(busy))
    assert runner.run_once() == 120.0
    assert runner.status().last_error == messages.describe("sync.link.server_unavailable", {"status": 503})


def test_a_revoked_device_is_online_and_needs_re_enrolment() -> None:
    runner = runner_for(FakeEngine(AuthRejected("sync.link.auth_rejected", status=401)))
    assert runner.run_once() == 5.0
    status = runner.status()
    assert status.online is True and status.reenrol_needed and not status.upgrade_required
    assert status.last_error == messages.describe("sync.link.auth_rejected", {})


def test_a_too_old_app_is_online_and_needs_an_upgrade() -> None:
    runner = runner_for(FakeEngine(UpgradeRequired("sync.link.upgrade_required", status=426)))
    assert runner.run_once() == 5.0
    status = runner.status()
    assert status.online is True and status.upgrade_required and not status.reenrol_needed
    assert status.last_error == messages.describe("sync.link.upgrade_required", {})


@pytest.mark.parametrize("err", [RequestRefused("sync.link.refused", status=403, reason="x"),
                                 SyncError("sync.link.bad_answer")])
def test_another_refusal_is_online_with_its_text_and_backs_off(err: SyncError) -> None:
    runner = runner_for(FakeEngine(err))
    assert runner.run_once() == 5.0
    status = runner.status()
    assert status.online is True and status.last_error == err.message
    assert not status.upgrade_required and not status.reenrol_needed


def test_a_bug_in_the_sync_is_logged_shown_as_internal_error_and_retried(caplog: pytest.LogCaptureFixture) -> None:
    runner = runner_for(FakeEngine(ZeroDivisionError("boom")))
    with caplog.at_level(logging.ERROR, logger="desktop.sync.runner"):
        assert runner.run_once() == 5.0
    status = runner.status()
    assert status.online is None and status.syncing is False
    assert status.last_error == messages.describe("sync.internal_error", {})
    assert [r.getMessage() for r in caplog.records] == ["sync failed unexpectedly"]
    assert "ZeroDivisionError" in caplog.text


def test_busy_database_keeps_the_previous_counts() -> None:
    engine = FakeEngine(counts=(4, 1))
    runner = runner_for(engine)
    runner.run_once()
    engine.pending_counts = RuntimeError("database is locked")
    runner.run_once()
    assert (runner.status().pending_events, runner.status().to_review) == (4, 1)


def test_each_acknowledged_batch_refreshes_the_counts() -> None:
    engine = FakeEngine(counts=(9, 0))
    runner = runner_for(engine)
    assert runner.engine is engine and callable(engine.batch_stored)
    engine.pending_counts = (2, 0)
    engine.batch_stored()  # type: ignore[operator]
    assert runner.status().pending_events == 2


def test_the_engine_may_be_made_by_a_function_once_on_first_use() -> None:
    made: list[FakeEngine] = []

    def make() -> FakeEngine:
        made.append(FakeEngine())
        return made[-1]

    runner = SyncRunner(make)  # type: ignore[arg-type]
    assert made == []
    assert runner.engine is runner.engine is made[0] and len(made) == 1


def test_a_sync_report_with_work_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    runner = runner_for(FakeEngine(SyncReport(pushed=5, rejected=1, conflict=2, pulled=7, snapshot=True),
                                   SyncReport()))
    with caplog.at_level(logging.INFO, logger="desktop.sync.runner"):
        runner.run_once()
        runner.run_once()  # nothing done: nothing logged
    assert [r.getMessage() for r in caplog.records] == [
        "sync: 5 events pushed (1 rejected, 2 conflicts), 7 changes pulled, snapshot taken"]


@pytest.mark.parametrize(("report", "line"), [
    (SyncReport(pushed=1), "sync: 1 events pushed (0 rejected, 0 conflicts), 0 changes pulled"),
    (SyncReport(pulled=2), "sync: 0 events pushed (0 rejected, 0 conflicts), 2 changes pulled"),
    (SyncReport(snapshot=True), "sync: 0 events pushed (0 rejected, 0 conflicts), 0 changes pulled, snapshot taken"),
])
def test_any_work_done_is_logged(report: SyncReport, line: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="desktop.sync.runner"):
        runner_for(FakeEngine(report)).run_once()
    assert [r.getMessage() for r in caplog.records] == [line]


def test_the_default_clock_is_utc_now() -> None:
    before = datetime.now(UTC)
    assert before <= utc_now() <= datetime.now(UTC) and utc_now().tzinfo is UTC
    assert SyncRunner(FakeEngine()).clock is utc_now  # type: ignore[arg-type]


def test_the_thread_syncs_on_start_and_stops_cleanly() -> None:
    engine = FakeEngine()
    runner = runner_for(engine, interval=3600.0)
    runner.start()
    assert engine.synced.wait(5)
    thread = runner._thread
    assert thread is not None and thread.daemon and thread.name == "pickup-desk-sync"
    runner.start()  # already running: the same thread
    assert runner._thread is thread
    assert runner.stop(timeout=5) is True and not thread.is_alive()


def test_a_trigger_syncs_at_once_instead_of_waiting_the_interval() -> None:
    engine = FakeEngine()
    runner = runner_for(engine, interval=3600.0)
    runner.start()
    assert engine.synced.wait(5)
    engine.synced.clear()
    runner.trigger()
    assert engine.synced.wait(5) and engine.calls >= 2
    assert runner.stop(timeout=5)


def test_stop_and_abandon_before_start_have_nothing_to_wait_for() -> None:
    assert runner_for(FakeEngine()).stop() is True
    assert runner_for(FakeEngine()).abandon() is True


def test_abandon_closes_the_client_so_a_call_in_flight_ends() -> None:
    engine = FakeEngine()
    runner = runner_for(engine)
    runner.engine
    assert runner.abandon() is True and engine.client.closed == 1


def test_a_failing_close_does_not_keep_the_app_from_quitting(caplog: pytest.LogCaptureFixture) -> None:
    engine = FakeEngine()
    engine.client = FakeClient(fails=True)
    runner = runner_for(engine)
    runner.engine
    with caplog.at_level(logging.WARNING, logger="desktop.sync.runner"):
        assert runner.abandon() is True
    assert [r.getMessage() for r in caplog.records] == ["closing the sync client failed"]
    assert caplog.records[0].exc_info is not None and "socket already gone" in caplog.text


def test_abandon_of_a_running_thread_ends_it() -> None:
    engine = FakeEngine()
    runner = runner_for(engine, interval=3600.0)
    runner.start()
    assert engine.synced.wait(5)
    assert runner.abandon(wait=5) is True and engine.client.closed == 1


def test_an_engine_that_cannot_be_made_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    def broken() -> FakeEngine:
        raise ImportError("no requests")

    runner = SyncRunner(broken, interval=3600.0)  # type: ignore[arg-type]
    runner._stop.set()  # a quit while the engine was being made: no sync follows
    with caplog.at_level(logging.ERROR, logger="desktop.sync.runner"):
        runner._loop()
    assert [r.getMessage() for r in caplog.records] == ["the sync engine could not be made"]
    with caplog.at_level(logging.ERROR, logger="desktop.sync.runner"):
        assert runner.run_once() == 5.0  # each attempt fails as a sync error
    assert runner.status().last_error == messages.describe("sync.internal_error", {})


def test_the_status_says_syncing_while_a_sync_runs() -> None:
    engine = FakeEngine()
    runner = runner_for(engine)
    engine.runner = runner
    runner.run_once()
    assert engine.seen_syncing == [True] and runner.status().syncing is False


def test_without_a_hint_the_step_alone_counts() -> None:
    assert Backoff(first=0.25, cap=2.0).next() == 0.25


def test_the_default_interval_is_30_seconds() -> None:
    assert SyncRunner(FakeEngine()).interval == 30.0  # type: ignore[arg-type]


class FakeThread:
    def __init__(self, alive_after_join: bool = False) -> None:
        self.joins: list[float | None] = []
        self.alive = alive_after_join

    def join(self, timeout: float | None = None) -> None:
        self.joins.append(timeout)

    def is_alive(self) -> bool:
        return self.alive


def test_stop_waits_30_seconds_by_default_and_says_whether_the_thread_ended() -> None:
    runner = runner_for(FakeEngine())
    runner._thread = thread = FakeThread()  # type: ignore[assignment]
    assert runner.stop() is True and thread.joins == [30.0]
    runner._thread = stuck = FakeThread(alive_after_join=True)  # type: ignore[assignment]
    assert runner.stop(timeout=2.5) is False and stuck.joins == [2.5]


def test_abandon_waits_a_fifth_of_a_second_for_a_sync_in_flight() -> None:
    runner = runner_for(FakeEngine())
    runner.engine
    runner._thread = thread = FakeThread(alive_after_join=True)  # type: ignore[assignment]
    assert runner.abandon() is False and thread.joins == [0.2]


def test_abandon_while_the_engine_is_still_being_made_does_not_wait() -> None:
    runner = runner_for(FakeEngine())
    runner._thread = thread = FakeThread()  # type: ignore[assignment]
    assert runner.abandon(wait=5) is True and thread.joins == [0.0]


def test_a_success_after_re_enrolment_clears_the_re_enrol_flag() -> None:
    runner = runner_for(FakeEngine(AuthRejected("sync.link.auth_rejected", status=401), SyncReport()))
    runner.run_once()
    assert runner.status().reenrol_needed is True
    runner.run_once()
    assert runner.status().reenrol_needed is False and runner.status().online is True
