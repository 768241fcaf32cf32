"""Label printing dialog: cell labels for a whole range, a box re-label, club card barcodes; preview and print."""

from __future__ import annotations

from collections.abc import Callable

from PIL import Image
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.labels.content import LabelContent, box_relabel, cell_label, cell_range, club_card_label
from desktop.labels.render import render_roll, render_sheet
from desktop.labels.templates import STOCKS, LabelTemplate, SheetTemplate
from protocol.errors import DomainError
from ui.hardware.frames import pil_to_qimage
from ui.hardware.print_ui import ask_retry
from ui.hardware.printing import Printing

MAX_LABELS = 2000
PREVIEW_WIDTH = 420
PREVIEW_HEIGHT = 440


class LabelDialog(QDialog):
    """Choose what to print and on which stock; the preview shows the first page exactly as printed."""

    labels_printed = Signal(int)

    def __init__(
        self, printing: Printing, parent: QWidget | None = None, ask: Callable[[QWidget | None, str], bool] = ask_retry
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Печать этикеток"))
        self.printing = printing
        self._ask = ask
        self.pages: list[Image.Image] = []
        self._build()
        self.refresh()

    def _build(self) -> None:
        self._build_fields()
        self.preview = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_WIDTH + 24, PREVIEW_HEIGHT + 24)
        self.preview.setStyleSheet("background: #d0d0d0; padding: 8px;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.print_button = QPushButton(self.tr("Печать"))
        self.print_button.clicked.connect(self._on_print)
        close = QPushButton(self.tr("Закрыть"))
        close.clicked.connect(self.reject)
        top = QFormLayout()
        top.addRow(self.tr("Что печатать"), self.kind)
        top.addRow(self.tr("Этикетки"), self.stock)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.forms)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        for widget in (self.first_cell, self.last_cell, self.box_code, self.card_number):
            widget.textChanged.connect(self.refresh)
        self.box_count.valueChanged.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.stock.currentIndexChanged.connect(self.refresh)

    def _build_fields(self) -> None:
        """The choices (what, on which stock) and one form per kind of label."""
        self.kind = QComboBox()
        for key, title in (
            ("cells", self.tr("Этикетки ячеек")),
            ("box", self.tr("Повторная этикетка коробки")),
            ("card", self.tr("Клубная карта")),
        ):
            self.kind.addItem(title, key)
        self.stock = QComboBox()
        for key, stock in STOCKS.items():
            self.stock.addItem(QCoreApplication.translate("LabelStocks", stock.title), key)
        self.first_cell, self.last_cell = QLineEdit("CA0101"), QLineEdit("CA0410")
        self.box_code, self.box_count = QLineEdit(), QSpinBox(minimum=1, maximum=99)
        self.card_number = QLineEdit()
        self.forms = QStackedWidget()
        first, last = (self.tr("Первая ячейка"), self.first_cell), (self.tr("Последняя ячейка"), self.last_cell)
        self.forms.addWidget(_form(first, last))
        box, count = (self.tr("Штрихкод коробки"), self.box_code), (self.tr("Всего мест в заказе"), self.box_count)
        self.forms.addWidget(_form(box, count))
        self.forms.addWidget(_form((self.tr("Номер карты (13 цифр)"), self.card_number)))

    def _on_kind(self, index: int) -> None:
        self.forms.setCurrentIndex(index)
        self.refresh()

    def contents(self) -> list[LabelContent]:
        """The labels the form describes; ValueError with a Russian text when it describes none."""
        kind = self.kind.currentData()
        if kind == "cells":
            try:
                codes = cell_range(self.first_cell.text().strip().upper(), self.last_cell.text().strip().upper())
            except ValueError:
                raise ValueError(
                    self.tr("Укажите ячейки как на этикетке: CA0101 … CA0410 (первая не больше последней).")
                ) from None
            if len(codes) > MAX_LABELS:
                too_many = self.tr("Слишком много этикеток ({0}): не больше {1} за раз.")
                raise ValueError(too_many.format(len(codes), MAX_LABELS))
            return [cell_label(code) for code in codes]
        if kind == "box":
            try:
                return [box_relabel(self.box_code.text().strip().upper(), self.box_count.value())]
            except ValueError:
                raise ValueError(
                    self.tr("Отсканируйте штрихкод коробки (B + 15 цифр) и укажите, сколько мест в заказе.")
                ) from None
        try:
            return [club_card_label(self.card_number.text().strip())]
        except ValueError:
            raise ValueError(
                self.tr("Номер клубной карты — 13 цифр, начинается с 2, с верной контрольной цифрой.")
            ) from None

    def stock_template(self) -> LabelTemplate | SheetTemplate:
        return STOCKS[str(self.stock.currentData())]

    def refresh(self) -> None:
        try:
            contents = self.contents()
        except ValueError as error:
            self.pages = []
            self.preview.setText(str(error))
            self.summary.setText("")
            self.print_button.setEnabled(False)
            return
        stock = self.stock_template()
        self.pages = (
            render_sheet(contents, stock, outline=False)
            if isinstance(stock, SheetTemplate)
            else render_roll(contents, stock)
        )
        shown = (
            render_sheet(contents[: stock.per_page], stock, outline=True)[0]
            if isinstance(stock, SheetTemplate)
            else self.pages[0]
        )
        pixmap = QPixmap.fromImage(pil_to_qimage(shown))
        self.preview.setPixmap(
            pixmap.scaled(
                PREVIEW_WIDTH,
                PREVIEW_HEIGHT,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        sheets = self.tr(", листов A4: {0}").format(len(self.pages)) if isinstance(stock, SheetTemplate) else ""
        self.summary.setText(self.tr("Этикеток: {0}").format(len(contents)) + sheets)
        self.print_button.setEnabled(True)

    def _on_print(self) -> None:
        while True:
            try:
                count = self.printing.print_labels(self.pages, self.stock_template())
            except DomainError as error:
                if self._ask(self, str(error)):
                    continue
                return
            self.labels_printed.emit(count)
            self.summary.setText(self.tr("Отправлено на печать: {0} стр.").format(count))
            return


def _form(*rows: tuple[str, QWidget]) -> QWidget:
    widget = QWidget()
    form = QFormLayout(widget)
    for label, field in rows:
        form.addRow(label, field)
    return widget
