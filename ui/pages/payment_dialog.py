"""The handover's payment with mixed tenders: points, gift certificates, card and cash, the rest always shown.

Keyboard first: Enter moves from field to field (points → certificate → card → cash → accept), F2–F7 jump or
fill, F10 accepts, Esc cancels. The dialog returns the tenders; the page makes the one service call.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.services.money.model import PaymentOptions, TenderInput
from protocol.money import rub
from ui.pages.certificate_box import CertificateBox, CertificateCheck
from ui.pages.money_widgets import (
    CERTIFICATE_RE,
    Runner,
    amount_of,
    amount_text,
    key_button,
    line_field,
    shortcut_for,
    show_status,
    status_label,
    type_into_focus,
)
from ui.pages.payment_model import PaymentDraft
from ui.widgets.common import fit_placeholders

PROBLEMS = {
    "points_over": QT_TRANSLATE_NOOP("PaymentDialog", "Баллов больше, чем можно списать: не больше {1}."),
    "too_much": QT_TRANSLATE_NOOP("PaymentDialog", "Баллы, сертификаты и карта дают больше, чем к оплате: "
                                                   "уменьшите сумму."),
    "cash_not_needed": QT_TRANSLATE_NOOP("PaymentDialog", "Наличные не нужны: сумма уже оплачена. Очистите поле "
                                                          "наличных."),
    "not_enough": QT_TRANSLATE_NOOP("PaymentDialog", "Оплачено не всё: осталось {0}."),
    "bad_amount": QT_TRANSLATE_NOOP("PaymentDialog", "Сумма введена неверно: введите рубли, например 1500 или "
                                                     "1500,50."),
}


def _tr(text: object) -> str:
    return QCoreApplication.translate("PaymentDialog", str(text))


class PaymentDialog(QDialog):
    """Takes the tenders for `options.due_kopecks`; `tenders` holds them once accepted."""

    def __init__(self, parent: QWidget | None, options: PaymentOptions, check: CertificateCheck, run: Runner,
                 zone: tzinfo) -> None:
        super().__init__(parent)
        self.setObjectName("PaymentDialog")
        self.setWindowTitle(self.tr("Оплата"))
        self.setMinimumWidth(820)
        self.options = options
        self.tenders: list[TenderInput] | None = None
        self.due = QLabel(self.tr("К оплате: {0}").format(rub(options.due_kopecks)))
        self.due.setObjectName("bigHint")
        self.points_info = status_label()
        self.points_info.setMinimumHeight(self.points_info.fontMetrics().lineSpacing() * 3)
        self.points = line_field(self.tr("0"))
        self.points.setValidator(QIntValidator(0, max(options.points_usable, 0), self.points))
        self.certificates = CertificateBox(check, run, self._room_for, zone, self)
        self.card = line_field(self.tr("сумма картой, ₽"))
        self.cash = line_field(self.tr("сколько дал клиент, ₽"))
        self.change = status_label()
        self.remaining = status_label("bigHint")
        self.error = status_label("paymentError")
        self._lay_out()
        self._connect()
        self._show_points_info()
        self._recount()

    def _lay_out(self) -> None:
        """Two columns (points and certificates | card, cash, the rest): the dialog fits a 1366×768 screen at 150 %."""
        left = QVBoxLayout()
        left.addWidget(self.points_info)
        points = QFormLayout()
        points.addRow(self.tr("Списать баллов (F2):"), self.points)
        left.addLayout(points)
        left.addWidget(self.certificates, 1)
        money = QFormLayout()
        money.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above the fields: a narrow column
        money.addRow(self.tr("Картой, ₽ (F4):"), self.card)
        money.addRow(self.tr("Наличными, ₽ (F5):"), self.cash)
        money.addRow(self.tr("Сдача:"), self.change)
        right = QVBoxLayout()
        right.addLayout(money)
        right.addWidget(self.error)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(key_button(self.tr("Остаток картой"), "F6", self.rest_by_card, self))
        buttons.addWidget(key_button(self.tr("Без сдачи"), "F7", self.cash_exact, self))
        buttons.addStretch(1)
        buttons.addWidget(key_button(self.tr("Принять оплату"), "F10", self.try_accept, self))
        buttons.addWidget(key_button(self.tr("Отмена"), "Esc", self.reject, self, bind=False))
        column = QVBoxLayout(self)
        column.addWidget(self.due)
        column.addLayout(columns, 1)
        column.addWidget(self.remaining)
        column.addLayout(buttons)
        fit_placeholders(self)

    def _connect(self) -> None:
        for field in (self.points, self.card, self.cash):
            field.textChanged.connect(self._recount)
        self.certificates.changed.connect(self._recount)
        self.points.returnPressed.connect(self.certificates.number.setFocus)
        self.certificates.finished.connect(self.card.setFocus)
        self.card.returnPressed.connect(self.cash.setFocus)
        self.cash.returnPressed.connect(self.try_accept)
        shortcut_for(self, "F2", self.points.setFocus)
        shortcut_for(self, "F3", self.certificates.number.setFocus)
        shortcut_for(self, "F4", self.card.setFocus)
        shortcut_for(self, "F5", self.cash.setFocus)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        first = self.points if self.options.points_usable else self.certificates.number
        first.setFocus()

    def _show_points_info(self) -> None:
        options, balance = self.options, self.options.balance
        if balance is None:
            text = self.tr("У клиента нет активной клубной карты: баллы не списываются.")
        else:
            text = self.tr("Баллы клиента: доступно {0}, списать можно до {1} (1 балл = 1 ₽).").format(
                balance.available, options.points_usable)
            if balance.reserved:
                text += " " + self.tr("Уже списано на этом ПК и ждёт подтверждения: {0}.").format(balance.reserved)
        self.points_info.setText(text)
        self.points.setEnabled(options.points_usable > 0)

    # --- the draft -------------------------------------------------------------------------------

    def draft(self) -> PaymentDraft | None:
        """What is typed now (None: an amount field holds something that is not an amount)."""
        card, cash = amount_of(self.card), amount_of(self.cash)
        if card is None or cash is None:
            return None
        points = int(self.points.text()) if self.points.text().isdigit() else 0
        return PaymentDraft(self.options.due_kopecks, self.options.points_usable, points,
                            tuple(self.certificates.parts), card, cash)

    def _room_for(self, available: int) -> int:
        draft = self.draft() or PaymentDraft(self.options.due_kopecks)
        return draft.room_for_certificate(available)

    def _recount(self) -> None:
        draft = self.draft()
        if draft is None:
            show_status(self.error, _tr(PROBLEMS["bad_amount"]), False)
            return
        self.change.setText(rub(draft.change) if draft.change else "—")
        done = not draft.remaining and not draft.problem()
        show_status(self.remaining, self.tr("Осталось: {0}").format(rub(draft.remaining)), done)
        problem = draft.problem()
        self.error.setText(self._problem_text(problem, draft) if problem and problem != "not_enough" else "")
        self.error.setStyleSheet(self.remaining.styleSheet())

    def _problem_text(self, problem: str, draft: PaymentDraft | None) -> str:
        remaining = draft.remaining if draft is not None else 0
        return _tr(PROBLEMS[problem]).format(rub(remaining), self.options.points_usable)

    def rest_by_card(self) -> None:
        """F6: the card pays what points and certificates leave."""
        draft = self.draft() or PaymentDraft(self.options.due_kopecks)
        draft = draft.rest_by_card()
        self.cash.clear()
        self.card.setText(amount_text(draft.card))
        self.card.setFocus()

    def cash_exact(self) -> None:
        """F7: the customer hands over exactly what cash must pay."""
        draft = self.draft()
        if draft is not None:
            self.cash.setText(amount_text(replace(draft, tendered=0).cash_part))
            self.cash.setFocus()

    def try_accept(self) -> None:
        """F10 / Enter on the cash: accept if it adds up, otherwise say what is wrong (red)."""
        draft = self.draft()
        problem = "bad_amount" if draft is None else draft.problem()
        if problem or draft is None:
            show_status(self.error, self._problem_text(problem, draft), False)
            return
        self.tenders = draft.tenders()
        self.accept()

    def take_scan(self, text: str) -> bool:
        """A scan while the dialog is open: a certificate goes to its field, anything else to the focused one."""
        if CERTIFICATE_RE.fullmatch(text.strip().upper()):
            self.certificates.take_number(text.strip().upper())
            return True
        return type_into_focus(self, text)


def ask_tenders(parent: QWidget, options: PaymentOptions, check: CertificateCheck, run: Runner,
                zone: tzinfo, certificate: str = "") -> list[TenderInput] | None:
    """The tenders the clerk took, or None (Esc); `certificate`: one the customer's scan brought in."""
    dialog = PaymentDialog(parent, options, check, run, zone)
    if certificate:
        QTimer.singleShot(0, dialog, lambda: dialog.take_scan(certificate))  # once shown: its PIN is asked
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return dialog.tenders if accepted else None
