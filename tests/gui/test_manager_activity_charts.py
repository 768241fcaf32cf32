"""The manager's «Сотрудники» and «Графики» tabs on a hand-built point: the activity tables, the shift report in a
print preview, and each chart's series, categories and values read back from the QChart objects."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QDateTimeAxis, QLineSeries, QStackedBarSeries
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewWidget
from sqlalchemy import select

from desktop.db.models import PickupPoint, Staff
from desktop.services.manager.report import Period
from protocol.money import rub
from tests.gui.fixtures import build_shell, log_in
from tests.gui.table_fit import assert_fits_whole, counter_style
from tests.support.clock import FakeClock
from tests.support.manager_point import (
    ANNA_SHIFT,
    BORIS_SHIFT,
    PERIOD,
    build_activity_point,
    build_charts_point,
    utc,
)
from ui.pages.manager.activity_tab import ActivityTab
from ui.pages.manager.charts_tab import ChartsTab


def _open_console(qtbot, db, tab_class):  # type: ignore[no-untyped-def]
    """The shell over the built point, the manager logged in, the console on `tab_class` for PERIOD."""
    with db.read() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.is_local.is_(True))).one()
        olga = s.scalars(select(Staff).where(Staff.login == "olga")).one()
    shell = build_shell(qtbot, db, clock=FakeClock(utc(25, 12)), seeded=(point, olga, olga))
    log_in(qtbot, shell, login="olga", password="secret-1234", open_shift=False)
    page = shell.window.page_named("ManagerPage")
    shell.window.show_page(page)
    tab = page.show_tab(tab_class)
    page.picker.set_period(PERIOD)
    qtbot.waitUntil(lambda: not page.busy and bool(tab.shown_reports), timeout=5000)
    return shell, page, tab


@pytest.fixture
def activity(qtbot, db):  # type: ignore[no-untyped-def]
    built = build_activity_point(db)
    shell, page, tab = _open_console(qtbot, db, ActivityTab)
    yield built, page, tab
    shell.close()


@pytest.fixture
def charts(qtbot, db):  # type: ignore[no-untyped-def]
    build_charts_point(db)
    shell, page, tab = _open_console(qtbot, db, ChartsTab)
    yield page, tab
    shell.close()


def _cells(view) -> list[list[str]]:  # type: ignore[no-untyped-def]
    model = view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_activity_tab_lists_each_shift_and_each_clerk(activity) -> None:
    _built, page, tab = activity
    assert page.tabs.tabText(page.tabs.currentIndex()) == "Сотрудники"
    anna, boris = _cells(tab.shifts)
    assert anna[:4] == ["Анна Смирнова", "24.11.2026 09:00–18:00", "24.11.2026 09:00", "24.11.2026 18:00"]
    assert anna[4:11] == [str(n) for n in ANNA_SHIFT[:7]] and anna[11] == rub(150_000)
    assert boris[1] == "с 25.11.2026 10:00" and boris[3] == "—" and boris[4:11] == [str(n) for n in BORIS_SHIFT[:7]]
    assert [tab.shifts.isColumnHidden(c) for c in range(4)] == [False, False, True, True]  # the times apart: export
    staff = {row[0]: row[1:] for row in _cells(tab.staff)}
    assert staff["Анна Смирнова"][1] == "3"  # a placement outside her shift counts for the period
    assert [r.title for r in tab.shown_reports] == ["Работа по сменам", "Работа сотрудников за период"]


def test_the_activity_headers_keep_every_word_whole(activity) -> None:
    """«Размещено», «Неверные коды», «Отмены приёмки» are not cut: widths come from the header's longest word
    (the shared fitting of report_view), and both tables fit the console at 1366 px without scrolling sideways
    (the shift's two times share one column on screen, its cash is in its report)."""
    _built, page, tab = activity
    page.window().resize(1366, 768)
    with counter_style():
        for view in (tab.shifts, tab.staff):
            view.fit_columns()
            assert_fits_whole(view)


def test_enter_on_a_shift_shows_its_report_in_a_print_preview(qtbot, activity) -> None:
    _built, _page, tab = activity
    tab.shifts.setFocus()
    tab.shifts.setCurrentIndex(tab.shifts.model().index(0, 0))
    qtbot.keyClick(tab.shifts, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.preview is not None and tab.preview.isVisible(), timeout=5000)
    assert "Отчёт за смену: Анна Смирнова" in tab.preview.windowTitle()
    pages = tab.preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: pages.pageCount() >= 1, timeout=5000)
    tab.preview.close()


