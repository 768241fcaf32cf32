"""Manager console benchmark: open each manager report on a 200,000-order cache with a year of receiving sessions
and a year of journal, next to a raw sqlite3 floor; then export 100,000 rows to XLSX and CSV.

Run: .venv/bin/python bench/manager_console.py [--orders 200000] [--journal 300000] [--runs 20] [--dir DIR]

Prints (not a test; nothing is asserted):
- per report in CASES: p50/p99 of the service call (as the console's worker calls it, manager role checked,
  rows built) over --runs runs, next to p50/p99 of the same main query in plain `sqlite3` (rows fetched, nothing
  built). Target: p99 < 200 ms.
- the time to write 100,000 journal rows to XLSX and to CSV (desktop.services.manager.export). Target: < 5 s.

A new report is one line in CASES: a name, the service call and the floor SQL (`:start`/`:end` are the period's
UTC bounds as the cache stores them).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select, text

from bench.scan_path import NOW, _sqlts, build_cache
from desktop import journal
from desktop.db.engine import Database
from desktop.db.models import PickupPoint, ReceivingSession, Shipment, Staff
from desktop.journal import GENESIS, chain_hash
from desktop.services.base import Actor, Role
from desktop.services.manager import export
from desktop.services.manager.journal_report import JournalReportService
from desktop.services.manager.report import Period, Report

ZONE = ZoneInfo("Europe/Moscow")
TODAY = NOW.astimezone(ZONE).date()
ACTIONS = ["receiving.scan", "cell.place", "handover.started", "handover.verified", "handover.paid",
           "handover.completed", "shift.opened", "shift.closed"]
EXPORT_ROWS = 100_000


@dataclass(frozen=True)
class Case:
    """One manager report: the service call (db, manager, period) and the same main query in raw sqlite3."""

    name: str
    call: Callable[[Database, Actor, Period], Any]
    floor_sql: str
    days: int  # the period: the last `days` days


JOURNAL_FLOOR = ("SELECT a.id, a.at, a.staff_id, a.action, a.subject, a.details, s.login, s.full_name "
                 "FROM audit_journal a LEFT JOIN staff s ON s.id = a.staff_id "
                 "WHERE a.at >= :start AND a.at < :end ORDER BY a.id")
CHAIN_FLOOR = "SELECT id, at, staff_id, action, subject, details, prev_hash, hash FROM audit_journal ORDER BY id"

# The manager services to time: one line each (the lead adds the other tabs' services here).
CASES: list[Case] = [
    Case("journal: entries, 7 days", lambda db, who, p: JournalReportService(db).entries(who, p), JOURNAL_FLOOR, 7),
    Case("journal: entries, 30 days", lambda db, who, p: JournalReportService(db).entries(who, p), JOURNAL_FLOOR, 30),
    Case("journal: check whole chain", lambda db, who, _p: JournalReportService(db).check(who), CHAIN_FLOOR, 365),
]


def add_year(db: Database, n_journal: int, rng: random.Random) -> Actor:
    """A manager, a year of receiving sessions (two a day, each with its shipment) and a hash-chained journal."""
    t0 = time.perf_counter()
    with db.engine.begin() as conn:
        point_id = conn.execute(select(PickupPoint.id)).scalar_one()
        clerk_id = conn.execute(select(Staff.id)).scalar_one()
        manager_id = conn.execute(insert(Staff).values(point_id=point_id, login="boss", full_name="Кузнецова Ольга",
                                                       role="manager")).inserted_primary_key[0]
        sessions = []
        for day in range(365):
            for slot in (0, 1):
                opened = NOW - timedelta(days=day, hours=3 + 6 * slot)
                shipment_id = conn.execute(insert(Shipment).values(number=f"R{day:04d}{slot}", point_id=point_id)
                                           ).inserted_primary_key[0]
                expected = rng.randrange(40, 400)
                missing = rng.choice((0, 0, 0, 1, 2))
                sessions.append({"uid": str(uuid.uuid4()), "point_id": point_id, "shipment_id": shipment_id,
                                 "opened_by": clerk_id, "opened_at": opened, "closed_by": clerk_id,
                                 "closed_at": opened + timedelta(minutes=rng.randrange(20, 180)), "status": "closed",
                                 "n_expected": expected, "n_received": expected - missing, "n_missing": missing,
                                 "n_surplus": rng.choice((0, 0, 1)), "n_foreign": 0, "n_cancelled": 0})
        conn.execute(insert(ReceivingSession), sessions)
        conn.execute(text("UPDATE boxes SET received_at = :now, placed_at = :now WHERE status != 'expected'"),
                     {"now": _sqlts(NOW - timedelta(days=1))})
    _journal(db, n_journal, (clerk_id, manager_id), rng)
    raw = sqlite3.connect(db.path, isolation_level=None)
    raw.execute("ANALYZE")
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    print(f"year: 730 receiving sessions, {n_journal:,} journal entries built in {time.perf_counter() - t0:.1f} s")
    return Actor(manager_id, "boss", "Кузнецова Ольга", Role.MANAGER, point_id)


def _journal(db: Database, n: int, staff: tuple[int, int], rng: random.Random) -> None:
    """n entries evenly over the last year, chained exactly as desktop.journal.append chains them."""
    step = timedelta(days=365) / n
    start = NOW - timedelta(days=365)
    prev, rows = GENESIS, []
    for i in range(n):
        at = start + step * i
        who, action = staff[i % 17 == 0], rng.choice(ACTIONS)
        subject, details = f"1{rng.randrange(10**8):08d}", f'{{"box":"B{i}","n":{i}}}'
        digest = chain_hash(prev, at, who, action, subject, details)
        rows.append((at.replace(tzinfo=None).isoformat(sep=" "), who, action, subject, details, prev, digest))
        prev = digest
    raw = sqlite3.connect(db.path, isolation_level=None)
    raw.execute("BEGIN")
    raw.executemany("INSERT INTO audit_journal (at, staff_id, action, subject, details, prev_hash, hash) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    raw.execute("COMMIT")
    raw.close()


def _pct(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def time_cases(db: Database, manager: Actor, runs: int) -> None:
    raw = sqlite3.connect(db.path)
    print(f"\n{'report':34} {'rows':>8} {'p50 ms':>8} {'p99 ms':>8} {'floor p50':>10} {'floor p99':>10}")
    for case in CASES:
        period = Period.last_days(TODAY, case.days)
        start, end = (_sqlts(m.replace(tzinfo=UTC)) for m in period.bounds(ZONE))
        service, floor, rows = [], [], 0
        for _ in range(runs):  # alternate so cache warmth and WAL growth hit both alike
            t0 = time.perf_counter()
            rows = len(raw.execute(case.floor_sql, {"start": start, "end": end}).fetchall())
            floor.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            case.call(db, manager, period)
            service.append(time.perf_counter() - t0)
        print(f"{case.name:34} {rows:>8,} {_pct(service, .5):>8.1f} {_pct(service, .99):>8.1f} "
              f"{_pct(floor, .5):>10.1f} {_pct(floor, .99):>10.1f}")
    raw.close()


def time_export(db: Database, manager: Actor, tmp: Path) -> None:
    year = JournalReportService(db).entries(manager, Period(TODAY - timedelta(days=364), TODAY))
    report = Report(year.title, year.columns, year.rows[:EXPORT_ROWS])
    print(f"\nexport of {len(report.rows):,} rows x {len(report.columns)} columns (target < 5 s):")
    for suffix in (".xlsx", ".csv"):
        path = tmp / f"export{suffix}"
        t0, cpu0 = time.perf_counter(), time.process_time()
        export.write([report], path, ZONE)
        print(f"  {suffix[1:]:5} {time.perf_counter() - t0:6.2f} s wall, {time.process_time() - cpu0:6.2f} s cpu, "
              f"{path.stat().st_size / 1e6:5.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=200_000)
    parser.add_argument("--journal", type=int, default=300_000, help="journal entries over the year")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--dir", type=Path, default=None, help="directory for the temporary database file")
    args = parser.parse_args()
    rng = random.Random(20261124)
    started = time.perf_counter()
    print(f"cpus {os.cpu_count()}, load average at start {os.getloadavg()[0]:.2f} (wall p99 suffers on a busy machine)")
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="pickup-bench-") as tmp:
        db = Database(Path(tmp) / "cache.sqlite3")
        db.create_all()
        build_cache(db, args.orders, 100, rng)
        manager = add_year(db, args.journal, rng)
        with db.read() as s:
            print(f"journal chain intact (the check walks all of it): {journal.verify_chain(s).ok}")
        time_cases(db, manager, args.runs)
        time_export(db, manager, Path(tmp))
        db.dispose()
    print(f"\ntotal {time.perf_counter() - started:.1f} s, load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
