"""What the clerk can read on a window: every visible label, button, field, tab, table cell and header."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)


def _model_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
    for column in range(columns):
        yield str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        for row in range(model.rowCount()):
            yield str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole) or "")


def _widget_texts(widget: QWidget) -> Iterator[str]:
    if isinstance(widget, (QLabel, QAbstractButton)):
        yield widget.text()
    elif isinstance(widget, QLineEdit):
        yield widget.text()
        yield widget.placeholderText()
    elif isinstance(widget, QComboBox):
        yield widget.currentText()
    elif isinstance(widget, QTabBar):
        yield from (widget.tabText(i) for i in range(widget.count()))
    elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):  # a table shows its headers
        yield from _model_texts(widget)


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every non-empty text shown under `root` (tables: every row, also in hidden tabs)."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        in_tab = isinstance(widget, QAbstractItemView) and widget.parentWidget() is not None
        if not (widget.isVisible() or (in_tab and widget.window() is root.window())):
            continue
        where = f"{type(widget).__name__}#{widget.objectName()}"
        found += [(where, text) for text in _widget_texts(widget) if text]
    return found
