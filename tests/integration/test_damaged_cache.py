"""A damaged cache against the real backend: start-up stops with the damage, the rebuild salvages and sends.

The counter receives boxes offline (the events stay unsent), its cache file gets flipped bytes, and the
app's start-up (ui.startup.start, as the GUI runs it off its thread) first refuses with `CacheDamaged`,
then — the clerk chose «Загрузить заново с сервера» — salvages the unsent events, keeps the damaged file,
takes the server's snapshot into a new cache and sends the salvaged events: each reaches the server
exactly once and the new cache equals the server.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.config import AppConfig
from desktop.db.models import Order, OutboxEvent
from desktop.sync.engine import SyncEngine
from desktop.sync.enrolment import client_for
from protocol.states import OutboxStatus
from tests.integration.counter import CounterPC, server_event_counts, server_orders
from tests.integration.live import FaultProxy, LiveBackend
from tests.support.damage import flip_page, leaf_pages


def test_rebuild_from_the_snapshot_sends_every_salvaged_event_once(live: LiveBackend, proxy: FaultProxy,
                                                                   tmp_path: Path) -> None:
    from ui.startup import CacheDamaged, Repair, start

    pc = CounterPC(live, proxy, tmp_path / "pc")
    pc.receive(1, 2, 3)
    unsent = {event for event, status in pc.outbox().items() if status == OutboxStatus.PENDING}
    assert len(unsent) >= 3 and not unsent & set(server_event_counts(live))
    pc.db.dispose()
    cache = pc.data_dir / "cache.sqlite3"
    flip_page(cache, leaf_pages(cache, "order_lines")[0])
    config = AppConfig(backend_url=live.url, data_dir=pc.data_dir, log_dir=tmp_path / "logs")

    with pytest.raises(CacheDamaged) as caught:
        start(config)
    assert caught.value.damage.path == cache and caught.value.backup is None
    started = start(config, repair=Repair.REBUILD)
    try:
        assert started.sync is not None
        started.sync.stop(10)
        assert started.repair is not None and started.repair.salvaged == len(unsent) and started.repair.lost == []
        assert started.repair.kept_as.exists() and started.point_name  # the snapshot is in before the login
        with started.db.read() as s:
            queued = set(s.scalars(select(OutboxEvent.event_id)))
            orders = set(s.scalars(select(Order.number)))
        assert unsent <= queued and orders == set(server_orders(live))
        engine = SyncEngine(started.db, client_for(pc.creds))
        engine.sync_once()
        counts = server_event_counts(live)
        assert all(counts.get(event) == 1 for event in unsent)
        assert engine.counts() == (0, 0)
    finally:
        started.db.dispose()
