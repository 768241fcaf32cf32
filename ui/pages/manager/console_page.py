"""The store manager's console (manager role): a period picker over tabs of reports from the local cache."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QTabWidget

from desktop.services.base import Role
from desktop.services.manager.report import Period
from ui.context import AppContext
from ui.pages.base import Page
from ui.pages.manager import TAB_CLASSES
from ui.pages.manager.period_picker import PeriodPicker
from ui.pages.manager.tab import ManagerTab


class ManagerPage(Page):
    """Tabs from `ui.pages.manager.TAB_CLASSES`; the current tab reloads when shown or the period changes."""

    title = QT_TRANSLATE_NOOP("PageTitles", "Менеджер")
    shortcut = "Ctrl+F9"
    min_role = Role.MANAGER

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.picker = PeriodPicker(ctx.zone, self)
        self.tabs = QTabWidget(self)
        self.tab_pages: list[ManagerTab] = [cls(self) for cls in TAB_CLASSES]
        for tab in self.tab_pages:
            self.tabs.addTab(tab, tab.display_title())
        self._layout.addWidget(self.picker)
        self._layout.addWidget(self.tabs, 1)
        self.picker.changed.connect(lambda _period: self.reload())
        self.tabs.currentChanged.connect(lambda _index: self.reload())
        self.add_action(self.tr("Обновить"), "F5", self.reload)
        self.finish_layout()

    @property
    def period(self) -> Period:
        return self.picker.period()

    def current_tab(self) -> ManagerTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, ManagerTab) else None

    def on_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Load the current tab for the chosen period (as the logged-in manager)."""
        tab, actor = self.current_tab(), self.actor
        if tab is not None and actor is not None:
            tab.load(actor, self.period)

    def show_tab(self, cls: type[ManagerTab]) -> ManagerTab:
        """Make the tab of class `cls` current (and load it); returns it."""
        tab = next(t for t in self.tab_pages if isinstance(t, cls))
        self.tabs.setCurrentWidget(tab)
        return tab
