"""The manager console reads the period's rows by index, never a year of them (bench/manager_console.py times it).

Each console call runs on a hand-built point while every SELECT it sends is recorded; then SQLite's plan of each
(`EXPLAIN QUERY PLAN`, planned as on a counter PC: no ANALYZE statistics) must not scan a table that grows with
the point's history. On a counter's cache every order is its own point's, so an order lookup by `point_id` alone
is a scan as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from desktop.db.engine import Database
from desktop.services.manager.activity import ActivityService
from desktop.services.manager.arrivals import ArrivalsService
from desktop.services.manager.charts import ChartsService
from desktop.services.manager.exceptions import ExceptionsService
from desktop.services.manager.journal_report import JournalReportService
from desktop.services.manager.waiting import WaitingService
from tests.support.clock import FakeClock
from tests.support.manager_point import PERIOD, build_activity_point, build_charts_point, utc

GROWING = ("orders", "boxes", "customers", "order_lines", "receiving_scans", "handovers", "payments", "sms_messages",
           "audit_journal", "outbox")
FULL_READ = re.compile(rf"SCAN ({'|'.join(GROWING)})\b|INDEX ix_orders_point_id \(point_id=\?\)")


@contextmanager
def recorded(db: Database) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def remember(_conn: Any, _cursor: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)


def full_reads(db: Database, call: Callable[[], Any]) -> list[tuple[str, str]]:
    """(statement, plan) of every SELECT `call` sends whose plan reads a growing table whole."""
    with recorded(db) as statements:
        call()
    assert statements
    found = []
    with db.engine.connect() as conn:
        for statement, params in statements:
            plan = " | ".join(row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
            if FULL_READ.search(plan):
                found.append((statement, plan))
    return found


def test_every_report_and_chart_reads_by_index(db: Database) -> None:
    manager = build_charts_point(db)
    clock = FakeClock(utc(26, 12))
    arrivals, waiting, exceptions = ArrivalsService(db, clock), WaitingService(db, clock), ExceptionsService(db, clock)
    session_uid = arrivals.sessions(manager, PERIOD).rows[0].key
    assert session_uid is not None
    calls: list[Callable[[], Any]] = [
        lambda: arrivals.sessions(manager, PERIOD),
        lambda: arrivals.boxes(manager, session_uid),
        lambda: waiting.reports(manager),
        lambda: exceptions.reports(manager),
        lambda: ChartsService(db, clock).charts(manager, PERIOD),
        lambda: JournalReportService(db, clock).entries(manager, PERIOD),
    ]
    for call in calls:
        assert full_reads(db, call) == []


def test_clerk_activity_reads_each_shift_by_the_staff_and_moment_indexes(db: Database) -> None:
    point = build_activity_point(db)
    service = ActivityService(db, FakeClock(utc(25, 12)))
    assert full_reads(db, lambda: service.activity(point.manager, PERIOD)) == []
    with recorded(db) as statements:
        service.activity(point.manager, PERIOD)
    with db.engine.connect() as conn:
        plans = " | ".join(row[3] for statement, params in statements
                           for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
    for index in ("ix_receiving_scans_staff_scanned_at", "ix_handovers_staff_completed_at",
                  "ix_payments_staff_paid_at"):
        assert index in plans
