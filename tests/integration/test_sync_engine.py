"""Sync engine and runner against an in-process fake backend: ordering, batches, atomic pages, 410/426/401."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.db.engine import Database
from desktop.db.models import Customer, ManagerAlert, Order, OutboxEvent, PickupPoint, SmsMessage, SyncState
from desktop.db.pepper import pepper_code_hash, pepper_for_session
from desktop.services.base import Service
from desktop.sync import apply as apply_module
from desktop.sync.client import AuthRejected, BackendUnavailable, RequestRefused, UpgradeRequired
from desktop.sync.engine import SyncEngine
from desktop.sync.reasons import describe_reason
from desktop.sync.runner import Backoff, SyncRunner
from protocol.events import OrderArrived
from tests.integration.fakes import FakeBackend, FakeClient
from tests.integration.shapes import order_dict, point_dict
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


def emit_events(db: Database, clock: FakeClock, n: int, prefix: str = "1") -> None:
    service = Service(db, clock)
    with service.action(None) as act:
        for i in range(n):
            act.emit(OrderArrived(order=f"{prefix}{i:08d}", arrived_at=clock().isoformat()))


def statuses(db: Database) -> dict[str, int]:
    with db.read() as s:
        return dict(s.execute(select(OutboxEvent.status, func.count()).group_by(OutboxEvent.status)).all())


def test_push_sends_in_device_seq_order_in_batches_of_at_most_500(db: Database, engine: SyncEngine,
                                                                   backend: FakeBackend, clock: FakeClock) -> None:
    emit_events(db, clock, 1203)
    report = engine.sync_once()
    assert backend.push_calls == [500, 500, 203]
    assert report.applied == 1203 and statuses(db) == {"applied": 1203}
    with db.read() as s:
        assert s.scalar(select(func.min(OutboxEvent.server_seq))) == 1
    engine.sync_once()  # nothing left: nothing sent again
    assert backend.push_calls == [500, 500, 203]


def test_rejected_and_conflicting_events_are_kept_alerted_and_do_not_block(
        db: Database, engine: SyncEngine, backend: FakeBackend, clock: FakeClock) -> None:
    emit_events(db, clock, 3)
    backend.verdicts["order.arrived"] = ("conflict", "card_already_active")
    with Service(db, clock).action(None) as act:  # a conflicting event in the middle of the queue
        act.emit(OrderArrived(order="200000000", arrived_at=clock().isoformat()))
    engine.push()
    backend.verdicts.clear()
    emit_events(db, clock, 2, prefix="3")
    engine.push()
    assert statuses(db) == {"conflict": 4, "applied": 2}
    with db.read() as s:
        alerts = s.scalars(select(ManagerAlert)).all()
    assert len(alerts) == 4 and all(a.kind == "conflict" for a in alerts)
    assert "(конфликт): карта уже активирована" in alerts[0].message  # the server's code rendered in words
    assert engine.counts() == (0, 4)


def test_network_failure_mid_push_keeps_events_and_retry_is_duplicate(
        db: Database, engine: SyncEngine, backend: FakeBackend, clock: FakeClock) -> None:
    emit_events(db, clock, 10)
    real = backend.push_events

    def commit_then_lose(events: list[dict[str, Any]]) -> Any:
        real(events)
        raise BackendUnavailable("reply lost")

    backend.push_events = commit_then_lose  # type: ignore[method-assign]
    with pytest.raises(BackendUnavailable):
        engine.push()
    assert statuses(db) == {"pending": 10}
    backend.push_events = real  # type: ignore[method-assign]
    report = engine.push()
    assert report.duplicate == 10 and len(backend.events) == 10


def test_a_batch_refused_as_a_whole_is_split_and_the_bad_event_kept_as_rejected(
        db: Database, engine: SyncEngine, backend: FakeBackend, clock: FakeClock) -> None:
    emit_events(db, clock, 6)
    with Service(db, clock).action(None) as act:
        act.emit(OrderArrived(order="BAD", arrived_at=clock().isoformat()))
    emit_events(db, clock, 5, prefix="2")
    real = backend.push_events

    def refuse_garbage(events: list[dict[str, Any]]) -> Any:
        if any(e["payload"]["order"] == "BAD" for e in events):
            raise RequestRefused("422", status=422, code="invalid_event")
        return real(events)

    backend.push_events = refuse_garbage  # type: ignore[method-assign]
    report = engine.push()
    assert report.applied == 11 and report.rejected == 1
    with db.read() as s:
        bad = s.scalars(select(OutboxEvent).where(OutboxEvent.status == "rejected")).one()
    assert '"BAD"' in bad.payload and bad.reason == "request_refused:422"
    assert describe_reason(bad.reason) == "сервер не принял событие (HTTP 422)"
    assert engine.counts() == (0, 1)


def test_426_keeps_the_queue_but_still_pulls(db: Database, engine: SyncEngine, backend: FakeBackend,
                                             clock: FakeClock) -> None:
    start_feed_at_zero(db)
    emit_events(db, clock, 2)
    backend.publish("order.upsert", order_dict("800000001"))
    backend.fail_next = [UpgradeRequired("old", status=426)]
    with pytest.raises(UpgradeRequired):
        engine.sync_once()
    assert statuses(db) == {"pending": 2}
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 1


def test_pull_applies_pages_and_stores_cursor_atomically(db: Database, engine: SyncEngine,
                                                         backend: FakeBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    engine.page_limit = 2
    with db.write() as s:
        s.add(SyncState(key="cursor", value="0"))
    for i in range(5):
        backend.publish("order.upsert", order_dict(f"4000000{i:02d}"))
    original = apply_module.cache_bulk.upsert_orders
    calls = {"n": 0}

    def fail_in_second_page(s: Any, items: Any) -> None:
        calls["n"] += 1
        original(s, items)
        if calls["n"] == 2:  # the page's orders written, its cursor not yet
            raise RuntimeError("crash in the middle of a page")

    monkeypatch.setattr(apply_module.cache_bulk, "upsert_orders", fail_in_second_page)
    with pytest.raises(RuntimeError):
        engine.pull()
    with db.read() as s:
        assert s.get(SyncState, "cursor").value == "2"  # first page committed, second rolled back whole
        assert s.scalar(select(func.count()).select_from(Order)) == 2
    monkeypatch.setattr(apply_module.cache_bulk, "upsert_orders", original)
    assert engine.pull().pulled == 3
    with db.read() as s:
        assert s.get(SyncState, "cursor").value == "5"
        assert s.scalar(select(func.count()).select_from(Order)) == 5


def test_expired_cursor_takes_snapshot_and_keeps_pending_events(db: Database, engine: SyncEngine,
                                                                 backend: FakeBackend, clock: FakeClock) -> None:
    backend.publish("order.upsert", order_dict("500000001"))
    engine.pull()
    emit_events(db, clock, 3)
    backend.fail_next = [BackendUnavailable("down")]
    with pytest.raises(BackendUnavailable):
        engine.push()
    backend.publish("order.upsert", order_dict("500000002"))
    backend.pruned_through = 2  # our cursor (1) is now too old
    report = engine.pull()
    assert report.snapshot and backend.snapshot_calls == 2
    assert statuses(db) == {"pending": 3}
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 2
    engine.push()
    assert statuses(db) == {"applied": 3}


def start_feed_at_zero(db: Database) -> None:
    with db.write() as s:
        s.add(SyncState(key="cursor", value="0"))


def test_change_handlers(db: Database, engine: SyncEngine, backend: FakeBackend, clock: FakeClock) -> None:
    start_feed_at_zero(db)
    backend.publish("order.upsert", order_dict("600000001", status="ready"))
    backend.publish("order.upsert", order_dict("600000002", status="ready"))
    backend.publish("order.code_issued", {"order": "600000001", "pickup_code_hash": "ab" * 32, "qr_token": None})
    backend.publish("order.cancelled", {"order": "600000002"})
    backend.publish("sms.status", {"sms": "u-1", "order": "600000001", "purpose": "ready", "attempt": 1,
                                   "status": "accepted", "at": "2026-11-24T09:01:00+00:00", "error": None})
    backend.publish("sms.status", {"sms": "u-1", "order": "600000001", "purpose": "ready", "attempt": 1,
                                   "status": "delivered", "at": "2026-11-24T09:02:00+00:00", "error": None})
    backend.publish("order.flagged", {"order": "600000002", "flag": "handed_over_after_cancel",
                                      "task": "Order 600000002 was cancelled but handed over"})
    backend.publish("no.such.type", {})
    engine.pull()
    engine.pull()  # idempotent replay guard: nothing new
    with db.read() as s:
        first = s.scalars(select(Order).where(Order.number == "600000001")).one()
        second = s.scalars(select(Order).where(Order.number == "600000002")).one()
        sms = s.scalars(select(SmsMessage)).one()
        alert = s.scalars(select(ManagerAlert)).one()
        assert first.pickup_code_hash == pepper_code_hash(pepper_for_session(s), "ab" * 32)  # peppered here
    assert "ab" * 32 not in first.pickup_code_hash
    assert second.status == "cancelled"
    assert sms.status == "delivered" and [t["status"] for t in sms.timeline] == ["accepted", "delivered"]
    assert alert.kind == "handed_over_after_cancel" and alert.message == (
        "Заказ 600000002 был отменён, но выдан клиенту. Свяжитесь с клиентом и оформите возврат товара или оплату.")


def test_event_outcome_marks_event_for_review(db: Database, engine: SyncEngine, backend: FakeBackend,
                                              clock: FakeClock) -> None:
    start_feed_at_zero(db)
    emit_events(db, clock, 1)
    engine.push()
    with db.read() as s:
        event_id = s.scalars(select(OutboxEvent.event_id)).one()
    backend.publish("event.outcome", {"event_id": event_id, "status": "conflict", "reason": "позже отменено"})
    engine.pull()
    assert statuses(db) == {"conflict": 1}
    assert engine.counts() == (0, 1)


def test_backoff_doubles_to_five_minutes_and_resets() -> None:
    b = Backoff()
    assert [b.next() for _ in range(8)] == [5, 10, 20, 40, 80, 160, 300, 300]
    b.reset()
    assert b.next(hint=60) == 60


class ScriptedEngine:
    def __init__(self, outcomes: list[Exception | None]) -> None:
        self.outcomes = outcomes
        self.calls = 0
        self.done = threading.Event()

    def sync_once(self) -> None:
        self.calls += 1
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if not self.outcomes:
            self.done.set()
        if outcome is not None:
            raise outcome

    def counts(self) -> tuple[int, int]:
        return (7, 1)


def test_runner_statuses_for_offline_upgrade_and_reenrol() -> None:
    failures = [BackendUnavailable("sync.link.offline"), UpgradeRequired("sync.link.upgrade_required"),
                AuthRejected("sync.link.auth_rejected"), None, RuntimeError("bug")]
    runner = SyncRunner(ScriptedEngine(failures))  # type: ignore[arg-type]
    assert runner.run_once() == 5 and runner.status().online is False and runner.status().next_delay_s == 5
    assert runner.status().last_error == "Нет связи с сервером. Работаем без связи; данные сохранены."
    assert runner.status().pending_events == 7
    runner.run_once()
    assert runner.status().upgrade_required
    runner.run_once()
    assert runner.status().reenrol_needed
    assert runner.run_once() == 30.0
    status = runner.status()
    assert status.online and status.last_error is None and not status.reenrol_needed and status.to_review == 1
    assert runner.run_once() == 5  # a bug is logged and backed off, the thread survives
    assert "Внутренняя ошибка" in (runner.status().last_error or "")


def test_runner_thread_triggers_and_stops_cleanly() -> None:
    engine = ScriptedEngine([BackendUnavailable("down"), None])
    runner = SyncRunner(engine, interval=3600, backoff=Backoff(first=3600))  # type: ignore[arg-type]
    runner.start()
    runner.trigger()  # wakes the 3600 s backoff wait at once
    assert engine.done.wait(5)
    assert runner.stop(5)
    assert engine.calls == 2


def test_runner_keeps_queue_counts_fresh_between_sync_attempts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline the next attempt may be minutes away; the status bar's «Не отправлено» must not wait for it."""
    from desktop.sync import runner as runner_module

    monkeypatch.setattr(runner_module, "COUNTS_REFRESH_S", 0.01)
    engine = ScriptedEngine([BackendUnavailable("down")])
    pending = [7]
    engine.counts = lambda: (pending[0], 0)  # type: ignore[method-assign]
    runner = SyncRunner(engine, interval=3600, backoff=Backoff(first=3600))  # type: ignore[arg-type]
    runner.start()
    try:
        assert engine.done.wait(5)
        pending[0] = 8  # the clerk scanned a box: one more event queued
        refreshed = threading.Event()
        for _ in range(500):
            if runner.status().pending_events == 8:
                refreshed.set()
                break
            refreshed.wait(0.01)
        assert refreshed.is_set() and engine.calls == 1  # counted again without another sync attempt
    finally:
        assert runner.stop(5)


