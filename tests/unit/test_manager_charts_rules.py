"""The chart series' rules at their edges: the period is [first instant, next day's first instant) on the point's
clock, every hour and day adds up, a shipment's rate is exact to a tenth of a percent, and every title and header
goes through the UI language under the manager reports' context."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from desktop.db.engine import Database
from desktop.db.models import (
    Order,
    PickupPoint,
    ReceivingScan,
    ReceivingSession,
    SessionStatus,
    SmsMessage,
    Staff,
    StorageCell,
)
from desktop.errors import AccessDenied
from desktop.services.base import Actor, Role, local_point
from desktop.services.manager.charts import ChartReports, ChartsService, _hours
from desktop.services.manager.report import ColumnKind, Report
from tests.support.clock import computer_zone
from tests.support.factories import make_cell, make_order, make_shipment
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
from tests.support.report_texts import Shown, shown
from tests.support.report_texts import tagged as tagged_in

# PERIOD is 24–25.11 in Moscow (UTC+3): from 23.11 21:00 UTC up to, not including, 25.11 21:00 UTC.
FIRST_INSTANT, END = utc(23, 21), utc(25, 21)
COUNT, TEXT = ColumnKind.COUNT, ColumnKind.TEXT


@pytest.fixture
def manager(db: Database) -> Actor:
    return build_charts_point(db)


def charts_of(db: Database, manager: Actor) -> ChartReports:
    return ChartsService(db).charts(manager, PERIOD)


def per_hour(report: Report) -> dict[int, int]:
    return {int(row.values[0][:2]): row.values[1] for row in report.rows if row.values[1]}


def _handovers_at(db: Database, *moments: datetime) -> None:
    with db.write() as s:
        point = local_point(s)
        for at in moments:
            make_order(s, point, status="handed_over").handed_over_at = at


def _session(db: Database, number: str, closed_at: datetime, counts: tuple[int, int, int, int],
             damaged_scans: tuple[bool, ...] = ()) -> None:
    """A closed receiving session of its own shipment: (expected, missing, surplus, foreign) and one scan of a
    damaged box per flag (True: the scan was undone)."""
    expected, missing, surplus, foreign = counts
    with db.write() as s:
        point = local_point(s)
        staff = s.query(Staff).first()
        shipment = make_shipment(s, point, number)
        row = ReceivingSession(uid=f"RS-{number}", point_id=point.id, shipment_id=shipment.id, opened_by=staff.id,
                               opened_at=utc(23, 9), closed_at=closed_at, closed_by=staff.id,
                               status=SessionStatus.CLOSED, n_expected=expected, n_missing=missing,
                               n_surplus=surplus, n_foreign=foreign)
        s.add(row)
        s.flush()
        if damaged_scans:
            for box, undone in zip(make_order(s, point, boxes=len(damaged_scans)).boxes, damaged_scans, strict=True):
                box.damaged = True
                s.add(ReceivingScan(session_id=row.id, barcode=box.barcode, box_id=box.id, outcome="received",
                                    staff_id=staff.id, scanned_at=closed_at, undone=undone))


def test_every_title_and_header_is_shown_in_the_ui_language(db, manager, tagging_translator) -> None:
    charts = charts_of(db, manager)

    def tagged(title: str, *columns: tuple[str, ColumnKind]) -> Shown:
        return tagged_in("ManagerReports", title, *columns)

    day = ("День", ColumnKind.DAY)
    assert shown(charts.received) == tagged("Принято коробок по дням", day, ("Принято коробок", COUNT))
    assert shown(charts.handovers) == tagged("Выдачи по часам дня", ("Час", TEXT), ("Выдано заказов", COUNT))
    assert shown(charts.discrepancies) == tagged(
        "Расхождения по поставкам", ("Поставка", TEXT), ("Приёмка закрыта", ColumnKind.MOMENT),
        ("Ожидалось", COUNT), ("Недостача", COUNT), ("Излишки", COUNT), ("Чужие", COUNT), ("Повреждено", COUNT),
        ("Расхождения", ColumnKind.PERCENT))
    assert shown(charts.sms) == tagged("SMS по дням", day, ("Доставлено", COUNT), ("Не доставлено", COUNT),
                                       ("Неизвестно", COUNT))
    assert shown(charts.occupancy) == tagged("Занятость ячеек по размерам", ("Размер ячеек", TEXT),
                                             ("Занято", COUNT), ("Всего мест", COUNT),
                                             ("Занятость", ColumnKind.PERCENT))
    assert charts.occupancy.rows[-1].values[0] == "[ManagerReports] Переполнение"


def test_the_periods_first_instant_counts_and_the_next_days_first_instant_does_not(db, manager) -> None:
    _handovers_at(db, utc(23, 20, 59), FIRST_INSTANT, END)
    _session(db, "R-BEFORE", utc(23, 20, 59), (4, 1, 0, 0))
    _session(db, "R-FIRST", FIRST_INSTANT, (4, 1, 0, 0))
    _session(db, "R-END", END, (4, 1, 0, 0))
    charts = charts_of(db, manager)
    assert per_hour(charts.handovers) == {**HANDOVERS_PER_HOUR, 0: 1}  # 00:00 on the 24th, the period's start
    assert [row.values[0] for row in charts.discrepancies.rows] == ["R-FIRST", "R-DISC", "R-CLEAN"]


def test_the_same_hour_of_different_days_adds_up(db, manager) -> None:
    _handovers_at(db, utc(25, 7, 5))  # 10:05 on the 25th; three orders were handed over at 10:xx on the 24th
    assert per_hour(charts_of(db, manager).handovers) == {**HANDOVERS_PER_HOUR, 10: 4}


def test_an_sms_asked_for_after_midnight_on_the_points_clock_counts_on_that_day(db, manager) -> None:
    with db.write() as s:
        order = make_order(s, local_point(s))
        s.add(SmsMessage(uid="SMS-NIGHT", order_id=order.id, purpose="ready", status="delivered",
                         requested_at=utc(23, 22), updated_at=utc(23, 22)))  # 01:00 on the 24th in Moscow
    sms = {row.values[0]: row.values[1:] for row in charts_of(db, manager).sms.rows}
    assert sms == {**SMS_PER_DAY, date(2026, 11, 24): (3, 1, 0)}


def test_a_shipment_with_nothing_expected_has_no_rate_and_one_box_expected_has(db, manager) -> None:
    _session(db, "R-EMPTY", utc(24, 12), (0, 0, 2, 0))
    _session(db, "R-ONE", utc(24, 13), (1, 1, 0, 0))
    rows = charts_of(db, manager).discrepancies.rows
    assert [(r.values[0], r.values[-1]) for r in rows] == [("R-ONE", 100.0), ("R-DISC", 25.0), ("R-CLEAN", 0.0)]


def test_the_rate_is_rounded_to_a_tenth_of_a_percent(db, manager) -> None:
    _session(db, "R-THIRD", utc(24, 12), (3, 1, 0, 0))
    assert charts_of(db, manager).discrepancies.rows[0].values[-1] == 33.3


def test_an_undone_scan_of_a_damaged_box_is_not_counted_as_damaged(db, manager) -> None:
    _session(db, "R-UNDONE", utc(24, 12), (10, 0, 0, 0), damaged_scans=(False, True))
    first = charts_of(db, manager).discrepancies.rows[0]
    assert (first.values[0], first.values[6], first.values[7]) == ("R-UNDONE", 1, 10.0)


def test_shipments_come_in_the_order_they_were_closed(db, manager) -> None:
    _session(db, "R-LATE", utc(25, 15), (5, 0, 0, 0))
    _session(db, "R-EARLY", utc(24, 8), (5, 0, 0, 0))
    rows = charts_of(db, manager).discrepancies.rows
    assert [r.values[0] for r in rows] == ["R-EARLY", "R-DISC", "R-CLEAN", "R-LATE"]


@pytest.fixture
def pc_in_new_york() -> Iterator[None]:
    """The counter PC's own clock set to New York: the charts read the point's zone, never the PC's."""
    with computer_zone("America/New_York"):
        yield


