"""Counting clerk activity: every counted act from the cache tables and the journal, per shift and per staff member.

Where each figure comes from (the shift report's own definitions where it has them):
- received: receiving scans that took a box in (this shipment's or another of the point's), not undone;
- placed: journal «cell.place» entries (a box moved to another cell is a placement too);
- handed over: completed handovers (the handover row's staff member, at its completion);
- refused lines: lines with a refused quantity in those completed handovers; refused orders: completed
  handovers whose result is «refused» (journal «handover.completed»);
- wrong codes: journal «handover.wrong_code»; undos: journal «receiving.undo»;
- cash: cash payments taken (the amount due, kopecks).
A shift counts what its staff member did from its opening to its closing (or to now while it is open); the
per-staff figures count everything each one did inside the period, with or without a shift.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, case, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from desktop.db.models import AuditEntry, Handover, HandoverStatus, OrderLine, Payment, ReceivingScan, Shift
from desktop.services.receiving.rows import Outcome

METRICS = ("received", "placed", "handed_over", "refused_lines", "refused_orders", "wrong_codes", "undos", "cash")
HOUR = timedelta(hours=1)
HOUR_TEXT = "%Y-%m-%d %H"  # SQLite keeps datetimes as ISO text: its first 13 characters are the UTC hour


@dataclass(frozen=True)
class Figures:
    """One row's counts by metric name (METRICS); cash in kopecks."""

    values: dict[str, int]

    def __getitem__(self, metric: str) -> int:
        return self.values.get(metric, 0)

    def row(self) -> tuple[int, ...]:
        return tuple(self[m] for m in METRICS)

    def any(self) -> bool:
        return any(self.values.values())


JOURNAL_METRICS = {"cell.place": "placed", "handover.completed": "refused_orders", "handover.wrong_code": "wrong_codes",
                   "receiving.undo": "undos"}


def _act(metric: ColumnElement[Any], staff: Any, at: Any, amount: Any, start: datetime, end: datetime) -> Select:
    """One kind of act as (metric, staff_id, at, amount) inside [start, end)."""
    return select(metric.label("metric"), staff.label("staff_id"), at.label("at"), amount.label("amount")).where(
        at >= start, at < end)


def _sources(start: datetime, end: datetime) -> Subquery:
    """Every counted act in [start, end) as (metric, staff_id, at, amount): one UNION ALL over the cache tables and
    one pass over the journal."""
    one = literal(1)
    received = _act(literal("received"), ReceivingScan.staff_id, ReceivingScan.scanned_at, one, start, end).where(
        ReceivingScan.outcome.in_((Outcome.RECEIVED, Outcome.OTHER_SHIPMENT)), ReceivingScan.undone.is_(False))
    completed = Handover.status == HandoverStatus.COMPLETED
    handed = _act(literal("handed_over"), Handover.staff_id, Handover.completed_at, one, start, end).where(completed)
    refused = (_act(literal("refused_lines"), Handover.staff_id, Handover.completed_at, one, start, end)
               .join(OrderLine, OrderLine.order_id == Handover.order_id)
               .where(completed, OrderLine.refused_quantity > 0))
    cash = _act(literal("cash"), Payment.staff_id, Payment.paid_at, Payment.due_kopecks, start, end).where(
        Payment.method == "cash")
    metric = case(JOURNAL_METRICS, value=AuditEntry.action)
    journal = _act(metric, AuditEntry.staff_id, AuditEntry.at, one, start, end).where(
        AuditEntry.action.in_(list(JOURNAL_METRICS)),
        or_(AuditEntry.action != "handover.completed",
            func.json_extract(AuditEntry.details, "$.result") == "refused"))
    return union_all(received, handed, refused, cash, journal).subquery("acts")


@dataclass(frozen=True)
class Window:
    """A shift's time: from its opening to its closing (included), or to now while it is open."""

    shift_id: int
    opened: datetime
    closed: datetime


class Shifts:
    """The period's shifts per staff member, sorted by opening (one staff member's shifts never overlap)."""

    def __init__(self, rows: Iterable[tuple[int, int, datetime, datetime | None]], now: datetime) -> None:
        self.of: dict[int, list[Window]] = defaultdict(list)
        for shift_id, staff_id, opened, closed in sorted(rows, key=lambda r: r[2]):
            self.of[staff_id].append(Window(shift_id, opened, closed or now))
        self.openings = {staff: [w.opened for w in ws] for staff, ws in self.of.items()}

    def touching(self, staff_id: int, first: datetime, after: datetime) -> list[Window]:
        """The staff member's shifts that overlap [first, after)."""
        windows = self.of.get(staff_id, [])
        found = []
        for i in range(bisect_left(self.openings.get(staff_id, []), after) - 1, -1, -1):
            if windows[i].closed < first:
                break
            found.append(windows[i])
        return found


