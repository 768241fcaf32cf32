"""Clerk activity for the manager (desktop.services.manager.activity): which shifts a period lists and in what
order, which rows are marked for a look, the staff table in name order, the tables' words from the ManagerReports
catalogue, and a closed shift's report as it was printed (older stored reports read with the point's data and 0)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from desktop import journal
from desktop.db.models import PickupPoint, Shift
from desktop.errors import AccessDenied
from desktop.services.base import Role
from desktop.services.manager.activity import ActivityService
from desktop.services.manager.report import ColumnKind
from desktop.services.staff import shift_key
from protocol.errors import DomainError
from tests.support.clock import FakeClock
from tests.support.factories import make_staff
from tests.support.manager_point import ANNA_SHIFT, PERIOD, ActivityPoint, build_activity_point, utc

START, END = datetime(2026, 11, 23, 21, 0, tzinfo=UTC), datetime(2026, 11, 25, 21, 0, tzinfo=UTC)  # PERIOD in UTC


@pytest.fixture
def point(db) -> ActivityPoint:
    """The hand-built point plus Алла (a shift opened the very moment the period starts, with nothing done in it,
    another opened the moment it ends, and one undone receipt later) and Вера (one wrong code, no shift)."""
    built = build_activity_point(db)
    with db.write() as s:
        home = s.scalars(select(PickupPoint)).one()
        alla = make_staff(s, home, Role.CLERK, login="alla", full_name="Алла Петрова")
        vera = make_staff(s, home, Role.CLERK, login="vera", full_name="Вера Орлова")
        s.add_all([Shift(point_id=home.id, staff_id=alla.id, opened_at=START, closed_at=utc(23, 21, 30)),
                   Shift(point_id=home.id, staff_id=alla.id, opened_at=END)])
        journal.append(s, utc(25, 12), alla.id, "receiving.undo", "X-ALLA", {})
        journal.append(s, utc(25, 12), vera.id, "handover.wrong_code", "X-VERA", {})
    return built


@pytest.fixture
def service(db) -> ActivityService:
    return ActivityService(db, FakeClock(utc(26, 12)))


def test_the_shifts_opened_in_the_period_in_the_order_they_opened(service, point) -> None:
    """A shift opened the moment the period starts is in it, one opened the moment it ends is not; the order is by
    opening, not by when the row was saved."""
    rows = service.activity(point.manager, PERIOD).shifts.rows
    assert [(row.values[0], row.values[2]) for row in rows] == [
        ("Алла Петрова", START), ("Анна Смирнова", utc(24, 6)), ("Борис Котов", utc(25, 7))]


def test_a_shift_with_nothing_done_shows_zeros_and_no_mark(service, point) -> None:
    alla, anna, _boris = service.activity(point.manager, PERIOD).shifts.rows
    assert alla.values[4:] == (0,) * 8 and alla.tone == ""
    assert anna.values[4:] == ANNA_SHIFT and anna.tone == "warning"


def test_the_staff_table_by_name_marks_wrong_codes_or_undone_receipts_each_alone(service, point) -> None:
    rows = service.activity(point.manager, PERIOD).staff.rows
    assert [(row.values[0], row.values[6:8], row.tone) for row in rows] == [
        ("Алла Петрова", (0, 1), "warning"), ("Анна Смирнова", (2, 1), "warning"),
        ("Борис Котов", (1, 1), "warning"), ("Вера Орлова", (1, 0), "warning")]


def test_a_staff_member_with_neither_is_not_marked(service, point, db) -> None:
    with db.write() as s:
        galina = make_staff(s, s.scalars(select(PickupPoint)).one(), Role.CLERK, full_name="Галина Ким")
        journal.append(s, utc(25, 13), galina.id, "cell.place", "X-GALINA", {})
    rows = {row.values[0]: row.tone for row in service.activity(point.manager, PERIOD).staff.rows}
    assert rows["Галина Ким"] == ""


def test_the_tables_words_come_from_the_manager_reports_catalogue(service, point, tagging_translator) -> None:
    reports = service.activity(point.manager, PERIOD)
    figures = ["Принято коробок", "Размещено", "Выдано заказов", "Отказы (позиций)", "Отказы от заказов",
               "Неверные коды", "Отмены приёмки", "Наличные"]
    figure_kinds = [ColumnKind.COUNT] * 7 + [ColumnKind.MONEY]
    assert reports.shifts.title == "[ManagerReports] Работа по сменам"
    assert [(c.header, c.kind, c.screen, c.export) for c in reports.shifts.columns] == [
        ("[ManagerReports] Сотрудник", ColumnKind.TEXT, True, True),
        ("[ManagerReports] Смена", ColumnKind.SPAN, True, False),
        ("[ManagerReports] Смена открыта", ColumnKind.MOMENT, False, True),
        ("[ManagerReports] Смена закрыта", ColumnKind.MOMENT, False, True),
        *[(f"[ManagerReports] {text}", ColumnKind.COUNT, True, True) for text in figures[:7]],
        ("[ManagerReports] Наличные", ColumnKind.MONEY, False, True)]
    assert reports.staff.title == "[ManagerReports] Работа сотрудников за период"
    assert [(c.header, c.kind) for c in reports.staff.columns] == [
        ("[ManagerReports] Сотрудник", ColumnKind.TEXT),
        *[(f"[ManagerReports] {text}", kind) for text, kind in zip(figures, figure_kinds, strict=True)]]


def test_a_clerk_is_refused_with_the_action_named(service, point) -> None:
    for call in (lambda: service.activity(point.anna, PERIOD),
                 lambda: service.shift_report(point.anna, point.anna_shift)):
        with pytest.raises(AccessDenied) as err:
            call()
        assert err.value.params["action"] == "просмотр работы сотрудников"


def test_an_unknown_shift_is_refused_naming_its_number(service, point) -> None:
    with pytest.raises(DomainError) as err:
        service.shift_report(point.manager, 999)
    assert err.value.params == {"shift": 999}


def test_a_closed_shift_keeps_the_point_and_people_it_was_printed_with(service, point, db) -> None:
    with db.write() as s:
        s.execute(update(PickupPoint).values(code="0777", name="Новое имя", address="Новый адрес"))
    report = service.shift_report(point.manager, point.anna_shift)
    header = report.header
    assert (header.point.code, header.point.name, header.point.address) == ("0042", "ПВЗ 0042", "ул. Тверская, 1")
    assert header.key == shift_key("anna", utc(24, 6))
    assert (header.opened_by, header.closed_by) == ("Анна Смирнова", "Анна Смирнова")


def test_a_report_stored_before_newer_fields_reads_them_from_the_point_and_as_zero(service, point, db) -> None:
    newer = ("point_code", "point_name", "point_address", "boxes_placed", "refused_lines", "refused_orders",
             "wrong_codes", "undos")
    with db.write() as s:
        shift = s.get_one(Shift, point.anna_shift)
        shift.report = {key: value for key, value in (shift.report or {}).items() if key not in newer}
        s.execute(update(PickupPoint).values(code="0777", name="Новое имя", address="Новый адрес"))
    report = service.shift_report(point.manager, point.anna_shift)
    assert (report.header.point.code, report.header.point.name, report.header.point.address) == (
        "0777", "Новое имя", "Новый адрес")
    assert (report.boxes_placed, report.refused_lines, report.refused_orders, report.wrong_codes, report.undos) == (
        0, 0, 0, 0, 0)
    assert (report.boxes_received, report.orders_handed_over) == (4, 3)

