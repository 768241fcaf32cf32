"""A credit order's handover step: the bank's agreement number (scanned or typed) and «Клиент подписал договор»."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from protocol.money_rules import CREDIT_AGREEMENT_PATTERN
from ui.pages.money_widgets import key_button, line_field, show_status, status_label, type_into_focus
from ui.widgets.common import fit_placeholders

AGREEMENT_RE = re.compile(CREDIT_AGREEMENT_PATTERN)


class CreditAgreementDialog(QDialog):
    """Number → Enter → Space ticks the box → F10 (or Enter on the box) records; nothing is paid here."""

    def __init__(self, parent: QWidget | None, order_number: str) -> None:
        super().__init__(parent)
        self.setObjectName("CreditAgreementDialog")
        self.setWindowTitle(self.tr("Кредитный договор"))
        self.setMinimumWidth(560)
        self.answer: tuple[str, bool] | None = None
        self.intro = QLabel(self.tr("Заказ {0} оплачен кредитом банка: деньги не принимаются. Проверьте документ "
                               "клиента (F6) и подписанный договор.").format(order_number))
        self.intro.setWordWrap(True)
        self.number = line_field(self.tr("штрихкод или номер договора"), 30)
        self.signed = QCheckBox(self.tr("Клиент подписал договор"))
        self.error = status_label()
        self.error.setMinimumHeight(self.error.fontMetrics().lineSpacing() * 2)  # laid out once: room for a reason
        form = QFormLayout()
        form.addRow(self.tr("Номер договора:"), self.number)
        form.addRow("", self.signed)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(key_button(self.tr("Записать"), "F10", self.try_accept, self))
        buttons.addWidget(key_button(self.tr("Отмена"), "Esc", self.reject, self, bind=False))
        column = QVBoxLayout(self)
        column.addWidget(self.intro)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addLayout(buttons)
        self.number.returnPressed.connect(self.signed.setFocus)
        self.signed.installEventFilter(self)
        fit_placeholders(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on the checkbox records (the dialog has no default button)."""
        if watched is self.signed and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.try_accept()
            return True
        return super().eventFilter(watched, event)

    def try_accept(self) -> None:
        number = self.number.text().strip()
        if AGREEMENT_RE.fullmatch(number) is None:
            show_status(self.error, self.tr("Номер договора не распознан: от 6 до 30 букв и цифр, как в договоре."),
                        False)
            self.number.setFocus()
            self.number.selectAll()
            return
        if not self.signed.isChecked():
            show_status(self.error, self.tr("Отметьте, что клиент подписал договор (пробел)."), False)
            self.signed.setFocus()
            return
        self.answer = (number, True)
        self.accept()

    def take_scan(self, text: str) -> bool:
        """The agreement's barcode scanned while the dialog is open: its number, then the checkbox."""
        if self.number.hasFocus() or not self.number.text():
            self.number.setText(text.strip())
            self.signed.setFocus()
            return True
        return type_into_focus(self, text)


def ask_credit_agreement(parent: QWidget, order_number: str) -> tuple[str, bool] | None:
    """(agreement number, signed) or None (Esc)."""
    dialog = CreditAgreementDialog(parent, order_number)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return dialog.answer if accepted else None
