"""kill -9 in the middle of the day: a counter process mid-receiving, and the backend process mid-ingest.

Both run on the system fixture (the demo's default point, SQLite and PostgreSQL): the killed process is a
real one (a counter core over PC-1's cache file; uvicorn serving the backend over the fixture's database),
the kill is SIGKILL, and the invariants are checked on both sides once everything is up again.

The module is also the entry point of the two processes it kills:

    python -m tests.system.test_crashes counter <data_dir> <session> <login> <shift> <now> <box>...
    python -m tests.system.test_crashes backend <db_url> <port> <now> <gateway_url> <workdir>
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
import requests
import uvicorn
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import OperationalError

from backend import models as srv
from backend.app import create_app
from desktop import device_credentials
from desktop.db.engine import Database
from desktop.db.models import OutboxEvent, Staff
from desktop.services.receiving import Outcome, ReceivingService
from desktop.sync.client import SyncClient
from desktop.sync.engine import SyncEngine
from protocol.order_states import OrderStatus
from protocol.states import OutboxStatus
from tests.support.clock import FakeClock
from tests.support.factories import actor_for
from tests.system.clerk import Clerk, orders_with, received_unplaced, shipment_boxes
from tests.system.harness import Counter, System, backend_settings
from tests.system.invariants import assert_invariants

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
KILL_AFTER_SCANS = 9  # of the truck's 32 boxes
SYNC_EVERY = 4  # the killed counter also pushes now and then, as the app's sync timer does
PUSH_BATCH = 20  # the backlog goes up in many batches, so the kill lands between (or inside) two of them
HANDOVERS = 50  # with both trucks received and placed: a backlog of several hundred events


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Poll `condition` until it holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.002)


def spawn(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "tests.system.test_crashes", *args], cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.DEVNULL)


def kill_9(proc: subprocess.Popen[bytes]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(30) == -signal.SIGKILL


# --- kill -9 of a counter mid-receiving ------------------------------------------------------------------


def committed_scans(cache: Path, session_uid: str) -> int:
    """Scans of the session committed to the cache file, read as another process would (WAL: no blocking)."""
    with sqlite3.connect(f"file:{cache}?mode=ro", uri=True, timeout=5) as conn:
        row = conn.execute("SELECT count(*) FROM receiving_scans s JOIN receiving_sessions r "
                           "ON r.id = s.session_id WHERE r.uid = ?", (session_uid,)).fetchone()
    return int(row[0])


def evented_boxes(counter: Counter) -> set[str]:
    """The boxes of the `box.received` events in the counter's outbox (sent or not)."""
    with counter.db.read() as s:
        return {json.loads(p)["box"] for p in s.scalars(
            select(OutboxEvent.payload).where(OutboxEvent.type == "box.received"))}


def test_kill_9_of_a_counter_mid_receiving_then_resume(system: System) -> None:
    pc1 = system.counters[0]
    clerk = Clerk.sign_in(pc1)
    shipment, boxes = shipment_boxes(pc1, "01")
    session = clerk.open_receiving(shipment)
    worker = spawn("counter", str(pc1.data_dir), session, clerk.actor.login, str(clerk.actor.shift_id),
                   system.clock().isoformat(), *boxes)
    try:
        wait_for(lambda: committed_scans(pc1.path, session) >= KILL_AFTER_SCANS, "the counter's first scans")
    finally:
        kill_9(worker)
    done = committed_scans(pc1.path, session)
    assert KILL_AFTER_SCANS <= done < len(boxes), f"the kill came after {done} of {len(boxes)} scans"

    pc1.restart()
    with pc1.db.read() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    service = pc1.receiving()
    resumed = service.resumable(clerk.actor)
    assert resumed is not None and resumed.uid == session and resumed.shipment == shipment
    assert resumed.counts.received == done == len(resumed.scans)  # every committed scan, and no other
    scanned = {scan.box for scan in resumed.scans}
    assert scanned == set(boxes[:done])
    assert clerk.open_receiving(shipment) == session  # scanning the waybill again takes the same session up
    assert evented_boxes(pc1) == scanned  # one transaction per scan: each committed scan has its event
    outcomes = clerk.scan(session, *[b for b in boxes if b not in scanned])
    assert {o.kind for o in outcomes} == {Outcome.RECEIVED}
    summary = clerk.close_receiving(session)
    assert not summary.missing
    clerk.close_shift()
    assert_invariants(system)


def run_counter(data_dir: Path, session_uid: str, login: str, shift_id: int, now: str, boxes: list[str]) -> None:
    """The killed counter: PC-1's cache and credentials, the clerk's shift, scanning the truck box by box."""
    db = Database(data_dir / "cache.sqlite3")
    clock = FakeClock(datetime.fromisoformat(now))
    creds = device_credentials.load(data_dir)
    assert creds is not None
    engine = SyncEngine(db, SyncClient(creds.backend_url, creds.token, timeout=(1.0, 10.0)), clock)
    with db.read() as s:
        actor = actor_for(s.scalars(select(Staff).where(Staff.login == login)).one(), shift_id)
    service = ReceivingService(db, clock)
    for n, barcode in enumerate(boxes, 1):
        service.scan_box(actor, session_uid, barcode)
        if n % SYNC_EVERY == 0:
            engine.sync_once()


