"""Pull downloads the next change page while it stores the current one; a failed page still stops the pull."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.db.engine import Database
from desktop.db.models import Order, SyncState
from desktop.sync import apply as apply_module
from desktop.sync.client import BackendUnavailable, ChangesPage
from desktop.sync.engine import SyncEngine
from tests.integration.fakes import FakeBackend, FakeClient
from tests.integration.shapes import order_dict, point_dict
from tests.support.clock import FakeClock
from tests.support.factories import make_point


class RecordingClient(FakeClient):
    """Tells the test when a page after the first is asked for."""

    def __init__(self, backend: FakeBackend) -> None:
        super().__init__(backend)
        self.second_asked = threading.Event()
        self.cursors: list[int] = []

    def changes(self, cursor: int, limit: int = 500) -> ChangesPage:
        self.cursors.append(cursor)
        if cursor > 0:
            self.second_asked.set()
        return super().changes(cursor, limit)


@pytest.fixture
def pulling(db: Database, clock: FakeClock) -> tuple[SyncEngine, RecordingClient, FakeBackend]:
    backend = FakeBackend(point_dict())
    for i in range(6):
        backend.publish("order.upsert", order_dict(f"6000000{i:02d}", phone=f"+7916{i:07d}"))
    with db.write() as s:
        make_point(s, code="0042")
        s.add(SyncState(key="cursor", value="0"))
    client = RecordingClient(backend)
    return SyncEngine(db, client, clock, page_limit=2), client, backend  # type: ignore[arg-type]


def test_the_next_page_is_asked_for_while_this_one_is_stored(db: Database, pulling: Any,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    engine, client, _ = pulling
    original = apply_module.cache_bulk.upsert_orders
    overlapped: list[bool] = []

    def store(s: Any, items: Any) -> None:
        if not overlapped:  # the first page: its successor is already on its way
            overlapped.append(client.second_asked.wait(5))
        original(s, items)

    monkeypatch.setattr(apply_module.cache_bulk, "upsert_orders", store)
    assert engine.pull().pulled == 6
    assert overlapped == [True]
    assert client.cursors == [0, 2, 4]
    with db.read() as s:
        assert s.get(SyncState, "cursor").value == "6"
        assert s.scalar(select(func.count()).select_from(Order)) == 6


def test_a_page_that_fails_to_download_stops_the_pull_after_the_pages_before_it(db: Database,
                                                                                pulling: Any) -> None:
    engine, _, backend = pulling
    real = backend.changes_page

    def second_fails(cursor: int, limit: int = 500) -> ChangesPage:
        if cursor == 2:
            raise BackendUnavailable("sync.link.offline")
        return real(cursor, limit)

    backend.changes_page = second_fails
    with pytest.raises(BackendUnavailable):
        engine.pull()
    with db.read() as s:
        assert s.get(SyncState, "cursor").value == "2"  # the first page stored with its cursor
        assert s.scalar(select(func.count()).select_from(Order)) == 2
    backend.changes_page = real
    assert engine.pull().pulled == 4
