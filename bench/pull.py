"""Pull into a fresh counter cache: the change feed (100,000 `order.upsert` changes) and the snapshot a new PC takes.

The real backend (uvicorn in its own process, as a central server is, on a SQLite file) serves one point. For the feed,
each run's fresh cache is enrolled first (its snapshot holds no orders), then 100,000 `order.upsert` changes
(one order each: customer, two lines, one box) are written straight into the backend's change table and the
counter's real `SyncEngine.pull` (real `SyncClient`, pages of its default size) brings them in. For the snapshot,
the same orders are written into the backend's tables and a fresh cache takes `SyncEngine.take_snapshot`.

Floor, measured in the same run: the same pages (or the snapshot) fetched over HTTP and parsed, plus the same
rows (customers, orders, lines, boxes) written into a fresh cache with one `executemany` per table. Printed:
ours, the floor, the ratio and rows (changes or snapshot orders) per second; medians over the runs.

    .venv/bin/python bench/pull.py [--changes 100000] [--runs 3] [--only feed|snapshot]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import create_engine, insert, update  # noqa: E402

from backend import models as server  # noqa: E402
from desktop.db import models as cache  # noqa: E402
from desktop.db.engine import Database  # noqa: E402
from desktop.sync import engine as sync_engine  # noqa: E402
from desktop.sync.client import SyncClient  # noqa: E402
from desktop.sync.enrolment import enrol  # noqa: E402
from tests.integration.counter import POINT, feed  # noqa: E402
from tests.integration.live import ADMIN, CHEAP_N, free_port  # noqa: E402

CREATED = "2026-11-21T09:00:00+00:00"


def order_payload(n: int) -> dict[str, Any]:
    """One order in the feed's `order.upsert` shape: its customer, two lines, one box."""
    number = f"8{n:08d}"
    phone = f"+7926{n:07d}"
    return {
        "number": number, "point_code": POINT, "kind": "retail", "status": "in_transit", "total_kopecks": 349_900,
        "prepaid": True, "boxes_total": 1, "legal_entity_name": None, "created_at": CREATED,
        "storage_until": None, "pickup_code_hash": None, "arrived_at": None, "ready_at": None,
        "handed_over_at": None,
        "customer": {"external_id": f"C-{phone}", "full_name": "Иванов Иван", "phone": phone,
                     "email": "ivanov@example.ru"},
        "lines": [{"sku": f"SKU-{number}-{k}", "name": "Смартфон", "quantity": 1, "price_kopecks": 174_950,
                   "serial": None, "warranty_months": 12} for k in (1, 2)],
        "boxes": [{"barcode": f"B{POINT}{number}01", "seq_no": 1, "size_class": "M", "weight_grams": 900,
                   "shipment": None, "status": "expected"}],
    }


# --- the backend's side: rows written straight into its tables ------------------------------------------


def write_changes(db_url: str, point_id: int, payloads: list[dict[str, Any]]) -> None:
    """Append `order.upsert` changes for the point after the feed's head (as publishing them would)."""
    engine = create_engine(db_url)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        head = conn.scalar(server.Counter.__table__.select().with_only_columns(server.Counter.value)
                           .where(server.Counter.name == "change_seq")) or 0
        rows = [{"seq": head + i + 1, "point_id": point_id, "type": "order.upsert", "payload": p, "created_at": now}
                for i, p in enumerate(payloads)]
        conn.execute(insert(server.Change), rows)
        conn.execute(update(server.Counter).where(server.Counter.name == "change_seq").values(value=head + len(rows)))
    engine.dispose()


def write_orders(db_url: str, point_id: int, payloads: list[dict[str, Any]]) -> None:
    """The same orders as rows of the backend's tables, for its snapshot."""
    engine = create_engine(db_url)
    created = datetime.fromisoformat(CREATED)
    with engine.begin() as conn:
        conn.execute(insert(server.Customer), [
            {"id": i, "external_id": p["customer"]["external_id"], "full_name": p["customer"]["full_name"],
             "phone": p["customer"]["phone"], "email": p["customer"]["email"]} for i, p in enumerate(payloads, 1)])
        conn.execute(insert(server.Order), [
            {"id": i, "number": p["number"], "point_id": point_id, "customer_id": i, "kind": "retail",
             "status": p["status"], "total_kopecks": p["total_kopecks"], "prepaid": True, "boxes_total": 1,
             "created_at": created} for i, p in enumerate(payloads, 1)])
        conn.execute(insert(server.OrderLine), [
            {"order_id": i, "sku": ln["sku"], "name": ln["name"], "quantity": 1, "price_kopecks": ln["price_kopecks"]}
            for i, p in enumerate(payloads, 1) for ln in p["lines"]])
        conn.execute(insert(server.Box), [
            {"order_id": i, "barcode": b["barcode"], "seq_no": 1, "size_class": "M", "weight_grams": 900}
            for i, p in enumerate(payloads, 1) for b in p["boxes"]])
    engine.dispose()


