"""One sync (DESIGN «Sync protocol»): push before pull, the journal head anchored between them, a too-old app still
pulls the server's news; the pull starts from a snapshot when there is no cursor, asks pages of the configured size,
stops at the last page, and an expired cursor (410) means a snapshot, logged; the snapshot's progress is told chunk
by chunk."""

from __future__ import annotations

import logging
from datetime import UTC
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.db.engine import Database
from desktop.db.models import Order, SyncState
from desktop.sync import engine as engine_module
from desktop.sync.client import ChangesPage, CursorExpired, UpgradeRequired
from desktop.sync.engine import CURSOR_KEY, SyncEngine, SyncReport, get_state, set_state
from tests.integration.fakes import FakeBackend, FakeClient
from tests.integration.shapes import order_dict, point_dict
from tests.support.clock import FakeClock
from tests.support.factories import make_point


class LoggingClient(FakeClient):
    """The fake backend's client, noting each call in order."""

    def __init__(self, backend: FakeBackend) -> None:
        super().__init__(backend)
        self.calls: list[str] = []
        self.limits: list[int] = []
        self.refuse_push: Exception | None = None

    def push_events(self, events: list[dict[str, Any]]) -> Any:
        self.calls.append("push")
        if self.refuse_push is not None:
            raise self.refuse_push
        return super().push_events(events)

    def anchor_journal(self, head: dict[str, Any]) -> dict[str, Any]:
        self.calls.append("anchor")
        return super().anchor_journal(head)

    def changes(self, cursor: int, limit: int = 500) -> ChangesPage:
        self.calls.append(f"changes {cursor}")
        self.limits.append(limit)
        return super().changes(cursor, limit)

    def snapshot(self) -> dict[str, Any]:
        self.calls.append("snapshot")
        return super().snapshot()


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend(point_dict())


@pytest.fixture
def client(backend: FakeBackend) -> LoggingClient:
    return LoggingClient(backend)


def engine_for(db: Database, client: LoggingClient, cursor: str | None = "0", **kwargs: Any) -> SyncEngine:
    with db.write() as s:
        make_point(s)
        if cursor is not None:
            set_state(s, CURSOR_KEY, cursor)
    return SyncEngine(db, client, FakeClock(), **kwargs)  # type: ignore[arg-type]


def emit(db: Database) -> None:
    from desktop.services.base import Service
    from protocol.events import OrderArrived

    with Service(db, FakeClock()).action(None) as act:
        act.emit(OrderArrived(order="100000001", arrived_at="2026-11-24T09:00:00+00:00"))


def test_a_sync_pushes_then_anchors_the_journal_then_pulls(db: Database, client: LoggingClient) -> None:
    engine = engine_for(db, client)
    emit(db)
    report = engine.sync_once()
    assert client.calls == ["push", "anchor", "changes 0"] and report.pushed == 1 and report.applied == 1


def test_a_too_old_app_still_pulls_and_then_says_so(db: Database, client: LoggingClient) -> None:
    engine = engine_for(db, client)
    emit(db)
    client.refuse_push = UpgradeRequired("sync.link.upgrade_required", status=426)
    with pytest.raises(UpgradeRequired):
        engine.sync_once()
    assert client.calls == ["push", "changes 0"]


def test_without_a_cursor_the_pull_starts_from_a_snapshot(db: Database, client: LoggingClient,
                                                          backend: FakeBackend) -> None:
    for n in range(3):
        backend.publish("order.upsert", order_dict(f"10000000{n}"))
    engine = engine_for(db, client, cursor=None)
    report = engine.pull()
    assert client.calls == ["snapshot", "changes 3"] and report.snapshot and report.pulled == 0
    with db.read() as s:
        assert get_state(s, CURSOR_KEY) == "3"


def test_pages_of_the_configured_size_until_the_last(db: Database, client: LoggingClient,
                                                     backend: FakeBackend) -> None:
    for n in range(5):
        backend.publish("order.upsert", order_dict(f"10000000{n}"))
    engine = engine_for(db, client, page_limit=2)
    report = engine.pull()
    assert [c for c in client.calls if c.startswith("changes")] == ["changes 0", "changes 2", "changes 4"]
    assert set(client.limits) == {2} and report == SyncReport(pulled=5)
    with db.read() as s:
        assert get_state(s, CURSOR_KEY) == "5" and s.scalar(select(func.count()).select_from(Order)) == 5


def test_the_default_page_is_500_changes(db: Database, client: LoggingClient) -> None:
    engine_for(db, client).pull()
    assert client.limits == [500]


