"""Quitting never waits on the network: the sync thread is abandoned, its retry back-off cut short, and nothing
queued is lost — the events still in the outbox go on the next start."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import pytest

from desktop.db.engine import Database
from desktop.sync.client import BackendUnavailable, SyncClient
from desktop.sync.engine import SyncEngine
from desktop.sync.runner import SyncRunner
from tests.integration.fakes import FakeBackend, FakeClient
from tests.integration.shapes import point_dict
from tests.integration.test_sync_engine import emit_events, statuses
from tests.support.clock import FakeClock
from tests.support.factories import make_point


class HangingClient(FakeClient):
    """A backend that takes the request and never answers (until the test lets go: then the link is down)."""

    def __init__(self, backend: FakeBackend) -> None:
        super().__init__(backend)
        self.entered = threading.Event()
        self.release = threading.Event()
        self.closed = False

    def push_events(self, events: list[dict[str, Any]]) -> Any:
        self.entered.set()
        self.release.wait(30)
        raise BackendUnavailable("sync.link.timeout")

    def close(self) -> None:
        self.closed = True


def test_quit_mid_push_does_not_wait_and_the_queued_events_go_on_the_next_start(db: Database,
                                                                               clock: FakeClock) -> None:
    with db.write() as s:
        make_point(s)
    emit_events(db, clock, 3)
    backend = FakeBackend(point_dict())
    hanging = HangingClient(backend)
    runner = SyncRunner(SyncEngine(db, hanging, clock), interval=3600)  # type: ignore[arg-type]
    runner.start()
    try:
        assert hanging.entered.wait(10)
        started = time.monotonic()
        assert not runner.abandon(0.05)  # the call is in flight: left behind, not waited for
        assert time.monotonic() - started < 2
        assert hanging.closed  # its connections released
        assert statuses(db) == {"pending": 3}
    finally:
        hanging.release.set()
    next_start = SyncEngine(db, FakeClient(backend), clock)  # type: ignore[arg-type]
    report = next_start.sync_once()
    assert report.applied == 3 and statuses(db) == {"applied": 3}
    assert backend.push_calls == [3]


def _refused_url() -> str:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now: connection refused
    return f"http://127.0.0.1:{port}"


def test_closing_the_client_cuts_a_retry_back_off_short() -> None:
    client = SyncClient(_refused_url(), "token", backoff_factor=10.0)  # 0 + 20 + 40 s of back-off
    outcome: list[BaseException] = []

    def pull() -> None:
        try:
            client.changes(0)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=pull, daemon=True)
    worker.start()
    worker.join(0.5)  # in the 20 s back-off by now
    client.close()
    worker.join(5)
    assert not worker.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], BackendUnavailable)
    with pytest.raises(BackendUnavailable):  # a closed client starts no new request
        client.changes(0)
