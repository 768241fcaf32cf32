"""Clerk activity for the manager: per shift and per staff member in a period, and a shift's report on screen.

Where each figure comes from (the shift report's own definitions where it has them):
- received: receiving scans that took a box in (this shipment's or another of the point's), not undone;
- placed: journal «cell.place» entries (a box moved to another cell is a placement too);
- handed over: completed handovers (the handover row's staff member, at its completion);
- refused lines: lines with a refused quantity in those completed handovers; refused orders: completed
  handovers whose result is «refused» (journal «handover.completed»);
- wrong codes: journal «handover.wrong_code»; undos: journal «receiving.undo»;
- cash: cash payments taken (the amount due, kopecks).
A shift counts what its staff member did from its opening to its closing (or to now while it is open); the
per-staff table counts everything each one did inside the period, with or without a shift.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, case, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from desktop import messages
from desktop.db.models import AuditEntry, Handover, HandoverStatus, OrderLine, Payment, ReceivingScan, Shift, Staff
from desktop.documents.model import SHIFT_COUNTS, PointInfo, SessionHeader, ShiftReport
from desktop.point_time import zone_named
from desktop.services.base import Actor, Role, Service, require_role
from desktop.services.manager.report import Column, ColumnKind, Period, Report, Row
from desktop.services.point_info import point_info
from desktop.services.receiving.rows import Outcome
from desktop.services.staff import shift_report_of
from desktop.translatable import QT_TRANSLATE_NOOP, translate
from protocol.errors import DomainError

ACTIVITY = QT_TRANSLATE_NOOP("Actions", "просмотр работы сотрудников")  # named in an access refusal
METRICS = ("received", "placed", "handed_over", "refused_lines", "refused_orders", "wrong_codes", "undos", "cash")

messages.register({"activity.shift_not_found": "Смена №{shift} не найдена."})


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


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


def _collect(rows: Iterable[tuple[int, str, int | None]]) -> dict[int, Figures]:
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for owner, metric, amount in rows:
        found[owner][metric] = int(amount or 0)
    return {owner: Figures(values) for owner, values in found.items()}


HOUR = timedelta(hours=1)
HOUR_TEXT = "%Y-%m-%d %H"  # SQLite keeps datetimes as ISO text: its first 13 characters are the UTC hour


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


def shift_figures(session: Session, start: datetime, end: datetime, now: datetime) -> dict[int, Figures]:
    """Figures per shift id for the shifts opened in [start, end) (aware UTC); an open shift runs to `now`.

    Acts are summed per staff member and UTC hour in SQL; an hour wholly inside a shift is added to it, and only the
    hours where a shift opens or closes are counted act by act (a year of acts stays a few thousand rows here).
    """
    found = session.execute(select(Shift.id, Shift.staff_id, Shift.opened_at, Shift.closed_at)
                            .where(Shift.opened_at >= start, Shift.opened_at < end)).all()
    if not found:
        return {}
    shifts = Shifts(found, now)
    upper = max(w.closed for ws in shifts.of.values() for w in ws) + timedelta(seconds=1)
    acts = _sources(start, upper)
    totals: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    edges = _whole_hours(session, acts, shifts, totals)
    if edges:
        _edge_hours(session, acts, shifts, edges, totals)
    return {shift_id: Figures(dict(values)) for shift_id, values in totals.items()}


def _whole_hours(session: Session, acts: Subquery, shifts: Shifts, totals: dict[int, dict[str, int]]
                 ) -> set[tuple[int, str]]:
    """Add each hour of acts lying wholly inside a shift; return the (staff, hour) pairs a shift opens or closes in."""
    hour = func.substr(acts.c.at, 1, 13)
    query = (select(acts.c.staff_id, acts.c.metric, hour, func.sum(acts.c.amount))
             .where(acts.c.staff_id.in_(list(shifts.of))).group_by(acts.c.staff_id, acts.c.metric, hour))
    edges: set[tuple[int, str]] = set()
    for staff_id, metric, bucket, amount in session.execute(query):
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


def staff_figures(session: Session, start: datetime, end: datetime) -> dict[int, Figures]:
    """Figures per staff id for everything done in [start, end) (aware UTC)."""
    acts = _sources(start, end)
    query = (select(acts.c.staff_id, acts.c.metric, func.sum(acts.c.amount))
             .where(acts.c.staff_id.is_not(None))
             .group_by(acts.c.staff_id, acts.c.metric))
    return _collect(session.execute(query))


def _figure_columns() -> list[Column]:
    count, money = ColumnKind.COUNT, ColumnKind.MONEY
    return [
        Column(translate("ManagerReports", "Принято коробок"), count),
        Column(translate("ManagerReports", "Размещено"), count),
        Column(translate("ManagerReports", "Выдано заказов"), count),
        Column(translate("ManagerReports", "Отказы (позиций)"), count),
        Column(translate("ManagerReports", "Отказы от заказов"), count),
        Column(translate("ManagerReports", "Неверные коды"), count),
        Column(translate("ManagerReports", "Отмены приёмки"), count),
        Column(translate("ManagerReports", "Наличные"), money),
    ]


def _tone(figures: Figures) -> str:
    """A shift or staff member with wrong codes or undone receipts is worth a look."""
    return "warning" if figures["wrong_codes"] or figures["undos"] else ""


class ActivityService(Service):
    """The manager's view of who did what: per shift, per staff member, and a shift's report."""

    def shifts(self, manager: Actor, period: Period) -> Report:
        """One row per shift opened in the period; the row's key is the shift id."""
        require_role(manager, Role.MANAGER, ACTIVITY)
        with self.reading() as s:
            start, end = (_aware(x) for x in period.bounds(_zone(s)))
            figures = shift_figures(s, start, end, self.clock())
            shifts = s.execute(select(Shift.id, Staff.full_name, Shift.opened_at, Shift.closed_at)
                               .join(Staff, Staff.id == Shift.staff_id)
                               .where(Shift.opened_at >= start, Shift.opened_at < end)
                               .order_by(Shift.opened_at, Shift.id)).all()
        rows = []
        for shift_id, name, opened, closed in shifts:
            found = figures.get(shift_id, Figures({}))
            rows.append(Row((name, opened, closed, *found.row()), key=str(shift_id), tone=_tone(found)))
        columns = [Column(translate("ManagerReports", "Сотрудник")),
                   Column(translate("ManagerReports", "Смена открыта"), ColumnKind.MOMENT),
                   Column(translate("ManagerReports", "Смена закрыта"), ColumnKind.MOMENT), *_figure_columns()]
        return Report.of(translate("ManagerReports", "Работа по сменам"), columns, rows)

    def staff(self, manager: Actor, period: Period) -> Report:
        """One row per staff member who did anything in the period (all of it, in a shift or not)."""
        require_role(manager, Role.MANAGER, ACTIVITY)
        with self.reading() as s:
            start, end = (_aware(x) for x in period.bounds(_zone(s)))
            figures = staff_figures(s, start, end)
            names = dict(s.execute(select(Staff.id, Staff.full_name).where(Staff.id.in_(figures))).all())
        ordered = sorted((f for f in figures.items() if f[1].any()), key=lambda item: names.get(item[0], ""))
        rows = [Row((names.get(staff_id, ""), *found.row()), tone=_tone(found)) for staff_id, found in ordered]
        columns = [Column(translate("ManagerReports", "Сотрудник")), *_figure_columns()]
        return Report.of(translate("ManagerReports", "Работа сотрудников за период"), columns, rows)

    def shift_report(self, manager: Actor, shift_id: int) -> ShiftReport:
        """The shift's report: as printed at its close, or its figures so far while it is open."""
        require_role(manager, Role.MANAGER, ACTIVITY)
        with self.reading() as s:
            found = s.execute(select(Shift, Staff).join(Staff, Staff.id == Shift.staff_id)
                              .where(Shift.id == shift_id)).first()
            if found is None:
                raise DomainError("activity.shift_not_found", shift=shift_id)
            shift, staff = found
            point = point_info(s)
            if shift.report:
                return _stored_report(shift.report, point)
            return shift_report_of(s, shift, staff.login, staff.full_name, self.clock())


def _zone(session: Session) -> tzinfo:
    return zone_named(point_info(session).timezone)


def _stored_report(data: dict, point: PointInfo) -> ShiftReport:
    """The report stored at the shift's close, as the ShiftReport it was printed from."""
    stored = PointInfo(data.get("point_code", point.code), data.get("point_name", point.name),
                       data.get("point_address", point.address), point.timezone)
    header = SessionHeader(data["key"], stored, datetime.fromisoformat(data["opened_at"]),
                           datetime.fromisoformat(data["closed_at"]), data["opened_by"], data["closed_by"])
    counts = {name: int(data.get(name, 0)) for name in SHIFT_COUNTS}
    return ShiftReport(header=header, shift_id=int(data["shift_id"]), staff_login=data["staff_login"], **counts)
