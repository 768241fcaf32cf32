"""The console's period: two dates in the point's zone plus one-key presets (today, 7 and 30 days)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.services.manager.report import Period
from ui.widgets.wrap_grid import WrapGrid


def today_at(zone: tzinfo) -> date:
    """Today's date on the point's clock."""
    return datetime.now(zone).date()


class PeriodPicker(QWidget):
    """Emits `changed(Period)` when the manager picks dates or a preset; starts on the last 7 days.

    The start is set when the period is first asked for (the page is shown), not when the window is built:
    the point's zone, and so its «today», is known only once the point is set up.
    """

    changed = Signal(object)

    def __init__(self, zone: Callable[[], tzinfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.first = self._date_edit()
        self.last = self._date_edit()
        dates, presets = QWidget(self), QWidget(self)  # two groups: side by side, or one above the other
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(self.tr("Период с")), self.first, QLabel(self.tr("по")), self.last):
            row.addWidget(widget)
        row = QHBoxLayout(presets)
        row.setContentsMargins(0, 0, 0, 0)
        for text, days in ((self.tr("Сегодня"), 1), (self.tr("7 дней"), 7), (self.tr("30 дней"), 30),
                           (self.tr("Год"), 365)):
            button = QPushButton(text, presets)
            button.clicked.connect(lambda _checked=False, d=days: self.set_last_days(d))
            row.addWidget(button)
        grid = WrapGrid(self, "periodPicker")
        grid.add(dates)
        grid.add(presets)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(grid, 1)
        self._started = False
        self.first.dateChanged.connect(self._emit)
        self.last.dateChanged.connect(self._emit)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd.MM.yyyy")
        return edit

    def period(self) -> Period:
        if not self._started:
            self._place(Period.last_days(today_at(self.zone()), 7))
        first, last = self.first.date().toPython(), self.last.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        return Period(min(first, last), max(first, last))

    def set_period(self, period: Period) -> None:
        self._place(period)
        self._emit()

    def set_last_days(self, days: int) -> None:
        self.set_period(Period.last_days(today_at(self.zone()), days))

    def _place(self, period: Period) -> None:
        """Show `period` in the two date fields without emitting."""
        self._started = True
        for edit, day in ((self.first, period.first), (self.last, period.last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _emit(self) -> None:
        self.changed.emit(self.period())
