"""Clerk activity for the manager: every figure per shift and per staff member on a hand-built point, the shift's
report (stored at close, live while open) and the refusal of a clerk inside the service."""

from __future__ import annotations

from datetime import UTC, date

import pytest
from sqlalchemy import update

from desktop import journal
from desktop.db.models import PickupPoint
from desktop.documents.builders import shift_report
from desktop.errors import AccessDenied
from desktop.services.manager.activity import ActivityService
from desktop.services.manager.report import ColumnKind, Period
from desktop.services.staff import REPORT_METRICS, StaffService
from protocol.errors import DomainError
from tests.support.clock import FakeClock
from tests.support.factories import FAST_HASHER
from tests.support.manager_point import (
    ANNA_PERIOD,
    ANNA_SHIFT,
    BORIS_SHIFT,
    PERIOD,
    ActivityPoint,
    build_activity_point,
    utc,
)


@pytest.fixture
def point(db) -> ActivityPoint:
    return build_activity_point(db)


@pytest.fixture
def service(db) -> ActivityService:
    return ActivityService(db, FakeClock(utc(25, 12)))


def test_each_shift_row_counts_what_its_clerk_did_during_it(service, point) -> None:
    report = service.activity(point.manager, PERIOD).shifts
    assert [c.header for c in report.columns] == [
        "Сотрудник", "Смена", "Смена открыта", "Смена закрыта", "Принято коробок", "Размещено", "Выдано заказов",
        "Отказы (позиций)", "Отказы от заказов", "Неверные коды", "Отмены приёмки", "Наличные"]
    assert report.columns[-1].kind is ColumnKind.MONEY
    # on screen one «Смена» column holds both times; the export has them apart and not that column
    assert [(c.screen, c.export) for c in report.columns[1:4]] == [(True, False), (False, True), (False, True)]
    assert not report.columns[-1].screen  # the shift's cash: in its report (Enter) and the export, not on screen
    assert [c.header for c in report.exported().columns][:3] == ["Сотрудник", "Смена открыта", "Смена закрыта"]
    anna, boris = report.rows
    assert anna.values[:4] == ("Анна Смирнова", (utc(24, 6), utc(24, 15)), utc(24, 6), utc(24, 15))
    assert anna.values[4:] == ANNA_SHIFT
    assert boris.values[:4] == ("Борис Котов", (utc(25, 7), None), utc(25, 7), None)
    assert boris.values[4:] == BORIS_SHIFT
    assert report.exported().rows[1].values[:3] == ("Борис Котов", utc(25, 7), None)
    assert (anna.key, boris.key) == (str(point.anna_shift), str(point.boris_shift))
    assert anna.tone == boris.tone == "warning"  # wrong codes and undone receipts


def test_a_period_shows_only_the_shifts_opened_in_it(service, point) -> None:
    report = service.activity(point.manager, Period(date(2026, 11, 25), date(2026, 11, 25))).shifts
    assert [row.key for row in report.rows] == [str(point.boris_shift)]
    assert service.activity(point.manager, Period(date(2026, 11, 20), date(2026, 11, 23))).shifts.rows == ()


def test_the_staff_table_counts_everything_in_the_period_with_or_without_a_shift(service, point) -> None:
    report = service.activity(point.manager, PERIOD).staff
    rows = {row.values[0]: row.values[1:] for row in report.rows}
    assert rows == {"Анна Смирнова": ANNA_PERIOD, "Борис Котов": BORIS_SHIFT}
    only_the_25th = service.activity(point.manager, Period(date(2026, 11, 25), date(2026, 11, 25))).staff
    rows = {row.values[0]: row.values[1:] for row in only_the_25th.rows}
    assert rows == {"Анна Смирнова": (0, 1, 0, 0, 0, 0, 0, 0), "Борис Котов": BORIS_SHIFT}


def test_a_closed_shift_opens_as_the_report_printed_at_its_close(service, point) -> None:
    report = service.shift_report(point.manager, point.anna_shift)
    assert (report.staff_login, report.staff_name, report.shift_id) == ("anna", "Анна Смирнова", point.anna_shift)
    assert (report.header.opened_at, report.header.closed_at) == (utc(24, 6), utc(24, 15))
    assert (report.boxes_received, report.orders_handed_over) == (4, 3)
    assert (report.cash_kopecks, report.card_kopecks) == (150_000, 125_000)
    assert report.header.point.timezone == "Europe/Moscow"


