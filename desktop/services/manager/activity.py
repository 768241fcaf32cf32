"""Clerk activity for the manager: per shift and per staff member in a period, and a shift's report on screen.

What each figure counts is in `activity_counts`. Each shift row's key is the shift id; its report is the one
stored at its close (as printed), or its figures so far while it is open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import messages
from desktop.db.models import Shift, Staff
from desktop.documents.model import SHIFT_COUNTS, PointInfo, SessionHeader, ShiftReport
from desktop.point_time import zone_named
from desktop.services.base import Actor, Role, Service, require_role
from desktop.services.manager.activity_counts import Figures, count_activity
from desktop.services.manager.report import Column, ColumnKind, Period, Report, Row
from desktop.services.point_info import point_info
from desktop.services.staff import shift_report_of
from desktop.translatable import QT_TRANSLATE_NOOP, translate
from protocol.errors import DomainError

ACTIVITY = QT_TRANSLATE_NOOP("Actions", "просмотр работы сотрудников")  # named in an access refusal

messages.register({"activity.shift_not_found": "Смена №{shift} не найдена."})


@dataclass(frozen=True)
class ActivityReports:
    """The activity tab's two tables: per shift and per staff member."""

    shifts: Report
    staff: Report


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

    def activity(self, manager: Actor, period: Period) -> ActivityReports:
        """One row per shift opened in the period (its key is the shift id) and one per staff member who did
        anything in the period (all of it, in a shift or not); summed in SQL."""
        require_role(manager, Role.MANAGER, ACTIVITY)
        with self.reading() as s:
            start, end = (moment.replace(tzinfo=UTC) for moment in period.bounds(_zone(s)))
            counts = count_activity(s, start, end, self.clock())
            shifts = s.execute(select(Shift.id, Staff.full_name, Shift.opened_at, Shift.closed_at)
                               .join(Staff, Staff.id == Shift.staff_id)
                               .where(Shift.opened_at >= start, Shift.opened_at < end)
                               .order_by(Shift.opened_at, Shift.id)).all()
            names = dict(s.execute(select(Staff.id, Staff.full_name).where(Staff.id.in_(list(counts.staff)))).all())
        return ActivityReports(_shifts_report(shifts, counts.shifts), _staff_report(counts.staff, names))

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
            return shift_report_of(s, shift, staff.login, staff.full_name, shift.closed_at or self.clock(),
                                   still_open=shift.closed_at is None)


def _shifts_report(shifts: Sequence[Any], figures: dict[int, Figures]) -> Report:
    rows = []
    for shift_id, name, opened, closed in shifts:
        found = figures.get(shift_id, Figures({}))
        rows.append(Row((name, (opened, closed), opened, closed, *found.row()), key=str(shift_id), tone=_tone(found)))
    columns = [Column(translate("ManagerReports", "Сотрудник")),  # the shift's times in one column on screen
               Column(translate("ManagerReports", "Смена"), ColumnKind.SPAN, export=False),
               Column(translate("ManagerReports", "Смена открыта"), ColumnKind.MOMENT, screen=False),
               Column(translate("ManagerReports", "Смена закрыта"), ColumnKind.MOMENT, screen=False),
               *_figure_columns()]
    # at 1366 px the shift's cash gives way on screen (its report on Enter, the export and the staff table have it)
    columns[-1] = replace(columns[-1], screen=False)
    return Report.of(translate("ManagerReports", "Работа по сменам"), columns, rows)


def _staff_report(figures: dict[int, Figures], names: dict[int, str]) -> Report:
    ordered = sorted((f for f in figures.items() if f[1].any()), key=lambda item: names.get(item[0], ""))
    rows = [Row((names.get(staff_id, ""), *found.row()), tone=_tone(found)) for staff_id, found in ordered]
    columns = [Column(translate("ManagerReports", "Сотрудник")), *_figure_columns()]
    return Report.of(translate("ManagerReports", "Работа сотрудников за период"), columns, rows)


def _zone(session: Session) -> tzinfo:
    return zone_named(point_info(session).timezone)


def _stored_report(data: dict, point: PointInfo) -> ShiftReport:
    """The report stored at the shift's close, as the ShiftReport it was printed from."""
    stored = PointInfo(data.get("point_code", point.code), data.get("point_name", point.name),
                       data.get("point_address", point.address), point.timezone)
    header = SessionHeader(data["key"], stored, datetime.fromisoformat(data["opened_at"]),
                           datetime.fromisoformat(data["closed_at"]), data["opened_by"], data["closed_by"])
    counts: dict[str, Any] = {name: int(data.get(name, 0)) for name in SHIFT_COUNTS}
    return ShiftReport(header=header, shift_id=int(data["shift_id"]), staff_login=data["staff_login"], **counts)