def test_club_activation_result_and_bonus_go_through_the_club_service(
        db: Database, engine: SyncEngine, backend: FakeBackend, clock: FakeClock) -> None:
    from desktop.db.models import AuditEntry, BonusLedgerEntry, ClubCard
    from tests.support.factories import make_card, make_customer

    start_feed_at_zero(db)
    with db.write() as s:
        point = s.scalars(select(PickupPoint)).one()
        customer = make_customer(s)
        cards = [make_card(s, point, n, "1111") for n in ("2004270000015", "2004270000022")]
        for card in cards:
            card.status, card.customer_id = "pending", customer.id
            s.add(BonusLedgerEntry(customer_id=customer.id, card_id=card.id, reason="activation", points=190,
                                   status="pending", created_at=clock()))
    backend.publish("club.activation_result", {"card": cards[0].number, "status": "active", "reason": None})
    backend.publish("bonus.confirmed", {"order": None, "card": cards[0].number, "reason": "activation",
                                        "points": 190})
    backend.publish("club.activation_result", {"card": cards[1].number, "status": "rejected",
                                               "reason": "card_already_active"})
    backend.publish("club.activation_result", {"card": cards[1].number, "status": "rejected",
                                               "reason": "card_already_active"})  # replayed: no-op
    engine.pull()
    with db.read() as s:
        status = dict(s.execute(select(ClubCard.number, ClubCard.status)).all())
        ledger = dict(s.execute(select(BonusLedgerEntry.card_id, BonusLedgerEntry.status)).all())
        alerts = s.scalars(select(ManagerAlert.kind)).all()
        journal = s.scalars(select(AuditEntry.action)).all()
    assert status == {cards[0].number: "active", cards[1].number: "rejected"}
    assert ledger == {cards[0].id: "confirmed", cards[1].id: "rejected"}
    assert alerts == ["club_activation_rejected"]
    assert "club.activation_confirmed" in journal and "club.activation_rejected" in journal


