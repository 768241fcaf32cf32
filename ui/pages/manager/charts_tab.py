"""«Графики»: Qt's own charts (QtCharts) of the period from the local cache — works offline.

The worker fetches the five series as reports (`ChartsService.charts`); the charts are built from those rows on
the GUI thread, so what the chart shows is exactly what the console exports. Days are the point's days. A period
of up to a month is drawn as bars with a label per day (turned upright when they would not fit side by side);
longer periods as lines over a date axis with about a dozen ticks, so labels never overlap at 1366×768.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QTabWidget

from desktop.services.base import Actor
from desktop.services.manager.charts import ChartReports
from desktop.services.manager.report import Period, Report
from ui.pages.manager.tab import ManagerTab

MAX_BAR_DAYS = 31  # beyond this a day series is drawn as lines over a date axis
LABEL_ROOM = 120  # characters (label + gap) a chart's width holds side by side; more: labels turned upright
MAX_SHIPMENTS = 40  # the discrepancy chart shows the latest ones; the table has them all
Series = Sequence[tuple[str, Sequence[float]]]  # (legend name, one value per category)


def nice_axis(top: float, title: str, whole: bool = True) -> QValueAxis:
    """A value axis from 0 with round steps (1, 2, 5 × 10ⁿ; whole numbers for counts)."""
    raw = max(top, 1.0) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(step, 1.0) if whole else step
    axis = QValueAxis()
    axis.setRange(0, step * max(math.ceil(max(top, 1.0) / step), 1))
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setLabelFormat("%d" if whole else "%.1f")
    axis.setTitleText(title)
    return axis


def _new_chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setVisible(True)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def bar_chart(title: str, categories: Sequence[str], sets: Series, axes: tuple[str, str], stacked: bool = False,
              whole: bool = True) -> QChart:
    """Bars per category (stacked: one bar of parts); `axes` are the x and y titles."""
    chart = _new_chart(title)
    series = QStackedBarSeries() if stacked else QBarSeries()
    for name, values in sets:
        bar = QBarSet(name)
        bar.append([float(v) for v in values])
        series.append(bar)
    chart.addSeries(series)
    x_axis = QBarCategoryAxis()
    x_axis.append(list(categories))
    x_axis.setTitleText(axes[0])
    if len(categories) * (max(map(len, categories), default=0) + 2) > LABEL_ROOM:
        x_axis.setLabelsAngle(-90)
    columns = list(zip(*(values for _name, values in sets), strict=True)) or [(0.0,)]
    top = max(sum(c) if stacked else max(c) for c in columns)
    y_axis = nice_axis(float(top), axes[1], whole)
    for axis, side in ((x_axis, Qt.AlignmentFlag.AlignBottom), (y_axis, Qt.AlignmentFlag.AlignLeft)):
        chart.addAxis(axis, side)
        series.attachAxis(axis)
    return chart


def _moment(day: date) -> float:
    return float(QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0)).toMSecsSinceEpoch())


def day_lines(title: str, days: Sequence[date], sets: Series, axes: tuple[str, str]) -> QChart:
    """Lines over a date axis: a long period's day series with about a dozen readable date labels."""
    chart = _new_chart(title)
    x_axis = QDateTimeAxis()
    x_axis.setFormat("dd.MM" if days[0].year == days[-1].year else "dd.MM.yy")
    x_axis.setTickCount(min(13, len(days)))
    x_axis.setTitleText(axes[0])
    x_axis.setRange(QDateTime.fromMSecsSinceEpoch(int(_moment(days[0]))),
                    QDateTime.fromMSecsSinceEpoch(int(_moment(days[-1]))))
    top = max((max(values, default=0) for _name, values in sets), default=0)
    y_axis = nice_axis(float(top), axes[1])
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    for name, values in sets:
        line = QLineSeries()
        line.setName(name)
        for day, value in zip(days, values, strict=True):
            line.append(_moment(day), float(value))
        chart.addSeries(line)
        line.attachAxis(x_axis)
        line.attachAxis(y_axis)
    return chart


def day_chart(report: Report, axes: tuple[str, str], stacked: bool = False) -> QChart:
    """A per-day report (first column the day, then one series per column): bars up to a month, else lines."""
    days = [row.values[0] for row in report.rows]
    sets = [(column.header, [row.values[i] for row in report.rows])
            for i, column in enumerate(report.columns) if i > 0]
    if len(days) > MAX_BAR_DAYS:
        return day_lines(report.title, days, sets, axes)
    return bar_chart(report.title, [d.strftime("%d.%m") for d in days], sets, axes, stacked)


