"""A row of equal widgets that wraps into more rows when the window is too narrow (F-key bar, counter tiles).

Every widget keeps the width its text needs (never «F12 Прерв…»): on a small logical screen (1366×768 at
150 % is 910 logical pixels wide) the row takes two rows instead of squeezing the texts.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget


class WrapGrid(QWidget):
    """A grid of widgets in their order, with as many equal columns as the widest one allows."""

    def __init__(self, parent: QWidget | None = None, name: str = "wrapGrid") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)  # never widens the window
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        self._items: list[QWidget] = []
        self._columns = 0

    def add(self, widget: QWidget) -> None:
        widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._items.append(widget)
        self._arrange(self._columns_for(self.width()) if self.isVisible() else len(self._items))

    def widest(self) -> int:
        """The width the widest widget needs (a button: its text with the style's padding and border)."""
        return max((b.sizeHint().width() for b in self._items), default=0)

    def _columns_for(self, width: int) -> int:
        widest, spacing = self.widest(), self._grid.horizontalSpacing()
        fits = (width + spacing) // (widest + spacing) if widest else len(self._items)
        columns = max(1, min(len(self._items), fits))
        rows = -(-len(self._items) // columns)
        return -(-len(self._items) // rows)  # the same rows, balanced: 7 buttons in two rows are 4 + 3

    def _arrange(self, columns: int) -> None:
        if columns == self._columns and all(self._grid.indexOf(b) >= 0 for b in self._items):
            return
        for widget in self._items:
            self._grid.removeWidget(widget)
        for column in range(max(columns, self._columns)):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, widget in enumerate(self._items):
            self._grid.addWidget(widget, index // columns, index % columns)
        self._columns = columns
        rows = -(-len(self._items) // columns)
        row_height = max((b.sizeHint().height() for b in self._items), default=0)
        self.setFixedHeight(rows * row_height + (rows - 1) * self._grid.verticalSpacing())  # the page makes room

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible():  # a hidden page (not laid out yet) keeps one row: it must not make the window taller
            self._arrange(self._columns_for(event.size().width()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._arrange(self._columns_for(self.width()))

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._arrange(len(self._items))

    def minimumSizeHint(self) -> QSize:
        return QSize(min(super().minimumSizeHint().width(), self.widest()), self.height())
