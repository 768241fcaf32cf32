"""Push reads the next batch from the outbox while the current one is on the wire; a failed batch still stops the
push, the events after it stay queued, and an event queued during the push goes with the next batch read."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.db.engine import Database
from desktop.db.models import OutboxEvent
from desktop.services.base import Service
from desktop.sync.client import BackendUnavailable, EventResult
from desktop.sync.engine import SyncEngine
from protocol.events import OrderArrived
from tests.support.clock import FakeClock
from tests.support.factories import make_point


class WireServer:
    """Answers every event applied; `on_push(orders)` runs while a batch is «on the wire»."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.on_push = lambda orders: None

    def push_events(self, events: list[dict[str, Any]]) -> list[EventResult]:
        orders = [e["payload"]["order"] for e in events]
        self.batches.append(orders)
        self.on_push(orders)
        return [EventResult(e["event_id"], "applied", None, i) for i, e in enumerate(events, 1)]


def queue(db: Database, clock: FakeClock, orders: list[str]) -> None:
    with Service(db, clock).action(None) as act:
        for order in orders:
            act.emit(OrderArrived(order=order, arrived_at=clock().isoformat()))


def statuses(db: Database) -> dict[str, int]:
    with db.read() as s:
        return dict(s.execute(select(OutboxEvent.status, func.count()).group_by(OutboxEvent.status)).all())


@pytest.fixture
def pushing(db: Database) -> tuple[SyncEngine, WireServer, list[tuple[int, bool]]]:
    """An engine (batches of 2) over five queued arrivals; `reads` lists each outbox read: (after, on this thread)."""
    clock = FakeClock()
    with db.write() as s:
        make_point(s)
    queue(db, clock, [f"1000000{i}" for i in range(5)])
    server = WireServer()
    engine = SyncEngine(db, server, clock, batch_size=2)  # type: ignore[arg-type]
    reads: list[tuple[int, bool]] = []
    real = engine._pending_batch
    caller = threading.current_thread()

    def recorded(after_seq: int) -> list[dict[str, Any]]:
        batch = real(after_seq)
        reads.append((after_seq, threading.current_thread() is caller))
        return batch

    engine._pending_batch = recorded  # type: ignore[method-assign]
    return engine, server, reads


def test_the_next_batch_is_read_on_another_thread_while_this_one_is_on_the_wire(
        db: Database, pushing: tuple[SyncEngine, WireServer, list[tuple[int, bool]]]) -> None:
    engine, server, reads = pushing
    seen_on_the_wire: list[list[int]] = []
    server.on_push = lambda orders: seen_on_the_wire.append([after for after, _ in reads])
    assert engine.push().pushed == 5
    assert server.batches == [["10000000", "10000001"], ["10000002", "10000003"], ["10000004"]]
    # the first batch read here; each next one (after seqs 2, 4, 5) read by the read-ahead thread
    assert reads[0] == (0, True) and all(not here for _, here in reads[1:])
    assert [after for after, _ in reads] == [0, 2, 4, 5]
    # each batch was being answered while its successor's read had already started (or finished)
    for sent, (after_seq, _) in zip(seen_on_the_wire, reads[1:], strict=True):
        assert sent[-1] <= after_seq
    assert statuses(db) == {"applied": 5}


def test_a_batch_that_fails_stops_the_push_and_leaves_the_rest_queued(
        db: Database, pushing: tuple[SyncEngine, WireServer, list[tuple[int, bool]]]) -> None:
    engine, server, _ = pushing

    def second_fails(orders: list[str]) -> None:
        if orders[0] == "10000002":
            raise BackendUnavailable("sync.link.offline")

    server.on_push = second_fails
    with pytest.raises(BackendUnavailable):
        engine.push()
    assert statuses(db) == {"applied": 2, "pending": 3}
    server.on_push = lambda orders: None
    assert engine.push().pushed == 3  # the next sync sends them, in order
    assert server.batches[-2:] == [["10000002", "10000003"], ["10000004"]]
    assert statuses(db) == {"applied": 5}


def test_an_event_queued_while_a_batch_is_on_the_wire_goes_in_a_later_batch(
        db: Database, pushing: tuple[SyncEngine, WireServer, list[tuple[int, bool]]]) -> None:
    engine, server, _ = pushing
    queued = threading.Event()

    def clerk_scans(orders: list[str]) -> None:
        if orders[0] == "10000004" and not queued.is_set():  # the last batch on the wire: the clerk scans again
            queue(db, FakeClock(), ["10000099"])
            queued.set()

    server.on_push = clerk_scans
    pushed = engine.push().pushed
    sent = [order for batch in server.batches for order in batch]
    if pushed == 5:  # the read after the last batch ran before the clerk's scan: it waits for the next sync
        assert statuses(db) == {"applied": 5, "pending": 1}
        assert engine.push().pushed == 1
        sent += server.batches[-1]
    assert sent == [f"1000000{i}" for i in range(5)] + ["10000099"]
    assert statuses(db) == {"applied": 6}
