"""A manager report on screen: a sortable table over `Report` rows, values formatted as the clerk reads them.

The model keeps the raw values (sorting by a count or a sum sorts numbers, not text); DisplayRole formats them:
money with rub(), moments in the point's time zone, durations as «2 ч 05 мин», percents with one decimal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.point_time import point_time
from desktop.services.manager.report import ColumnKind, Report, Row
from desktop.translatable import translate
from protocol.money import rub
from ui.models import TONES

Index = QModelIndex | QPersistentModelIndex
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
    if kind is ColumnKind.DAY and isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if kind is ColumnKind.DURATION and isinstance(value, timedelta):
        return duration_text(value)
    if kind is ColumnKind.PERCENT:
        return f"{float(value):.1f} %"
    return str(value)


def sort_key(value: Any) -> Any:
    """What a column sorts by: numbers and moments as themselves, none first."""
    if value is None:
        return ""
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
        if role == Qt.ItemDataRole.DisplayRole:
            return display(kind, value, self.zone())
        if role == SORT_ROLE:
            return sort_key(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and kind not in (ColumnKind.TEXT, ColumnKind.MOMENT):
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
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.activated.connect(self._on_activated)

    def show_report(self, report: Report) -> None:
        self.source.set_report(report)
        self.resizeColumnsToContents()  # Interactive mode: measured once per load, not on every repaint

    def row_at(self, proxy_row: int) -> Row:
        return self.source.row(self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row())

    def _on_activated(self, index: QModelIndex) -> None:
        key = self.row_at(index.row()).key
        if key:
            self.opened.emit(key)