def test_a_page_saying_more_but_bringing_nothing_ends_the_pull(db: Database, client: LoggingClient,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    engine = engine_for(db, client)
    monkeypatch.setattr(client, "changes", lambda cursor, limit=500: ChangesPage([], cursor, True))
    assert engine.pull().pulled == 0


def test_an_expired_cursor_takes_a_snapshot_and_is_logged(db: Database, client: LoggingClient, backend: FakeBackend,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    backend.publish("order.upsert", order_dict("100000001"))
    backend.publish("order.upsert", order_dict("100000002"))
    backend.pruned_through = 2
    engine = engine_for(db, client, cursor="1")
    with caplog.at_level(logging.WARNING, logger="desktop.sync.engine"):
        report = engine.pull()
    assert client.calls == ["changes 1", "snapshot", "changes 2"] and report.snapshot
    assert [r.getMessage() for r in caplog.records] == ["change cursor 1 expired: taking a snapshot"]


def test_a_snapshot_tells_its_progress_chunk_by_chunk(db: Database, client: LoggingClient, backend: FakeBackend,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(5):
        backend.publish("order.upsert", order_dict(f"10000000{n}", phone=f"+791600000{n:02d}"))
    monkeypatch.setattr(engine_module, "SNAPSHOT_CHUNK", 2)
    engine = engine_for(db, client, cursor=None)
    told: list[tuple[int, int]] = []
    engine.snapshot_progress = lambda done, total: told.append((done, total))
    assert engine.take_snapshot() == 5
    assert told == [(0, 5), (2, 5), (4, 5), (5, 5)]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 5


def test_a_snapshot_without_a_report_still_returns_its_cursor(db: Database, client: LoggingClient) -> None:
    assert engine_for(db, client, cursor=None).take_snapshot(None) == 0


def test_the_sync_state_keeps_one_value_per_key(db: Database) -> None:
    with db.write() as s:
        set_state(s, "k", "1")
        s.flush()
        set_state(s, "k", "2")
    with db.read() as s:
        assert get_state(s, "k") == "2" and get_state(s, "missing") is None
        assert s.scalar(select(func.count()).select_from(SyncState)) == 1



def warranty_claim(order: str) -> dict[str, Any]:
    return {"number": "W000000777", "point_code": "0042", "status": "filed", "order": order, "sku": "SKU-" + order,
            "serial": None, "product": "Phone", "prefiled": True, "fault": "dead", "cover": None, "checklist": [],
            "condition": "", "label": None, "filed_at": "2026-11-23T10:00:00+00:00", "accepted_at": None,
            "outcome": None, "conclusion": None, "return_order": None, "updated_at": "2026-11-23T10:00:00+00:00"}


def test_a_snapshot_brings_claims_and_money_after_its_orders(db: Database, client: LoggingClient,
                                                             backend: FakeBackend,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.db.claim_models import Claim
    from desktop.db.models import BonusLedgerEntry

    order = order_dict("100000001")
    snapshot = {"cursor": 9, "point": point_dict(), "orders": [order], "claims": [warranty_claim("100000001")],
                "bonus_entries": [{"entry": 1, "customer": order["customer"]["external_id"], "card": None,
                                   "order": "100000001", "reason": "accrual", "points": 50, "event_id": None,
                                   "at": None}]}
    monkeypatch.setattr(client, "snapshot", lambda: snapshot)
    engine = engine_for(db, client, cursor=None)
    assert engine.take_snapshot() == 9
    with db.read() as s:
        assert s.scalars(select(Claim.number)).all() == ["W000000777"]
        entry = s.scalars(select(BonusLedgerEntry)).one()
        assert entry.points == 50 and entry.created_at.replace(tzinfo=None) == engine.clock().replace(tzinfo=None)
        assert get_state(s, CURSOR_KEY) == "9"


def test_a_snapshot_of_a_point_without_orders_loads(db: Database, client: LoggingClient,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client, "snapshot", lambda: {"cursor": 4, "point": point_dict()})
    engine = engine_for(db, client, cursor=None)
    told: list[tuple[int, int]] = []
    engine.snapshot_progress = lambda done, total: told.append((done, total))
    assert engine.take_snapshot() == 4 and told == [(0, 0)]


def test_the_engines_default_clock_is_utc() -> None:
    from desktop.sync.engine import utc_now

    assert utc_now().tzinfo is UTC


def test_the_points_code_tag_key_from_a_page_is_kept(db: Database, client: LoggingClient,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import base64

    from desktop.db.pepper import read_tag_key

    key = base64.b64encode(b"k" * 32).decode()
    engine = engine_for(db, client)
    monkeypatch.setattr(client, "changes", lambda cursor, limit=500: ChangesPage([], cursor, False, key))
    engine.pull()
    with db.read() as s:
        assert read_tag_key(s) == b"k" * 32


def test_a_cursor_expiring_mid_pull_is_logged_with_the_cursor_reached(db: Database, client: LoggingClient,
                                                                      backend: FakeBackend,
                                                                      caplog: pytest.LogCaptureFixture,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(4):
        backend.publish("order.upsert", order_dict(f"10000000{n}"))
    engine = engine_for(db, client, page_limit=2)
    real = client.changes

    def expire_at_2(cursor: int, limit: int = 500) -> ChangesPage:
        if cursor == 2 and backend.snapshot_calls == 0:
            raise CursorExpired("sync.link.cursor_expired", status=410)
        return real(cursor, limit)

    monkeypatch.setattr(client, "changes", expire_at_2)
    with caplog.at_level(logging.WARNING, logger="desktop.sync.engine"):
        report = engine.pull()
    assert [r.getMessage() for r in caplog.records] == ["change cursor 2 expired: taking a snapshot"]
    assert report.snapshot and report.pulled == 2
