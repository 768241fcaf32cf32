"""The fault matrix against the REAL backend on 127.0.0.1 (uvicorn, SQLite) behind a fault-injecting proxy."""

from __future__ import annotations

import json
import stat
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from backend import models as server
from backend.sms.models import SmsOutbox
from backend.sms.service import SmsDispatcher
from backend.worker import make_dispatcher
from desktop import device_credentials
from desktop.db.engine import Database
from desktop.db.models import ManagerAlert, OutboxEvent, SmsMessage, SyncState
from desktop.services.base import Service
from desktop.sync.client import BackendUnavailable, SyncClient
from desktop.sync.engine import SyncEngine
from desktop.sync.enrolment import client_for, enrol
from desktop.sync.runner import SyncRunner
from protocol.errors import DomainError
from protocol.events import ClubCardActivated, HandoverCompleted, canonical_json
from tests.integration.counter import (
    CounterPC,
    assert_cache_matches_server,
    assert_exactly_once,
    feed,
    order_no,
    server_event_counts,
)
from tests.integration.live import Fault, FaultProxy, LiveBackend


@pytest.fixture
def pc(live: LiveBackend, proxy: FaultProxy, tmp_path: Path) -> CounterPC:
    return CounterPC(live, proxy, tmp_path / "pc1")


def dispatch_sms(live: LiveBackend) -> SmsDispatcher:
    """The backend's own dispatcher wiring (log gateway), as its background worker runs it."""
    dispatcher = make_dispatcher(live.app.state.db, live.app.state.settings)
    assert dispatcher is not None
    return dispatcher


def test_backend_down_for_the_whole_shift_then_back(live: LiveBackend, proxy: FaultProxy, pc: CounterPC,
                                                    tmp_path: Path) -> None:
    """Offline all shift: the clerk keeps receiving; once back, every event lands once and the SMS goes out."""
    proxy.stop()
    runner = SyncRunner(pc.engine)
    pc.receive(1, 2, 3)
    delays = [runner.run_once() for _ in range(3)]
    status = runner.status()
    assert status.online is False and status.pending_events == pc.pending() > 0
    assert delays == [5, 10, 20] and "Нет связи" in (status.last_error or "")
    pc.receive(4, 5)
    pc.close_receiving()
    proxy.start()
    assert runner.run_once() == runner.interval
    assert runner.status().online and runner.status().pending_events == 0
    assert_exactly_once(live, pc)
    # the server issued codes for orders received offline and asked for the "ready" SMS once each
    sms_log = tmp_path / "sms-demo.log"
    dispatcher = dispatch_sms(live)
    dispatcher.run_once()
    lines = [json.loads(x) for x in sms_log.read_text(encoding="utf-8").splitlines()]
    assert sorted(line["text"].split()[1] for line in lines) == [order_no(n) for n in range(1, 6)]
    pc.engine.sync_once()
    assert_cache_matches_server(live, pc)
    assert set(local_sms_statuses(pc)) == {"accepted"}
    assert all(h for st, h, _ in pc.orders().values() if st == "ready")
    dispatcher.clock = lambda: datetime.now(UTC) + timedelta(minutes=2)  # the next delivery poll is due
    dispatcher.run_once()
    pc.engine.sync_once()
    assert local_sms_statuses(pc) == ["delivered"] * 5  # the clerk sees "delivered" per order
    assert len(sms_log.read_text(encoding="utf-8").splitlines()) == 5  # and nothing was sent twice


def local_sms_statuses(pc: CounterPC) -> list[str]:
    with pc.db.read() as s:
        return list(s.scalars(select(SmsMessage.status).where(SmsMessage.purpose == "ready")))


