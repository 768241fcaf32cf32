"""Every printed document on screen: the print preview opens with its pages when no printer is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog

from desktop.documents import builders, samples
from desktop.documents.jobs import PrintJournal
from desktop.documents.model import Document, DocumentKind
from ui.feedback import FeedbackBanner, SoundPlayer
from ui.hardware.documents import text_document
from ui.hardware.preview import DocumentPreview
from ui.hardware.printing import Printing
from ui.hardware.reprint_dialog import ReprintDialog
from ui.hardware.wiring import CounterDocuments

DOCUMENTS = {
    DocumentKind.DISCREPANCY_ACT: lambda: builders.discrepancy_act(samples.discrepancy()),
    DocumentKind.RETURN_ACT: lambda: builders.return_act(samples.return_act()),
    DocumentKind.HANDOVER_RECEIPT: lambda: builders.handover_receipt(samples.receipt()),
    DocumentKind.SHIFT_REPORT: lambda: builders.shift_report(samples.shift()),
}


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout


@pytest.fixture
def no_printer(qapp, tmp_path):
    """The counter's documents where the configured printers do not exist and none is installed."""
    printing = Printing(PrintJournal(tmp_path / "printed"), {"document": "HP LaserJet", "receipt": "Rongta 80"},
                        printer_info=lambda name: None, printer_names=lambda: [])
    documents = CounterDocuments(printing, FeedbackBanner(SoundPlayer(muted=True)))
    yield documents
    if documents.preview is not None:
        documents.preview.close()


@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_without_a_printer_each_document_opens_on_screen_with_its_pages(qtbot, no_printer, kind):
    document: Document = DOCUMENTS[kind]()
    banner = no_printer.feedback.title
    assert no_printer.print(document) is None
    preview = no_printer.preview
    assert isinstance(preview, DocumentPreview) and preview.isVisible() and preview.document is document
    assert preview.page_count() > 0 and preview.current_page() == 1
    assert "на экране" in preview.note.text() and no_printer.feedback.title == banner  # the page's banner stays
    assert no_printer.printing.journal.failed()[0].document.key == document.key  # still there to print later


def test_the_preview_turns_pages_and_saves_the_same_document_as_pdf(qtbot, no_printer, tmp_path):
    lines = "".join(f"<p>Строка {i}</p>" for i in range(200))
    long = Document(DocumentKind.SHIFT_REPORT, "long", "Длинный отчёт", f"<html><body>{lines}</body></html>")
    preview = no_printer.show(long)
    assert preview.page_count() >= 3
    preview.next_page()
    preview.next_page()
    assert preview.current_page() == 3 and preview.page_label.text() == f"Страница 3 из {preview.page_count()}"
    preview.previous_page()
    assert preview.current_page() == 2
    act = no_printer.show(DOCUMENTS[DocumentKind.DISCREPANCY_ACT]())
    text = _pdf_text(act.save_pdf(str(tmp_path / "act.pdf")))
    assert "Акт расхождений" in text and "SH-2026-1124-01" in text


def test_print_from_the_preview_goes_through_the_system_dialog(qtbot, no_printer, tmp_path, monkeypatch):
    target = tmp_path / "printed.pdf"

    def chosen(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFileName(str(target))  # «Печать в файл (PDF)» of the system dialog
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", chosen)
    preview = no_printer.show(DOCUMENTS[DocumentKind.RETURN_ACT]())
    preview.print_dialog()
    assert "Акт возврата" in _pdf_text(target)


def test_the_act_in_the_preview_says_what_its_summary_counts(qtbot, no_printer):
    summary = samples.discrepancy()
    preview = no_printer.show(builders.discrepancy_act(summary))
    text = text_document(preview.document).toPlainText()
    expected = (f"Ожидалось\n{summary.expected}\nПринято\n{summary.received}\n"
                f"Недостача\n{len(summary.missing)}\n")
    assert expected in text


def test_reprint_dialog_shows_a_remembered_document_on_screen(qtbot, no_printer):
    document = DOCUMENTS[DocumentKind.HANDOVER_RECEIPT]()
    no_printer.offer(document)
    shown: list[tuple[object, Document]] = []
    dialog = ReprintDialog(no_printer.printing.journal, lambda kind, key: None, None,
                           lambda parent, doc: shown.append((parent, doc)))
    qtbot.addWidget(dialog)
    assert dialog.show_button.isEnabled()
    dialog.show_button.click()
    assert [(parent, doc.key) for parent, doc in shown] == [(dialog, document.key)]  # over the modal dialog


def test_the_hardware_menus_reprint_dialog_opens_the_preview_over_itself(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMainWindow

    from ui.hardware.actions import HardwareActions

    window = QMainWindow()
    qtbot.addWidget(window)
    actions = HardwareActions(window, lambda code: None, tmp_path, {"document": f"pdf:{tmp_path / 'doc.pdf'}"})
    actions.printing.print_document(DOCUMENTS[DocumentKind.SHIFT_REPORT]())
    opened: list[DocumentPreview] = []

    def exec_(dialog: ReprintDialog) -> int:
        dialog.show_button.click()
        opened.extend(dialog.findChildren(DocumentPreview))
        return 0

    monkeypatch.setattr(ReprintDialog, "exec", exec_)
    actions.open_reprint()
    assert len(opened) == 1 and opened[0].page_count() > 0
    assert opened[0].document.kind is DocumentKind.SHIFT_REPORT
