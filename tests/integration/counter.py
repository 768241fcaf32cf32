"""An enrolled counter PC for integration tests: its own data dir, cache DB, credentials and sync engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from backend import models as server
from desktop.db.engine import Database
from desktop.db.models import Box, Order, OutboxEvent, Staff
from desktop.db.pepper import pepper_code_hash, pepper_for_session
from desktop.device_credentials import DeviceCredentials
from desktop.services.base import Actor
from desktop.services.receiving import ReceivingService
from desktop.sync.client import SyncClient
from desktop.sync.engine import SyncEngine
from desktop.sync.enrolment import enrol
from tests.integration.live import FaultProxy, LiveBackend
from tests.integration.shapes import order_dict
from tests.support.factories import FAST_HASHER, actor_for

POINT = "0042"


def feed(orders: int = 20, point_code: str = POINT, cards: int = 2) -> dict[str, Any]:
    """The retailer's feed for one point: orders of 6,000 ₽ (club-qualifying), one box each, a clerk."""
    from protocol import ean13

    return {
        "point": {"code": point_code, "name": f"ПВЗ {point_code}", "city": "Москва", "address": "ул. Тверская, 1",
                  "hours": "10:00–21:00", "timezone": "Europe/Moscow", "storage_days": 7,
                  "id_check_threshold_kopecks": 10_000_000},
        "shipments": [], "cells": [{"code": "CA0101", "label": "A-01-01", "size_class": "M", "capacity": 4,
                                    "active": True}],
        "orders": [order_dict(order_no(n), point_code=point_code, total=600_000, phone=f"+7916{n:07d}")
                   for n in range(1, orders + 1)],
        "cards": [{"number": ean13.complete(f"2{int(point_code):04d}{7_000_000 + n:07d}"), "point_code": point_code,
                   "activation_code_hash": FAST_HASHER.hash("1111"), "status": "stock"} for n in range(1, cards + 1)],
        "staff": [{"login": "kassir", "full_name": "Смирнова Анна", "role": "clerk", "badge_code": "ST000001",
                   "pin_hash": FAST_HASHER.hash("1234"), "password_hash": FAST_HASHER.hash("pw"), "active": True}],
    }


def order_no(n: int) -> str:
    return f"7{n:08d}"


def box_of(n: int, point_code: str = POINT) -> str:
    return f"B{point_code}{order_no(n)}01"


class CounterPC:
    def __init__(self, live: LiveBackend, proxy: FaultProxy, data_dir: Path, read_timeout: float = 10.0) -> None:
        self.data_dir = data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        self.db = Database(data_dir / "cache.sqlite3")
        self.db.create_all()
        self.creds: DeviceCredentials = enrol(proxy.url, live.enrolment_code(), data_dir, self.db, "TEST-PC")
        self.client = SyncClient(proxy.url, self.creds.token, timeout=(1.0, read_timeout), backoff_factor=0.01)
        self.engine = SyncEngine(self.db, self.client)
        self._session: str | None = None

    def actor(self) -> Actor:
        with self.db.read() as s:
            return actor_for(s.scalars(select(Staff).where(Staff.login == "kassir")).one())

    def receive(self, *numbers: int) -> None:
        service = ReceivingService(self.db)
        actor = self.actor()
        if self._session is None:
            self._session = service.open_session(actor)
        for n in numbers:
            outcome = service.scan_box(actor, self._session, box_of(n))
            assert outcome.kind.value == "received", outcome

    def close_receiving(self) -> None:
        """«Закрыть приёмку»: the server sends the held «ready» SMS of the session's orders."""
        assert self._session is not None
        ReceivingService(self.db).close(self.actor(), self._session)
        self._session = None

    def outbox(self) -> dict[str, str]:
        with self.db.read() as s:
            return dict(s.execute(select(OutboxEvent.event_id, OutboxEvent.status)).all())

    def pending(self) -> int:
        return self.engine.counts()[0]

    def orders(self) -> dict[str, tuple[str, str | None, int]]:
        with self.db.read() as s:
            rows = s.execute(select(Order.number, Order.status, Order.pickup_code_hash, Order.total_kopecks))
            return {n: (st, h, t) for n, st, h, t in rows}

    def boxes(self) -> dict[str, str]:
        with self.db.read() as s:
            return dict(s.execute(select(Box.barcode, Box.status)).all())


def server_event_counts(live: LiveBackend) -> dict[str, int]:
    with live.app.state.db.read() as s:
        query = select(server.EventRecord.event_id, func.count()).group_by(server.EventRecord.event_id)
        return dict(s.execute(query).all())


def server_orders(live: LiveBackend) -> dict[str, tuple[str, str | None, int]]:
    with live.app.state.db.read() as s:
        rows = s.execute(select(server.Order.number, server.Order.status, server.Order.pickup_code_hash,
                                server.Order.total_kopecks)).all()
    return {n: (st, h, t) for n, st, h, t in rows}


def server_boxes(live: LiveBackend) -> dict[str, str]:
    with live.app.state.db.read() as s:
        return dict(s.execute(select(server.Box.barcode, server.Box.status)).all())


def assert_exactly_once(live: LiveBackend, pc: CounterPC) -> None:
    """Every local event reached the server exactly once; nothing is pending locally."""
    local = pc.outbox()
    counts = server_event_counts(live)
    assert pc.pending() == 0
    assert set(local) <= set(counts)
    assert all(counts[e] == 1 for e in local)


def server_orders_as_cached(live: LiveBackend, pc: CounterPC) -> dict[str, tuple[str, str | None, int]]:
    """The server's orders as `pc`'s cache should hold them: each code hash peppered with that PC's secret."""
    with pc.db.read() as s:
        pepper = pepper_for_session(s)
    return {n: (st, pepper_code_hash(pepper, h), t) for n, (st, h, t) in server_orders(live).items()}


def assert_cache_matches_server(live: LiveBackend, pc: CounterPC) -> None:
    assert pc.orders() == server_orders_as_cached(live, pc)
    mine = pc.boxes()
    theirs = server_boxes(live)
    assert {b: s for b, s in theirs.items() if b in mine} == {b: mine[b] for b in theirs if b in mine}
