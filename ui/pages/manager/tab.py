"""A tab of the manager's console: it loads its reports for the chosen period through the page's worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.services.base import Actor
from desktop.services.manager.report import Period, Report

if TYPE_CHECKING:
    from ui.pages.manager.console_page import ManagerPage


class ManagerTab(QWidget):
    """Subclasses set `title` (QT_TRANSLATE_NOOP("ManagerTabs", …)) and implement `load(actor, period)`.

    A new tab is one module plus one line in `ui.pages.manager.TAB_CLASSES`.
    """

    title: ClassVar[object] = ""

    def __init__(self, page: ManagerPage) -> None:
        super().__init__(page)
        self.page = page
        self.setObjectName(type(self).__name__)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 8, 0, 0)
        self.shown_reports: list[Report] = []  # what the tab shows now; the console's export writes these

    def show_reports(self, reports: list[Report]) -> None:
        """Remember what the tab shows (call after putting reports on screen) so the export writes the same."""
        self.shown_reports = list(reports)

    @classmethod
    def display_title(cls) -> str:
        return QCoreApplication.translate("ManagerTabs", str(cls.title))

    def load(self, actor: Actor, period: Period) -> None:
        """Fetch and show this tab's reports for `period` (called when shown and when the period changes)."""
        raise NotImplementedError

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """One service call off the GUI thread; failures end in the page's red banner."""
        self.page.run(fn, on_done)