def _bars(chart) -> tuple[list[str], dict[str, list[float]]]:  # type: ignore[no-untyped-def]
    (series,) = chart.series()
    (axis,) = chart.axes(Qt.Orientation.Horizontal)
    assert isinstance(axis, QBarCategoryAxis)
    values = {bar.label(): [bar.at(i) for i in range(bar.count())] for bar in series.barSets()}
    return list(axis.categories()), values


def test_each_chart_shows_the_series_of_the_period(charts) -> None:
    page, tab = charts
    assert page.tabs.tabText(page.tabs.currentIndex()) == "Графики"
    received = tab.chart("received")
    assert received.title() == "Принято коробок по дням" and received.legend().isVisible()
    assert isinstance(received.series()[0], QBarSeries)
    assert _bars(received) == (["24.11", "25.11"], {"Принято коробок": [3.0, 2.0]})
    hours, handed = _bars(tab.chart("handovers"))
    assert hours == [f"{h:02d}" for h in range(24)]
    assert tab.chart("handovers").axes(Qt.Orientation.Horizontal)[0].labelsAngle() == 0  # 24 short labels fit
    assert {h: v for h, v in enumerate(handed["Выдано заказов"]) if v} == {10: 3.0, 18: 1.0}
    assert _bars(tab.chart("discrepancies")) == (["R-DISC", "R-CLEAN"], {"Расхождения": [25.0, 0.0]})
    sms = tab.chart("sms")
    assert isinstance(sms.series()[0], QStackedBarSeries)
    assert _bars(sms)[1] == {"Доставлено": [2.0, 1.0], "Не доставлено": [1.0, 0.0], "Неизвестно": [0.0, 2.0]}
    assert _bars(tab.chart("occupancy")) == (
        ["S", "M", "L", "Переполнение"], {"Занято": [3.0, 4.0, 0.0, 1.0], "Свободно": [5.0, 0.0, 2.0, 9.0]})
    assert len(tab.shown_reports) == 5
    assert tab.chart("received").axes(Qt.Orientation.Vertical)[0].titleText() == "Коробок"


def test_a_month_turns_day_labels_upright_and_a_year_draws_lines(qtbot, charts) -> None:
    page, tab = charts
    page.picker.set_period(Period(date(2026, 10, 27), date(2026, 11, 25)))
    qtbot.waitUntil(lambda: len(_bars(tab.chart("received"))[0]) == 30, timeout=5000)
    axis = tab.chart("received").axes(Qt.Orientation.Horizontal)[0]
    assert axis.labelsAngle() == -90
    page.picker.set_period(Period(date(2025, 11, 26), date(2026, 11, 25)))
    qtbot.waitUntil(lambda: isinstance(tab.chart("received").series()[0], QLineSeries), timeout=5000)
    line = tab.chart("received").series()[0]
    assert line.count() == 365 and line.at(364).y() == 2.0 and line.at(363).y() == 3.0
    axis = tab.chart("received").axes(Qt.Orientation.Horizontal)[0]
    assert isinstance(axis, QDateTimeAxis) and axis.tickCount() == 13 and axis.format() == "dd.MM.yy"
    assert [s.name() for s in tab.chart("sms").series()] == ["Доставлено", "Не доставлено", "Неизвестно"]


def test_sms_outcomes_keep_their_colours_in_bars_and_in_lines(qtbot, charts) -> None:
    """«Не доставлено» was drawn green: delivered is green, not delivered red, unknown grey — bars and lines."""
    page, tab = charts
    expected = {"Доставлено": "#2e7d32", "Не доставлено": "#c62828", "Неизвестно": "#9e9e9e"}
    (series,) = tab.chart("sms").series()
    assert {bar.label(): bar.color().name() for bar in series.barSets()} == expected
    page.picker.set_period(Period(date(2025, 11, 26), date(2026, 11, 25)))
    qtbot.waitUntil(lambda: isinstance(tab.chart("sms").series()[0], QLineSeries), timeout=5000)
    assert {line.name(): line.color().name() for line in tab.chart("sms").series()} == expected
