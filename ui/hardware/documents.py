"""Render document HTML with QTextDocument: to an A4 PDF (QPdfWriter) or a printer (the preview: `preview`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument, QTextOption

from desktop.documents.model import Document

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

MARGINS_MM = QMarginsF(15, 12, 15, 12)
PDF_DPI = 300
LAYOUT_DPI = 96  # QTextDocument's layout unit for paginated printing
FONT_FAMILY = "DejaVu Sans"


def text_document(document: Document) -> QTextDocument:
    """The document laid out by Qt (DejaVu Sans 10 pt, Cyrillic everywhere)."""
    text = QTextDocument()
    text.setDefaultFont(QFont(FONT_FAMILY, 10))
    text.setDocumentMargin(0)
    option = text.defaultTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)  # a narrow table column widens to its longest word
    text.setDefaultTextOption(option)
    text.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, document.title)
    text.setHtml(document.html)
    return text


def a4_layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, MARGINS_MM, QPageLayout.Unit.Millimeter
    )


def paint(document: Document, device: QPagedPaintDevice) -> None:
    """Lay the document out for the device's printable area and print every page.

    A QTextDocument with a page size counts as paginated: QTextDocument.print_ then uses the device's
    own page margins instead of adding its default 2 cm, and scales from 96 dpi layout units.
    """
    text = text_document(document)
    area = device.pageLayout().paintRect(QPageLayout.Unit.Inch)
    text.setPageSize(QSizeF(area.width() * LAYOUT_DPI, area.height() * LAYOUT_DPI))
    text.print_(device)


def render_pdf(document: Document, path: str | Path) -> Path:
    """Write the document as an A4 PDF; returns the path."""
    target = Path(path)
    writer = QPdfWriter(str(target))
    writer.setResolution(PDF_DPI)
    writer.setTitle(document.title)
    writer.setCreator("Pickup Desk")
    writer.setPageLayout(a4_layout())
    paint(document, writer)
    del writer  # the file is complete once the writer is gone
    return target


def print_document(document: Document, printer: QPrinter) -> None:
    """Send the document to a configured QPrinter (A4 layout unless the printer says otherwise)."""
    if not printer.pageLayout().isValid():
        printer.setPageLayout(a4_layout())
    paint(document, printer)
