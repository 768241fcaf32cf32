"""Label dialog: a cell range becomes pages on the chosen stock; printing errors offer a retry."""

from __future__ import annotations

import pytest

from desktop.documents.jobs import PrintJournal

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, tmp_path):
    from ui.hardware.label_dialog import LabelDialog
    from ui.hardware.printing import Printing

    asked = []
    printing = Printing(PrintJournal(tmp_path / "jobs"), {}, lambda name: None, list)

    def ask(parent, text):
        asked.append(text)
        printing.printers["label"] = f"pdf:{tmp_path / 'labels.pdf'}"
        return True

    widget = LabelDialog(printing, ask=ask)
    widget.asked = asked
    qtbot.addWidget(widget)
    return widget


def test_a_cell_range_on_an_a4_sheet_prints_after_a_retry(dialog, qtbot, tmp_path):
    dialog.stock.setCurrentIndex(dialog.stock.findData("a4_3x8"))
    assert len(dialog.pages) == 2 and "Этикеток: 40, листов A4: 2" in dialog.summary.text()
    with qtbot.waitSignal(dialog.labels_printed) as printed:
        dialog.print_button.click()
    assert printed.args == [2] and "не установлен" in dialog.asked[0]
    assert (tmp_path / "labels.pdf").read_bytes().startswith(b"%PDF")


def test_bad_input_explains_and_disables_printing(dialog):
    dialog.last_cell.setText("CA01")
    assert not dialog.print_button.isEnabled() and "CA0101" in dialog.preview.text()
    dialog.kind.setCurrentIndex(1)
    dialog.box_code.setText("B004250000001202")
    dialog.box_count.setValue(3)
    assert dialog.print_button.isEnabled() and len(dialog.pages) == 1
    dialog.kind.setCurrentIndex(2)
    dialog.card_number.setText("2000000000016")
    assert not dialog.print_button.isEnabled() and "контрольной" in dialog.preview.text()