def test_5xx_and_429_with_retry_after(live: LiveBackend, proxy: FaultProxy, pc: CounterPC) -> None:
    pc.receive(1)
    proxy.inject(Fault("GET /v1/changes", status=503, headers={"Retry-After": "1"}),
                 Fault("GET /v1/changes", status=500),
                 Fault("GET /v1/changes", status=429, headers={"Retry-After": "0"}))
    pc.engine.sync_once()  # GETs are retried by the transport, honouring Retry-After
    assert [s for k, s in proxy.log if k.startswith("GET /v1/changes")][:4] == [503, 500, 429, 200]
    pc.receive(2)
    proxy.inject(Fault("POST /v1/events", status=503, headers={"Retry-After": "7"}))
    runner = SyncRunner(pc.engine)
    assert runner.run_once() == 7  # POST not retried by the transport; the loop waits as the server asked
    assert pc.pending() > 0
    proxy.inject(Fault("POST /v1/events", status=429, headers={"Retry-After": "2"}))
    assert runner.run_once() == 10
    assert runner.run_once() == runner.interval
    assert [s for k, s in proxy.log if k.startswith("POST /v1/events")][-3:] == [503, 429, 200]
    assert_exactly_once(live, pc)


def test_read_timeout_after_the_server_committed(live: LiveBackend, proxy: FaultProxy, tmp_path: Path) -> None:
    pc = CounterPC(live, proxy, tmp_path / "pc-timeout", read_timeout=0.5)
    pc.receive(1, 2)
    proxy.inject(Fault("POST /v1/events", delay_after_forward=1.5))
    with pytest.raises(BackendUnavailable):
        pc.engine.sync_once()
    assert set(pc.outbox().values()) == {"pending"}
    proxy.wait_forwarded("POST /v1/events")  # the client gave up at 0.5 s; the backend answers when it is done
    assert len(server_event_counts(live)) == len(pc.outbox())  # the server did commit them
    report = pc.engine.sync_once()
    assert report.duplicate == len(pc.outbox()) and report.applied == 0
    assert_exactly_once(live, pc)
    with live.app.state.db.read() as s:  # the effect happened once: one code, one ready SMS per order
        assert s.scalar(select(func.count()).select_from(SmsOutbox)) == 2
        assert s.scalar(select(func.count()).select_from(server.Change).where(
            server.Change.type == "order.code_issued")) == 2
    assert_cache_matches_server(live, pc)


def test_a_conflict_whose_answer_was_lost_still_reaches_the_manager(live: LiveBackend, proxy: FaultProxy,
                                                                      pc: CounterPC, tmp_path: Path) -> None:
    other = CounterPC(live, proxy, tmp_path / "pc2", read_timeout=0.5)
    card = feed()["cards"][0]["number"]
    pc.receive(1)  # order 1 (6,000 ₽) is ready: its customer qualifies for a card
    _emit(pc, ClubCardActivated(card=card, phone="+79160000001", city="Москва", points=190))
    pc.engine.sync_once()
    _emit(other, ClubCardActivated(card=card, phone="+79160000002", city="Москва", points=190))
    proxy.inject(Fault("POST /v1/events", delay_after_forward=1.5))
    with pytest.raises(BackendUnavailable):
        other.engine.sync_once()
    report = other.engine.sync_once()  # the server answers "duplicate" (already received as a conflict)
    assert report.conflict == 1
    with other.db.read() as s:
        event = s.scalars(select(OutboxEvent)).one()
        assert s.scalars(select(ManagerAlert.kind)).all() == ["conflict"]
    assert event.status == "conflict" and event.reason == "card_already_active"  # refined by event.outcome