def test_the_pcs_own_time_zone_does_not_move_a_day_or_an_hour(db, manager, pc_in_new_york) -> None:
    charts = charts_of(db, manager)
    assert {row.values[0]: row.values[1] for row in charts.received.rows} == RECEIVED_PER_DAY
    assert per_hour(charts.handovers) == HANDOVERS_PER_HOUR
    assert {row.values[0]: row.values[1:] for row in charts.sms.rows} == SMS_PER_DAY
    assert [(r.values[0], *r.values[2:]) for r in charts.discrepancies.rows] == DISCREPANCIES
    assert [row.values for row in charts.occupancy.rows] == OCCUPANCY



def _place(s, point: PickupPoint, cell_id: int, boxes: int = 1, status: str = "placed") -> None:
    for box in make_order(s, point, boxes=boxes).boxes:
        box.status, box.cell_id = status, cell_id


def test_occupancy_counts_placed_boxes_of_the_points_active_cells_per_size(db, manager) -> None:
    with db.write() as s:
        point, other = local_point(s), s.query(PickupPoint).filter_by(is_local=False).one()
        _place(s, point, make_cell(s, point, "CA0401", "XL", capacity=3).id)  # a plain XL cell beside the overflow
        second_overflow = make_cell(s, point, "CZ0002", "L", capacity=5)
        second_overflow.overflow = True
        _place(s, point, second_overflow.id)
        _place(s, point, make_cell(s, point, "CA0501", "P", capacity=1).id)  # one place, taken: full
        make_cell(s, point, "CA0601", "XXL", capacity=0)  # no places at all: not full, 0 %
        inactive = s.query(StorageCell).filter_by(code="CA0103").one()
        _place(s, point, inactive.id)  # a box left in a switched-off cell
        _place(s, other, s.query(StorageCell).filter_by(code="CB0101").one().id)  # another point's cell
        _place(s, point, s.query(StorageCell).filter_by(code="CA0102").one().id, status="handed_over")  # gone
    rows = charts_of(db, manager).occupancy.rows
    assert [(row.values, row.tone) for row in rows] == [
        (("S", 3, 8, 37.5), ""), (("M", 4, 4, 100.0), "warning"), (("L", 0, 2, 0.0), ""),
        (("XL", 1, 3, 33.3), ""), (("P", 1, 1, 100.0), "warning"), (("XXL", 0, 0, 0.0), ""),
        (("Переполнение", 2, 15, 13.3), "")]  # the overflow cells of every size together