# --- kill -9 of the backend mid-ingest -------------------------------------------------------------------


@contextmanager
def backend_process(system: System, tmp: Path) -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    """The in-process backend stops; `start()` runs uvicorn as its own process over the same database and
    port (the counters' enrolled URL). On leaving, the last process stops and the in-process one is back."""
    backend = system.backend
    backend.stop()
    procs: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        proc = spawn("backend", backend.settings.database_url, str(backend.port), system.clock().isoformat(),
                     system.gateway.url, str(tmp))
        procs.append(proc)
        wait_for(lambda: _healthy(backend.url) or proc.poll() is not None, "the backend process")
        assert proc.poll() is None, "the backend process exited"
        return proc

    try:
        yield start
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
                proc.wait(30)
        backend.start()


def _healthy(url: str) -> bool:
    try:
        return requests.get(url + "/v1/health", timeout=1).status_code == 200
    except requests.RequestException:
        return False


def run_backend(db_url: str, port: int, now: str, gateway_url: str, workdir: Path) -> None:
    settings = backend_settings(db_url, workdir, FakeClock(datetime.fromisoformat(now)), gateway_url)
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")


def a_day_offline(system: System) -> Clerk:
    """PC-1 works with the backend down: both trucks received and placed, prepaid ready orders handed over."""
    pc1 = system.counters[0]
    clerk = Clerk.sign_in(pc1)
    for suffix in ("01", "02"):
        shipment, boxes = shipment_boxes(pc1, suffix)
        session = clerk.open_receiving(shipment)
        clerk.scan(session, *boxes)
        clerk.close_receiving(session)
    for barcode in received_unplaced(pc1):
        clerk.place(barcode)
    known = [o.number for o in orders_with(pc1, OrderStatus.READY, prepaid=True)
             if o.number in system.secrets.pickup_codes]
    for number in known[:HANDOVERS]:
        clerk.hand_over(number, system.secrets.pickup_codes[number])
    return clerk


def pending(counter: Counter) -> int:
    with counter.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(OutboxEvent)
                            .where(OutboxEvent.status == OutboxStatus.PENDING)) or 0)


@contextmanager
def held_of(db_url: str, device_id: str) -> Iterator[Callable[[], int]]:
    """The events of one device the backend's database holds (committed), read from outside the backend."""
    engine = create_engine(db_url, connect_args={"timeout": 5} if db_url.startswith("sqlite") else {})

    def count() -> int:
        try:
            with engine.connect() as conn:
                return int(conn.scalar(select(func.count()).select_from(srv.EventRecord)
                                       .where(srv.EventRecord.device_id == device_id)) or 0)
        except OperationalError:
            return -1  # the database is busy with the writer: poll again

    try:
        yield count
    finally:
        engine.dispose()


@pytest.mark.system_orders(300)  # a backlog of 300+ events: the kill must land mid-ingest
def test_kill_9_of_the_backend_mid_ingest(system: System, tmp_path: Path) -> None:
    pc1 = system.counters[0]
    with held_of(system.backend.settings.database_url, pc1.device_id) as held, \
            backend_process(system, tmp_path) as start:
        clerk = a_day_offline(system)
        backlog = pending(pc1)
        assert backlog >= 300 and held() == 0, backlog
        pc1.engine = SyncEngine(pc1.db, pc1.client, system.clock, batch_size=PUSH_BATCH)
        first = start()
        pushed: list[bool] = []
        pusher = threading.Thread(target=lambda: pushed.append(pc1.sync()), daemon=True)
        pusher.start()
        try:
            wait_for(lambda: held() >= 3 * PUSH_BATCH, "the backend to store some of the backlog")
        finally:
            kill_9(first)
        pusher.join(30)
        assert not pusher.is_alive() and pushed == [False]  # the push in flight failed with the backend
        stored = held()
        assert 3 * PUSH_BATCH <= stored < backlog, f"the kill came after {stored} of {backlog} events"
        assert backlog - pending(pc1) <= stored  # the counter counts answered only what the server holds
        start()
        wait_for(lambda: pc1.sync() and pending(pc1) == 0, "the backlog to drain", timeout=60)
        assert held() == backlog
    clerk.close_shift()
    assert_invariants(system)


if __name__ == "__main__":
    mode, rest = sys.argv[1], sys.argv[2:]
    if mode == "counter":
        run_counter(Path(rest[0]), rest[1], rest[2], int(rest[3]), rest[4], rest[5:])
    else:
        run_backend(rest[0], int(rest[1]), rest[2], rest[3], Path(rest[4]))
