"""A document on screen: Qt's own `QPrintPreviewWidget` with zoom, page navigation, «Печать…» and «Сохранить PDF…».

The one preview of the app (discrepancy act, return act, handover receipt, shift report): it needs no printer —
the preview paints into the widget; «Печать…» offers the system print dialog (which can print to a PDF file when
no printer is installed). `show_document` opens it without blocking, so a page keeps working behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QToolBar, QVBoxLayout, QWidget

from desktop.documents.model import Document
from ui.hardware.documents import a4_layout, print_document, render_pdf

ZOOM_STEP = 1.25


def preview_printer(printer_name: str = "") -> QPrinter:
    """The printer the preview lays pages out for: the configured one when it is installed, else an A4 PDF."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name and printer_name in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(printer_name)
        return printer
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # no printer: the pages are still A4 pages
    printer.setPageLayout(a4_layout())
    return printer


class DocumentPreview(QDialog):
    """The document's pages; PgUp/PgDn turn them, Ctrl+= / Ctrl+- zoom, Ctrl+P prints, Esc closes."""

    def __init__(self, document: Document, printer_name: str = "", parent: QWidget | None = None,
                 note: str = "") -> None:
        super().__init__(parent)
        self.document = document
        self.setObjectName("DocumentPreview")
        self.setWindowTitle(self.tr("Предпросмотр: {0}").format(document.title))
        self.printer = preview_printer(printer_name)
        self.preview = QPrintPreviewWidget(self.printer, self)
        self.preview.paintRequested.connect(lambda target: print_document(document, target))
        self.preview.previewChanged.connect(self._show_page_number)
        self.page_label = QLabel("", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self._toolbar())
        self.note = QLabel(note, self)  # one line on why it is on screen (no printer), so the page's banner stays
        self.note.setObjectName("previewNote")
        self.note.setStyleSheet("color: #8a5300; font-weight: bold;")
        self.note.setVisible(bool(note))
        layout.addWidget(self.note)
        layout.addWidget(self.preview, 1)
        self.resize(900, 700)  # fits a 1366×768 screen
        self.preview.updatePreview()  # lay the pages out now: the page count is known before it is shown
        self.preview.fitToWidth()

    def _toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        self._add(bar, "‹", self.tr("Предыдущая страница"), QKeySequence.StandardKey.MoveToPreviousPage,
                  self.previous_page)
        bar.addWidget(self.page_label)
        self._add(bar, "›", self.tr("Следующая страница"), QKeySequence.StandardKey.MoveToNextPage, self.next_page)
        bar.addSeparator()
        self._add(bar, "−", self.tr("Уменьшить"), QKeySequence.StandardKey.ZoomOut,
                  lambda: self.preview.zoomOut(ZOOM_STEP))
        self._add(bar, "+", self.tr("Увеличить"), QKeySequence.StandardKey.ZoomIn,
                  lambda: self.preview.zoomIn(ZOOM_STEP))
        self._add(bar, self.tr("По ширине"), "", QKeySequence("Ctrl+0"), self.preview.fitToWidth)
        self._add(bar, self.tr("Страница целиком"), "", QKeySequence("Ctrl+9"), self.preview.fitInView)
        bar.addSeparator()
        self._add(bar, self.tr("Печать…"), "", QKeySequence.StandardKey.Print, self.print_dialog)
        self._add(bar, self.tr("Сохранить PDF…"), "", QKeySequence.StandardKey.Save, self.save_pdf)
        return bar

    def _add(self, bar: QToolBar, text: str, tip: str, keys: QKeySequence | QKeySequence.StandardKey,
             slot: Callable[[], object]) -> QAction:
        """A toolbar button with its shortcut named in the tooltip."""
        action = bar.addAction(text)
        key = QKeySequence(keys)
        action.setShortcut(key)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{tip or text} ({key.toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def page_count(self) -> int:
        return self.preview.pageCount()

    def current_page(self) -> int:
        return self.preview.currentPage()

    def next_page(self) -> None:
        self.preview.setCurrentPage(min(self.page_count(), self.current_page() + 1))
        self._show_page_number()

    def previous_page(self) -> None:
        self.preview.setCurrentPage(max(1, self.current_page() - 1))
        self._show_page_number()

    def _show_page_number(self) -> None:
        self.page_label.setText(self.tr("Страница {0} из {1}").format(self.current_page(), self.page_count()))

    def print_dialog(self) -> None:
        """The system print dialog (a PDF file when no printer is installed), then the document on its choice."""
        dialog = QPrintDialog(self.printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_document(self.document, self.printer)

    def save_pdf(self, path: str | None = None) -> Path | None:
        """Write the document as an A4 PDF where the manager chooses (or to `path`)."""
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(self, self.tr("Сохранить PDF"), f"{self.document.title}.pdf",
                                                        "PDF (*.pdf)")
        return render_pdf(self.document, path) if path else None


def show_document(document: Document, printer_name: str = "", parent: QWidget | None = None,
                  note: str = "") -> DocumentPreview:
    """Open the preview without blocking (it deletes itself when closed); returns it."""
    dialog = DocumentPreview(document, printer_name, parent, note)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def close_previews() -> int:
    """Close every document on screen (at log-out: a receipt or an act is not left over the login screen)."""
    open_ones = [w for w in QApplication.topLevelWidgets() if isinstance(w, DocumentPreview) and w.isVisible()]
    for preview in open_ones:
        preview.close()
    return len(open_ones)
