"""Certificates in the payment dialog: scan GC…, the PIN (masked), its balance, the amount to take, the list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QVBoxLayout, QWidget

from desktop.point_time import point_time
from desktop.services.money.model import CertificateView
from protocol.money import rub
from protocol.money_rules import CERTIFICATE_PIN_LENGTH
from ui.models import RowsModel
from ui.pages.money_widgets import CERTIFICATE_RE, Runner, amount_of, amount_text, line_field, show_status, status_label
from ui.pages.payment_model import CertificatePart
from ui.widgets.common import table_view
from ui.workers import Failure

# check(number, pin) → CertificateView, or a DomainError with the reason (runs off the GUI thread)
CertificateCheck = Callable[[str, str], CertificateView]


class CertificateBox(QGroupBox):
    """Number → Enter → PIN → Enter (checked) → amount → Enter (added); Delete removes the selected one."""

    changed = Signal()  # the list of certificates changed
    finished = Signal()  # Enter on an empty number: the clerk moves on to the card and cash

    def __init__(self, check: CertificateCheck, run: Runner, room: Callable[[int], int],
                 zone: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Подарочные сертификаты (F3)"))
        self._check, self._run, self._room, self._zone = check, run, room, zone
        self._checked: tuple[CertificateView, str] | None = None
        self.parts: list[CertificatePart] = []
        self.number = line_field(self.tr("GC… — отсканируйте сертификат"), 14)
        self.pin = line_field(self.tr("%n цифр под защитным слоем", "", CERTIFICATE_PIN_LENGTH),
                              CERTIFICATE_PIN_LENGTH)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setValidator(QRegularExpressionValidator(r"\d{0,8}", self.pin))
        self.amount = line_field(self.tr("сумма, ₽"))
        self.info = status_label("certificateInfo")
        self.info.setMinimumHeight(self.info.fontMetrics().lineSpacing() * 3)  # room for its longest text: the
        # dialog is laid out once, when shown, and a label growing later would squeeze the fields
        self.model = RowsModel([self.tr("Сертификат"), self.tr("Можно списать"), self.tr("Списать")], self)
        self.table = table_view(self.model, self)
        self._lay_out()
        self.number.returnPressed.connect(self._on_number)
        self.pin.returnPressed.connect(self._on_pin)
        self.amount.returnPressed.connect(self._on_amount)
        remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._on_remove)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Номер:"), self.number)
        form.addRow(self.tr("PIN-код:"), self.pin)
        form.addRow(self.tr("Списать, ₽:"), self.amount)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.info)
        column.addWidget(self.table)
        self.table.setMaximumHeight(96)

    def take_number(self, number: str) -> None:
        """A scanned certificate: its number in, the PIN asked next."""
        self.number.setText(number)
        self._on_number()

    def _on_number(self) -> None:
        number = self.number.text().strip().upper()
        self._checked = None
        self.amount.clear()
        if not number:
            self.finished.emit()
        elif CERTIFICATE_RE.fullmatch(number) is None:
            show_status(self.info, self.tr("Это не номер сертификата: ожидается GC и 12 цифр."), False)
            self.number.selectAll()
        else:
            self.number.setText(number)
            self.info.setText(self.tr("Введите PIN-код сертификата и нажмите Enter."))
            self.info.setStyleSheet("")
            self.pin.clear()
            self.pin.setFocus()

    def _on_pin(self) -> None:
        number, pin, check = self.number.text().strip().upper(), self.pin.text(), self._check
        if CERTIFICATE_RE.fullmatch(number) is None:
            self.number.setFocus()
            return
        show_status(self.info, self.tr("Проверяем сертификат {0}…").format(number), True)
        self._run(lambda: check(number, pin), lambda view: self._on_checked(view, pin), self._on_refused)

    def _on_checked(self, view: CertificateView, pin: str) -> None:
        self._checked = (view, pin)
        expires = point_time(view.expires_at, self._zone, "%d.%m.%Y") if view.expires_at else "—"
        show_status(self.info, self.tr("Сертификат {0}: остаток {1}, можно списать {2}, действует до {3}.").format(
            view.number, rub(view.balance_kopecks), rub(view.available_kopecks), expires), True)
        self.amount.setText(amount_text(self._room(view.available_kopecks)))
        self.amount.selectAll()
        self.amount.setFocus()

    def _on_refused(self, failure: Failure) -> None:
        self._checked = None
        show_status(self.info, failure.message, False)
        self.pin.clear()
        self.pin.setFocus()

    def _on_amount(self) -> None:
        if self._checked is None:
            self.number.setFocus()
            return
        view, pin = self._checked
        amount = amount_of(self.amount)
        if amount is None or amount <= 0 or amount > view.available_kopecks:
            show_status(self.info, self.tr("Сумма должна быть больше нуля и не больше {0}.").format(
                rub(view.available_kopecks)), False)
            self.amount.selectAll()
            return
        self.parts = [p for p in self.parts if p.number != view.number]
        self.parts.append(CertificatePart(view.number, pin, view.available_kopecks, amount))
        self._checked = None
        for field in (self.number, self.pin, self.amount):
            field.clear()
        show_status(self.info, self.tr("Сертификат {0} добавлен: {1}. Следующий — или Enter, чтобы перейти к "
                                       "карте.").format(view.number, rub(amount)), True)
        self._show_parts()
        self.number.setFocus()

    def _on_remove(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            del self.parts[rows[0].row()]
            self._show_parts()

    def _show_parts(self) -> None:
        self.model.set_rows([(p.number, rub(p.available), rub(p.amount)) for p in self.parts])
        self.changed.emit()
