"""The manager's chart series on a hand-built point: every value per day, hour, shipment, SMS outcome and cell
size, days and hours on the point's clock, and a clerk refused inside the service."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from desktop.db.models import PickupPoint
from desktop.errors import AccessDenied
from desktop.services.base import Role
from desktop.services.manager.charts import ChartsService
from desktop.services.manager.report import ColumnKind, Period
from tests.support.clock import FakeClock
from tests.support.manager_point import (
    DISCREPANCIES,
    HANDOVERS_PER_HOUR,
    OCCUPANCY,
    PERIOD,
    RECEIVED_PER_DAY,
    SMS_PER_DAY,
    build_charts_point,
    utc,
)


@pytest.fixture
def charts(db):
    manager = build_charts_point(db)
    return ChartsService(db, FakeClock(utc(26, 12))).charts(manager, PERIOD)


def test_boxes_received_per_day_on_the_points_clock(charts) -> None:
    report = charts.received
    assert [c.kind for c in report.columns] == [ColumnKind.DAY, ColumnKind.COUNT]
    assert {row.values[0]: row.values[1] for row in report.rows} == RECEIVED_PER_DAY


def test_every_day_of_the_period_has_a_row_even_without_boxes(db) -> None:
    manager = build_charts_point(db)
    report = ChartsService(db).charts(manager, Period(date(2026, 11, 22), date(2026, 11, 25))).received
    assert [row.values for row in report.rows] == [
        (date(2026, 11, 22), 0), (date(2026, 11, 23), 1), (date(2026, 11, 24), 3), (date(2026, 11, 25), 2)]


def test_handovers_per_hour_of_the_day(charts) -> None:
    rows = charts.handovers.rows
    assert [row.values[0] for row in rows] == [f"{h:02d}:00" for h in range(24)]
    assert {int(row.values[0][:2]): row.values[1] for row in rows if row.values[1]} == HANDOVERS_PER_HOUR


def test_discrepancy_rate_per_closed_shipment(charts) -> None:
    report = charts.discrepancies
    assert report.columns[-1].kind is ColumnKind.PERCENT
    got = [(r.values[0], *r.values[2:]) for r in report.rows]
    assert got == DISCREPANCIES  # the open session is not counted: its missing boxes may still come
    assert [r.key for r in report.rows] == ["RS-R-DISC", "RS-R-CLEAN"]
    assert report.rows[0].values[1] == utc(25, 10)
    assert [r.tone for r in report.rows] == ["warning", ""]


def test_sms_outcomes_per_day(charts) -> None:
    report = charts.sms
    assert [c.header for c in report.columns] == ["День", "Доставлено", "Не доставлено", "Неизвестно"]
    assert {row.values[0]: row.values[1:] for row in report.rows} == SMS_PER_DAY


def test_storage_occupancy_by_cell_size(charts) -> None:
    assert [row.values for row in charts.occupancy.rows] == OCCUPANCY
    assert [row.tone for row in charts.occupancy.rows] == ["", "warning", "", ""]


def test_a_clerk_is_refused_inside_the_service(db) -> None:
    manager = build_charts_point(db)
    clerk = manager.__class__(manager.staff_id, manager.login, manager.full_name, Role.CLERK, manager.point_id)
    with pytest.raises(AccessDenied):
        ChartsService(db).charts(clerk, PERIOD)


def test_a_zone_off_by_half_an_hour_puts_each_moment_in_its_own_hour_and_day(db) -> None:
    """Kolkata is UTC+5:30: 07:10 and 07:50 UTC are 12:40 and 13:20 there; 20:00 UTC on the 23rd is the 24th."""
    manager = build_charts_point(db)
    with db.write() as s:
        s.execute(update(PickupPoint).values(timezone="Asia/Kolkata"))
    charts = ChartsService(db).charts(manager, PERIOD)
    assert {int(r.values[0][:2]): r.values[1] for r in charts.handovers.rows if r.values[1]} == {12: 2, 13: 1, 20: 1}
    assert {r.values[0]: r.values[1] for r in charts.received.rows} == {date(2026, 11, 24): 1, date(2026, 11, 25): 5}
