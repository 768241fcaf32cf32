"""Selling a gift certificate: scan a stock certificate, choose or confirm its face value, take cash or card.

The dialog returns the sale (number, face, tenders); the club page makes the one service call through the
register and shows the receipt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QHBoxLayout, QVBoxLayout, QWidget

from desktop.services.money.model import CertificateView, TenderInput
from protocol.money import rub
from protocol.money_rules import CERTIFICATE_FACES, CertificateStatus, Tender
from ui.pages.money_widgets import (
    CERTIFICATE_RE,
    Runner,
    amount_of,
    key_button,
    line_field,
    shortcut_for,
    show_status,
    status_label,
    type_into_focus,
)
from ui.widgets.common import fit_placeholders
from ui.workers import Failure

CertificateLookup = Callable[[str], CertificateView]


@dataclass(frozen=True)
class CertificateSaleInput:
    number: str
    face_kopecks: int
    tenders: tuple[TenderInput, ...]


def sale_tenders(face: int, method: str, tendered: int) -> tuple[TenderInput, ...]:
    """Money only: the card pays the face exactly; cash pays it with change from what was handed over."""
    if method == Tender.CARD:
        return (TenderInput(Tender.CARD.value, face),)
    return (TenderInput(Tender.CASH.value, face, tendered_kopecks=tendered),)


class CertificateSaleDialog(QDialog):
    """Number (scan) → Enter: looked up → face → cash handed over → F10 sells; Esc cancels."""

    def __init__(self, parent: QWidget | None, lookup: CertificateLookup, run: Runner) -> None:
        super().__init__(parent)
        self.setObjectName("CertificateSaleDialog")
        self.setWindowTitle(self.tr("Продажа подарочного сертификата"))
        self.setMinimumWidth(620)
        self._lookup, self._run = lookup, run
        self.found: CertificateView | None = None
        self.sale: CertificateSaleInput | None = None
        self.number = line_field(self.tr("GC… — отсканируйте сертификат"), 14)
        self.info = status_label()
        self.face = QComboBox()
        for face in CERTIFICATE_FACES:
            self.face.addItem(rub(face), face)
        self.method = QComboBox()
        self.method.addItem(self.tr("Наличные"), Tender.CASH.value)
        self.method.addItem(self.tr("Банковская карта"), Tender.CARD.value)
        self.cash = line_field(self.tr("сколько дал клиент, ₽"))
        self.change = status_label()
        self.error = status_label()
        self._lay_out()
        self.number.returnPressed.connect(self._on_number)
        self.cash.returnPressed.connect(self.try_accept)
        self.cash.textChanged.connect(self._recount)
        self.face.currentIndexChanged.connect(self._recount)
        self.method.currentIndexChanged.connect(self._on_method)
        fit_placeholders(self)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Сертификат:"), self.number)
        form.addRow(self.info)
        form.addRow(self.tr("Номинал:"), self.face)
        form.addRow(self.tr("Оплата (F4/F5):"), self.method)
        form.addRow(self.tr("Наличными получено, ₽:"), self.cash)
        form.addRow(self.tr("Сдача:"), self.change)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(key_button(self.tr("Продать"), "F10", self.try_accept, self))
        buttons.addWidget(key_button(self.tr("Отмена"), "Esc", self.reject, self, bind=False))
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addLayout(buttons)
        shortcut_for(self, "F4", lambda: self.method.setCurrentIndex(1))
        shortcut_for(self, "F5", lambda: self.method.setCurrentIndex(0))

    def take_scan(self, text: str) -> bool:
        if CERTIFICATE_RE.fullmatch(text.strip().upper()):
            self.number.setText(text.strip().upper())
            self._on_number()
            return True
        return type_into_focus(self, text)

    def _on_number(self) -> None:
        number, lookup = self.number.text().strip().upper(), self._lookup
        self.found = None
        if CERTIFICATE_RE.fullmatch(number) is None:
            show_status(self.info, self.tr("Это не номер сертификата: ожидается GC и 12 цифр."), False)
            return
        show_status(self.info, self.tr("Ищем сертификат {0}…").format(number), True)
        self._run(lambda: lookup(number), self._on_found, self._on_not_found)

    def _on_found(self, found: CertificateView) -> None:
        if found.status != CertificateStatus.STOCK:
            show_status(self.info, self.tr("Сертификат {0} продать нельзя: он уже продан, погашен или "
                                           "заблокирован.").format(found.number), False)
            return
        self.found = found
        fixed = found.face_kopecks is not None and self.face.findData(found.face_kopecks) >= 0
        if fixed:
            self.face.setCurrentIndex(self.face.findData(found.face_kopecks))
        self.face.setEnabled(not fixed)
        text = self.tr("Сертификат {0} на складе, номинал {1}. Примите оплату.") if fixed else self.tr(
            "Сертификат {0} на складе: выберите номинал.")
        show_status(self.info, text.format(found.number, rub(found.face_kopecks or 0)), True)
        (self.cash if fixed else self.face).setFocus()
        self._recount()

    def _on_not_found(self, failure: Failure) -> None:
        show_status(self.info, failure.message, False)
        self.number.selectAll()
        self.number.setFocus()

    def _on_method(self) -> None:
        card = self.method.currentData() == Tender.CARD.value
        self.cash.setEnabled(not card)
        if card:
            self.cash.clear()
        self._recount()

    def _recount(self) -> None:
        tendered, face = amount_of(self.cash), int(self.face.currentData())
        change = (tendered or 0) - face
        self.change.setText(rub(change) if change > 0 else "—")

    def try_accept(self) -> None:
        """F10: a found stock certificate, a face, and cash at least the face (or card)."""
        problem = self._problem()
        if problem:
            show_status(self.error, problem, False)
            return
        assert self.found is not None
        face, method = int(self.face.currentData()), str(self.method.currentData())
        self.sale = CertificateSaleInput(self.found.number, face, sale_tenders(face, method, amount_of(self.cash) or 0))
        self.accept()

    def _problem(self) -> str:
        if self.found is None:
            return self.tr("Сначала отсканируйте сертификат со склада.")
        tendered = amount_of(self.cash)
        if self.method.currentData() == Tender.CASH.value and (tendered is None or tendered < int(
                self.face.currentData())):
            return self.tr("Наличных меньше номинала: введите, сколько дал клиент.")
        return ""


def ask_certificate_sale(parent: QWidget, lookup: CertificateLookup, run: Runner,
                         number: str = "") -> CertificateSaleInput | None:
    """The sale the clerk set up, or None (Esc); `number` is a certificate already scanned."""
    dialog = CertificateSaleDialog(parent, lookup, run)
    if number:
        dialog.take_scan(number)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return dialog.sale if accepted else None


def sold_text(number: str, face: int) -> str:
    return QCoreApplication.translate("CertificateSale", "Сертификат {0} на {1} продан. Он станет активным, когда "
                                                         "центр подтвердит продажу.").format(number, rub(face))
