"""Small widgets shared by pages: a counter tile, a read-only table view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.models import RowsModel


class CounterTile(QFrame):
    """A large number with a caption ("Принято 12")."""

    def __init__(self, caption: str, tone: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterTile")
        self.setProperty("tone", tone)
        self.value = QLabel("—", self)
        self.value.setObjectName("counterValue")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(caption, self)
        self.caption.setObjectName("counterCaption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, value: int | str | None) -> None:
        self.value.setText("—" if value is None else str(value))

    def text(self) -> str:
        return self.value.text()


def table_view(model: RowsModel, parent: QWidget | None = None) -> QTableView:
    """A read-only, row-selecting table that never takes the focus from the scanner flow."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    header.setMinimumSectionSize(40)
    view.setAlternatingRowColors(False)
    return view


def table_tab(tabs: QTabWidget, headers: list[str], title: str) -> RowsModel:
    """A new tab holding a read-only table; returns the table's model."""
    model = RowsModel(headers, tabs)
    tabs.addTab(table_view(model, tabs), title)
    return model