# --- the floor: HTTP fetch + executemany -----------------------------------------------------------------


def floor_rows(db: Database, point_id: int, payloads: list[dict[str, Any]]) -> None:
    """The same rows with one executemany per table (ids known up front: nothing read back)."""
    created = datetime.fromisoformat(CREATED)
    with db.engine.begin() as conn:
        conn.execute(insert(cache.Customer), [
            {"id": i, "external_id": p["customer"]["external_id"], "full_name": p["customer"]["full_name"],
             "phone": p["customer"]["phone"], "phone_last4": p["customer"]["phone"][-4:],
             "email": p["customer"]["email"]} for i, p in enumerate(payloads, 1)])
        conn.execute(insert(cache.Order), [
            {"id": i, "number": p["number"], "point_id": point_id, "customer_id": i, "kind": "retail",
             "status": p["status"], "total_kopecks": p["total_kopecks"], "prepaid": True, "boxes_total": 1,
             "created_at": created} for i, p in enumerate(payloads, 1)])
        conn.execute(insert(cache.OrderLine), [
            {"order_id": i, "sku": ln["sku"], "name": ln["name"], "quantity": 1, "price_kopecks": ln["price_kopecks"],
             "warranty_months": 12} for i, p in enumerate(payloads, 1) for ln in p["lines"]])
        conn.execute(insert(cache.Box), [
            {"order_id": i, "barcode": b["barcode"], "seq_no": 1, "size_class": "M", "weight_grams": 900,
             "status": "expected"} for i, p in enumerate(payloads, 1) for b in p["boxes"]])


def fetch_pages(client: SyncClient, cursor: int, limit: int) -> int:
    """Every page after `cursor` fetched and parsed (the counter's client, nothing applied); changes seen."""
    seen = 0
    while True:
        page = client.changes(cursor, limit)
        seen += len(page.changes)
        cursor = page.next_cursor
        if not page.has_more or not page.changes:
            return seen


# --- runs ------------------------------------------------------------------------------------------------


def serve(db_url: str, port: int, workdir: str) -> None:
    """The backend process (`--serve`): `create_app` under uvicorn, the tests' settings (cheap code hash)."""
    import uvicorn

    from backend.app import create_app
    from backend.config import Settings

    settings = Settings(database_url=db_url, admin_token=ADMIN, code_hash_n=CHEAP_N, run_sms_dispatcher=False,
                        sms_log_path=Path(workdir) / "sms-demo.log", demo_mode=True, enrol_attempts_per_minute=1_000)
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")