def test_an_open_shift_opens_with_its_figures_so_far(service, point) -> None:
    report = service.shift_report(point.manager, point.boris_shift)
    assert (report.staff_login, report.header.closed_at) == ("boris", utc(25, 12))
    assert (report.boxes_received, report.orders_handed_over, report.cash_kopecks) == (1, 1, 50_000)


def test_the_shift_report_carries_the_same_figures_as_the_activity_table(service, point) -> None:
    """One definition: each shift's report (stored at close, or live while open) shows its table row's figures."""
    rows = {row.key: row.values[4:] for row in service.activity(point.manager, PERIOD).shifts.rows}
    for shift_id in (point.anna_shift, point.boris_shift):
        report = service.shift_report(point.manager, shift_id)
        assert tuple(getattr(report, field) for field in REPORT_METRICS) == rows[str(shift_id)]
    assert (rows[str(point.anna_shift)], rows[str(point.boris_shift)]) == (ANNA_SHIFT, BORIS_SHIFT)


def test_the_shift_report_names_the_person_and_says_an_open_shift_is_open(service, point) -> None:
    """The printed report names the staff member, never the login; an open shift is not shown as closed."""
    open_one = shift_report(service.shift_report(point.manager, point.boris_shift), UTC).html
    assert "Борис Котов" in open_one and "boris" not in open_one
    assert "смена открыта, данные на 25.11.2026 12:00" in open_one
    for figure in ("Размещено", "Неверные коды", "Отмены приёмки", "Отказы от заказов"):
        assert figure in open_one
    closed = shift_report(service.shift_report(point.manager, point.anna_shift), UTC).html
    assert "anna" not in closed and "смена открыта" not in closed
    assert "24.11.2026 06:00 — 24.11.2026 15:00" in closed


def test_an_unknown_shift_is_refused_in_words(service, point) -> None:
    with pytest.raises(DomainError) as err:
        service.shift_report(point.manager, 999)
    assert err.value.code == "activity.shift_not_found"


def test_a_clerk_is_refused_by_every_method(service, point) -> None:
    for call in (lambda: service.activity(point.anna, PERIOD),
                 lambda: service.shift_report(point.anna, point.anna_shift)):
        with pytest.raises(AccessDenied):
            call()


def test_acts_in_the_hour_a_shift_opens_or_closes_count_by_their_minute(db) -> None:
    """Two shifts of one clerk inside one hour (10:20–10:40, 10:45–…): the acts of 10:10, 10:30 and 10:50 go to
    no shift, the first and the second."""
    built = build_activity_point(db)
    clock = FakeClock(utc(26, 10, 20))
    staff = StaffService(db, clock, FAST_HASHER)
    first = staff.open_shift(built.anna).shift_id
    for minute in (10, 30, 50):
        with db.write() as s:
            journal.append(s, utc(26, 10, minute), built.anna.staff_id, "handover.wrong_code", "X", {})
    clock.now = utc(26, 10, 40)
    staff.close_shift(built.anna)
    clock.now = utc(26, 10, 45)
    second = staff.open_shift(built.anna).shift_id
    clock.now = utc(26, 12)
    report = ActivityService(db, clock).activity(built.manager, Period(date(2026, 11, 26), date(2026, 11, 26))).shifts
    wrong_codes = {row.key: row.values[9] for row in report.rows}
    assert wrong_codes == {str(first): 1, str(second): 1}


def test_a_zone_off_by_half_an_hour_counts_the_period_to_the_minute(db) -> None:
    """In Kolkata (UTC+5:30) the 25th ends at 18:30 UTC: a wrong code at 18:45 UTC belongs to the 26th — and to
    Борис's shift, still open."""
    built = build_activity_point(db)
    with db.write() as s:
        s.execute(update(PickupPoint).values(timezone="Asia/Kolkata"))
        journal.append(s, utc(25, 18, 45), built.boris.staff_id, "handover.wrong_code", "X", {})
    reports = ActivityService(db, FakeClock(utc(26, 12))).activity(built.manager, PERIOD)
    rows = {row.values[0]: row.values[1:] for row in reports.staff.rows}
    assert rows == {"Анна Смирнова": ANNA_PERIOD, "Борис Котов": BORIS_SHIFT}
    assert reports.shifts.rows[1].values[9] == BORIS_SHIFT[5] + 1
