"""A manager report on screen: a sortable table over `Report` rows, values formatted as the clerk reads them.

The model keeps the raw values (sorting by a count or a sum sorts numbers, not text); DisplayRole formats them:
money with rub(), moments in the point's time zone, durations as «2 ч 05 мин», percents with one decimal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.point_time import point_time
from desktop.services.manager.report import ColumnKind, Report, Row
from desktop.translatable import translate
from protocol.money import rub
from ui.models import TONES

Index = QModelIndex | QPersistentModelIndex
HEADER_PAD = 22  # px: a header section's margins and its sort arrow
TEXT_MAX = 180  # px: a text column (names, subjects) wider than this is elided; its cell's tooltip holds it all
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Zone = Callable[[], tzinfo]  # asked on every use: the point's zone is known only once the point is set up


def duration_text(value: timedelta) -> str:
    """«3 д 4 ч», «2 ч 05 мин», «7 мин»: how long something took or waits."""
    minutes = int(value.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return translate("ManagerReports", "{0} д {1} ч").format(days, hours)
    if hours:
        return translate("ManagerReports", "{0} ч {1:02d} мин").format(hours, mins)
    return translate("ManagerReports", "{0} мин").format(mins)


def display(kind: ColumnKind, value: Any, zone: tzinfo) -> str:
    """One raw report value as the screen shows it ("—" for none)."""
    if value is None:
        return "—"
    if kind is ColumnKind.MONEY:
        return rub(int(value))
    if kind is ColumnKind.MOMENT and isinstance(value, datetime):
        return point_time(value, zone)
    if kind is ColumnKind.SPAN and isinstance(value, tuple):
        return span_text(value[0], value[1], zone)
    if kind is ColumnKind.DAY and isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if kind is ColumnKind.DURATION and isinstance(value, timedelta):
        return duration_text(value)
    if kind is ColumnKind.PERCENT:
        return f"{float(value):.1f} %"
    return str(value)


LEFT_ALIGNED = (ColumnKind.TEXT, ColumnKind.MOMENT, ColumnKind.SPAN)  # numbers and money align right


def span_text(start: datetime, end: datetime | None, zone: tzinfo) -> str:
    """«01.12.2026 09:00–18:05»; the end's date only when it is another day; «с 01.12.2026 09:00» while it goes on."""
    if end is None:
        return translate("ManagerReports", "с {0}").format(point_time(start, zone))
    same_day = point_time(start, zone, "%d.%m.%Y") == point_time(end, zone, "%d.%m.%Y")
    return f"{point_time(start, zone)}–{point_time(end, zone, '%H:%M' if same_day else '%d.%m.%Y %H:%M')}"


def header_lines(metrics: QFontMetrics, text: str, width: int) -> int:
    """How many lines `text` wraps to between its words inside `width` px (a word never breaks)."""
    lines, used = 1, 0
    space = metrics.horizontalAdvance(" ")
    for word in text.split():
        advance = metrics.horizontalAdvance(word)
        if used and used + space + advance > width:
            lines, used = lines + 1, advance
        else:
            used += (space if used else 0) + advance
    return lines


def column_width(metrics: QFontMetrics, header: str, content: int, kind: ColumnKind, cap: bool = False) -> int:
    """A column's width: its content, but never narrower than the header's longest word (the header wraps between
    words); with `cap` (the table is wider than the view) a text column at most TEXT_MAX (elided beyond it)."""
    words = max((metrics.horizontalAdvance(word) for word in header.split()), default=0) + HEADER_PAD
    if cap and kind is ColumnKind.TEXT:
        return max(words, min(content, TEXT_MAX))
    return max(words, content)


def sort_key(value: Any) -> Any:
    """What a column sorts by: numbers and moments as themselves, none first."""
    if value is None:
        return ""
    if isinstance(value, tuple):  # a span sorts by its start
        return sort_key(value[0])
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


class ReportModel(QAbstractTableModel):
    """A `Report` as a Qt table model; `row_key(i)` names what row i is about."""

    def __init__(self, zone: Zone, parent: Any = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.report: Report | None = None
        self._rows: tuple[Row, ...] = ()

    def set_report(self, report: Report) -> None:
        self.beginResetModel()
        self.report = report
        self._rows = report.rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.report is None else len(self.report.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.report is None:
            return None
        row = self._rows[index.row()]
        kind = self.report.columns[index.column()].kind
        value = row.values[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return display(kind, value, self.zone())
        if role == SORT_ROLE:
            return sort_key(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and kind not in LEFT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and TONES.get(row.tone):
            return QBrush(QColor(TONES[row.tone]))
        if role == Qt.ItemDataRole.ForegroundRole and row.tone:
            return QBrush(QColor("#111111"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and self.report:
            return self.report.columns[section].header
        return None

    def row(self, i: int) -> Row:
        return self._rows[i]


class ReportView(QTableView):
    """A sortable read-only table of a report; `opened(key)` on Enter or double-click of a row with a key."""

    opened = Signal(str)

    def __init__(self, zone: Zone, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = ReportModel(zone, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.setProperty("report", True)  # the style sheet's compact table font: a console table is wide
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.activated.connect(self._on_activated)

    def show_report(self, report: Report) -> None:
        self.source.set_report(report)
        self.fit_columns()  # Interactive mode: measured once per load, not on every repaint

    def fit_columns(self) -> None:
        """Every console table's one fitting: each column as wide as its content but no narrower than its header's
        longest word, headers wrapped between words onto as many lines as the widest needs, text columns capped."""
        report = self.source.report
        if report is None:
            return
        header = self.horizontalHeader()
        header.ensurePolished()
        font = QFont(header.font())
        font.setBold(True)  # the style sheet draws header sections in bold
        metrics = QFontMetrics(font)
        last = max((i for i, spec in enumerate(report.columns) if spec.screen), default=-1)
        shown = {i: spec for i, spec in enumerate(report.columns) if spec.screen}
        # the last column stretches over the room left: only its header counts
        contents = {i: self.sizeHintForColumn(i) + 2 if report.rows and i != last else 0 for i in shown}
        natural = sum(column_width(metrics, spec.header, contents[i], spec.kind) for i, spec in shown.items())
        cap = natural > self.viewport().width()  # text columns give way (elided) only when the table is too wide
        lines = 1
        for column, spec in enumerate(report.columns):
            self.setColumnHidden(column, column not in shown)
            if column not in shown:
                continue
            width = column_width(metrics, spec.header, contents[column], spec.kind, cap)
            self.setColumnWidth(column, width)
            lines = max(lines, header_lines(metrics, spec.header, width - HEADER_PAD))
        header.setMinimumHeight(lines * metrics.lineSpacing() + 12)
        header.setMaximumHeight(lines * metrics.lineSpacing() + 12)

    def row_at(self, proxy_row: int) -> Row:
        return self.source.row(self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row())

    def _on_activated(self, index: QModelIndex) -> None:
        key = self.row_at(index.row()).key
        if key:
            self.opened.emit(key)
