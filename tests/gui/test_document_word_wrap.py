"""Printed documents wrap table cells only between words: «Ожидало|сь», «Недостач|а», «Отменённы|е» were broken
mid-word on the A4 discrepancy act; every document the app prints is checked laid out on A4."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPageLayout, QTextDocument

from desktop.documents import samples
from desktop.documents.builders import discrepancy_act, handover_receipt, return_act, shift_report
from desktop.documents.model import Document
from ui.hardware.documents import LAYOUT_DPI, a4_layout, text_document


def _laid_out_on_a4(document: Document) -> QTextDocument:
    text = text_document(document)
    area = a4_layout().paintRect(QPageLayout.Unit.Inch)
    text.setPageSize(QSizeF(area.width() * LAYOUT_DPI, area.height() * LAYOUT_DPI))
    text.documentLayout().documentSize()  # lays the whole document out
    return text


def _broken_words(text: QTextDocument) -> list[str]:
    """The lines that end inside a word (the next line goes on with letters of the same word)."""
    broken = []
    block = text.begin()
    while block.isValid():
        layout, content = block.layout(), block.text()
        for i in range(layout.lineCount() - 1):
            line = layout.lineAt(i)
            end = line.textStart() + line.textLength()
            if 0 < end < len(content) and content[end - 1].isalnum() and content[end].isalnum():
                broken.append(f"{content[line.textStart():end]}|{content[end:]}")
        block = block.next()
    return broken


@pytest.mark.parametrize("build", [lambda: discrepancy_act(samples.discrepancy()),
                                   lambda: handover_receipt(samples.receipt()),
                                   lambda: return_act(samples.return_act()),
                                   lambda: shift_report(samples.shift())],
                         ids=["discrepancy_act", "handover_receipt", "return_act", "shift_report"])
def test_no_document_breaks_a_word_across_lines_or_overflows_the_page(qapp, build) -> None:
    text = _laid_out_on_a4(build())
    assert _broken_words(text) == []
    assert text.documentLayout().documentSize().width() <= text.pageSize().width() + 0.5  # nothing cut at the edge