@dataclass(frozen=True)
class Counts:
    """The period's figures per shift id and per staff id."""

    shifts: dict[int, Figures]
    staff: dict[int, Figures]


def count_activity(session: Session, start: datetime, end: datetime, now: datetime) -> Counts:
    """Figures per shift opened in [start, end) (an open one runs to `now`) and per staff member in [start, end).

    Acts are summed per staff member and UTC hour in one SQL pass; an hour wholly inside a shift is added to it, and
    only the hours where a shift opens or closes are counted act by act (a year of acts stays a few thousand rows).
    """
    found = session.execute(select(Shift.id, Shift.staff_id, Shift.opened_at, Shift.closed_at)
                            .where(Shift.opened_at >= start, Shift.opened_at < end)).all()
    shifts = Shifts(found, now)
    upper = max([end] + [w.closed + timedelta(seconds=1) for ws in shifts.of.values() for w in ws])
    acts = _sources(start, upper)
    hour = func.substr(acts.c.at, 1, 13)
    buckets = session.execute(select(acts.c.staff_id, acts.c.metric, hour, func.sum(acts.c.amount))
                              .where(acts.c.staff_id.is_not(None))
                              .group_by(acts.c.staff_id, acts.c.metric, hour)).all()
    totals: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    edges = _whole_hours(buckets, shifts, totals)
    if edges:
        _edge_hours(session, acts, shifts, edges, totals)
    per_shift = {shift_id: Figures(dict(values)) for shift_id, values in totals.items()}
    aligned = all(m.minute == m.second == m.microsecond == 0 for m in (start, end))
    return Counts(per_shift, _per_staff(buckets, end) if aligned else _staff_exact(session, start, end))


def _per_staff(buckets: Iterable[tuple[int, str, str, int | None]], end: datetime) -> dict[int, Figures]:
    """The hourly sums before `end` (a whole hour) per staff member."""
    totals: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for staff_id, metric, bucket, amount in buckets:
        if datetime.strptime(bucket, HOUR_TEXT).replace(tzinfo=UTC) < end:
            totals[staff_id][metric] += int(amount or 0)
    return {staff_id: Figures(dict(values)) for staff_id, values in totals.items()}


def _staff_exact(session: Session, start: datetime, end: datetime) -> dict[int, Figures]:
    """Per staff member act by act: a period not bounded by whole UTC hours (a zone off by half an hour)."""
    acts = _sources(start, end)
    query = (select(acts.c.staff_id, acts.c.metric, func.sum(acts.c.amount)).where(acts.c.staff_id.is_not(None))
             .group_by(acts.c.staff_id, acts.c.metric))
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for owner, metric, amount in session.execute(query):
        found[owner][metric] = int(amount or 0)
    return {owner: Figures(values) for owner, values in found.items()}


def _whole_hours(buckets: Iterable[tuple[int, str, str, int | None]], shifts: Shifts,
                 totals: dict[int, dict[str, int]]) -> set[tuple[int, str]]:
    """Add each hour of acts lying wholly inside a shift; return the (staff, hour) pairs a shift opens or closes in."""
    edges: set[tuple[int, str]] = set()
    for staff_id, metric, bucket, amount in buckets:
        first = datetime.strptime(bucket, HOUR_TEXT).replace(tzinfo=UTC)
        touching = shifts.touching(staff_id, first, first + HOUR)
        if len(touching) == 1 and touching[0].opened <= first and first + HOUR <= touching[0].closed:
            totals[touching[0].shift_id][metric] += int(amount or 0)
        elif touching:
            edges.add((staff_id, bucket))
    return edges


def _edge_hours(session: Session, acts: Subquery, shifts: Shifts, edges: set[tuple[int, str]],
                totals: dict[int, dict[str, int]]) -> None:
    """Count the acts of the hours a shift opens or closes in one by one."""
    hours = sorted({bucket for _staff, bucket in edges})
    query = select(acts.c.staff_id, acts.c.metric, acts.c.at, acts.c.amount).where(
        func.substr(acts.c.at, 1, 13).in_(hours))
    for staff_id, metric, at, amount in session.execute(query):
        if (staff_id, at.strftime(HOUR_TEXT)) not in edges:
            continue
        for window in shifts.touching(staff_id, at, at + timedelta(microseconds=1)):
            if window.opened <= at <= window.closed:
                totals[window.shift_id][metric] += int(amount or 0)
