"""Club cards (клуб): scan the card, activation code, city, phone; eligibility shown before activating."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QFormLayout, QLineEdit

from desktop.scan_routing import Scan, ScanKind
from desktop.services.club import ActivationResult, Eligibility
from protocol.club_rules import CITIES, CITY_MAX
from ui.context import AppContext
from ui.pages.base import Page


class ClubPage(Page):
    """Card activation: check (F2) shows whether the customer qualifies; activate (F10) credits the points."""

    title = QT_TRANSLATE_NOOP("PageTitles", "Клубные карты")
    shortcut = "Ctrl+F5"
    scan_kinds = frozenset({ScanKind.CLUB_CARD})

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
        self._layout.addStretch(1)
        self.add_action(self.tr("Проверить клиента"), "F2", self._on_check)
        self.add_action(self.tr("Активировать"), "F10", self._on_activate)
        self.add_action(self.tr("Очистить"), "F12", self.clear)
        self.finish_layout()

    def handle_scan(self, scan: Scan) -> bool:
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
        self.feedback.show_ok(self.tr("Карта активирована"), self.tr(
            "Начислено %n баллов (подтвердит центр при синхронизации). Клиенту уйдёт SMS.", "", result.points))
        self.code.clear()
        self.extra.clear()


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
