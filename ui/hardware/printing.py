"""Printing that never fails silently: printer choice per document kind, checks, clear errors, re-print.

Every print goes through `Printing.print_document` / `print_labels`: the printer is looked up and
checked first (none installed, the configured one gone, offline or in error, wrong paper), the job
is recorded in the `PrintJournal` with its outcome, and a failure raises a DomainError whose Russian
text says what to do. The last rendering of each order's / session's document stays in the journal,
so "Печатать ещё раз" works after a paper jam without going back to the workflow.
Qt Print Support is imported at the first print or printer list, not when the shell builds its menu (~1 MiB less
at the login screen).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter

from desktop import messages
from desktop.documents.jobs import PrintJournal, PrintRecord, PrintStatus
from desktop.documents.model import Document, DocumentKind
from desktop.labels.templates import LabelTemplate, SheetTemplate
from desktop.platform_help import Steps
from desktop.point_time import point_time, zone_named
from protocol.errors import DomainError
from ui.hardware.documents import a4_layout, paint

if TYPE_CHECKING:  # the label images come from the label code (Pillow is not imported at start)
    from PIL import Image
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo  # imported at the first print or printer list

messages.register(
    {
        "print.no_printer": "В системе не установлен ни один принтер. Подключите принтер и установите его. "
        "{steps} Затем повторите печать.",
        "print.not_found": "Принтер «{printer}» для документа «{kind}» не найден — возможно, его отключили или "
        "переименовали. Выберите другой принтер в настройках печати и повторите печать.",
        "print.offline": "Принтер «{printer}» не готов (отключён, нет бумаги, открыта крышка или остановлена "
        "очередь печати). Проверьте принтер и очередь. {steps} Затем нажмите «Печатать ещё раз».",
        "print.paper_mismatch": "В принтере «{printer}» не настроен размер бумаги {paper}. Выберите этот размер "
        "в свойствах принтера (или другой шаблон этикетки) и повторите печать.",
        "print.failed": "Документ «{title}» не напечатан: принтер «{printer}» отказал. Проверьте принтер "
        "и нажмите «Печатать ещё раз» — документ сохранён.",
        "print.nothing_to_reprint": "Для «{key}» нет сохранённых документов для повторной печати.",
    }
)

PRINTER_KIND = {  # DocumentKind → the [printers] setting that picks its printer
    DocumentKind.DISCREPANCY_ACT: "document",
    DocumentKind.RETURN_ACT: "document",
    DocumentKind.SHIFT_REPORT: "document",
    DocumentKind.TEST_PAGE: "document",
    DocumentKind.HANDOVER_RECEIPT: "receipt",
    DocumentKind.LABELS: "label",
    DocumentKind.CLAIM_INTAKE_ACT: "document",
    DocumentKind.SERVICE_DISPATCH_ACT: "document",
    DocumentKind.FISCAL_RECEIPT: "receipt",
}
KIND_NAMES: dict[str, str] = {  # translated where shown: QCoreApplication.translate("Printing", name)
    "document": str(QT_TRANSLATE_NOOP("Printing", "документы A4")),
    "receipt": str(QT_TRANSLATE_NOOP("Printing", "квитанции о выдаче")),
    "label": str(QT_TRANSLATE_NOOP("Printing", "этикетки")),
}
PAPER_TOLERANCE_MM = 1.5
# A printer name starting with "pdf:" prints to that PDF file (tests, counters without a printer).


@dataclass(frozen=True)
class PrinterEntry:
    """A printer as the settings list shows it."""

    name: str
    description: str
    ready: bool


def available_printers() -> list[PrinterEntry]:
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    return [
        PrinterEntry(
            info.printerName(),
            info.description() or info.printerName(),
            info.state() not in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted),
        )
        for info in QPrinterInfo.availablePrinters()
    ]


class Printing:
    """Prints documents and labels for the UI; configured printers come from the [printers] settings."""

    def __init__(
        self,
        journal: PrintJournal,
        printers: Mapping[str, str] | None = None,
        printer_info: Callable[[str], QPrinterInfo | None] | None = None,
        printer_names: Callable[[], list[str]] | None = None,
    ) -> None:
        self.journal = journal
        self.printers = dict(printers or {})
        self._info = printer_info or _system_printer
        self._names = printer_names or _printer_names
        self.zone: Callable[[], tzinfo] = lambda: zone_named(None)  # the point's zone (set by the shell)

    def printer_name_for(self, kind: DocumentKind) -> str:
        """The configured printer for the kind, else the system default ('' when there is none)."""
        return self.printers.get(PRINTER_KIND[kind]) or _default_printer_name()

    def printer_name_for_kind(self, printer_kind: str) -> str:
        """Same for a settings kind (label | document | receipt)."""
        return self.printers.get(printer_kind) or _default_printer_name()

    def print_document(self, document: Document, printer_name: str | None = None) -> PrintRecord:
        from PySide6.QtPrintSupport import QPrinter

        name = printer_name if printer_name is not None else self.printer_name_for(document.kind)
        self.journal.remember(document, "rendered", name)
        try:
            printer = self._printer(name, document.kind, _paper_for(document.kind))
            if not printer.pageLayout().isValid() or printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
                printer.setPageLayout(a4_layout())
            paint(document, printer)
            _check_done(printer, name, document.title)
        except DomainError as error:
            self.journal.remember(document, PrintStatus.FAILED, name, str(error))
            raise
        return self.journal.remember(document, PrintStatus.PRINTED, name)

    def reprint(self, kind: DocumentKind, key: str, printer_name: str | None = None) -> PrintRecord:
        """Print the remembered document of an order / session again (after a failure or on request)."""
        record = self.journal.last(kind, key)
        if record is None:
            raise DomainError("print.nothing_to_reprint", key=key)
        return self.print_document(record.document, printer_name)

    def test_page(self, printer_name: str) -> PrintRecord:
        from desktop.documents.builders import printer_test_page  # the builders import every service: not at start

        stamp = point_time(datetime.now(UTC), self.zone())
        return self.print_document(printer_test_page(printer_name or _default_printer(), stamp), printer_name)

    def print_labels(
        self, pages: Sequence[Image.Image], stock: LabelTemplate | SheetTemplate, printer_name: str | None = None
    ) -> int:
        """Print label images (one per page: a thermal label or an A4 sheet); returns the page count."""
        name = printer_name if printer_name is not None else self.printer_name_for(DocumentKind.LABELS)
        page_size, dpi = _page_of(stock)
        printer = self._printer(name, DocumentKind.LABELS, page_size)
        printer.setResolution(dpi)
        printer.setFullPage(True)
        # QPageSize keeps the given width × height; "portrait" means exactly that size, no swap
        printer.setPageLayout(QPageLayout(page_size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        _paint_images(printer, pages, name)
        _check_done(printer, name, QCoreApplication.translate("Printing", "Этикетки"))
        return len(pages)

    def _printer(self, name: str, kind: DocumentKind, paper: QPageSize | None) -> QPrinter:
        """A checked printer; ``paper`` None keeps the printer's own paper (receipt rolls)."""
        from PySide6.QtPrintSupport import QPrinter

        if name.startswith("pdf:"):
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(name[4:])
            printer.setPageSize(paper or QPageSize(QPageSize.PageSizeId.A4))
            return printer
        info = self._checked_info(name, kind)
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        if paper is not None:
            _check_paper(info, paper)
            printer.setPageSize(paper)
        return printer

    def _checked_info(self, name: str, kind: DocumentKind) -> QPrinterInfo:
        from PySide6.QtPrintSupport import QPrinter

        if not name:
            raise DomainError("print.no_printer", steps=Steps("printer_install"))
        info = self._info(name)
        if info is None or info.isNull():
            if not self._names():
                raise DomainError("print.no_printer", steps=Steps("printer_install"))
            kind_name = QCoreApplication.translate("Printing", KIND_NAMES[PRINTER_KIND[kind]])
            raise DomainError("print.not_found", printer=name, kind=kind_name)
        if info.state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
            raise DomainError("print.offline", printer=name, steps=Steps("printer_queue"))
        return info


