"""The manager's console tabs: a new tab is one module plus one line here (the order is the tab order)."""

from __future__ import annotations

from ui.pages.manager.journal_tab import JournalTab
from ui.pages.manager.tab import ManagerTab

TAB_CLASSES: list[type[ManagerTab]] = [JournalTab]
