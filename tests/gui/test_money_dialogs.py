"""The credit agreement step and the certificate sale dialog, typed from the keyboard and scanned into."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.services.money.model import CertificateView, TenderInput
from protocol.errors import DomainError
from ui.pages.certificate_sale import CertificateSaleDialog, CertificateSaleInput
from ui.pages.credit_dialog import CreditAgreementDialog
from ui.workers import TaskRunner, ignore_bug


def _shown(qtbot, dialog, first):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    return dialog


def test_credit_agreement_needs_a_number_and_the_signature(qtbot):
    d = CreditAgreementDialog(None, "100200300")
    _shown(qtbot, d, d.number)
    assert "кредитом банка" in d.intro.text()
    qtbot.keyClicks(d.number, "12")
    QTest.keyClick(d.number, Qt.Key.Key_Return)
    assert d.signed.hasFocus()
    QTest.keyClick(d.signed, Qt.Key.Key_Return)  # Enter on the box records … but the number is too short
    assert d.answer is None and "не распознан" in d.error.text() and d.number.hasFocus()
    d.number.clear()
    assert d.take_scan("КД-2026/0042517")  # the agreement's barcode scanned while the dialog is open
    assert d.number.text() == "КД-2026/0042517" and d.signed.hasFocus()
    QTest.keyClick(d, Qt.Key.Key_F10)
    assert d.answer is None and "подписал" in d.error.text()
    QTest.keyClick(d.signed, Qt.Key.Key_Space)
    QTest.keyClick(d.signed, Qt.Key.Key_Return)
    assert d.answer == ("КД-2026/0042517", True)
    assert d.result() == d.DialogCode.Accepted


STOCK = CertificateView(number="GC000000000031", status="stock", face_kopecks=300_000, balance_kopecks=0,
                        available_kopecks=0, expires_at=None)
OPEN_FACE = CertificateView(number="GC000000000032", status="stock", face_kopecks=None, balance_kopecks=0,
                            available_kopecks=0, expires_at=None)
SOLD = CertificateView(number="GC000000000017", status="active", face_kopecks=300_000, balance_kopecks=100_000,
                       available_kopecks=100_000, expires_at=None)


def _lookup(number: str) -> CertificateView:
    found = {c.number: c for c in (STOCK, OPEN_FACE, SOLD)}.get(number)
    if found is None:
        raise DomainError("money.certificate_unknown", number=number)
    return found


@pytest.fixture
def sale(qtbot):
    d = CertificateSaleDialog(None, _lookup, TaskRunner(ignore_bug).run)
    return _shown(qtbot, d, d.number)


def test_certificate_sale_with_a_fixed_face_and_cash_change(qtbot, sale):
    assert sale.take_scan("GC000000000031")
    qtbot.waitUntil(lambda: sale.found is not None)
    assert not sale.face.isEnabled() and sale.face.currentData() == 300_000  # the face printed on it
    assert sale.cash.hasFocus()
    qtbot.keyClicks(sale.cash, "2000")
    QTest.keyClick(sale.cash, Qt.Key.Key_Return)
    assert sale.sale is None and "меньше номинала" in sale.error.text()
    sale.cash.setText("5000")
    assert sale.change.text() == "2\u202f000,00 ₽"
    QTest.keyClick(sale, Qt.Key.Key_F10)
    assert sale.sale == CertificateSaleInput("GC000000000031", 300_000,
                                             (TenderInput("cash", 300_000, tendered_kopecks=500_000),))


def test_certificate_sale_by_card_with_a_chosen_face(qtbot, sale):
    sale.take_scan("GC000000000032")
    qtbot.waitUntil(lambda: sale.found is not None)
    assert sale.face.isEnabled() and "выберите номинал" in sale.info.text()
    sale.face.setCurrentIndex(sale.face.findData(1_000_000))
    QTest.keyClick(sale, Qt.Key.Key_F4)  # card
    assert not sale.cash.isEnabled()
    QTest.keyClick(sale, Qt.Key.Key_F10)
    assert sale.sale == CertificateSaleInput("GC000000000032", 1_000_000, (TenderInput("card", 1_000_000),))


def test_certificate_sale_refuses_a_sold_or_unknown_certificate(qtbot, sale):
    sale.take_scan("GC000000000017")
    qtbot.waitUntil(lambda: "продать нельзя" in sale.info.text())
    assert sale.found is None
    sale.take_scan("GC999999999999")
    qtbot.waitUntil(lambda: "b00020" in sale.info.styleSheet() and "GC999999999999" in sale.info.text())
    QTest.keyClick(sale, Qt.Key.Key_F10)
    assert sale.sale is None and "отсканируйте сертификат" in sale.error.text()
