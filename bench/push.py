"""Push a counter's backlog to the backend: the real sync engine, the real server, production code cost.

The backend (its own process on 127.0.0.1, as `pickup-desk-backend serve` runs one: `create_app`, the collector
settled by `backend.processes.settle_gc`, uvicorn; SQLite file or the tests' throwaway PostgreSQL,
tests/backend/conftest.py) holds one point with `--orders` one-box orders (100,000 by default,
bulk-loaded), the production pickup-code cost (scrypt n=2^14) and a pool of codes hashed ahead (filled before
the clock starts, as the background worker keeps it: backend/code_pool.py; `--no-pool` leaves it empty).
A counter PC enrolled through the API has a backlog of `--scans` receiving scans in its outbox (3,333 by default:
box.received + order.arrived + sms.requested each, 9,999 events), pushed by `SyncEngine.push` in batches of
500. Every event must be answered applied and every order must end ready with a code (checked after each run).

Floor, measured in the same run on the same database kind: the same 9,999 event rows inserted with one
`executemany` and a commit, plus the same batches POSTed over HTTP to a loopback server that only parses
and answers them. Printed: ours, the floor and the ratio per database (median of `--runs`).

    .venv/bin/python bench/push.py [--db sqlite|postgres|both] [--scans 3333] [--orders 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests
import uvicorn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine, func, insert, select  # noqa: E402

from backend import code_pool  # noqa: E402
from backend import models as server  # noqa: E402
from backend.app import create_app  # noqa: E402
from backend.config import Settings  # noqa: E402
from backend.db import Database as ServerDatabase  # noqa: E402
from backend.processes import settle_gc  # noqa: E402
from bench.load_60 import await_backend, spawn, stop  # noqa: E402  (the backend process's start and stop)
from desktop.db.engine import Database as CounterDatabase  # noqa: E402
from desktop.db.models import OutboxEvent  # noqa: E402
from desktop.sync.client import SyncClient  # noqa: E402
from desktop.sync.engine import SyncEngine  # noqa: E402
from protocol.events import canonical_json  # noqa: E402
from tests.backend.conftest import pg_cluster  # noqa: E402  (the tests' throwaway PostgreSQL)
from tests.integration.counter import feed  # noqa: E402
from tests.integration.live import ADMIN, free_port  # noqa: E402

POINT = "0042"
BATCH = 500
READ_TIMEOUT = 900.0  # generous: the «before» server takes minutes per batch at this size


def number(n: int) -> str:
    return f"8{n:08d}"


def preload(url: str, orders: int) -> None:
    """`orders` one-box orders (each its own customer) at the point, bulk-inserted."""
    engine = create_engine(url)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        point_id = conn.execute(select(server.Point.id).where(server.Point.code == POINT)).scalar_one()
        base = int(conn.execute(select(func.coalesce(func.max(server.Customer.id), 0))).scalar_one())
        obase = int(conn.execute(select(func.coalesce(func.max(server.Order.id), 0))).scalar_one())
        for start in range(1, orders + 1, 20_000):
            span = range(start, min(orders, start + 19_999) + 1)
            conn.execute(insert(server.Customer), [
                {"id": base + n, "full_name": "Покупатель", "phone": f"+7916{n:07d}"} for n in span])
            conn.execute(insert(server.Order), [
                {"id": obase + n, "number": number(n), "point_id": point_id, "customer_id": base + n,
                 "kind": "retail", "status": "in_transit", "total_kopecks": 600_000, "prepaid": True,
                 "boxes_total": 1, "created_at": now, "extended_days": 0} for n in span])
            conn.execute(insert(server.Box), [
                {"barcode": f"B{POINT}{number(n)}01", "order_id": obase + n, "seq_no": 1, "size_class": "M",
                 "weight_grams": 1000, "status": "expected", "damaged": False} for n in span])
    engine.dispose()


def prefill(url: str, codes: int) -> None:
    """The pickup-code pool filled ahead, as the background worker keeps it (backend/code_pool.py): not timed."""
    db = ServerDatabase(url)
    code_pool.fill(db, codes, datetime.now(UTC), limit=codes)
    db.dispose()


def backlog(scans: int, session: str) -> list[dict[str, Any]]:
    """The outbox rows of `scans` receiving scans, as the receiving service queues them."""
    rows: list[dict[str, Any]] = []
    now = datetime.now(UTC)
    for n in range(1, scans + 1):
        for type_, payload in (
            ("box.received", {"session": session, "box": f"B{POINT}{number(n)}01", "order": number(n)}),
            ("order.arrived", {"order": number(n), "arrived_at": now.isoformat()}),
            ("sms.requested", {"sms": str(uuid.uuid4()), "order": number(n), "purpose": "ready", "attempt": 1}),
        ):
            rows.append({"event_id": str(uuid.uuid4()), "device_seq": len(rows) + 1, "type": type_, "schema_v": 1,
                         "payload": canonical_json(payload), "occurred_at": now, "status": "pending"})
    return rows


def serve(url: str, port: int, tmp: Path) -> None:
    """The backend process (`--serve`), as `pickup-desk-backend serve` runs one: the app, its collector settled."""
    settings = Settings(database_url=url, admin_token=ADMIN, run_sms_dispatcher=False, demo_mode=True,
                        sms_log_path=tmp / "sms.log", qr_key_path=tmp / "qr.key")
    app = create_app(settings)
    settle_gc()
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


@contextlib.contextmanager
def backend(url: str, tmp: Path) -> Iterator[str]:
    """The backend in its own process, as on a server (the counter's sync engine runs in this one)."""
    port = free_port()
    proc = spawn(["--serve", url, str(port), str(tmp)], tmp / "backend.log", script=__file__)
    try:
        yield await_backend(proc, f"http://127.0.0.1:{port}", 120)
    finally:
        stop(proc)


def admin(base: str, path: str, body: dict[str, Any]) -> Any:
    reply = requests.post(base + path, json=body, headers={"X-Admin-Token": ADMIN}, timeout=600)
    assert reply.status_code == 200, reply.text
    return reply.json()


def ours(url: str, tmp: Path, args: argparse.Namespace) -> float:
    """Seconds for `SyncEngine.push` of the whole backlog; checks every event applied, every order ready."""
    with backend(url, tmp) as base:
        admin(base, "/v1/admin/import", feed(orders=0, point_code=POINT, cards=0))
        preload(url, args.orders)
        if args.pool:
            prefill(url, args.scans)
        code = admin(base, "/v1/admin/enrolment-codes", {"point_code": POINT})["code"]
        token = SyncClient(base).enrol(code, "BENCH-PC")["token"]
        counter = CounterDatabase(tmp / "cache.sqlite3")
        counter.create_all()
        with counter.write() as s:
            s.execute(insert(OutboxEvent), backlog(args.scans, str(uuid.uuid4())))
        engine = SyncEngine(counter, SyncClient(base, token, timeout=(5.0, READ_TIMEOUT)))
        started = time.perf_counter()
        report = engine.push()
        elapsed = time.perf_counter() - started
        check(url, counter, report.pushed, args.scans)
        counter.dispose()
    return elapsed


def check(url: str, counter: CounterDatabase, pushed: int, scans: int) -> None:
    with counter.read() as s:
        outcomes = Counter(s.scalars(select(OutboxEvent.status)))
    assert pushed == 3 * scans and outcomes == {"applied": 3 * scans}, (pushed, outcomes)
    engine = create_engine(url)
    with engine.connect() as conn:
        ready = conn.execute(select(func.count()).select_from(server.Order).where(
            server.Order.status == "ready", server.Order.pickup_code_hash.like("scrypt$16384$%"))).scalar_one()
    engine.dispose()
    assert ready == scans, ready


class _Echo(BaseHTTPRequestHandler):
    """Parses a batch and answers a result per event: the wire and JSON, no database."""

    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        results = [{"event_id": e["event_id"], "status": "applied", "reason": None, "server_seq": i}
                   for i, e in enumerate(body["events"])]
        data = json.dumps({"results": results}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args: Any) -> None:
        return


def floor(url: str, scans: int) -> tuple[float, float]:
    """(seconds to insert the same event rows with one executemany, seconds for the same HTTP round trips)."""
    rows = [{**r, "occurred_at": r["occurred_at"].isoformat()} for r in backlog(scans, "s")]
    table = Table("floor_events", MetaData(), Column("seq", Integer, primary_key=True),
                  Column("event_id", String(36), unique=True), Column("device_seq", Integer),
                  Column("type", String(48)),
                  Column("schema_v", Integer), Column("payload", Text), Column("occurred_at", String(40)),
                  Column("status", String(12)))
    engine = create_engine(url)
    table.create(engine)
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(insert(table), [{k: v for k, v in r.items() if k != "id"} for r in rows])
    rows_s = time.perf_counter() - started
    engine.dispose()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    events = [{**r, "payload": json.loads(r["payload"])} for r in rows]
    with requests.Session() as http:
        started = time.perf_counter()
        for i in range(0, len(events), BATCH):
            reply = http.post(f"http://127.0.0.1:{httpd.server_port}/v1/events", json={"events": events[i:i + BATCH]},
                              timeout=60)
            reply.raise_for_status()
        http_s = time.perf_counter() - started
    httpd.shutdown()
    return rows_s, http_s


def measure(kind: str, args: argparse.Namespace, cluster: Any) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory(prefix="bench-push-") as tmp:
        if kind == "postgres":
            url, floor_url = cluster.url(cluster.create_database()), cluster.url(cluster.create_database())
        else:
            url, floor_url = f"sqlite:///{tmp}/backend.sqlite3", f"sqlite:///{tmp}/floor.sqlite3"
        ours_s = ours(url, Path(tmp), args)
        rows_s, http_s = floor(floor_url, args.scans)
    return ours_s, rows_s, http_s


def report(kind: str, runs: list[tuple[float, float, float]], args: argparse.Namespace) -> None:
    ours_s, rows_s, http_s = (statistics.median(r[i] for r in runs) for i in range(3))
    events = 3 * args.scans
    print(f"{kind:9} {events} events, {args.orders} orders: ours {ours_s:.2f} s ({events / ours_s:,.0f} ev/s) | "
          f"floor {rows_s + http_s:.3f} s (executemany {rows_s:.3f} + http {http_s:.3f}) | "
          f"ratio {ours_s / (rows_s + http_s):.1f}x   [median of {len(runs)}: ours "
          f"{', '.join(f'{r[0]:.2f}' for r in runs)}]", flush=True)


def main() -> int:
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2], int(sys.argv[3]), Path(sys.argv[4]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--scans", type=int, default=3333)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pool", dest="pool", action="store_false", help="no codes hashed ahead")
    args = parser.parse_args()
    args.orders = max(args.orders, args.scans)
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    with contextlib.ExitStack() as stack:
        cluster = stack.enter_context(contextlib.contextmanager(pg_cluster.__wrapped__)()) \
            if "postgres" in kinds else None
        for kind in kinds:
            report(kind, [measure(kind, args, cluster) for _ in range(args.runs)], args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