def test_a_crash_during_a_snapshot_leaves_no_cursor_and_the_next_pull_starts_over(
        db: Database, engine: SyncEngine, backend: FakeBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop import cache_bulk
    from desktop.sync import engine as engine_module

    start_feed_at_zero(db)
    for i in range(250):
        backend.publish("order.upsert", order_dict(f"9{i:08d}", phone=f"+7916{i:07d}"))
    backend.pruned_through = 1  # our cursor 0 has expired
    monkeypatch.setattr(engine_module, "SNAPSHOT_CHUNK", 100)
    original = cache_bulk.upsert_orders
    calls = {"n": 0}

    def crash_in_second_chunk(s: Any, items: Any) -> None:
        calls["n"] += 1
        original(s, items)
        if calls["n"] == 2:
            raise RuntimeError("power cut")

    monkeypatch.setattr(cache_bulk, "upsert_orders", crash_in_second_chunk)
    with pytest.raises(RuntimeError):
        engine.pull()
    with db.read() as s:
        assert s.get(SyncState, "cursor") is None
        assert s.scalar(select(func.count()).select_from(Order)) == 100  # one chunk committed
    monkeypatch.setattr(cache_bulk, "upsert_orders", original)
    report = engine.pull()
    assert report.snapshot and backend.snapshot_calls == 2
    with db.read() as s:
        assert s.get(SyncState, "cursor").value == "250"
        assert s.scalar(select(func.count()).select_from(Order)) == 250



def test_a_pulled_customer_phone_is_stored_in_e164(db: Database, engine: SyncEngine, backend: FakeBackend) -> None:
    """An older server may still send a phone as imported; the cache keeps one form, so search by phone finds it."""
    with db.write() as s:
        s.add(SyncState(key="cursor", value="0"))
    backend.publish("order.upsert", order_dict("400000001", phone="8 (903) 555-01-99"))
    engine.pull()
    with db.read() as s:
        assert s.execute(select(Customer.phone, Customer.phone_last4)).one() == ("+79035550199", "0199")
