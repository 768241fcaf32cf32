"""Club cards (клуб): activation (scan, code, city, phone), the customer's bonus balance, gift certificate sales."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QCompleter, QFormLayout, QLineEdit

from desktop.scan_routing import Scan, ScanKind
from desktop.services.club import ActivationResult, Eligibility
from desktop.services.money.model import BonusBalance, CertificateSale
from protocol.club_rules import CITIES, CITY_MAX
from protocol.money import rub
from ui.context import AppContext
from ui.pages.base import Page
from ui.pages.certificate_sale import CertificateSaleInput, ask_certificate_sale, sold_text
from ui.pages.club_balance import BalancePanel
from ui.pages.receipt_dialog import show_receipt
from ui.pages.register_call import RegisterCall


class ClubPage(Page):
    """Card activation: check (F2) shows whether the customer qualifies; activate (F10) credits the points."""

    title = QT_TRANSLATE_NOOP("PageTitles", "Клубные карты")
    shortcut = "Ctrl+F5"
    scan_kinds = frozenset({ScanKind.CLUB_CARD, ScanKind.CERTIFICATE})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self._layout.addWidget(
            self.headline(self.tr("Отсканируйте клубную карту, затем введите код активации, город и телефон."))
        )
        self.card = QLineEdit()
        self.card.setPlaceholderText(self.tr("13 цифр, начинается с 2"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("код с оборота карты"))
        self.extra = QLineEdit()
        self.extra.setPlaceholderText(self.tr("если есть на карте"))
        self.city = _city_box()
        self.city.setPlaceholderText(self.tr("начните вводить город"))
        self.city.setToolTip(self.tr("начните вводить город и выберите его из списка"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("+7XXXXXXXXXX")
        self.phone.returnPressed.connect(self._on_phone_entered)
        form = QFormLayout()
        form.addRow(self.tr("Номер карты:"), self.card)
        form.addRow(self.tr("Код активации:"), self.code)
        form.addRow(self.tr("Доп. код:"), self.extra)
        form.addRow(self.tr("Город:"), self.city)
        form.addRow(self.tr("Телефон клиента:"), self.phone)
        self._layout.addLayout(form)
        self.verdict = self.big_label("", "bigHint")
        self.verdict.setWordWrap(True)
        self.points = self.big_label("")
        self._layout.addWidget(self.verdict)
        self._layout.addWidget(self.points)
        self.balance = BalancePanel(ctx.zone, self)
        self._layout.addWidget(self.balance, 1)
        self._layout.addStretch(1)
        self.add_action(self.tr("Проверить клиента"), "F2", self._on_check)
        self.add_action(self.tr("Баланс баллов"), "F3", self._on_balance)
        self.add_action(self.tr("Продать сертификат"), "F4", self.sell_certificate)
        self.add_action(self.tr("Активировать"), "F10", self._on_activate)
        self.add_action(self.tr("Очистить"), "F12", self.clear)
        self.finish_layout()

    def handle_scan(self, scan: Scan) -> bool:
        if scan.kind is ScanKind.CERTIFICATE:  # a stock certificate to sell
            self.sell_certificate(scan.value)
            return True
        if scan.kind is not ScanKind.CLUB_CARD:
            return False
        self.clear()
        self.card.setText(scan.value)
        self.code.setFocus()
        self.feedback.show_ok(self.tr("Карта считана"), self.tr("Введите код активации с оборота карты."))
        return True

    def clear(self) -> None:
        for field in (self.card, self.code, self.extra, self.phone):
            field.clear()
        self.verdict.setText("")
        self.points.setText("")
        self.balance.clear()

    def _on_phone_entered(self) -> None:
        if self.phone.text().strip() and not self.busy:
            self._on_check()

    def _on_check(self) -> None:
        service, phone = self.ctx.services.club, self.phone.text()
        self.run(lambda: service.check_eligibility(phone), self._on_checked)

    def _on_checked(self, verdict: Eligibility) -> None:
        if verdict.eligible:
            self.verdict.setStyleSheet("color: #0b6b2b;")
            self.verdict.setText(self.tr("✔ Можно выдать карту: {0}, заказ {1}").format(
                verdict.customer_name, verdict.qualifying_order))
            self.feedback.show_ok(self.tr("Клиент может получить карту"), self.tr("Нажмите F10 — активировать."))
        else:
            self.verdict.setStyleSheet("color: #b00020;")
            self.verdict.setText(self.tr("✖ Карту выдать нельзя: {0}").format(verdict.reason))
            self.feedback.show_error(self.tr("Карту выдать нельзя"), verdict.reason or "")

    def _on_activate(self) -> None:
        actor = self.require_actor()
        if actor is None:
            return
        service = self.ctx.services.club
        card, code, city, phone = self.card.text(), self.code.text(), self.city.currentText(), self.phone.text()
        extra = self.extra.text() or None
        self.run(lambda: service.activate(actor, card, code, city, phone, extra), self._on_activated)

    def _on_activated(self, result: ActivationResult) -> None:
        self.verdict.setStyleSheet("color: #0b6b2b;")
        self.verdict.setText(self.tr("Карта {0} активирована: {1}, {2}").format(
            result.card_number, result.customer_name, result.phone_masked))
        self.points.setText(self.tr("+%n баллов", "", result.points))
        self.points.setVisible(True)
        self.feedback.show_ok(self.tr("Карта активирована"), self.tr(
            "Начислено %n баллов (подтвердит центр при синхронизации). Клиенту уйдёт SMS.", "", result.points))
        self.code.clear()
        self.extra.clear()


    # --- the bonus account and certificates ------------------------------------------------------

    def _on_balance(self) -> None:
        """F3: the balance of the card typed or scanned, else of the phone."""
        actor = self.require_actor()
        who = self.card.text().strip() or self.phone.text().strip()
        if actor is None:
            return
        if not who:
            self.feedback.show_error(self.tr("Чей баланс?"), self.tr("Отсканируйте клубную карту или введите "
                                                                     "телефон клиента, затем F3."))
            return
        service = self.ctx.services.club
        self.run(lambda: service.balance(actor, who), self._on_balance_read)

    def _on_balance_read(self, balance: BonusBalance) -> None:
        self.points.setText("")  # the big «+190» of an activation gives its room to the balance
        self.points.setVisible(False)
        self.balance.show_balance(balance)
        QTimer.singleShot(0, self, lambda: self.page_scroll.ensureWidgetVisible(self.balance.table))  # laid out
        self.feedback.show_ok(self.tr("Баллов можно списать: {0}").format(balance.available),
                              self.tr("Подтверждено: {0}, ждут подтверждения: {1}, списано на этом ПК и ещё не "
                                      "подтверждено: {2}.").format(balance.confirmed, balance.pending,
                                                                   balance.reserved))

    def sell_certificate(self, number: str = "") -> None:
        """F4 (or a scanned stock certificate): the sale dialog, then the sale through the register."""
        actor = self.require_actor()
        if actor is None:
            return
        service = self.ctx.services.certificates
        sale = ask_certificate_sale(self, lambda n: service.lookup(actor, n), self.ctx.tasks.run, number)
        if sale is not None:
            self.sell(sale)

    def sell(self, sale: CertificateSaleInput) -> None:
        actor, service = self.actor, self.ctx.services.certificates
        RegisterCall(self, lambda: service.sell(actor, sale.number, sale.face_kopecks, list(sale.tenders)),
                     lambda done: self._on_sold(sale, done)).start()

    def _on_sold(self, sale: CertificateSaleInput, done: CertificateSale) -> None:
        change = sum((t.tendered_kopecks or t.amount_kopecks) - t.amount_kopecks for t in sale.tenders)
        title = self.tr("СДАЧА {0}").format(rub(change)) if change > 0 else self.tr("Сертификат продан")
        self.feedback.show_ok(title, sold_text(sale.number, sale.face_kopecks))
        if done.receipt is not None:
            show_receipt(self.ctx, self, done.receipt)


def _city_box() -> QComboBox:
    """The retailer's cities, typed with completion (any part of the name), at most CITY_MAX characters."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItems(list(CITIES))
    box.setCurrentIndex(-1)
    completer = QCompleter(list(CITIES), box)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    box.setCompleter(completer)
    line = box.lineEdit()
    assert line is not None  # an editable combo box has one
    line.setMaxLength(CITY_MAX)
    return box
