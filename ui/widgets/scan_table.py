"""A scans table that stays cheap however long it gets: columns grow to fit each new row, never re-measured whole.

`table_view` sizes its columns to their contents (QHeaderView.ResizeToContents), which makes Qt re-read every
cell of every row on each change: with one row added per scan that was a quarter of the GUI thread's time at
200 rows. Here the columns are interactive: each inserted row widens a column it does not fit in (only that
row's cells are measured), a reset fits the columns to the new contents once, and the last column stretches.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from ui.models import RowsModel
from ui.widgets.common import table_view


class _GrowColumns(QObject):
    """Widens the view's columns (all but the stretched last) to fit inserted rows and the header texts."""

    def __init__(self, view: QTableView, model: RowsModel) -> None:
        super().__init__(view)
        self.view, self.model = view, model
        model.rowsInserted.connect(self._on_rows_inserted)
        model.modelReset.connect(self._on_reset)

    def fit_header(self) -> None:
        header = self.view.horizontalHeader()
        header.ensurePolished()
        for column in range(self.model.columnCount() - 1):
            self._widen(column, header.sectionSizeHint(column))

    def _on_rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        for column in range(self.model.columnCount() - 1):
            widest = max(self.view.sizeHintForIndex(self.model.index(row, column)).width()
                         for row in range(first, last + 1))
            self._widen(column, widest + (1 if self.view.showGrid() else 0))  # as sizeHintForColumn counts

    def _on_reset(self) -> None:
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount() - 1):
            header.resizeSection(column, max(header.sectionSizeHint(column), self.view.sizeHintForColumn(column)))

    def _widen(self, column: int, width: int) -> None:
        header = self.view.horizontalHeader()
        if width > header.sectionSize(column):
            header.resizeSection(column, width)


def scan_table_view(model: RowsModel, parent: QWidget | None = None) -> QTableView:
    """`table_view` for a list that gets a row per scan (RowsModel.prepend): no whole-table re-measure per row."""
    view = table_view(model, parent)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    grow = _GrowColumns(view, model)
    grow.fit_header()
    return view
