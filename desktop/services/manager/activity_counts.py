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

Both are summed in SQL, one UNION ALL of a grouped query per kind of act: each shift's acts are read by the
staff member and moment indexes (revision 0006: a year of a busy point never reads more than the period's acts).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, or_, select, union_all
from sqlalchemy.orm import InstrumentedAttribute, Session

from desktop.db.models import AuditEntry, Handover, HandoverStatus, OrderLine, Payment, ReceivingScan, Shift, Staff
from desktop.services.receiving.rows import Outcome

METRICS = ("received", "placed", "handed_over", "refused_lines", "refused_orders", "wrong_codes", "undos", "cash")


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


@dataclass(frozen=True)
class Source:
    """One kind of counted act: its metric, whose act it is, when, how much, and which rows count."""

    metric: ColumnElement[Any]
    staff: InstrumentedAttribute[Any]
    at: InstrumentedAttribute[Any]
    amount: ColumnElement[Any] | InstrumentedAttribute[Any]
    where: tuple[ColumnElement[bool], ...]
    joins: Callable[[Select[Any]], Select[Any]] = lambda query: query


def _sources() -> list[Source]:
    one = literal(1)
    completed = Handover.status == HandoverStatus.COMPLETED
    return [
        Source(literal("received"), ReceivingScan.staff_id, ReceivingScan.scanned_at, one,
               (ReceivingScan.outcome.in_((Outcome.RECEIVED, Outcome.OTHER_SHIPMENT)),
                ReceivingScan.undone.is_(False))),
        Source(literal("handed_over"), Handover.staff_id, Handover.completed_at, one, (completed,)),
        Source(literal("refused_lines"), Handover.staff_id, Handover.completed_at, one,
               (completed, OrderLine.refused_quantity > 0),
               lambda query: query.join(OrderLine, OrderLine.order_id == Handover.order_id)),
        Source(literal("cash"), Payment.staff_id, Payment.paid_at, Payment.due_kopecks, (Payment.method == "cash",)),
        Source(case(JOURNAL_METRICS, value=AuditEntry.action), AuditEntry.staff_id, AuditEntry.at, one,
               (AuditEntry.action.in_(list(JOURNAL_METRICS)),
                or_(AuditEntry.action != "handover.completed",
                    func.json_extract(AuditEntry.details, "$.result") == "refused"))),
    ]


def _per_shift(source: Source, start: datetime, end: datetime, now: datetime) -> Select[Any]:
    """(shift id, metric, sum) of the acts of each shift opened in [start, end): the staff member's acts from its
    opening to its closing (or now while it is open), found by the (staff, moment) index."""
    until = func.coalesce(Shift.closed_at, literal(now, Shift.closed_at.type))
    inside = and_(source.staff == Shift.staff_id, source.at >= Shift.opened_at, source.at <= until)
    query = select(Shift.id, source.metric.label("metric"), func.sum(source.amount)).join_from(
        Shift, source.at.class_, inside)
    return (source.joins(query).where(Shift.opened_at >= start, Shift.opened_at < end, *source.where)
            .group_by(Shift.id, source.metric))


def _per_staff(source: Source, start: datetime, end: datetime) -> Select[Any]:
    """(staff id, metric, sum) of each staff member's acts in [start, end)."""
    inside = and_(source.staff == Staff.id, source.at >= start, source.at < end)
    query = select(Staff.id, source.metric.label("metric"), func.sum(source.amount)).join_from(
        Staff, source.at.class_, inside)
    return source.joins(query).where(*source.where).group_by(Staff.id, source.metric)


@dataclass(frozen=True)
class Counts:
    """The period's figures per shift id and per staff id."""

    shifts: dict[int, Figures]
    staff: dict[int, Figures]


def _figures(session: Session, queries: list[Select[Any]]) -> dict[int, Figures]:
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for owner, metric, amount in session.execute(union_all(*queries)):
        found[owner][metric] = found[owner].get(metric, 0) + int(amount or 0)
    return {owner: Figures(values) for owner, values in found.items()}


def count_activity(session: Session, start: datetime, end: datetime, now: datetime) -> Counts:
    """Figures per shift opened in [start, end) (an open one runs to `now`) and per staff member in [start, end),
    summed in SQL."""
    sources = _sources()
    per_shift = _figures(session, [_per_shift(source, start, end, now) for source in sources])
    per_staff = _figures(session, [_per_staff(source, start, end) for source in sources])
    return Counts(per_shift, per_staff)
