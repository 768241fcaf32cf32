"""The first snapshot reports how many of its orders are stored, chunk by chunk, from enrolment to the engine."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.db.engine import Database
from desktop.db.models import Order
from desktop.device_credentials import DeviceCredentials
from desktop.sync import engine as engine_module
from desktop.sync import enrolment
from tests.integration.fakes import FakeBackend, FakeClient
from tests.integration.shapes import order_dict, point_dict


class ClosableClient(FakeClient):
    def close(self) -> None:
        pass


def test_the_first_snapshot_reports_each_chunk_of_orders_stored(db: Database,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    backend = FakeBackend(point_dict())
    for i in range(250):
        backend.publish("order.upsert", order_dict(f"9{i:08d}", phone=f"+7916{i:07d}"))
    monkeypatch.setattr(engine_module, "SNAPSHOT_CHUNK", 100)
    monkeypatch.setattr(enrolment, "client_for", lambda creds, ca=None: ClosableClient(backend))
    seen: list[tuple[int, int]] = []
    stored: list[int] = []

    def progress(done: int, total: int) -> Any:
        seen.append((done, total))
        with db.read() as s:  # each report comes after its chunk is committed
            stored.append(s.scalar(select(func.count()).select_from(Order)) or 0)

    creds = DeviceCredentials("http://server", "device-1", "token", "0042", "key")
    enrolment.first_snapshot(creds, db, progress=progress)
    assert seen == [(0, 250), (100, 250), (200, 250), (250, 250)]
    assert stored == [0, 100, 200, 250]
