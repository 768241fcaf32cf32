"""Printed documents follow the UI language: under the built English catalogue no fixed text stays Russian."""

from __future__ import annotations

import dataclasses
import re

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from desktop import translatable
from desktop.documents import samples
from desktop.documents.builders import (
    CYRILLIC_PANGRAM,
    discrepancy_act,
    handover_receipt,
    printer_test_page,
    return_act,
    shift_report,
)
from desktop.errors import AccessDenied
from desktop.services.base import Actor, Role, require_role
from desktop.services.receiving.service import RECEIVING
from ui import translations_build

CYRILLIC = re.compile("[\u0400-\u04ff]")


def _documents():
    return [
        discrepancy_act(samples.discrepancy()),
        handover_receipt(samples.receipt()),
        return_act(samples.return_act()),
        shift_report(samples.shift()),
        printer_test_page("Office printer", "01.12.2026 10:00"),
    ]


def _sample_texts(value) -> set[str]:
    """Every string inside the sample data (names, products, notes): data, not the document's fixed texts."""
    if isinstance(value, str):
        return {value}
    if dataclasses.is_dataclass(value):
        return _sample_texts([getattr(value, f.name) for f in dataclasses.fields(value)])
    if isinstance(value, list | tuple):
        return set().union(*(_sample_texts(v) for v in value)) if value else set()
    return set()


def _without_data(html: str) -> str:
    data = _sample_texts([samples.discrepancy(), samples.receipt(), samples.return_act(), samples.shift()])
    for text in sorted(data | {CYRILLIC_PANGRAM}, key=len, reverse=True):
        html = html.replace(text, "")
    return html


@pytest.fixture
def english():
    (qm,) = translations_build.release()
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    translatable.use_translator(QCoreApplication.translate)
    yield
    app.removeTranslator(translator)
    translatable.use_translator(None)


def test_documents_built_under_the_english_catalogue_have_english_texts(qapp, english):
    documents = _documents()
    assert documents[0].title == "Receiving discrepancy report SH-2026-1124-01"
    assert documents[1].title == "Handover receipt for order 500000012"
    assert documents[3].title.startswith("Shift report: ")
    assert "Missing" in documents[0].html and "Paid on pickup" in documents[1].html
    leftovers = {d.kind: CYRILLIC.findall(_without_data(d.html)) for d in documents}
    assert leftovers == {d.kind: [] for d in documents}


def test_documents_built_without_a_translator_keep_the_russian_texts():
    discrepancy, receipt, returned, shift, test_page = _documents()
    assert discrepancy.title == "Акт расхождений по приёмке SH-2026-1124-01"
    assert receipt.title == "Квитанция о выдаче заказа 500000012"
    assert "Недостача" in discrepancy.html and "Оплачено при получении" in receipt.html
    assert returned.title.startswith("Акт возврата от ") and shift.title.startswith("Отчёт за смену: ")
    assert test_page.title == "Пробная страница" and CYRILLIC_PANGRAM in test_page.html


def test_an_access_refusal_names_the_action_in_the_ui_language(qapp, english):
    with pytest.raises(AccessDenied) as refusal:
        require_role(Actor(1, "clerk", "Clerk", Role.CLERK, 1), Role.MANAGER, RECEIVING)
    assert refusal.value.params["action"] == "receiving a shipment"

