"""The snapshot route's build on the server (`GET /v1/snapshot` for a new counter PC), SQLite.

A backend point holds N orders (customer, two lines, one box each, as bench/pull.py writes them). Ours: what
the route does before it answers — the point's snapshot dict built (backend/serialize.py `snapshot`, the
bonus entries and certificates), validated against the response model and encoded as JSON. Floor, measured in
the same run: the same four tables read with one plain `SELECT *` each into dicts and encoded as JSON.
Printed: ours, the floor, the ratio (medians over the runs).

    .venv/bin/python bench/snapshot_route.py [--orders 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from backend import changes, importer  # noqa: E402
from backend.db import Database  # noqa: E402
from backend.models import Point  # noqa: E402
from backend.money import money_settings, point_bonus_entries, snapshot_certificates  # noqa: E402
from backend.schemas import SnapshotOut  # noqa: E402
from backend.serialize import snapshot  # noqa: E402
from bench.pull import order_payload, write_orders  # noqa: E402
from tests.integration.counter import POINT, feed  # noqa: E402


def ours(db: Database, point_id: int) -> float:
    started = time.perf_counter()
    with db.read() as session:
        point = session.get(Point, point_id)
        assert point is not None
        body = {"cursor": changes.current_seq(session), **snapshot(session, point, money_settings(session)),
                "bonus_entries": point_bonus_entries(session, point_id), **snapshot_certificates(session)}
    json.dumps(SnapshotOut.model_validate(body).model_dump(mode="json"))
    return time.perf_counter() - started


def floor(db: Database) -> float:
    started = time.perf_counter()
    with db.read() as session:
        conn = session.connection()
        rows = {table: [dict(row._mapping) for row in conn.exec_driver_sql(f"SELECT * FROM {table}")]
                for table in ("customers", "orders", "order_lines", "boxes")}
    json.dumps(rows, default=str)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-snapshot-") as tmp:
        url = f"sqlite:///{tmp}/backend.sqlite3"
        db = Database(url)
        db.upgrade()
        with db.write() as session:
            changes.ensure_counters(session)
            importer.import_feed(session, feed(orders=0), 1 << 4, datetime.now(UTC))
        with db.read() as session:
            point_id = int(session.scalar(select(Point.id).where(Point.code == POINT)) or 0)
        write_orders(url, point_id, [order_payload(n) for n in range(1, args.orders + 1)])
        runs = [(ours(db, point_id), floor(db)) for _ in range(args.runs)]
        db.dispose()
    o, f = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
    print(f"snapshot route, {args.orders:,} orders: ours {o:.2f} s | floor {f:.2f} s | ratio {o / f:.1f}x   "
          f"[ours {', '.join(f'{r[0]:.2f}' for r in runs)} s]", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
