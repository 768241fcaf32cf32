"""The change feed's page read (`backend.changes.page`) on a feed shared by many points, SQLite and PostgreSQL.

The backend's `changes` table holds N changes over P points (20; `--points 1`: the pull of a single busy
point, as bench/pull.py has it) plus 2 % global ones (NULL point), created as the server publishes them;
one point's whole feed is then read page by page (limit 500) from cursor 0, the way a counter pulls it.
Floor, measured in the same run: the same rows (that point's and the global ones) copied into a table of
their own and read page by page by their primary key (payloads as their stored text, as a page reads them) —
what a read costs when it touches only the rows it returns. Printed per size: ours, the floor, the ratio
(medians over the runs).

    .venv/bin/python bench/feed_page.py [--db sqlite|postgres|both] [--sizes 10000,100000] [--points 20] [--runs 5]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, Text, cast, insert, select, update  # noqa: E402

from backend import changes  # noqa: E402
from backend.db import Database  # noqa: E402
from backend.models import Change, Counter, Point  # noqa: E402
from tests.backend.conftest import pg_cluster  # noqa: E402  (the tests' throwaway PostgreSQL)

POINTS = 20
LIMIT = 500
READER = 1  # the point whose feed is read


def fill(db: Database, size: int) -> None:
    now = datetime.now(UTC)
    with db.write() as session:
        changes.ensure_counters(session)
        session.execute(insert(Point), [{"id": p, "code": f"P{p:03}", "name": f"Point {p}", "city": "-",
                                         "address": "-", "code_hash_params": "-", "timezone": "Europe/Moscow"}
                                        for p in range(1, POINTS + 1)])
        rows = [{"seq": s, "point_id": None if s % 50 == 0 else 1 + s % POINTS, "type": "order.upsert",
                 "payload": {"order": f"A{s:09}", "status": "ready", "lines": [{"sku": "X", "qty": 1}]},
                 "created_at": now} for s in range(1, size + 1)]
        for start in range(0, size, 10_000):
            session.execute(insert(Change), rows[start:start + 10_000])
        session.execute(update(Counter).where(Counter.name == changes.CHANGE_SEQ).values(value=size))
    with db.engine.begin() as conn:
        floor_table().create(conn)
        mine = [r for r in rows if r["point_id"] in (READER, None)]
        conn.execute(insert(floor_table()), [{"seq": r["seq"], "type": r["type"], "payload": r["payload"]}
                                             for r in mine])
    if db.dialect == "postgresql":  # autovacuum analyzes a live server; a SQLite server never runs ANALYZE
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()


_FLOOR = Table("floor_changes", MetaData(), Column("seq", Integer, primary_key=True, autoincrement=False),
               Column("type", String(48)), Column("payload", JSON))


def floor_table() -> Table:
    return _FLOOR


def read_ours(db: Database) -> tuple[float, int]:
    started, cursor, rows = time.perf_counter(), 0, 0
    with db.read() as session:
        while True:
            items, cursor, more = changes.page(session, READER, cursor, LIMIT)
            rows += len(items)
            if not more:
                return time.perf_counter() - started, rows


def read_floor(db: Database) -> tuple[float, int]:
    started, cursor, rows = time.perf_counter(), 0, 0
    with db.read() as session:
        while True:
            page: list[Any] = session.execute(
                select(_FLOOR.c.seq, _FLOOR.c.type, cast(_FLOOR.c.payload, Text)).where(_FLOOR.c.seq > cursor)
                .order_by(_FLOOR.c.seq).limit(LIMIT + 1)).all()
            rows += min(len(page), LIMIT)
            if len(page) <= LIMIT:
                return time.perf_counter() - started, rows
            cursor = page[LIMIT - 1][0]


def measure(url: str, size: int, runs: int) -> None:
    db = Database(url)
    db.upgrade()
    fill(db, size)
    ours, floor = [], []
    for _ in range(runs):
        ours_s, ours_rows = read_ours(db)
        floor_s, floor_rows = read_floor(db)
        assert ours_rows == floor_rows, (ours_rows, floor_rows)
        ours.append(ours_s)
        floor.append(floor_s)
    db.dispose()
    o, f = statistics.median(ours), statistics.median(floor)
    pages = -(-ours_rows // LIMIT)
    print(f"{db.dialect:10} {size:>7,} changes ({POINTS} points), {ours_rows:,} rows read in {pages} pages: "
          f"ours {o * 1000:8.1f} ms | floor {f * 1000:7.1f} ms | ratio {o / f:5.1f}x   "
          f"[ours {', '.join(f'{x * 1000:.0f}' for x in ours)} ms]", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--points", type=int, default=20)
    args = parser.parse_args()
    global POINTS  # the bench's one knob, read by fill and the report
    POINTS = args.points
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    sizes = [int(s) for s in args.sizes.split(",")]
    with contextlib.ExitStack() as stack:
        cluster = stack.enter_context(contextlib.contextmanager(pg_cluster.__wrapped__)()) \
            if "postgres" in kinds else None
        for kind in kinds:
            for size in sizes:
                with tempfile.TemporaryDirectory(prefix="bench-feed-") as tmp:
                    url = cluster.url(cluster.create_database()) if kind == "postgres" and cluster \
                        else f"sqlite:///{tmp}/backend.sqlite3"
                    measure(url, size, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
