"""While the sync thread waits for its next attempt it keeps the queue counts fresh every 2 s for the status bar,
and a trigger or a stop ends the wait at once (fake monotonic clock and wake event: no real waiting)."""

from __future__ import annotations

import pytest

from desktop.sync.runner import SyncRunner
from tests.unit.test_sync_runner_backoff import FakeEngine, runner_for


class FakeTime:
    """`monotonic()` for the idle wait; the wake event below advances it by what it waited."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


class FakeWake:
    def __init__(self, clock: FakeTime, woken_after: float | None = None) -> None:
        self.clock, self.woken_after = clock, woken_after
        self.waits: list[float] = []
        self.cleared = False

    def wait(self, timeout: float) -> bool:
        self.waits.append(timeout)
        if self.woken_after is not None and sum(self.waits) >= self.woken_after:
            return True
        self.clock.now += timeout
        return False

    def set(self) -> None:
        pass

    def clear(self) -> None:
        self.cleared = True


def idle_runner(monkeypatch: pytest.MonkeyPatch, woken_after: float | None = None) -> tuple[SyncRunner, FakeWake]:
    from desktop.sync import runner as runner_module

    clock = FakeTime()
    monkeypatch.setattr(runner_module, "time", clock)
    engine = FakeEngine(counts=(0, 0))
    runner = runner_for(engine)
    wake = FakeWake(clock, woken_after)
    runner._wake = wake  # type: ignore[assignment]
    return runner, wake


def test_while_idle_the_queue_counts_are_refreshed_every_2_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    runner, wake = idle_runner(monkeypatch)
    runner.engine.pending_counts = (5, 1)  # type: ignore[attr-defined]
    runner._idle(5.0)
    assert wake.waits == [2.0, 2.0, 1.0] and wake.cleared
    assert (runner.status().pending_events, runner.status().to_review) == (5, 1)


def test_no_wait_when_the_delay_is_over(monkeypatch: pytest.MonkeyPatch) -> None:
    runner, wake = idle_runner(monkeypatch)
    runner._idle(0.0)
    assert wake.waits == [] and wake.cleared
    assert runner.status().pending_events == 0  # no refresh either


def test_a_trigger_ends_the_idle_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    runner, wake = idle_runner(monkeypatch, woken_after=4.0)
    runner.engine.pending_counts = (6, 0)  # type: ignore[attr-defined]
    runner._idle(300.0)
    assert wake.waits == [2.0, 2.0] and wake.cleared
    assert runner.status().pending_events == 6  # refreshed after the first 2 s, then woken


def test_a_stop_ends_the_idle_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    runner, wake = idle_runner(monkeypatch)
    runner._stop.set()
    runner._idle(300.0)
    assert wake.waits == [] and wake.cleared