class Backend:
    """The backend process on a free loopback port; its log goes to workdir/backend.log."""

    def __init__(self, workdir: Path) -> None:
        self.db_url = f"sqlite:///{workdir / 'backend.sqlite3'}"
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        with (workdir / "backend.log").open("wb") as log:
            self.proc = subprocess.Popen([sys.executable, __file__, "--serve", self.db_url, str(port), str(workdir)],
                                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=log, stderr=log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.proc.poll() is None:
            with contextlib.suppress(requests.RequestException):
                if requests.get(self.url + "/v1/health", timeout=1).status_code == 200:
                    return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("the backend did not start")

    def admin(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        reply = requests.post(self.url + path, json=body, headers={"X-Admin-Token": ADMIN}, timeout=120)
        reply.raise_for_status()
        return dict(reply.json())

    def enrolment_code(self) -> str:
        return str(self.admin("/v1/admin/enrolment-codes", {"point_code": POINT})["code"])

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


class Bench:
    """The backend, its point and the payloads of the orders measured."""

    def __init__(self, workdir: Path, size: int) -> None:
        self.workdir = workdir
        (workdir / "server").mkdir()
        self.live = Backend(workdir / "server")
        self.live.admin("/v1/admin/import", feed(orders=0))
        self.payloads = [order_payload(n) for n in range(1, size + 1)]
        engine = create_engine(self.live.db_url)
        with engine.connect() as conn:
            self.point_id = int(conn.scalar(server.Point.__table__.select().with_only_columns(server.Point.id)
                                            .where(server.Point.code == POINT)))
        engine.dispose()
        self._caches = 0

    def fresh_cache(self) -> tuple[Database, SyncClient]:
        """A new counter cache, enrolled (its snapshot taken) against the backend."""
        self._caches += 1
        data_dir = self.workdir / f"pc{self._caches}"
        data_dir.mkdir()
        db = Database(data_dir / "cache.sqlite3")
        db.create_all()
        creds = enrol(self.live.url, self.live.enrolment_code(), data_dir, db, f"BENCH-{self._caches}")
        return db, SyncClient(self.live.url, creds.token, timeout=(5.0, 600.0))

    def floor_db(self) -> tuple[Database, int]:
        db, client = self.fresh_cache()
        client.close()
        with db.read() as s:
            from desktop.services.base import local_point

            return db, local_point(s).id


def run_feed(bench: Bench, runs: int) -> tuple[list[float], list[float]]:
    ready = [bench.fresh_cache() for _ in range(runs)]
    floors_db = [bench.floor_db() for _ in range(runs)]
    with ready[0][0].read() as s:
        cursor = int(sync_engine.get_state(s, sync_engine.CURSOR_KEY) or 0)
    write_changes(bench.live.db_url, bench.point_id, bench.payloads)
    ours, floor = [], []
    for (db, client), (fdb, point_id) in zip(ready, floors_db, strict=True):
        start = time.perf_counter()
        fetched = fetch_pages(client, cursor, sync_engine.DEFAULT_PAGE)
        fetch_s = time.perf_counter() - start
        start = time.perf_counter()
        floor_rows(fdb, point_id, bench.payloads)
        floor.append(fetch_s + time.perf_counter() - start)
        start = time.perf_counter()
        report = sync_engine.SyncEngine(db, client).pull()
        ours.append(time.perf_counter() - start)
        assert report.pulled == fetched == len(bench.payloads), (report.pulled, fetched)
        print(f"  feed run: ours {ours[-1]:.2f} s, floor {floor[-1]:.2f} s (fetch {fetch_s:.2f} s)", flush=True)
        client.close()
    return ours, floor


def run_snapshot(bench: Bench, runs: int) -> tuple[list[float], list[float]]:
    ready = [bench.fresh_cache() for _ in range(runs)]  # enrolled while the backend holds no orders yet
    floors_db = [bench.floor_db() for _ in range(runs)]
    write_orders(bench.live.db_url, bench.point_id, bench.payloads)
    ours, floor = [], []
    for (db, client), (fdb, point_id) in zip(ready, floors_db, strict=True):
        start = time.perf_counter()
        data = client.snapshot()
        fetch_s = time.perf_counter() - start
        assert len(data["orders"]) == len(bench.payloads)
        start = time.perf_counter()
        floor_rows(fdb, point_id, bench.payloads)
        floor.append(fetch_s + time.perf_counter() - start)
        start = time.perf_counter()
        sync_engine.SyncEngine(db, client).take_snapshot()
        ours.append(time.perf_counter() - start)
        print(f"  snapshot run: ours {ours[-1]:.2f} s, floor {floor[-1]:.2f} s (fetch {fetch_s:.2f} s)", flush=True)
        client.close()
    return ours, floor


def report(path: str, size: int, ours: list[float], floor: list[float]) -> None:
    o, f = statistics.median(ours), statistics.median(floor)
    print(f"{path:<40} ours {o:7.2f} s ({size / o:8,.0f} rows/s)   floor {f:6.2f} s   ratio {o / f:5.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("feed", "snapshot"))
    parser.add_argument("--serve", nargs=3, help=argparse.SUPPRESS)  # the backend process: DB_URL PORT WORKDIR
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]), args.serve[2])
        return
    with tempfile.TemporaryDirectory(prefix="pull-bench-") as tmp:
        bench = Bench(Path(tmp), args.changes)
        try:
            results = []
            if args.only in (None, "feed"):
                results.append((f"pull {args.changes:,} changes (page {sync_engine.DEFAULT_PAGE})",
                                *run_feed(bench, args.runs)))
            if args.only in (None, "snapshot"):
                results.append((f"snapshot of {args.changes:,} orders", *run_snapshot(bench, args.runs)))
            for path, ours, floor in results:
                report(path, args.changes, ours, floor)
        finally:
            bench.live.stop()


if __name__ == "__main__":
    main()
