"""Each document renders to an A4 PDF whose text (pdftotext) says what the document must say."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from desktop.documents import samples
from desktop.documents.builders import discrepancy_act, handover_receipt, printer_test_page, return_act, shift_report
from desktop.documents.model import DocumentKind

pytestmark = pytest.mark.gui


def _pdf_text(path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True)
    return " ".join(out.stdout.split())


def _render(qapp, document, tmp_path) -> str:
    from ui.hardware.documents import render_pdf

    path = render_pdf(document, tmp_path / f"{document.kind}.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    return _pdf_text(path)


def test_discrepancy_act(qapp, tmp_path):
    doc = discrepancy_act(samples.discrepancy())
    assert doc.kind is DocumentKind.DISCREPANCY_ACT and doc.key == "rs-7f3a"
    text = _render(qapp, doc, tmp_path)
    for needle in (
        "Акт расхождений по приёмке SH-2026-1124-01",
        "Пункт выдачи 0042",
        "24.11.2026 09:02, Иванова Анна",  # Moscow time
        "Недостача — 2 коробки по накладной, которые не поступили",
        "B004250000001203 500000012 3 из 3",
        "Излишки",
        "B001150000003301",
        "мятый угол, скотч вскрыт",
        "Принял:",
    ):
        assert needle in text, needle


def test_handover_receipt(qapp, tmp_path):
    doc = handover_receipt(samples.receipt())
    text = _render(qapp, doc, tmp_path)
    for needle in (
        "Квитанция о выдаче заказа 500000012",
        "выдан частично",
        "Смирнов Алексей, +7 9** ***-**-17",
        "Смартфон Galaxy A55 8/256 ГБ (с/н",
        "R58W12345",
        "Отказ клиента",
        "не подошёл цвет",
        "Оплачено при получении 35 980,00 ₽ наличными",
        "Сдача 20,00 ₽",
        "Начислено баллов 35980",
        "Выдал Иванова Анна",
    ):
        assert needle in text.replace("\u202f", " "), needle


def test_return_act(qapp, tmp_path):
    text = _render(qapp, return_act(samples.return_act()), tmp_path)
    for needle in (
        "Акт возврата от 24.11.2026",
        "истёк срок хранения",
        "заказ отменён",
        "1 из 2 — не все!",
        "Отправлены не все коробки заказов: 500000044",
        "Принял (перевозчик)",
    ):
        assert needle in text, needle


def test_shift_report(qapp, tmp_path):
    text = _render(qapp, shift_report(samples.shift()), tmp_path).replace("\u202f", " ")
    for needle in (
        "Отчёт за смену: Иванова Анна",
        "Выдано заказов 21",
        "Принято наличными 45 123,00 ₽",
        "Всего денег 163 823,00 ₽",
        "24.11.2026 09:02 — 24.11.2026 18:05",
    ):
        assert needle in text, needle


def test_printer_test_page(qapp, tmp_path):
    text = _render(qapp, printer_test_page("Офисный HP", "24.11.2026 18:05"), tmp_path)
    assert "Пробная страница" in text and "Офисный HP" in text and "французских булок" in text


def test_a_long_act_runs_over_several_pages(qapp, tmp_path):
    from dataclasses import replace

    from desktop.services.receiving import MissingBox

    data = replace(
        samples.discrepancy(),
        missing=tuple(MissingBox(f"B0042500000{i:03d}01", f"500000{i:03d}", "1 из 1") for i in range(120)),
    )
    doc = discrepancy_act(data)
    from ui.hardware.documents import render_pdf

    path = render_pdf(doc, tmp_path / "long.pdf")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 3
    assert "B004250000011901" in _pdf_text(path)


def test_the_intake_acts_barcode_stands_on_a_line_of_its_own(qapp):
    """The claim's barcode is a block of its own under the point's address (it was drawn inside the address's
    wrapped last line, over the text)."""
    from datetime import UTC, date, datetime

    from PySide6.QtGui import QTextDocument, QTextImageFormat

    from desktop.documents.claims import IntakeActData, intake_act
    from desktop.documents.model import PointInfo

    point = PointInfo("0042", "Пункт выдачи «Тверская» №0042", "Москва, ул. Тверская, д. 12, стр. 1")
    data = IntakeActData(
        claim="W0042123456", point=point, order="500000003", customer_name="Иванов Иван",
        masked_phone="+7 ••• ••• 45 67", product="Смартфон", sku="SKU3", serial="SN-1", cover="in_warranty",
        last_day=date(2027, 1, 5), checklist=("box",), condition="", fault="Не заряжается", photos=0,
        staff_name="Смирнова Анна", accepted_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC), label="SLW0042123456")
    doc = QTextDocument()
    doc.setHtml(intake_act(data).html)
    image_blocks = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().isImageFormat():
                image_blocks.append(block.text())
                assert QTextImageFormat(it.fragment().charFormat()).name().startswith("data:image/png")
            it += 1
        block = block.next()
    assert len(image_blocks) == 2  # the point's copy and the customer's
    assert all(text == "\ufffc" for text in image_blocks), image_blocks  # nothing but the image on its line
