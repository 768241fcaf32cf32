"""Several reports in one console tab: a sub-tab per report («Не разложены: 3»), an order row opens its card."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QWidget

from desktop.services.manager.report import Report, Row
from ui.pages.manager.report_view import ReportView, Zone
from ui.pages.manager.tab import ManagerTab
from ui.pages.orders_page import OrderCardDialog, open_order_card

if TYPE_CHECKING:
    from ui.pages.manager.console_page import ManagerPage

ORDER_NUMBER = re.compile(r"^\d{9}$")  # a row key that is an order number (others are session uids)


def is_order_number(key: str | None) -> bool:
    return bool(key) and ORDER_NUMBER.match(key or "") is not None


class ReportSections(QTabWidget):
    """One `ReportView` per section; `order_opened(number)` when a row about an order is activated."""

    order_opened = Signal(str)

    def __init__(self, zone: Zone, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = names
        self.views: list[ReportView] = []
        for name in names:
            view = ReportView(zone, self)
            view.opened.connect(self._on_opened)
            self.views.append(view)
            self.addTab(view, name)

    def show_reports(self, reports: list[Report]) -> None:
        """Put each report in its section; the section's title says how many rows it has."""
        for index, (view, report) in enumerate(zip(self.views, reports, strict=True)):
            view.show_report(report)
            self.setTabText(index, f"{self.names[index]}: {len(report.rows)}")

    def selected_row(self, section: int) -> Row | None:
        """The selected row of a section (None when nothing is selected there)."""
        view = self.views[section]
        chosen = view.selectionModel().selectedRows()
        return view.row_at(chosen[0].row()) if chosen else None

    def current_row(self) -> Row | None:
        return self.selected_row(self.currentIndex())

    def _on_opened(self, key: str) -> None:
        if is_order_number(key):
            self.order_opened.emit(key)


class SectionsTab(ManagerTab):
    """A console tab of several state-now reports in sections, with buttons under them acting on a selected row."""

    section_names: ClassVar[tuple[object, ...]] = ()  # QT_TRANSLATE_NOOP("ManagerSections", …) texts

    def __init__(self, page: ManagerPage) -> None:
        super().__init__(page)
        self.ctx = page.ctx
        names = [QCoreApplication.translate("ManagerSections", str(name)) for name in self.section_names]
        note = QLabel(QCoreApplication.translate(
            "ManagerSections", "Состояние на эту минуту (период не влияет). Enter — карточка заказа."))
        note.setWordWrap(True)
        self.sections = ReportSections(self.ctx.zone, names, self)
        self.sections.order_opened.connect(self.open_order)
        self.card: OrderCardDialog | None = None
        self.buttons = QHBoxLayout()
        self.add_button(QCoreApplication.translate("ManagerSections", "Открыть карточку заказа"), self._on_open_card)
        self.buttons.addStretch(1)
        self._layout.addWidget(note)
        self._layout.addWidget(self.sections, 1)
        self._layout.addLayout(self.buttons)

    def add_button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def on_loaded(self, reports: list[Report]) -> None:
        self.sections.show_reports(reports)
        self.show_reports(reports)

    def open_order(self, number: str) -> None:
        """The Orders page's card of this order, in a window over the console."""
        self.card = open_order_card(self.ctx, number, self)

    def chosen(self, section: int) -> Row | None:
        """The selected row of a section; a warning naming the section when none is selected."""
        row = self.sections.selected_row(section)
        if row is None:
            self.sections.setCurrentIndex(section)
            self.ctx.feedback.show_warning(
                QCoreApplication.translate("ManagerSections", "Строка не выбрана"),
                QCoreApplication.translate("ManagerSections", "Выберите строку в разделе «{0}».").format(
                    self.sections.names[section]))
        return row

    def act(self, fn: Callable[[], Any], title: str, detail: str = "") -> None:
        """One service call for the selected row; on success a green banner and the tab reloads."""
        self.run(fn, lambda _result: self._on_done(title, detail))

    def _on_done(self, title: str, detail: str) -> None:
        self.ctx.feedback.show_ok(title, detail)
        self.page.reload()

    def _on_open_card(self) -> None:
        row = self.sections.current_row()
        if row is not None and is_order_number(row.key):
            self.open_order(row.key or "")
            return
        self.ctx.feedback.show_warning(QCoreApplication.translate("ManagerSections", "Заказ не выбран"),
                                       QCoreApplication.translate("ManagerSections", "Выберите строку заказа."))
