"""«Ожидают»: boxes not placed, ready orders not collected, orders expiring, returns not finished (state now)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.services.base import Actor
from desktop.services.manager.report import Period
from ui.pages.manager.report_sections import SectionsTab


class WaitingTab(SectionsTab):
    """What waits too long, one section per report of `WaitingService`; an order row opens its card."""

    title = QT_TRANSLATE_NOOP("ManagerTabs", "Ожидают")
    section_names = (
        QT_TRANSLATE_NOOP("ManagerSections", "Не разложены"),
        QT_TRANSLATE_NOOP("ManagerSections", "Не получены"),
        QT_TRANSLATE_NOOP("ManagerSections", "Истекает срок"),
        QT_TRANSLATE_NOOP("ManagerSections", "К возврату"),
        QT_TRANSLATE_NOOP("ManagerSections", "Сессии возврата"),
    )

    def load(self, actor: Actor, period: Period) -> None:
        del period  # the state now: what waits does not depend on the chosen days
        service = self.ctx.services.waiting
        self.run(lambda: service.reports(actor), self.on_loaded)
