"""«Ожидают» (issue 11 item 2): every figure of every report checked against the hand-built point."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.errors import AccessDenied
from desktop.services.manager.report import ColumnKind, Report, Row
from desktop.services.manager.waiting import WaitingService
from tests.support.clock import FakeClock
from tests.unit.waits_point import NOW, build_waits_point


@pytest.fixture
def point(db):
    return build_waits_point(db)


@pytest.fixture
def service(db):
    return WaitingService(db, FakeClock(NOW))


def by_key(report: Report) -> dict[str, Row]:
    return {row.key: row for row in report.rows if row.key}


def column(report: Report, header: str) -> int:
    return [c.header for c in report.columns].index(header)


def test_boxes_received_but_not_placed_oldest_first_with_their_age_and_tone(point, service):
    report = service.unplaced_boxes(point.manager)
    assert [row.values[0] for row in report.rows] == [point.boxes["2d"], point.boxes["5h"], point.boxes["1h"]]
    assert [row.values[5] for row in report.rows] == [timedelta(days=2), timedelta(hours=5), timedelta(hours=1)]
    assert [row.tone for row in report.rows] == ["error", "warning", ""]
    assert {row.key for row in report.rows} == {point.numbers["unplaced"]}
    first = report.rows[0]
    assert first.values[2] == "3 из 3" and first.values[3] == "R0000777" and first.values[4] == NOW - timedelta(days=2)
    assert report.columns[5].kind is ColumnKind.DURATION and report.columns[4].kind is ColumnKind.MOMENT


def test_ready_orders_not_collected_by_days_left(point, service):
    report = service.uncollected_orders(point.manager)
    rows = by_key(report)
    left = column(report, "Осталось дней")
    n = point.numbers
    assert len(report.rows) == 11  # 4 storage cases + the locked order + 6 with SMS stories
    assert {name: rows[n[name]].values[left] for name in ("expired", "today", "tomorrow", "five")} == {
        "expired": -1, "today": 0, "tomorrow": 1, "five": 5}
    assert {name: rows[n[name]].tone for name in ("expired", "today", "tomorrow", "five")} == {
        "expired": "error", "today": "error", "tomorrow": "warning", "five": ""}
    assert [row.key for row in report.rows[:4]] == [n["expired"], n["today"], n["tomorrow"], n["locked"]]
    assert rows[n["today"]].values[3] == timedelta(days=2)  # ready two days ago
    assert rows[n["today"]].values[4] == NOW + timedelta(hours=3)
    assert rows[n["five"]].values[6] == "нет"


def test_orders_expiring_today_and_tomorrow_on_the_points_calendar(point, service):
    report = service.expiring_orders(point.manager)
    assert [(row.key, row.values[3], row.tone) for row in report.rows] == [
        (point.numbers["today"], "сегодня", "error"), (point.numbers["tomorrow"], "завтра", "warning")]


def test_orders_due_for_return_and_return_sessions_not_closed(point, service):
    due = service.returns_due(point.manager)
    assert {row.key: (row.values[1], row.values[4]) for row in due.rows} == {
        point.numbers["expired"]: ("срок хранения истёк", 1), point.numbers["cancelled"]: ("отменён центром", 1)}
    sessions = service.open_returns(point.manager)
    assert [(row.key, row.values[2], row.values[3], row.tone) for row in sessions.rows] == [
        (point.sessions["return_yesterday"], timedelta(days=1), 0, "error")]


def test_the_tab_gets_every_report_in_order(point, service):
    titles = [r.title for r in service.reports(point.manager)]
    assert len(titles) == 5 and titles[0].startswith("Коробки")


@pytest.mark.parametrize("method", ["unplaced_boxes", "uncollected_orders", "expiring_orders", "returns_due",
                                    "open_returns", "reports"])
def test_a_clerk_is_refused_by_the_service(point, service, method):
    with pytest.raises(AccessDenied):
        getattr(service, method)(point.clerk)


def test_a_long_list_stops_at_its_limit_and_its_title_says_how_many_there_are(point, service):
    boxes = service.unplaced_boxes(point.manager, limit=2)
    assert [row.values[0] for row in boxes.rows] == [point.boxes["2d"], point.boxes["5h"]]
    assert boxes.title.endswith("(показаны первые по сроку: 2 из 3)")
    orders = service.uncollected_orders(point.manager, limit=2)
    assert [row.key for row in orders.rows] == [point.numbers["expired"], point.numbers["today"]]
    assert orders.title.endswith("(показаны первые по сроку: 2 из 11)")
    assert "первые" not in service.unplaced_boxes(point.manager).title
