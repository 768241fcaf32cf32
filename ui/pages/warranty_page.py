"""Warranty («Гарантия»): find a claim (or open one from an order), check the item, take it in, send it to service.

Intake tab: a scanned or typed claim number, order number or phone (+ name) finds claims (F2); F3 opens a claim
for an order bought here when the customer has none; the serial scanned from the item is checked against the
order line (a mismatch needs the manager, F6); the warranty line says whether the period has ended (then a paid
repair needs the customer's consent); the checklist, the notes and webcam photos (F4); F9 takes the item in:
the intake act (two copies) and the service box label are printed. Dispatch tab: the service dispatch session
(see `ui.pages.warranty_dispatch`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QSizePolicy, QTabWidget, QVBoxLayout, QWidget

from desktop.documents.model import DocumentKind
from desktop.scan_routing import Scan, ScanKind
from ui.context import AppContext
from ui.hardware.wiring import add_show_action, print_last, show_last
from ui.models import RowsModel
from ui.pages.base import Page
from ui.pages.warranty_dispatch import DispatchTab
from ui.pages.warranty_flow import IntakeFlow
from ui.pages.warranty_intake import IntakeForm
from ui.widgets.common import table_view

INTAKE_TAB, DISPATCH_TAB = 0, 1


class WarrantyPage(Page):
    """Warranty intake and service dispatch: one scan or one key per step, every result on the banner."""

    title = QT_TRANSLATE_NOOP("PageTitles", "Гарантия")
    shortcut = "Ctrl+F10"
    scan_kinds = frozenset({ScanKind.CLAIM, ScanKind.SERVICE_LABEL})

    claim_accepted = Signal(str)  # the claim number of an item just taken in

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.tabs = QTabWidget(self)
        self.form = IntakeForm(self)
        self.results = RowsModel([self.tr("Заявка"), self.tr("Статус"), self.tr("Заказ"), self.tr("Товар"),
                                  self.tr("Клиент")], self)
        self.results_view = table_view(self.results, self)
        self.results_view.doubleClicked.connect(self._on_result_chosen)
        self.intake = self._intake_tab()
        self.tabs.addTab(self.intake, self.tr("Приём"))
        self.dispatch = DispatchTab(self)
        self.tabs.addTab(self.dispatch, self.tr("Отправка в сервис"))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.dispatch.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)  # not in view yet
        self._layout.addWidget(self.tabs, 1)
        self.flow = IntakeFlow(self)
        self.add_action(self.tr("Найти"), "F2", self._on_find)
        self.add_action(self.tr("По заказу"), "F3", self.flow.ask_order)
        self.add_action(self.tr("Фото"), "F4", self.flow.take_photos)
        self.add_action(self.tr("Менеджер"), "F6", self.flow.ask_override)
        self.add_action(self.tr("Принять"), "F9", self.flow.accept)
        self.add_action(self.tr("Этикетка"), "F10", self.flow.reprint_label)
        self.dispatch.add_actions()
        print_button = self.add_action(self.tr("Акт"), "F11", self.print_act)
        show = add_show_action(ctx, self, DocumentKind.CLAIM_INTAKE_ACT, print_button)  # Shift+F11: on screen
        show.triggered.disconnect()
        show.triggered.connect(lambda: show_last(ctx, self.act_kind()))  # the act of the tab in view
        self.add_action(self.tr("Очистить"), "F12", self.clear)
        self.finish_layout()
        ctx.session.logged_out.connect(self.clear)  # the next clerk never sees this customer's claim

    def _intake_tab(self) -> QWidget:
        tab = QWidget(self)
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("заявка, заказ или телефон"))
        self.query.returnPressed.connect(self._on_find)
        search = QHBoxLayout()
        search.addWidget(self.query, 1)
        self.results_view.setMaximumHeight(120)
        self.results_view.setVisible(False)  # until a search finds claims
        column = QVBoxLayout(tab)
        self.instructions = self.headline(self.tr(
            "Отсканируйте номер заявки клиента или найдите её по заказу или телефону (F2). Нет заявки — F3."))
        column.addWidget(self.instructions)  # hidden while a claim is open: the form needs the room
        column.addLayout(search)
        column.addWidget(self.results_view)
        column.addWidget(self.form, 1)
        return tab

    # --- what the shell calls ------------------------------------------------------------------

    def focus_default(self) -> None:
        if self.tabs.currentIndex() == DISPATCH_TAB:
            self.dispatch.label.setFocus()  # a label typed by hand (a scanned one is routed by its kind)
        elif self.form.isEnabled():
            self.flow.focus_next()
        else:
            self.query.setFocus()

    def on_shown(self) -> None:
        self.dispatch.refresh()

    def handle_scan(self, scan: Scan) -> bool:
        """A claim number opens the claim on the intake tab; a service box label goes out in the dispatch."""
        if scan.kind is ScanKind.SERVICE_LABEL:
            self.show_dispatch()
            self.dispatch.scan_out(scan.value)
        elif scan.kind is ScanKind.CLAIM:
            self.tabs.setCurrentIndex(INTAKE_TAB)
            self.flow.open_claim(scan.value)
        else:
            return False
        return True

    # --- finding -------------------------------------------------------------------------------

    def _on_find(self) -> None:
        text = self.query.text().strip()
        if not text:
            self.feedback.show_error(self.tr("Что искать?"), self.tr(
                "Отсканируйте номер заявки или введите номер заказа, или телефон и фамилию клиента."))
            return
        self.tabs.setCurrentIndex(INTAKE_TAB)
        self.flow.find(text)

    def show_results(self, found: Sequence[Any], rows: Sequence[Sequence[str]]) -> None:
        """The claims found; the table shows only when there are some (the form keeps the room otherwise)."""
        self.results.set_rows(rows, payloads=[c.number for c in found])
        self.results_view.setVisible(bool(rows))

    def _on_result_chosen(self, index: QModelIndex) -> None:
        self.flow.open_claim(self.results.payload(index.row()))

    def clear(self) -> None:
        """Forget the customer: the search, the results and the form."""
        self.query.clear()
        self.show_results([], [])
        self.flow.reset()
        QTimer.singleShot(0, self.focus_default)

    def show_dispatch(self) -> None:
        self.tabs.setCurrentIndex(DISPATCH_TAB)

    def act_kind(self) -> DocumentKind:
        """F11 / Shift+F11: the intake act on the intake tab, the dispatch act on the dispatch tab."""
        return DocumentKind.SERVICE_DISPATCH_ACT if self.tabs.currentIndex() == DISPATCH_TAB else (
            DocumentKind.CLAIM_INTAKE_ACT)

    def print_act(self) -> None:
        print_last(self.ctx, self.act_kind())

    def _on_tab_changed(self, index: int) -> None:
        for tab, widget in ((INTAKE_TAB, self.intake), (DISPATCH_TAB, self.dispatch)):  # the tab out of view
            vertical = QSizePolicy.Policy.Preferred if tab == index else QSizePolicy.Policy.Ignored  # does not make
            widget.setSizePolicy(QSizePolicy.Policy.Preferred, vertical)  # the one in view taller
        if index == DISPATCH_TAB:
            self.dispatch.refresh()
        self.focus_default()
