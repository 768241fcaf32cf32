"""kill -9 of a counter-PC process while receiving and while applying changes; restart; sync; compare."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from desktop.db.engine import Database
from desktop.db.models import Box, OutboxEvent, SyncState
from desktop.sync.engine import SyncEngine
from tests.integration.counter import CounterPC, assert_cache_matches_server, assert_exactly_once, feed
from tests.integration.live import FaultProxy, LiveBackend

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveBackend]:
    backend = LiveBackend(tmp_path).start()
    backend.import_feed(feed(orders=40))
    yield backend
    backend.stop()


def run_and_kill(args: list[str], kill_after: int) -> list[str]:
    """Start the worker, SIGKILL it after `kill_after` progress lines; the lines it printed."""
    proc = subprocess.Popen([sys.executable, "-m", "tests.integration.crash_worker", *args], cwd=REPO,
                            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.stdout is not None
    lines: list[str] = []
    for line in proc.stdout:
        lines.append(line.strip())
        if len(lines) >= kill_after:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL, (proc.returncode, lines)
    return lines


def restarted(pc: CounterPC) -> tuple[Database, SyncEngine]:
    pc.db.dispose()
    db = Database(pc.data_dir / "cache.sqlite3")
    with db.read() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    return db, SyncEngine(db, pc.client)


def test_kill_9_while_receiving_then_restart_and_sync(live: LiveBackend, proxy: FaultProxy, tmp_path: Path) -> None:
    pc = CounterPC(live, proxy, tmp_path / "pc")
    lines = run_and_kill(["receive", str(pc.data_dir), "1", "40"], kill_after=11)
    assert "synced 3" in lines
    pc.db, pc.engine = restarted(pc)
    with pc.db.read() as s:  # one transaction per scan: every received box has its event, and vice versa
        received = set(s.scalars(select(Box.barcode).where(Box.status == "received")))
        evented = {p.split('"box":"')[1].split('"')[0] for p in s.scalars(
            select(OutboxEvent.payload).where(OutboxEvent.type == "box.received"))}
    assert received == evented and len(received) >= 8
    pc.engine.sync_once()
    pc.engine.sync_once()
    assert_exactly_once(live, pc)
    assert_cache_matches_server(live, pc)


def test_kill_9_while_applying_changes_then_restart_and_sync(live: LiveBackend, proxy: FaultProxy,
                                                             tmp_path: Path) -> None:
    pc = CounterPC(live, proxy, tmp_path / "pc")
    for round_ in range(3):  # plenty of order.upsert changes after the snapshot
        big = feed(orders=40)
        for order in big["orders"]:
            order["total_kopecks"] += round_ + 1
            order["lines"][0]["price_kopecks"] = order["total_kopecks"]
        live.import_feed(big)
    lines = run_and_kill(["apply", str(pc.data_dir), "7"], kill_after=4)
    assert all(line.startswith("page") for line in lines)
    pc.db, pc.engine = restarted(pc)
    with pc.db.read() as s:
        cursor = int(s.get(SyncState, "cursor").value)
    assert cursor >= int(lines[-1].split()[1])  # at least every announced page is durable
    pc.engine.sync_once()
    assert_exactly_once(live, pc)
    assert_cache_matches_server(live, pc)
