"""Manager console benchmark: every call the console makes to open a view or a chart, on a 200,000-order cache with
a year of the point's life (bench/manager_year.py: 729 receiving sessions with their scans and placements, shifts
of 3–5 clerks every day, handovers and payments, SMS, return sessions, a year of journal), next to a raw sqlite3
floor; then an export of 100,000 rows to XLSX and CSV.

Run: .venv/bin/python bench/manager_console.py [--orders 200000] [--journal 300000] [--runs 20] [--dir DIR]
     [--db PATH: keep the cache there and reuse it next time] [--only TEXT: the cases whose name contains it]

Prints (not a test; nothing is asserted), under «the point now» once (the reports that show the point's state,
whatever the period) and then for the period a manager opens (7 days), 30 days and a year (the year: --runs / 4
runs, at least 5): per case in CASES its rows, p50/p99 of the service call's wall time (as the console's worker
calls it, manager role checked, rows built), the p99 of its CPU time (what it costs when other processes share the
cores), p50/p99 of the service's main query in plain `sqlite3` (rows fetched, nothing built) and p99 / floor p99.
Target: p99 < 200 ms. Then the time to write 100,000 journal rows to XLSX and to CSV
(desktop.services.manager.export). Target: < 5 s. The cache is planned as a counter's is: never ANALYZEd.

A new console call is one line in CASES: a name, the call and the floor SQL (`:start`/`:end` are the period's UTC
bounds as the cache stores them; `:now`, `:uid` (a session), `:shift`, `:today`/`:after` (today's and tomorrow's
local days), `:stuck` (an SMS stuck since) are there too).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.manager_year import Year, build_year
from bench.scan_path import NOW, _sqlts, build_cache
from desktop import journal
from desktop.db.engine import Database
from desktop.journal import GENESIS, chain_hash
from desktop.services.base import Actor, Role
from desktop.services.manager import charts, export
from desktop.services.manager.activity import ActivityService
from desktop.services.manager.arrivals import ArrivalsService
from desktop.services.manager.charts import ChartsService
from desktop.services.manager.exceptions import ExceptionsService
from desktop.services.manager.journal_report import JournalReportService
from desktop.services.manager.report import Period, Report
from desktop.services.manager.waiting import WaitingService

ZONE = ZoneInfo("Europe/Moscow")
TODAY = NOW.astimezone(ZONE).date()
ACTIONS = ["receiving.scan", "cell.place", "cell.place", "handover.started", "handover.verified", "handover.paid",
           "handover.completed", "handover.completed", "shift.opened", "shift.closed", "handover.wrong_code",
           "receiving.undo"]
EXPORT_ROWS = 100_000
PERIODS = {"7 days": 7, "30 days": 30, "year": 365}


def clock() -> datetime:
    return NOW


@dataclass(frozen=True)
class Bench:
    """What a case calls with: the database, the manager, the year built (a session uid, a shift id)."""

    db: Database
    manager: Actor
    year: Year

    def series(self, name: str, period: Period) -> Report:
        """One chart series alone (the tab loads all five in one call: the «charts: all five» case)."""
        with self.db.read() as s:
            point_id, zone = charts._point(s)
            start, end = (charts._aware(x) for x in period.bounds(zone))
            return {"received": lambda: charts._received(s, point_id, zone, period, start, end),
                    "handovers": lambda: charts._handovers(s, point_id, zone, start, end),
                    "discrepancies": lambda: charts._discrepancies(s, start, end),
                    "sms": lambda: charts._sms(s, zone, period, start, end),
                    "occupancy": lambda: charts._occupancy(s, point_id)}[name]()


@dataclass(frozen=True)
class Case:
    """One console call (bench, period) and its main query in raw sqlite3; `periodic` = it reads the period
    (else it shows the point now and is timed once)."""

    name: str
    call: Callable[[Bench, Period], Any]
    floor_sql: str | tuple[str, ...]  # several: the tab's reports one after another, as the service runs them
    periodic: bool = True


def arrivals(b: Bench) -> ArrivalsService:
    return ArrivalsService(b.db, clock)


def waiting(b: Bench) -> WaitingService:
    return WaitingService(b.db, clock)


def exceptions(b: Bench) -> ExceptionsService:
    return ExceptionsService(b.db, clock)


# --- the floors: each service's main query in plain sqlite3 (rows fetched, nothing built) ---------------------
TAKEN = "('received', 'other_shipment')"
SESSIONS_FLOOR = (
    "SELECT rs.id, rs.uid, rs.n_expected, rs.opened_at, rs.closed_at, rs.status, rs.summary, sh.number, "
    "st.full_name, t.first, t.last, t.waiting FROM receiving_sessions rs JOIN staff st ON st.id = rs.opened_by "
    "LEFT JOIN shipments sh ON sh.id = rs.shipment_id LEFT JOIN (SELECT c.session_id, min(c.scanned_at) AS first, "
    f"max(CASE WHEN c.outcome IN {TAKEN} THEN b.placed_at END) AS last, "
    f"sum(CASE WHEN c.outcome IN {TAKEN} AND b.status = 'received' THEN 1 ELSE 0 END) AS waiting "
    "FROM receiving_scans c LEFT JOIN boxes b ON b.id = c.box_id WHERE c.undone = 0 AND c.session_id IN "
    "(SELECT id FROM receiving_sessions WHERE opened_at >= :start AND opened_at < :end) GROUP BY c.session_id) t "
    "ON t.session_id = rs.id WHERE rs.opened_at >= :start AND rs.opened_at < :end ORDER BY rs.opened_at, rs.id")
BOXES_FLOOR = (
    "SELECT c.barcode, c.outcome, c.scanned_at, o.number, b.placed_at, b.damaged, b.damage_note, sc.label "
    "FROM receiving_scans c LEFT JOIN boxes b ON b.id = c.box_id LEFT JOIN orders o ON o.id = b.order_id "
    "LEFT JOIN storage_cells sc ON sc.id = b.cell_id WHERE c.session_id = (SELECT id FROM receiving_sessions "
    "WHERE uid = :uid) AND c.undone = 0 ORDER BY c.id")
ACT_FLOOR = "SELECT summary FROM receiving_sessions WHERE uid = :uid"
UNPLACED_FLOOR = (
    "SELECT b.barcode, b.seq_no, b.received_at, o.number, o.boxes_total, sh.number FROM boxes b "
    "JOIN orders o ON o.id = b.order_id LEFT JOIN shipments sh ON sh.id = b.shipment_id "
    "WHERE o.point_id = 1 AND b.status = 'received' ORDER BY b.received_at, b.barcode LIMIT 1000")
UNCOLLECTED_FLOOR = (
    "SELECT o.number, c.full_name, o.ready_at, o.storage_until, o.extended_days FROM orders o "
    "JOIN customers c ON c.id = o.customer_id WHERE o.point_id = 1 AND o.status = 'ready' "
    "ORDER BY coalesce(o.storage_until, o.ready_at), o.number LIMIT 1000")
EXPIRING_FLOOR = (
    "SELECT o.number, c.full_name, c.phone_last4, o.storage_until, o.extended_days, sc.label FROM orders o "
    "JOIN customers c ON c.id = o.customer_id LEFT JOIN boxes b ON b.order_id = o.id "
    "LEFT JOIN storage_cells sc ON sc.id = b.cell_id WHERE o.point_id = 1 AND o.status = 'ready' "
    "AND o.storage_until >= :today AND o.storage_until < :after ORDER BY o.storage_until, o.number")
RETURNS_FLOOR = (
    "SELECT o.number, o.status, o.storage_until, c.full_name, b.barcode, b.status, sc.label FROM orders o "
    "JOIN customers c ON c.id = o.customer_id JOIN boxes b ON b.order_id = o.id "
    "LEFT JOIN storage_cells sc ON sc.id = b.cell_id WHERE o.point_id = 1 AND ((o.status = 'ready' AND "
    "(o.storage_until <= :now OR o.storage_until IS NULL)) OR o.status IN ('refused', 'cancelled', "
    "'partially_handed_over')) AND b.status IN ('received', 'placed') ORDER BY o.number")
OPEN_RETURNS_FLOOR = (
    "SELECT r.uid, r.opened_at, st.full_name, (SELECT count(*) FROM return_items i WHERE i.session_id = r.id) "
    "FROM return_sessions r JOIN staff st ON st.id = r.opened_by WHERE r.point_id = 1 AND r.status = 'open' "
    "ORDER BY r.opened_at")
LOCKED_FLOOR = (
    "SELECT o.number, c.full_name, o.code_failed_attempts, o.locked_at FROM orders o "
    "JOIN customers c ON c.id = o.customer_id WHERE o.point_id = 1 AND o.locked_at IS NOT NULL "
    "ORDER BY o.locked_at, o.number")
SMS_FLOOR = (
    "SELECT m.status, m.attempt, m.error, m.requested_at, m.updated_at, o.number FROM sms_messages m "
    "JOIN orders o ON o.id = m.order_id JOIN (SELECT x.order_id, x.purpose, max(x.attempt) AS attempt "
    "FROM sms_messages x JOIN orders y ON y.id = x.order_id WHERE x.purpose IN ('ready', 'reminder') "
    "AND y.point_id = 1 AND y.status = 'ready' GROUP BY x.order_id, x.purpose) l ON l.order_id = m.order_id "
    "AND l.purpose = m.purpose AND l.attempt = m.attempt WHERE m.status IN ('failed', 'unknown') OR "
    "(m.status IN ('requested', 'pending', 'sending', 'accepted', 'held') AND m.requested_at <= :stuck)")
PROBLEMS_FLOOR = (
    "SELECT occurred_at, type, status, payload, reason, event_id FROM outbox WHERE status IN ('rejected', "
    "'conflict') AND reviewed_at IS NULL ORDER BY occurred_at, device_seq")
LEFT_OPEN_FLOOR = (
    "SELECT r.uid, r.opened_at, st.full_name, sh.number, EXISTS (SELECT 1 FROM shifts f WHERE f.staff_id = "
    "r.opened_by AND f.closed_at IS NULL) FROM receiving_sessions r JOIN staff st ON st.id = r.opened_by "
    "LEFT JOIN shipments sh ON sh.id = r.shipment_id WHERE r.point_id = 1 AND r.status = 'open'")
# (metric, table, staff, moment, amount, which rows count): the acts counted as clerk activity.
ACT_SOURCES = [
    ("'received'", "receiving_scans x", "x.staff_id", "x.scanned_at", "1", f"x.outcome IN {TAKEN} AND x.undone = 0"),
    ("'handed_over'", "handovers x", "x.staff_id", "x.completed_at", "1", "x.status = 'completed'"),
    ("'refused_lines'", "handovers x", "x.staff_id", "x.completed_at", "1",
     "x.status = 'completed' AND l.refused_quantity > 0"),
    ("'cash'", "payments x", "x.staff_id", "x.paid_at", "x.due_kopecks", "x.method = 'cash'"),
    ("x.action", "audit_journal x", "x.staff_id", "x.at", "1",
     "x.action IN ('cell.place', 'handover.completed', 'handover.wrong_code', 'receiving.undo') AND "
     "(x.action != 'handover.completed' OR json_extract(x.details, '$.result') = 'refused')"),
]


def _lines(metric: str) -> str:
    return "JOIN order_lines l ON l.order_id = x.order_id" if metric == "'refused_lines'" else ""


ACTIVITY_FLOOR = " UNION ALL ".join(
    [f"SELECT w.id, {m}, sum({n}) FROM shifts w JOIN {t} ON {who} = w.staff_id AND {at} >= w.opened_at AND "
     f"{at} <= coalesce(w.closed_at, :now) {_lines(m)} WHERE w.opened_at >= :start AND w.opened_at < :end AND {c} "
     f"GROUP BY w.id, {m}" for m, t, who, at, n, c in ACT_SOURCES]
    + [f"SELECT f.id, {m}, sum({n}) FROM staff f JOIN {t} ON {who} = f.id AND {at} >= :start AND {at} < :end "
       f"{_lines(m)} WHERE {c} GROUP BY f.id, {m}" for m, t, who, at, n, c in ACT_SOURCES])
SHIFT_FLOOR = "SELECT * FROM shifts JOIN staff ON staff.id = shifts.staff_id WHERE shifts.id = :shift"
RECEIVED_FLOOR = (
    "SELECT substr(b.received_at, 1, 13) AS h, count(*) FROM boxes b WHERE b.received_at >= :start AND "
    "b.received_at < :end AND EXISTS (SELECT 1 FROM orders o WHERE o.id = b.order_id AND o.point_id = 1) GROUP BY h")
HANDOVERS_FLOOR = (
    "SELECT substr(handed_over_at, 1, 13) AS h, count(*) FROM orders WHERE point_id = 1 AND "
    "handed_over_at >= :start AND handed_over_at < :end GROUP BY h")
DISCREPANCY_FLOOR = (
    "SELECT r.uid, sh.number, r.closed_at, r.n_expected, r.n_missing, r.n_surplus, r.n_foreign, "
    "(SELECT count(DISTINCT c.box_id) FROM receiving_scans c JOIN boxes b ON b.id = c.box_id WHERE "
    "c.session_id = r.id AND c.undone = 0 AND b.damaged = 1) FROM receiving_sessions r JOIN shipments sh ON "
    "sh.id = r.shipment_id WHERE r.status = 'closed' AND r.n_expected > 0 AND r.closed_at >= :start AND "
    "r.closed_at < :end ORDER BY r.closed_at, r.id")
SMS_CHART_FLOOR = (
    "SELECT substr(requested_at, 1, 13) AS h, status, count(*) FROM sms_messages WHERE requested_at >= :start "
    "AND requested_at < :end AND status IN ('delivered', 'failed', 'unknown', 'accepted') GROUP BY h, status")
OCCUPANCY_FLOOR = (
    "SELECT c.size_class, c.overflow, count(b.id) FROM storage_cells c JOIN boxes b ON b.cell_id = c.id "
    "WHERE c.point_id = 1 AND c.active = 1 AND b.status = 'placed' GROUP BY c.size_class, c.overflow")
JOURNAL_FLOOR = "SELECT id, at, action, subject, details, staff_id FROM audit_journal WHERE at >= :start AND at < :end"
CHAIN_FLOOR = "SELECT id, at, staff_id, action, subject, details, prev_hash, hash FROM audit_journal ORDER BY id"
CHARTS_FLOOR = (RECEIVED_FLOOR, HANDOVERS_FLOOR, DISCREPANCY_FLOOR, SMS_CHART_FLOOR, OCCUPANCY_FLOOR)
WAITING_FLOOR = (UNPLACED_FLOOR, UNCOLLECTED_FLOOR, EXPIRING_FLOOR, RETURNS_FLOOR, OPEN_RETURNS_FLOOR)
EXCEPTIONS_FLOOR = (LOCKED_FLOOR, SMS_FLOOR, PROBLEMS_FLOOR, LEFT_OPEN_FLOOR)


def _series(name: str) -> Callable[[Bench, Period], Any]:
    return lambda b, p: b.series(name, p)


# Every call the console makes to open a view, one line each.
CASES: list[Case] = [
    Case("arrivals: sessions", lambda b, p: arrivals(b).sessions(b.manager, p), SESSIONS_FLOOR),
    Case("arrivals: boxes of a session", lambda b, _p: arrivals(b).boxes(b.manager, b.year.session_uids[-2]),
         BOXES_FLOOR, periodic=False),
    Case("arrivals: act of a session", lambda b, _p: arrivals(b).act(b.manager, b.year.session_uids[-2]),
         ACT_FLOOR, periodic=False),
    Case("waiting: unplaced boxes", lambda b, _p: waiting(b).unplaced_boxes(b.manager), UNPLACED_FLOOR, False),
    Case("waiting: ready, not collected", lambda b, _p: waiting(b).uncollected_orders(b.manager),
         UNCOLLECTED_FLOOR, False),
    Case("waiting: expiring today/tomorrow", lambda b, _p: waiting(b).expiring_orders(b.manager), EXPIRING_FLOOR,
         False),
    Case("waiting: return list", lambda b, _p: waiting(b).returns_due(b.manager), RETURNS_FLOOR, False),
    Case("waiting: open return sessions", lambda b, _p: waiting(b).open_returns(b.manager), OPEN_RETURNS_FLOOR,
         False),
    Case("waiting: all five (the tab)", lambda b, _p: waiting(b).reports(b.manager), WAITING_FLOOR, False),
    Case("exceptions: locked orders", lambda b, _p: exceptions(b).locked_orders(b.manager), LOCKED_FLOOR, False),
    Case("exceptions: SMS not delivered", lambda b, _p: exceptions(b).sms_not_delivered(b.manager), SMS_FLOOR,
         False),
    Case("exceptions: server problems", lambda b, _p: exceptions(b).server_problems(b.manager), PROBLEMS_FLOOR,
         False),
    Case("exceptions: sessions left open", lambda b, _p: exceptions(b).sessions_left_open(b.manager),
         LEFT_OPEN_FLOOR, False),
    Case("exceptions: all four (the tab)", lambda b, _p: exceptions(b).reports(b.manager), EXCEPTIONS_FLOOR, False),
    Case("activity: shifts and staff", lambda b, p: ActivityService(b.db, clock).activity(b.manager, p),
         ACTIVITY_FLOOR),
    Case("activity: a shift's report", lambda b, _p: ActivityService(b.db, clock).shift_report(
        b.manager, b.year.shift_ids[-6]), SHIFT_FLOOR, False),
    Case("chart: boxes received per day", _series("received"), RECEIVED_FLOOR),
    Case("chart: handovers per hour", _series("handovers"), HANDOVERS_FLOOR),
    Case("chart: discrepancy per shipment", _series("discrepancies"), DISCREPANCY_FLOOR),
    Case("chart: SMS outcomes per day", _series("sms"), SMS_CHART_FLOOR),
    Case("chart: occupancy by cell size", _series("occupancy"), OCCUPANCY_FLOOR),
    Case("charts: all five (the tab)", lambda b, p: ChartsService(b.db, clock).charts(b.manager, p), CHARTS_FLOOR),
    Case("journal: entries", lambda b, p: JournalReportService(b.db, clock).entries(b.manager, p), JOURNAL_FLOOR),
    Case("journal: check whole chain", lambda b, _p: JournalReportService(b.db, clock).check(b.manager),
         CHAIN_FLOOR, False),
]


def add_year(db: Database, n_journal: int, rng: random.Random) -> Bench:
    """The year of the point (bench.manager_year) and a hash-chained journal of n_journal entries."""
    t0 = time.perf_counter()
    year = build_year(str(db.path), rng)
    _journal(db, n_journal, [*year.clerks, year.manager_id], rng)
    figures = ", ".join(f"{n:,} {what}" for what, n in year.counts.items())
    print(f"year: {figures}, {n_journal:,} journal entries built in {time.perf_counter() - t0:.1f} s")
    manager = Actor(year.manager_id, "boss", "Кузнецова Ольга", Role.MANAGER, year.point_id)
    return Bench(db, manager, year)


def _reused(db: Database) -> tuple[Actor, Year]:
    """The manager and the year of a cache kept by an earlier run (--db)."""
    raw = sqlite3.connect(db.path)
    manager_id, point_id = raw.execute("SELECT id, point_id FROM staff WHERE login = 'boss'").fetchone()
    year = Year(manager_id, point_id, [r[0] for r in raw.execute("SELECT id FROM staff WHERE role = 'clerk'")])
    year.session_uids = [r[0] for r in raw.execute("SELECT uid FROM receiving_sessions ORDER BY opened_at")]
    year.shift_ids = [r[0] for r in raw.execute("SELECT id FROM shifts ORDER BY id")]
    raw.close()
    return Actor(manager_id, "boss", "Кузнецова Ольга", Role.MANAGER, point_id), year


def _journal(db: Database, n: int, staff: list[int], rng: random.Random) -> None:
    """n entries evenly over the last year, chained exactly as desktop.journal.append chains them."""
    step = timedelta(days=365) / n
    start = NOW - timedelta(days=365)
    prev, rows = GENESIS, []
    for i in range(n):
        at = start + step * i
        who, action = rng.choice(staff), rng.choice(ACTIONS)
        result = ',"result":"refused"' if action == "handover.completed" and i % 50 == 0 else ""
        subject, details = f"1{rng.randrange(10**8):08d}", f'{{"box":"B{i}","n":{i}{result}}}'
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


def _params(b: Bench, period: Period) -> dict[str, Any]:
    start, end = (_sqlts(m.replace(tzinfo=UTC)) for m in period.bounds(ZONE))
    days = [_sqlts(m.replace(tzinfo=UTC)) for m in Period(TODAY, TODAY + timedelta(days=1)).bounds(ZONE)]
    tomorrow = _sqlts(Period(TODAY + timedelta(days=1), TODAY + timedelta(days=1)).bounds(ZONE)[0].replace(tzinfo=UTC))
    return {"start": start, "end": end, "now": _sqlts(NOW), "uid": b.year.session_uids[-2],
            "shift": b.year.shift_ids[-6], "today": days[0], "tomorrow": tomorrow, "after": days[1],
            "stuck": _sqlts(NOW - timedelta(hours=2))}


HEADER = (f"{'case':38} {'rows':>8} {'p50 ms':>8} {'p99 ms':>8} {'cpu p99':>8} {'floor p50':>10} {'floor p99':>10} "
          f"{'p99/floor':>9}")


def time_case(b: Bench, raw: sqlite3.Connection, case: Case, period: Period, runs: int) -> str:
    params = _params(b, period)
    service, cpu, floor, rows = [], [], [], 0
    for _ in range(runs):  # alternate so cache warmth hits both alike
        t0 = time.perf_counter()
        queries = (case.floor_sql,) if isinstance(case.floor_sql, str) else case.floor_sql
        rows = sum(len(raw.execute(sql, params).fetchall()) for sql in queries)
        floor.append(time.perf_counter() - t0)
        t0, cpu0 = time.perf_counter(), time.process_time()
        case.call(b, period)
        service.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - cpu0)
    p99, f99 = _pct(service, .99), _pct(floor, .99)
    flag = "" if p99 < 200 else "  > 200 ms"
    return (f"{case.name:38} {rows:>8,} {_pct(service, .5):>8.1f} {p99:>8.1f} {_pct(cpu, .99):>8.1f} "
            f"{_pct(floor, .5):>10.1f} "
            f"{f99:>10.1f} {p99 / max(f99, 0.01):>8.1f}x{flag}")


def time_cases(b: Bench, runs: int, only: str = "") -> None:
    raw = sqlite3.connect(b.db.path)
    now = Period.last_days(TODAY, 7)
    print(f"\n== the point now (no period) ==\n{HEADER}")
    cases = [c for c in CASES if only in c.name]
    for case in (c for c in cases if not c.periodic):
        print(time_case(b, raw, case, now, runs), flush=True)
    for label, days in PERIODS.items():
        print(f"\n== period: {label} ==\n{HEADER}")
        for case in (c for c in cases if c.periodic):
            print(time_case(b, raw, case, Period.last_days(TODAY, days), runs if days < 365 else max(5, runs // 4)),
                  flush=True)
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
    parser.add_argument("--db", type=Path, default=None, help="keep the cache here; reuse it if it exists")
    parser.add_argument("--only", default="", help="time only the cases whose name contains this")
    args = parser.parse_args()
    rng = random.Random(20261124)
    started = time.perf_counter()
    print(f"cpus {os.cpu_count()}, load average at start {os.getloadavg()[0]:.2f} (wall p99 suffers on a busy machine)")
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="pickup-bench-") as tmp:
        path = args.db or Path(tmp) / "cache.sqlite3"
        reuse = path.exists()
        db = Database(path)
        if reuse:
            bench = Bench(db, *_reused(db))
            print(f"reusing {path}")
        else:
            db.create_all()
            build_cache(db, args.orders, 100, rng)
            bench = add_year(db, args.journal, rng)
            db.dispose()  # new connections: planned without the statistics build_cache's ANALYZE left in the pool's
            with db.read() as s:
                print(f"journal chain intact (the check walks all of it): {journal.verify_chain(s).ok}")
        time_cases(bench, args.runs, args.only)
        if not args.only:
            time_export(db, bench.manager, Path(tmp))
        db.dispose()
    print(f"\ntotal {time.perf_counter() - started:.1f} s, load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
