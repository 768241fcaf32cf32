"""The manager's console tabs: a new tab is one module plus one line here (the order is the tab order)."""

from __future__ import annotations

from ui.pages.manager.activity_tab import ActivityTab
from ui.pages.manager.arrivals_tab import ArrivalsTab
from ui.pages.manager.charts_tab import ChartsTab
from ui.pages.manager.exceptions_tab import ExceptionsTab
from ui.pages.manager.journal_tab import JournalTab
from ui.pages.manager.tab import ManagerTab
from ui.pages.manager.waiting_tab import WaitingTab

TAB_CLASSES: list[type[ManagerTab]] = [
    ArrivalsTab,
    WaitingTab,
    ExceptionsTab,
    ActivityTab,
    ChartsTab,
    JournalTab,
]
