"""Printing: every failure is a clear Russian error, recorded, and the document can be printed again."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PIL import Image
from pyzbar import pyzbar

from desktop.documents import samples
from desktop.documents.builders import shift_report
from desktop.documents.jobs import PrintJournal
from desktop.documents.model import DocumentKind
from desktop.labels.content import cell_label, cell_range
from desktop.labels.render import render_roll, render_sheet
from desktop.labels.templates import A4_SHEET_3x8, THERMAL_58x40
from protocol.errors import DomainError

pytestmark = pytest.mark.gui


@pytest.fixture
def printing(qapp, tmp_path):
    from ui.hardware.printing import Printing

    def make(printers=None, info=None, names=()):
        return Printing(
            PrintJournal(tmp_path / "jobs"), printers or {}, info or (lambda name: None), lambda: list(names)
        )

    return make


def _fake_info(state=None, sizes=None, custom=False):
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    class FakeInfo(QPrinterInfo):
        def isNull(self):
            return False

        def printerName(self):
            return "Zebra ZD421"

        def state(self):
            return state or QPrinter.PrinterState.Idle

        def supportedPageSizes(self):
            return [QPageSize(s) for s in (sizes or [QPageSize.PageSizeId.A4])]

        def supportsCustomPageSizes(self):
            return custom

    return FakeInfo()


def test_no_printer_at_all_is_explained_and_the_document_is_kept(printing):
    p = printing()
    doc = shift_report(samples.shift())
    with pytest.raises(DomainError) as error:
        p.print_document(doc, "")
    assert error.value.code == "print.no_printer" and "Подключите принтер" in str(error.value)
    record = p.journal.last(DocumentKind.SHIFT_REPORT, doc.key)
    assert record.status == "failed" and record.document == doc and "не установлен" in record.error
    assert [r.document.key for r in p.journal.failed()] == [doc.key]


def test_configured_printer_gone_offline_and_wrong_paper(printing):
    from PySide6.QtPrintSupport import QPrinter

    doc = shift_report(samples.shift())
    gone = printing({"document": "HP Офис"}, names=["Другой"])
    with pytest.raises(DomainError) as error:
        gone.print_document(doc)
    assert error.value.code == "print.not_found" and "«HP Офис»" in str(error.value)

    offline = printing({"document": "Zebra"}, info=lambda n: _fake_info(QPrinter.PrinterState.Error), names=["Zebra"])
    with pytest.raises(DomainError) as error:
        offline.print_document(doc)
    assert error.value.code == "print.offline" and "Печатать ещё раз" in str(error.value)

    a4_only = printing({"label": "Zebra"}, info=lambda n: _fake_info(), names=["Zebra"])
    with pytest.raises(DomainError) as error:
        a4_only.print_labels(render_roll([cell_label("CA0101")], THERMAL_58x40), THERMAL_58x40)
    assert error.value.code == "print.paper_mismatch" and "58×40 мм" in str(error.value)


def test_a_failed_job_is_printed_again_from_the_journal(printing, tmp_path):
    p = printing()
    doc = shift_report(samples.shift())
    with pytest.raises(DomainError):
        p.print_document(doc, "")
    target = tmp_path / "again.pdf"
    record = p.reprint(DocumentKind.SHIFT_REPORT, doc.key, f"pdf:{target}")
    assert record.status == "printed" and target.read_bytes().startswith(b"%PDF")
    assert p.journal.failed() == [] and p.journal.last(DocumentKind.SHIFT_REPORT, doc.key).status == "printed"
    with pytest.raises(DomainError) as error:
        p.reprint(DocumentKind.RETURN_ACT, "nothing")
    assert error.value.code == "print.nothing_to_reprint"


def test_test_page_to_pdf(printing, tmp_path):
    target = tmp_path / "test.pdf"
    printing().test_page(f"pdf:{target}")
    assert target.stat().st_size > 1000


@pytest.mark.parametrize("stock", ["thermal", "sheet"])
def test_printed_labels_decode_from_the_pdf(printing, tmp_path, stock):
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils not installed")
    codes = cell_range("CA0101", "CA0103")
    labels = [cell_label(c) for c in codes]
    template = THERMAL_58x40 if stock == "thermal" else A4_SHEET_3x8
    pages = render_roll(labels, THERMAL_58x40) if stock == "thermal" else render_sheet(labels, A4_SHEET_3x8)
    target = tmp_path / "labels.pdf"
    assert printing().print_labels(pages, template, f"pdf:{target}") == len(pages)
    subprocess.run(["pdftoppm", "-r", "203", "-gray", "-png", str(target), str(tmp_path / "page")], check=True)
    found = []
    for png in sorted(tmp_path.glob("page*.png")):
        with Image.open(png) as image:
            if stock == "thermal":
                assert abs(image.width - THERMAL_58x40.size_px[0]) <= 2
            found += [d.data.decode() for d in pyzbar.decode(image, symbols=[pyzbar.ZBarSymbol.CODE128])]
    assert sorted(found) == codes


def test_print_or_explain_offers_a_reprint_until_it_works(printing, tmp_path):
    from ui.hardware.print_ui import print_or_explain

    p = printing()
    doc = shift_report(samples.shift())
    asked = []

    def ask(parent, text):
        asked.append(text)
        p.printers["document"] = f"pdf:{tmp_path / 'fixed.pdf'}"  # the clerk picks a working printer
        return True

    record = print_or_explain(None, p, doc, ask)
    assert record.status == "printed" and len(asked) == 1 and "не установлен" in asked[0]
    assert print_or_explain(None, printing(), doc, lambda parent, text: False) is None


def test_settings_dialog_test_page_reports_the_error_inline(printing, qtbot):
    from ui.hardware.print_ui import PrinterSettingsDialog

    p = printing({"label": "Zebra старая"})
    dialog = PrinterSettingsDialog(p)
    qtbot.addWidget(dialog)
    assert dialog.chosen()["label"] == "Zebra старая"
    dialog._on_test("document")
    assert "не установлен" in dialog._results["document"].text()
    with qtbot.waitSignal(dialog.settings_saved) as saved:
        dialog._on_save()
    assert saved.args[0] == {"label": "Zebra старая", "document": "", "receipt": ""}


def test_a_receipt_is_not_refused_by_a_roll_printer_without_a4(printing, monkeypatch):
    from desktop.documents.builders import handover_receipt
    from ui.hardware import printing as module

    painted = []
    monkeypatch.setattr(module, "paint", lambda document, printer: painted.append(document.kind))
    monkeypatch.setattr(module, "_check_done", lambda *args: None)
    p = printing({"receipt": "Rongta 80"}, info=lambda n: _fake_info(sizes=[]), names=["Rongta 80"])
    p._info = lambda name: _fake_info()  # A4 only in its list, but a receipt keeps the printer's paper
    assert p.print_document(handover_receipt(samples.receipt())).status == "printed"
    assert painted == [DocumentKind.HANDOVER_RECEIPT]


def test_preview_dialog_paints_the_document(qapp, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from ui.hardware.preview import DocumentPreview

    dialog = DocumentPreview(shift_report(samples.shift()))
    assert "Отчёт за смену" in dialog.windowTitle() and dialog.page_count() == 1
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    dialog.preview.paintRequested.emit(printer)
    assert (tmp_path / "preview.pdf").stat().st_size > 1000
    dialog.deleteLater()
