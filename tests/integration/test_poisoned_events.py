"""One event the server fails on never blocks a counter's queue (issue 9): the engine splits a batch answered
5xx again and again, against a fake backend and against the real backend on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from backend import ingest as server_ingest
from backend.rules import receiving
from desktop.db.engine import Database
from desktop.db.models import ManagerAlert, OutboxEvent
from desktop.services.base import Service
from desktop.sync.client import BackendUnavailable
from desktop.sync.engine import SyncEngine
from desktop.sync.reasons import describe_reason
from protocol.events import OrderArrived
from tests.integration.counter import CounterPC, box_of, server_event_counts
from tests.integration.fakes import FakeBackend, FakeClient
from tests.integration.live import FaultProxy, LiveBackend
from tests.integration.shapes import point_dict
from tests.integration.test_sync_engine import emit_events, statuses
from tests.support.clock import FakeClock
from tests.support.factories import make_point


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend(point_dict())


@pytest.fixture
def engine(db: Database, backend: FakeBackend, clock: FakeClock) -> SyncEngine:
    with db.write() as s:
        make_point(s)
    return SyncEngine(db, FakeClient(backend), clock)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad_at", [0, 6, 11], ids=["first", "middle", "last"])
def test_a_batch_answered_500_again_and_again_is_split_and_the_queue_drains(
        db: Database, engine: SyncEngine, backend: FakeBackend, clock: FakeClock, bad_at: int) -> None:
    """Issue 9: one event the server fails on (HTTP 500) never blocks the others; a real outage still waits."""
    emit_events(db, clock, bad_at)
    with Service(db, clock).action(None) as act:
        act.emit(OrderArrived(order="BAD", arrived_at=clock().isoformat()))
    emit_events(db, clock, 11 - bad_at, prefix="2")
    real = backend.push_events

    def fail_on_garbage(events: list[dict[str, Any]]) -> Any:
        if any(e["payload"]["order"] == "BAD" for e in events):
            raise BackendUnavailable("sync.link.server_unavailable", status=500)
        return real(events)

    backend.push_events = fail_on_garbage  # type: ignore[method-assign]
    with pytest.raises(BackendUnavailable):
        engine.push()  # the first 500: perhaps the server's own trouble, the batch waits for the next sync
    assert statuses(db) == {"pending": 12}
    report = engine.push()  # the same batch fails again: split, the others applied, the bad one set aside
    assert report.applied == 11 and report.rejected == 1
    with db.read() as s:
        bad = s.scalars(select(OutboxEvent).where(OutboxEvent.status == "rejected")).one()
    assert '"BAD"' in bad.payload and bad.reason == "server_error:500"
    assert "HTTP 500" in describe_reason(bad.reason)
    assert engine.counts() == (0, 1)


def test_a_server_down_for_every_batch_sets_nothing_aside(
        db: Database, engine: SyncEngine, backend: FakeBackend, clock: FakeClock) -> None:
    emit_events(db, clock, 5)

    def down(events: list[dict[str, Any]]) -> Any:
        raise BackendUnavailable("sync.link.server_unavailable", status=503)

    backend.push_events = down  # type: ignore[method-assign]
    for _ in range(3):
        with pytest.raises(BackendUnavailable):
            engine.push()
    assert statuses(db) == {"pending": 5}



@pytest.mark.parametrize("status", [500, 503])
def test_the_real_backend_failing_on_one_event_does_not_stop_the_queue(
        live: LiveBackend, proxy: FaultProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, status: int) -> None:
    """The server answers 5xx for every batch holding one event (a bug: 500, its database: 503); the rest drains."""
    poisoned = box_of(3)
    if status == 500:
        real_hash = server_ingest.payload_hash

        def crashes_on_the_poisoned_box(event_type: str, payload_text: str) -> str:
            if json.loads(payload_text).get("box") == poisoned:
                raise RuntimeError("unexpected value")
            return real_hash(event_type, payload_text)

        monkeypatch.setattr(server_ingest, "payload_hash", crashes_on_the_poisoned_box)
    else:
        real = server_ingest.apply_event

        def database_fails_on_the_poisoned_box(ctx: Any, event: Any) -> Any:
            if getattr(event, "box", None) == poisoned:
                raise OperationalError("INSERT INTO boxes …", {}, Exception("value cannot be stored"))
            return real(ctx, event)

        monkeypatch.setattr(server_ingest, "apply_event", database_fails_on_the_poisoned_box)
        monkeypatch.setattr(receiving, "try_apply", lambda _ctx, _event: None)  # every scan through its rule
    pc = CounterPC(live, proxy, tmp_path / "pc1")
    pc.receive(1, 2, 3, 4, 5)
    queued = pc.pending()
    with pytest.raises(BackendUnavailable):
        pc.engine.sync_once()  # the first 5xx: the batch waits (the server may just be down)
    assert pc.pending() == queued
    pc.engine.sync_once()  # the same batch fails again: split, every other event stored
    assert pc.pending() == 0
    with pc.db.read() as s:
        rejected = s.scalars(select(OutboxEvent).where(OutboxEvent.status == "rejected")).all()
        alerts = s.scalars(select(ManagerAlert)).all()
    assert [json_box(e.payload) for e in rejected] == [poisoned]
    assert rejected[0].reason == f"server_error:{status}"
    assert alerts, "the manager is told about the event set aside"
    stored = server_event_counts(live)
    assert all(stored.get(event_id) == 1 for event_id, status in pc.outbox().items() if status != "rejected")


def json_box(payload: str) -> str:
    import json

    return str(json.loads(payload).get("box"))
