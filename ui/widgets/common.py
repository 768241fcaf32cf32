"""Small widgets shared by pages: a counter tile, a read-only table view, a scroll area for a page."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStyle,
    QStyleOptionFrame,
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


def scroll_area(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """A frameless area that scrolls `content` when the window is smaller than it, and never takes the focus."""
    area = QScrollArea(parent)
    area.setObjectName("pageScroll")
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area


FOCUS_BORDER_GROWTH = 2  # the style sheet's focused border is 1 px wider each side (QLineEdit:focus)


def fit_placeholders(root: QWidget) -> None:
    """Every line edit under `root` is at least as wide as its placeholder (never «тел.: 4 циф…»).

    Measured with the edit's own (style-sheet) font and the style's frame and padding, after polishing.
    """
    for edit in root.findChildren(QLineEdit):
        text = edit.placeholderText()
        if not text:
            continue
        edit.ensurePolished()
        option = QStyleOptionFrame()
        edit.initStyleOption(option)
        frame = edit.width() - edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit).width()
        margins = edit.textMargins()
        text_width = math.ceil(QFontMetricsF(edit.font()).horizontalAdvance(text))  # fractional: elided at +0.3
        need = text_width + frame + margins.left() + margins.right() + 2 * 2 + FOCUS_BORDER_GROWTH
        edit.setMaximumWidth(max(edit.maximumWidth(), need))
        edit.setMinimumWidth(max(edit.minimumWidth(), need))


def table_view(model: RowsModel, parent: QWidget | None = None) -> QTableView:
    """A read-only, row-selecting table that never takes the focus from the scanner flow."""
    view = QTableView(parent)
    # The stretched last column never shrinks below its first size: Qt's default 100 px overflowed a narrow table
    # by a few pixels (a horizontal scrollbar though every column fits). Set before the model makes the sections.
    view.horizontalHeader().setDefaultSectionSize(40)
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