def test_same_batch_twice_and_concurrently(live: LiveBackend, proxy: FaultProxy, pc: CounterPC) -> None:
    pc.receive(1, 2, 3)
    batch = pc.engine._pending_batch(0)
    clients = [SyncClient(proxy.url, pc.creds.token) for _ in range(4)]
    results: list[list[str]] = []
    lock = threading.Lock()

    def send(c: SyncClient) -> None:
        statuses = [r.status for r in c.push_events(batch)]
        with lock:
            results.append(statuses)

    threads = [threading.Thread(target=send, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    send(clients[0])  # and once more afterwards
    per_event = list(zip(*results, strict=True))
    assert len(results) == 5
    assert all(col.count("applied") <= 1 and set(col) <= {"applied", "duplicate"} for col in per_event)
    assert all(n == 1 for n in server_event_counts(live).values())
    pc.engine.sync_once()
    assert_exactly_once(live, pc)
    assert_cache_matches_server(live, pc)


@pytest.mark.slow
def test_ten_thousand_queued_events(live: LiveBackend, proxy: FaultProxy, pc: CounterPC) -> None:
    with pc.db.write() as s:
        now = pc.engine.clock()
        s.execute(insert(OutboxEvent), [
            {"event_id": f"00000000-0000-4000-8000-{i:012d}", "device_seq": i, "type": "shift.opened",
             "schema_v": 1, "payload": canonical_json({"shift": f"shift-{i}", "staff": "kassir"}),
             "occurred_at": now, "status": "pending"} for i in range(1, 10_001)])
    http = {"s": 0.0}
    push = pc.client.push_events

    def timed(batch: list[dict[str, object]]) -> object:
        t = time.monotonic()
        try:
            return push(batch)  # type: ignore[arg-type]
        finally:
            http["s"] += time.monotonic() - t

    pc.client.push_events = timed  # type: ignore[method-assign,assignment]
    started = time.monotonic()
    report = pc.engine.sync_once()
    elapsed = time.monotonic() - started
    client_side = elapsed - http["s"]
    print(f"\n10,000 events: {elapsed:.1f} s total, {http['s']:.1f} s waiting for the server, "
          f"{client_side:.2f} s in the sync engine ({report.pushed / elapsed:.0f} events/s)")
    assert report.pushed == 10_000 and pc.pending() == 0
    assert len(server_event_counts(live)) == 10_000
    assert client_side < 5  # the engine's own share (batching, storing results) stays small
    assert elapsed < 90  # end to end; the server's per-event ingest dominates (see the report)


def test_expired_cursor_takes_snapshot_and_keeps_local_events(tmp_path: Path) -> None:
    live = LiveBackend(tmp_path, change_retention=timedelta(0)).start()
    try:
        live.import_feed(feed(orders=5))
        proxy = FaultProxy(live.url).start()
        pc = CounterPC(live, proxy, tmp_path / "pc")
        pc.engine.sync_once()
        pc.receive(1)  # queued, not yet pushed
        live.import_feed(feed(orders=8))  # more changes on the server…
        assert live.admin("POST", "/v1/admin/maintenance/prune-changes").json()["deleted"] > 0  # …then pruned
        pending_before = pc.outbox()
        report = pc.engine.pull()
        assert report.snapshot
        assert pc.outbox() == pending_before and set(pending_before.values()) == {"pending"}
        assert pc.orders()[order_no(1)][0] == "ready"  # the local, unsynced state was not overwritten
        assert order_no(8) in pc.orders()
        pc.engine.sync_once()
        assert_exactly_once(live, pc)
        assert_cache_matches_server(live, pc)
        proxy.stop()
    finally:
        live.stop()


def _emit(pc: CounterPC, event: object) -> None:
    with Service(pc.db).action(None) as act:
        act.emit(event)  # type: ignore[arg-type]


def test_conflict_rules(live: LiveBackend, proxy: FaultProxy, pc: CounterPC, tmp_path: Path) -> None:
    other = CounterPC(live, proxy, tmp_path / "pc2")
    # the same box received on two counter PCs → the second is a duplicate
    pc.receive(1)
    other.receive(1)
    pc.engine.sync_once()
    report = other.engine.sync_once()
    assert report.duplicate >= 1 and report.rejected == report.conflict == 0
    # a handover done offline on an order cancelled centrally → applied and flagged for staff
    pc.receive(2)
    pc.engine.sync_once()
    assert live.admin("POST", f"/v1/admin/orders/{order_no(2)}/cancel").status_code == 200
    _emit(pc, HandoverCompleted(handover="h-1", order=order_no(2), result="handed_over", verified_by="code",
                                lines=[], payment=None))
    pc.engine.sync_once()
    with pc.db.read() as s:
        flags = s.scalars(select(ManagerAlert).where(ManagerAlert.kind == "handed_over_after_cancel")).all()
    assert len(flags) == 1 and order_no(2) in flags[0].message
    # the second activation of one club card → conflict for review, kept, queue not blocked
    card = feed()["cards"][0]["number"]
    _emit(pc, ClubCardActivated(card=card, phone="+79160000001", city="Москва", points=190))
    _emit(other, ClubCardActivated(card=card, phone="+79160000002", city="Москва", points=190))
    pc.engine.sync_once()
    other.receive(3)  # an event queued after the conflicting one
    report = other.engine.sync_once()
    assert report.conflict == 1 and report.applied >= 1
    with other.db.read() as s:
        kept = s.scalars(select(OutboxEvent).where(OutboxEvent.status == "conflict")).one()
        alerts = s.scalars(select(ManagerAlert).where(ManagerAlert.kind == "conflict")).all()
    assert kept.type == "club.card_activated" and "card_already_active" in (kept.reason or "")
    assert len(alerts) == 1 and other.engine.counts() == (0, 1)


def test_old_schema_client_gets_426_and_keeps_working_offline(live: LiveBackend, proxy: FaultProxy,
                                                              pc: CounterPC) -> None:
    pc.receive(1)
    with pc.db.write() as s:
        s.execute(OutboxEvent.__table__.update().values(schema_v=0))  # type: ignore[attr-defined]
    runner = SyncRunner(pc.engine)
    runner.run_once()
    status = runner.status()
    assert status.upgrade_required and "Обновите программу" in (status.last_error or "")
    assert set(pc.outbox().values()) == {"pending"}
    pc.receive(2)  # the clerk keeps working
    assert pc.pending() > 0


def test_revoked_device_needs_reenrolment_without_losing_events(live: LiveBackend, proxy: FaultProxy,
                                                                 pc: CounterPC) -> None:
    assert live.admin("POST", f"/v1/admin/devices/{pc.creds.device_id}/revoke").status_code == 204
    pc.receive(1)
    runner = SyncRunner(pc.engine)
    runner.run_once()
    status = runner.status()
    assert status.reenrol_needed and status.online and "регистрация" in (status.last_error or "")
    assert set(pc.outbox().values()) == {"pending"} and status.pending_events == len(pc.outbox())


def test_an_enrolment_the_server_refuses_is_explained_by_its_code_in_russian(
        live: LiveBackend, proxy: FaultProxy, tmp_path: Path) -> None:
    db = Database(tmp_path / "refused.sqlite3")
    db.create_all()
    with pytest.raises(DomainError) as err:  # the server answers 422 invalid_request with an English detail
        enrol(proxy.url, live.enrolment_code(), tmp_path / "refused", db, device_name="x" * 101)
    assert err.value.code == "sync.enrol_refused"
    assert str(err.value) == "Сервер отклонил регистрацию: запрос не прошёл проверку сервера"
    with pytest.raises(DomainError) as expired:
        enrol(proxy.url, "NO-SUCH-CODE", tmp_path / "refused", db)
    assert "Код регистрации неверен" in str(expired.value)


def test_enrolment_then_background_sync(live: LiveBackend, proxy: FaultProxy, tmp_path: Path) -> None:
    pc = CounterPC(live, proxy, tmp_path / "pc")
    creds_file = pc.data_dir / "device.json"
    assert stat.S_IMODE(creds_file.stat().st_mode) == 0o600
    assert pc.creds.token not in caplog_free_repr(pc)
    with pc.db.read() as s:
        assert s.get(SyncState, "server_public_key").value == pc.creds.public_key  # for offline QR checks
    assert len(pc.orders()) == 20  # the first snapshot
    other_db = Database(tmp_path / "other.sqlite3")
    other_db.create_all()
    code = live.enrolment_code()
    enrol(proxy.url, code, tmp_path / "other", other_db)
    with pytest.raises(DomainError) as err:
        enrol(proxy.url, code, tmp_path / "third", other_db)
    assert err.value.code == "sync.code_invalid"
    pc.receive(1)
    creds = device_credentials.load(pc.data_dir)  # what the app's startup reads (ui/startup.py)
    assert creds is not None
    runner = SyncRunner(SyncEngine(pc.db, client_for(creds)))
    runner.start()
    try:
        runner.trigger()
        deadline = time.monotonic() + 20
        while runner.status().last_success_at is None or runner.status().pending_events:
            assert time.monotonic() < deadline, runner.status()
            time.sleep(0.05)
    finally:
        assert runner.stop(10)
    assert_exactly_once(live, pc)
    assert device_credentials.load(tmp_path / "nowhere") is None


def caplog_free_repr(pc: CounterPC) -> str:
    return repr(pc.creds) + repr(pc.client) + repr(pc.engine.client)
