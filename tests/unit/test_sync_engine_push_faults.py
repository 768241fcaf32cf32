"""Push when the server fails (DESIGN «Sync protocol»: rejected events never block the queue, unsynced events are
never discarded): offline or overloaded waits for the next sync, a batch answered 5xx is retried whole once and then
split so the one event the server keeps failing on is set aside as rejected (only while the server stores its
neighbours), a refusal of the whole batch finds the bad event, and a lost reply's duplicate of a refusal is
a refusal."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.db.engine import Database
from desktop.db.models import ManagerAlert, OutboxEvent
from desktop.services.base import Service
from desktop.sync.client import BackendUnavailable, EventResult, RequestRefused, SyncError
from desktop.sync.engine import MAX_BATCH, SyncEngine, SyncReport
from protocol.events import OrderArrived
from protocol.limits import OUTCOME_REASON_MAX
from tests.support.clock import FakeClock
from tests.support.factories import make_point


class PoisonServer:
    """Stores every event, but answers `failure` to any batch holding a poisoned order (or to every batch)."""

    def __init__(self, failure: SyncError | None = None, poison: tuple[str, ...] = (), always: bool = False) -> None:
        self.failure, self.poison, self.always = failure, poison, always
        self.stored: list[str] = []
        self.calls: list[int] = []
        self.verdicts: dict[str, tuple[str, str | None]] = {}
        self.silent: set[str] = set()

    def push_events(self, events: list[dict[str, Any]]) -> list[EventResult]:
        self.calls.append(len(events))
        self.sent = events
        if self.failure is not None and (self.always or any(e["payload"]["order"] in self.poison for e in events)):
            raise self.failure
        results = []
        for e in events:
            if e["payload"]["order"] in self.silent:
                continue  # no answer for this event
            self.stored.append(e["payload"]["order"])
            status, reason = self.verdicts.get(e["payload"]["order"], ("applied", None))
            results.append(EventResult(e["event_id"], status, reason, len(self.stored)))
        return results


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def engine_for(db: Database, clock: FakeClock, server: PoisonServer, n: int, poison_at: int | None = None,
               **kwargs: Any) -> SyncEngine:
    with db.write() as s:
        make_point(s)
    with Service(db, clock).action(None) as act:
        for i in range(n):
            act.emit(OrderArrived(order="BAD" if i == poison_at else f"1{i:08d}", arrived_at=clock().isoformat()))
    return SyncEngine(db, server, clock, **kwargs)  # type: ignore[arg-type]


def outbox(db: Database) -> dict[str, int]:
    with db.read() as s:
        return dict(s.execute(select(OutboxEvent.status, func.count()).group_by(OutboxEvent.status)).all())


def server_error(status: int = 500) -> BackendUnavailable:
    return BackendUnavailable("sync.link.server_unavailable", status=status, code="internal")


@pytest.mark.parametrize("failure", [BackendUnavailable("sync.link.offline"),
                                     BackendUnavailable("sync.link.server_unavailable", status=429)])
def test_offline_or_overloaded_the_whole_queue_waits_for_the_next_sync(db: Database, clock: FakeClock,
                                                                       failure: SyncError) -> None:
    server = PoisonServer(failure, always=True)
    engine = engine_for(db, clock, server, 4)
    for _ in range(3):
        with pytest.raises(BackendUnavailable):
            engine.push()
    assert server.calls == [4, 4, 4] and outbox(db) == {"pending": 4}


def test_a_batch_answered_5xx_is_retried_whole_once_then_the_failing_event_is_set_aside(
        db: Database, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    server = PoisonServer(server_error(), poison=("BAD",))
    engine = engine_for(db, clock, server, 5, poison_at=2)
    with pytest.raises(BackendUnavailable):
        engine.push()  # the first 5xx: the whole batch waits for the next sync
    assert server.calls == [5] and outbox(db) == {"pending": 5}
    with caplog.at_level(logging.INFO, logger="desktop.sync.engine"):
        report = engine.push()
    assert sorted(server.stored) == ["100000000", "100000001", "100000003", "100000004"]
    assert outbox(db) == {"applied": 4, "rejected": 1} and (report.applied, report.rejected) == (4, 1)
    with db.read() as s:
        bad = s.scalars(select(OutboxEvent).where(OutboxEvent.status == "rejected")).one()
        assert '"BAD"' in bad.payload and bad.reason == "server_error:500"
        assert s.scalars(select(ManagerAlert.kind)).all() == ["rejected_event"]
    said = [r.getMessage() for r in caplog.records]
    assert said == [f"event {bad.event_id} refused by the server: HTTP 500 internal"]


def test_a_server_failing_every_batch_sets_nothing_aside(db: Database, clock: FakeClock) -> None:
    server = PoisonServer(server_error(503), always=True)
    engine = engine_for(db, clock, server, 4)
    for _ in range(3):
        with pytest.raises(BackendUnavailable) as err:
            engine.push()
        assert err.value.status == 503
    assert outbox(db) == {"pending": 4} and server.stored == []


def test_a_single_event_answered_5xx_is_set_aside_only_while_the_server_stores_others(db: Database,
                                                                                     clock: FakeClock) -> None:
    server = PoisonServer(server_error(), poison=("BAD",))
    engine = engine_for(db, clock, server, 1, poison_at=0)
    for _ in range(3):  # nothing stored in the pass: it may be the server itself
        with pytest.raises(BackendUnavailable):
            engine.push()
    assert outbox(db) == {"pending": 1}


def test_a_poisoned_event_in_a_later_batch_is_set_aside_after_the_first_batch_stored(db: Database,
                                                                                    clock: FakeClock) -> None:
    server = PoisonServer(server_error(), poison=("BAD",))
    engine = engine_for(db, clock, server, 4, poison_at=3, batch_size=2)
    with pytest.raises(BackendUnavailable):
        engine.push()  # the first batch is stored, the second answered 5xx once
    assert outbox(db) == {"applied": 2, "pending": 2}
    engine.push()
    assert outbox(db) == {"applied": 3, "rejected": 1}


def test_a_batch_that_recovers_is_not_split_later(db: Database, clock: FakeClock) -> None:
    server = PoisonServer(server_error(), always=True)
    engine = engine_for(db, clock, server, 4)
    with pytest.raises(BackendUnavailable):
        engine.push()
    server.failure = None
    engine.push()
    assert server.calls == [4, 4] and outbox(db) == {"applied": 4}
    assert engine._server_errors == {}


def test_a_refusal_other_than_400_413_422_is_raised_and_keeps_the_queue(db: Database, clock: FakeClock) -> None:
    server = PoisonServer(RequestRefused("sync.link.refused", status=403, code="forbidden"), always=True)
    engine = engine_for(db, clock, server, 3)
    with pytest.raises(RequestRefused):
        engine.push()
    assert server.calls == [3] and outbox(db) == {"pending": 3}


@pytest.mark.parametrize("status", [400, 413, 422])
def test_a_whole_batch_refusal_finds_the_event_that_causes_it(db: Database, clock: FakeClock, status: int) -> None:
    server = PoisonServer(RequestRefused("sync.link.refused", status=status), poison=("BAD",))
    engine = engine_for(db, clock, server, 4, poison_at=1)
    report = engine.push()
    assert outbox(db) == {"applied": 3, "rejected": 1} and report.pushed == 4
    with db.read() as s:
        assert s.scalars(select(OutboxEvent.reason).where(OutboxEvent.status == "rejected")).one() == (
            f"request_refused:{status}")


@pytest.mark.parametrize(("reason", "stored"), [("already_received:conflict", "conflict"),
                                                ("already_received:rejected", "rejected"),
                                                ("already_received:applied", "duplicate"), (None, "duplicate"),
                                                ("conflict", "conflict")])
def test_a_duplicate_of_an_event_the_server_had_refused_is_that_refusal(db: Database, clock: FakeClock,
                                                                        reason: str | None, stored: str) -> None:
    server = PoisonServer()
    server.verdicts["100000000"] = ("duplicate", reason)
    engine = engine_for(db, clock, server, 1)
    report = engine.push()
    assert outbox(db) == {stored: 1}
    with db.read() as s:
        assert s.execute(select(OutboxEvent.reason, OutboxEvent.server_seq)).one() == (reason, 1)
        assert len(s.scalars(select(ManagerAlert)).all()) == (stored != "duplicate")
    assert getattr(report, stored) == 1


def test_results_are_stored_with_server_seq_time_and_a_reason_cut_to_the_column(db: Database,
                                                                                clock: FakeClock) -> None:
    server = PoisonServer()
    server.verdicts["100000001"] = ("rejected", "unknown_order:" + "9" * 600)
    engine = engine_for(db, clock, server, 2)
    report = engine.push()
    with db.read() as s:
        rows = s.scalars(select(OutboxEvent).order_by(OutboxEvent.device_seq)).all()
        assert [(r.status, r.server_seq) for r in rows] == [("applied", 1), ("rejected", 2)]
        assert rows[1].reason == ("unknown_order:" + "9" * 600)[:OUTCOME_REASON_MAX]
        assert rows[0].reason is None and rows[0].pushed_at is not None
    assert report == SyncReport(pushed=2, applied=1, rejected=1)


def test_each_acknowledged_batch_is_announced(db: Database, clock: FakeClock) -> None:
    engine = engine_for(db, clock, PoisonServer(), 5, batch_size=2)
    told: list[dict[str, int]] = []
    engine.batch_stored = lambda: told.append(outbox(db))
    engine.push()
    assert told == [{"applied": 2, "pending": 3}, {"applied": 4, "pending": 1}, {"applied": 5}]


def test_a_push_in_several_batches_sends_the_queue_in_order_and_counts_every_event(db: Database,
                                                                                  clock: FakeClock) -> None:
    server = PoisonServer()
    engine = engine_for(db, clock, server, 5, batch_size=2)
    with db.write() as s:  # rows stored out of their queue order (a queue rebuilt after a crash)
        events = s.scalars(select(OutboxEvent).order_by(OutboxEvent.device_seq)).all()
        for event, seq in zip(events, [50, 40, 30, 20, 10]):
            event.device_seq = seq
    assert engine.push() == SyncReport(pushed=5, applied=5)
    assert server.stored == [f"1{i:08d}" for i in (4, 3, 2, 1, 0)]


def test_batches_never_exceed_500_events() -> None:
    engine = SyncEngine(None, None, batch_size=2000)  # type: ignore[arg-type]
    assert engine.batch_size == MAX_BATCH == 500 and SyncEngine(None, None).batch_size == 500  # type: ignore[arg-type]


def test_counts_are_pending_events_and_problems_not_yet_reviewed(db: Database, clock: FakeClock) -> None:
    server = PoisonServer()
    server.verdicts.update({"100000000": ("rejected", "x"), "100000001": ("conflict", "y")})
    engine = engine_for(db, clock, server, 3, batch_size=2)
    assert engine.counts() == (3, 0)
    engine.push()
    assert engine.counts() == (0, 2)
    with db.write() as s:
        s.scalars(select(OutboxEvent).where(OutboxEvent.status == "rejected")).one().reviewed_at = clock()
    assert engine.counts() == (0, 1)


def test_a_failing_first_half_is_retried_once_its_neighbours_were_stored(db: Database, clock: FakeClock) -> None:
    server = PoisonServer(server_error(), poison=("BAD",))
    engine = engine_for(db, clock, server, 2, poison_at=0)
    with pytest.raises(BackendUnavailable):
        engine.push()
    report = engine.push()  # split: the poisoned half fails before anything is stored, its neighbour is stored
    assert outbox(db) == {"applied": 1, "rejected": 1} and (report.applied, report.rejected) == (1, 1)
    assert server.calls == [2, 2, 1, 1, 1]  # the whole batch twice, then each half, then the failed half alone


def test_each_half_of_a_split_batch_is_split_at_its_first_5xx(db: Database, clock: FakeClock) -> None:
    server = PoisonServer(server_error(), poison=("BAD",))
    engine = engine_for(db, clock, server, 4, poison_at=3)
    with pytest.raises(BackendUnavailable):
        engine.push()
    engine.push()
    assert server.calls == [4, 4, 2, 2, 1, 1]  # no half waits for a second 5xx of its own
    assert outbox(db) == {"applied": 3, "rejected": 1}


def test_an_event_the_server_did_not_answer_waits_for_the_next_sync_not_a_loop(db: Database, clock: FakeClock) -> None:
    server = PoisonServer()
    server.silent.add("100000001")
    engine = engine_for(db, clock, server, 2, batch_size=2)
    report = engine.push()
    assert server.calls == [2] and report.pushed == 2 and outbox(db) == {"applied": 1, "pending": 1}


def test_a_pushed_event_carries_the_protocols_fields(db: Database, clock: FakeClock) -> None:
    server = PoisonServer()
    engine_for(db, clock, server, 1).push()
    (event,) = server.sent
    assert set(event) == {"event_id", "device_seq", "type", "schema_v", "payload", "occurred_at"}
    assert (event["device_seq"], event["type"], event["schema_v"]) == (1, "order.arrived", 1)
    assert event["payload"]["order"] == "100000000" and event["occurred_at"] == clock().isoformat()