# The SMS outcomes' fixed colours, in the report's column order: delivered, not delivered, unknown.
SMS_COLOURS = ("#2e7d32", "#c62828", "#9e9e9e")


def paint_series(chart: QChart, colours: Sequence[str]) -> QChart:
    """Give the chart's series (bar sets or lines, in order) fixed colours: an outcome keeps its colour."""
    parts: list[Any] = []
    for series in chart.series():
        parts += series.barSets() if isinstance(series, QAbstractBarSeries) else [series]
    for part, colour in zip(parts, colours, strict=False):
        part.setColor(QColor(colour))
    return chart


def unique(names: Sequence[str]) -> list[str]:
    """Category names made unique (a shipment received in two sessions): «R1», «R1 (2)»."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


class ChartsTab(ManagerTab):
    """Five charts on tabs of their own, each full size; the period picker drives them all."""

    title = QT_TRANSLATE_NOOP("ManagerTabs", "Графики")
    NAMES = ("received", "handovers", "discrepancies", "sms", "occupancy")

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        super().__init__(page)
        self.charts = QTabWidget(self)
        self.charts.setDocumentMode(True)
        self.views: dict[str, QChartView] = {}
        self.loads = 0  # loads asked for; only the newest one's answer is shown
        texts = (self.tr("Приёмка по дням"), self.tr("Выдачи по часам"), self.tr("Расхождения"),
                 self.tr("SMS"), self.tr("Ячейки"))
        for name, text in zip(self.NAMES, texts, strict=True):
            view = QChartView(self.charts)
            view.setObjectName(f"chart_{name}")
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.views[name] = view
            self.charts.addTab(view, text)
        self._layout.addWidget(self.charts, 1)

    def chart(self, name: str) -> QChart:
        """The chart shown under `name` (NAMES)."""
        return self.views[name].chart()

    def load(self, actor: Actor, period: Period) -> None:
        service = self.page.ctx.services.charts
        self.loads += 1
        self.run(lambda: service.charts(actor, period), partial(self._show, n=self.loads))

    def _show(self, data: ChartReports, n: int) -> None:
        """Build the charts from the fetched rows (GUI thread) and put them on screen (the newest load only)."""
        if n != self.loads:
            return
        days = self.tr("День")
        self._set("received", day_chart(data.received, (days, self.tr("Коробок"))))
        self._set("handovers", self._handovers(data.handovers))
        self._set("discrepancies", self._discrepancies(data.discrepancies))
        self._set("sms", paint_series(day_chart(data.sms, (days, self.tr("Сообщений")), stacked=True), SMS_COLOURS))
        self._set("occupancy", self._occupancy(data.occupancy))
        self.show_reports(data.all())

    def _set(self, name: str, chart: QChart) -> None:
        view = self.views[name]
        old = view.chart()
        view.setChart(chart)
        if old is not None:
            old.deleteLater()

    def _handovers(self, report: Report) -> QChart:
        hours = [str(row.values[0])[:2] for row in report.rows]
        sets = [(report.columns[1].header, [row.values[1] for row in report.rows])]
        return bar_chart(report.title, hours, sets, (self.tr("Час дня"), self.tr("Заказов")))

    def _discrepancies(self, report: Report) -> QChart:
        rows = report.rows[-MAX_SHIPMENTS:]
        title = report.title
        if len(report.rows) > MAX_SHIPMENTS:
            title += " " + self.tr("(последние %n поставок)", "", len(rows))
        sets = [(report.columns[-1].header, [row.values[-1] for row in rows])]
        names = unique([str(row.values[0]) for row in rows])
        return bar_chart(title, names, sets, (self.tr("Поставка"), self.tr("% от ожидаемого")), whole=False)

    def _occupancy(self, report: Report) -> QChart:
        sizes = [str(row.values[0]) for row in report.rows]
        used = [row.values[1] for row in report.rows]
        free = [max(row.values[2] - row.values[1], 0) for row in report.rows]
        sets = [(report.columns[1].header, used), (self.tr("Свободно"), free)]
        return bar_chart(report.title, sizes, sets, (self.tr("Размер ячеек"), self.tr("Мест")), stacked=True)
