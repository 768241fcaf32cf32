"""The handover page's display: customer, steps, attempts, cell in big type, amount due, boxes and lines."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.models import RowsModel
from ui.pages.base import Page
from ui.pages.handover_view import HandoverView
from ui.widgets.common import table_view


def _label(object_name: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


class HandoverPanel(QWidget):
    """Widgets that show a HandoverView; `show_view` copies it in, nothing is decided here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = _label("pageHeadline")
        self.customer = _label()
        self.claim = _label("claimNote")  # a warranty return order: its claim, the outcome, the service's words
        self.claim.setVisible(False)
        self.steps = _label("stepLabel")
        self.attempts = _label()
        self.cell = Page.big_label("—")
        self.due = Page.big_label("", "bigHint")
        self.boxes = RowsModel(
            [
                QCoreApplication.translate("HandoverPage", "Коробка"),
                QCoreApplication.translate("HandoverPage", "Место"),
                QCoreApplication.translate("HandoverPage", "Ячейка"),
                "✔",
            ],
            self,
        )
        self.lines = RowsModel(
            [
                QCoreApplication.translate("HandoverPage", "Товар"),
                QCoreApplication.translate("HandoverPage", "Кол-во"),
                QCoreApplication.translate("HandoverPage", "Цена"),
                QCoreApplication.translate("HandoverPage", "Отказ"),
            ],
            self,
        )
        self.lines_view = table_view(self.lines, self)
        self._lay_out()

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        for widget in (self.headline, self.customer, self.claim, self.steps, self.attempts):
            left.addWidget(widget)
        left.addStretch(1)
        right = QVBoxLayout()
        caption = _label("stepLabel")
        caption.setText(QCoreApplication.translate("HandoverPage", "Ячейка:"))
        for widget in (caption, self.cell, self.due):
            right.addWidget(widget)
        grid = QGridLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        tables = QHBoxLayout()
        tables.addWidget(table_view(self.boxes, self), 2)
        tables.addWidget(self.lines_view, 3)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(grid)
        column.addLayout(tables, 1)

    def show_view(self, view: HandoverView) -> None:
        self.headline.setText(view.headline)
        self.customer.setText(view.customer)
        self.steps.setText(view.steps)
        self.attempts.setText(view.attempts)
        self.attempts.setStyleSheet(view.attempts_style)
        self.cell.setText(view.cell)
        self.due.setText(view.due)
        self.boxes.set_rows(view.boxes, view.box_styles)
        self.lines.set_rows(view.lines, view.line_styles)

    def show_claim(self, text: str) -> None:
        """What the clerk tells the customer of a warranty return order (empty: not one, the line is hidden)."""
        self.claim.setText(text)
        self.claim.setVisible(bool(text))