def test_a_clerks_refusal_names_the_charts(db, manager) -> None:
    clerk = Actor(manager.staff_id, manager.login, manager.full_name, Role.CLERK, manager.point_id)
    with pytest.raises(AccessDenied) as refused:
        ChartsService(db).charts(clerk, PERIOD)
    assert refused.value.params["action"] == "просмотр графиков"


def test_moments_are_grouped_per_utc_hour_or_per_minute_where_the_day_starts_off_the_hour(db, manager) -> None:
    """A year of handovers stays a few thousand groups in a whole-hour zone (Moscow: its day starts at 21:00 UTC);
    a zone off by half an hour (the day from 18:30 UTC) needs the minute. The key is the group itself unless the
    series splits the groups further (the SMS outcomes)."""
    with db.read() as s:
        by_hour = _hours(s, Order.handed_over_at, FIRST_INSTANT, END)
        by_minute = _hours(s, Order.handed_over_at, utc(23, 18, 30), utc(25, 18, 30))
    assert sorted(by_hour) == [("2026-11-24 07", "2026-11-24 07", 3), ("2026-11-24 15", "2026-11-24 15", 1)]
    minutes = ("2026-11-24 07:10", 2), ("2026-11-24 07:50", 1), ("2026-11-24 15:00", 1)
    assert sorted(by_minute) == [(minute, minute, n) for minute, n in minutes]