def _paper_for(kind: DocumentKind) -> QPageSize | None:
    """Receipts print on whatever the receipt printer holds (an 80 mm roll or A4); the rest on A4."""
    rolls = (DocumentKind.HANDOVER_RECEIPT, DocumentKind.FISCAL_RECEIPT)
    return None if kind in rolls else QPageSize(QPageSize.PageSizeId.A4)


def _system_printer(name: str) -> QPrinterInfo | None:
    from PySide6.QtPrintSupport import QPrinterInfo

    info = QPrinterInfo.printerInfo(name)
    return None if info.isNull() else info


def _printer_names() -> list[str]:
    from PySide6.QtPrintSupport import QPrinterInfo

    return QPrinterInfo.availablePrinterNames()


def _default_printer_name() -> str:
    """The system's default printer ('' when there is none)."""
    from PySide6.QtPrintSupport import QPrinterInfo

    return QPrinterInfo.defaultPrinterName()


def _check_paper(info: QPrinterInfo, paper: QPageSize) -> None:
    supported = info.supportedPageSizes()
    if not supported or info.supportsCustomPageSizes():
        return
    wanted = paper.size(QPageSize.Unit.Millimeter)
    for size in supported:
        have = size.size(QPageSize.Unit.Millimeter)
        for w, h in ((have.width(), have.height()), (have.height(), have.width())):
            if abs(w - wanted.width()) <= PAPER_TOLERANCE_MM and abs(h - wanted.height()) <= PAPER_TOLERANCE_MM:
                return
    raise DomainError("print.paper_mismatch", printer=info.printerName(), paper=_paper_text(wanted))


def _paper_text(size: QSizeF) -> str:
    return QCoreApplication.translate("Printing", "{0}×{1} мм").format(f"{size.width():g}", f"{size.height():g}")


def _default_printer() -> str:
    """How an unnamed (system default) printer is called in messages."""
    return QCoreApplication.translate("Printing", "по умолчанию")


def _page_of(stock: LabelTemplate | SheetTemplate) -> tuple[QPageSize, int]:
    if isinstance(stock, SheetTemplate):
        return QPageSize(QSizeF(*stock.page_mm), QPageSize.Unit.Millimeter, stock.title), stock.label.dpi
    return QPageSize(QSizeF(stock.width_mm, stock.height_mm), QPageSize.Unit.Millimeter, stock.title), stock.dpi


def _paint_images(printer: QPrinter, pages: Sequence[Image.Image], name: str) -> None:
    painter = QPainter()
    if not painter.begin(printer):
        raise DomainError("print.offline", printer=name or _default_printer(), steps=Steps("printer_queue"))
    try:
        for index, page in enumerate(pages):
            if index:
                printer.newPage()
            target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
            painter.drawImage(target, pil_to_qimage(page))
    finally:
        painter.end()


def _check_done(printer: QPrinter, name: str, title: str) -> None:
    from PySide6.QtPrintSupport import QPrinter

    if printer.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise DomainError("print.failed", title=title, printer=name or _default_printer())


def pil_to_qimage(image: Image.Image) -> QImage:
    """A Pillow image as a QImage (greyscale stays 8-bit; the copy owns its pixels)."""
    grey = image.convert("L")
    return QImage(grey.tobytes(), grey.width, grey.height, grey.width, QImage.Format.Format_Grayscale8).copy()
