"""Printing widgets: printer settings per document kind with a test page, error box with re-print, preview."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import platform_help
from desktop.documents.jobs import PrintRecord
from desktop.documents.model import Document
from protocol.errors import DomainError
from ui.hardware.preview import DocumentPreview, show_document
from ui.hardware.printing import KIND_NAMES, Printing, available_printers

DEFAULT_CHOICE = ""


class PrinterSettingsDialog(QDialog):
    """Pick a printer for labels, A4 documents and receipts; print a test page on each."""

    settings_saved = Signal(dict)

    def __init__(self, printing: Printing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Настройки печати"))
        self.printing = printing
        self._combos: dict[str, QComboBox] = {}
        self._results: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        printers = available_printers()
        if not printers:
            warning = QLabel(self.tr("В системе нет ни одного принтера. Установите принтер и откройте это окно "
                                     "снова. {0}").format(platform_help.steps("printer_install")))
            warning.setWordWrap(True)
            warning.setStyleSheet("color: #a00000; font-weight: bold;")
            layout.addWidget(warning)
        grid = QGridLayout()
        for row, (kind, title) in enumerate(KIND_NAMES.items()):
            self._add_row(grid, row, kind, title, [p.name for p in printers])
        layout.addLayout(grid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _add_row(self, grid: QGridLayout, row: int, kind: str, title: str, names: list[str]) -> None:
        combo = QComboBox()
        combo.addItem(self.tr("Принтер по умолчанию"), DEFAULT_CHOICE)
        for name in names:
            combo.addItem(name, name)
        current = self.printing.printers.get(kind, DEFAULT_CHOICE)
        if current and combo.findData(current) < 0:
            combo.addItem(self.tr("{0} (не найден)").format(current), current)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        test = QPushButton(self.tr("Пробная страница"))
        test.clicked.connect(lambda: self._on_test(kind))
        result = QLabel("")
        result.setWordWrap(True)
        grid.addWidget(QLabel(QCoreApplication.translate("Printing", title).capitalize()), row * 2, 0)
        grid.addWidget(combo, row * 2, 1)
        grid.addWidget(test, row * 2, 2)
        grid.addWidget(result, row * 2 + 1, 1, 1, 2)
        self._combos[kind], self._results[kind] = combo, result

    def chosen(self) -> dict[str, str]:
        return {kind: str(combo.currentData() or "") for kind, combo in self._combos.items()}

    def _on_test(self, kind: str) -> None:
        name = self.chosen()[kind] or self.printing.printer_name_for_kind(kind)
        label = self._results[kind]
        try:
            self.printing.test_page(name)
        except DomainError as error:
            label.setStyleSheet("color: #a00000;")
            label.setText(str(error))
            return
        label.setStyleSheet("color: #006400;")
        label.setText(self.tr("Пробная страница отправлена на «{0}». Проверьте, что она напечаталась.").format(name))

    def _on_save(self) -> None:
        chosen = self.chosen()
        self.printing.printers.update({k: v for k, v in chosen.items() if v})
        for kind in [k for k, v in chosen.items() if not v]:
            self.printing.printers.pop(kind, None)
        self.settings_saved.emit(chosen)
        self.accept()


def print_or_explain(
    parent: QWidget | None,
    printing: Printing,
    document: Document,
    ask: Callable[[QWidget | None, str], bool] | None = None,
) -> PrintRecord | None:
    """Print; on failure show the reason and offer "Печатать ещё раз" until it prints or the clerk stops."""
    ask = ask or ask_retry
    while True:
        try:
            return printing.print_document(document)
        except DomainError as error:
            if not ask(parent, str(error)):
                return None


def ask_retry(parent: QWidget | None, text: str) -> bool:
    title = QCoreApplication.translate("PrintUi", "Документ не напечатан")
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    again_text = QCoreApplication.translate("PrintUi", "Печатать ещё раз")
    again = box.addButton(again_text, QMessageBox.ButtonRole.AcceptRole)
    close_text = QCoreApplication.translate("PrintUi", "Закрыть (документ сохранён)")
    box.addButton(close_text, QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is again


def show_preview(parent: QWidget | None, printing: Printing, document: Document) -> DocumentPreview:
    """The document on screen (zoom, pages, «Печать…»), laid out for the printer configured for its kind."""
    return show_document(document, printing.printer_name_for(document.kind), parent)
