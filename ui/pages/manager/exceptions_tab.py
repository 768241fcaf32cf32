"""«Исключения»: locked orders (unlock), SMS not delivered (resend), refused events (reviewed), sessions left open.

Each action is the existing service's: `HandoverService.unlock` (manager role, journal «заказ разблокирован»),
`NotificationService.resend` (1 per 10 minutes, 3 per day), `ReviewService.mark_reviewed` (journal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel

from desktop.services.base import Actor
from desktop.services.manager.report import Period
from ui.pages.manager.report_sections import SectionsTab

if TYPE_CHECKING:
    from ui.pages.manager.console_page import ManagerPage

LOCKED, SMS, PROBLEMS, SESSIONS = range(4)


class ExceptionsTab(SectionsTab):
    """Exceptions, one section per report of `ExceptionsService`, with the action each one needs."""

    title = QT_TRANSLATE_NOOP("ManagerTabs", "Исключения")
    section_names = (
        QT_TRANSLATE_NOOP("ManagerSections", "Заблокированы"),
        QT_TRANSLATE_NOOP("ManagerSections", "SMS не доставлены"),
        QT_TRANSLATE_NOOP("ManagerSections", "Отклонено сервером"),
        QT_TRANSLATE_NOOP("ManagerSections", "Забытые сессии"),  # only sessions left open (rule: exceptions.py)
    )

    def __init__(self, page: ManagerPage) -> None:
        super().__init__(page)
        self.unlock_button = self.add_button(self.tr("Разблокировать"), self._on_unlock)
        self.resend_button = self.add_button(self.tr("Отправить SMS снова"), self._on_resend)
        self.reviewed_button = self.add_button(self.tr("Разобрано"), self._on_reviewed)
        self.sections.currentChanged.connect(self._show_buttons)
        self._show_buttons(self.sections.currentIndex())
        self.advice = QLabel(self)  # the selected refused event's reason and what to do, in full
        self.advice.setWordWrap(True)
        self._layout.insertWidget(self._layout.indexOf(self.sections) + 1, self.advice)
        self.sections.views[PROBLEMS].selectionModel().selectionChanged.connect(self._show_advice)

    def load(self, actor: Actor, period: Period) -> None:
        del period  # the state now
        service = self.ctx.services.exceptions
        self.run(lambda: service.reports(actor), self.on_loaded)

    def _show_buttons(self, section: int) -> None:
        """Each action under the section it is for."""
        self.unlock_button.setVisible(section == LOCKED)
        self.resend_button.setVisible(section == SMS)
        self.reviewed_button.setVisible(section == PROBLEMS)

    def _show_advice(self) -> None:
        row = self.sections.selected_row(PROBLEMS)
        self.advice.setText(self.tr("{0}. Что делать: {1}").format(row.values[4], row.values[5]) if row else "")

    def _on_unlock(self) -> None:
        row, actor = self.chosen(LOCKED), self.page.actor
        if row is None or actor is None or not row.key:
            return
        number, service = row.key, self.ctx.services.handover
        self.act(lambda: service.unlock(actor, number), self.tr("Заказ {0} разблокирован").format(number),
                 self.tr("Клиент может снова назвать код получения."))

    def _on_resend(self) -> None:
        row, actor = self.chosen(SMS), self.page.actor
        if row is None or actor is None or not row.key:
            return
        number, service = row.key, self.ctx.services.notification
        title = self.tr("SMS по заказу {0} поставлено в очередь").format(number)
        self.act(lambda: service.resend(actor, number), title, self.tr("Сообщение уйдёт при связи с сервером."))

    def _on_reviewed(self) -> None:
        row, actor = self.chosen(PROBLEMS), self.page.actor
        if row is None or actor is None:
            return
        event_id, service = str(row.values[-1]), self.ctx.services.review
        self.act(lambda: service.mark_reviewed(actor, "event", event_id), self.tr("Событие отмечено как разобранное"))
