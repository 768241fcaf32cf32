"""Sync and conflicts (manager): connection state, backlog, errors, and what the server refused or flagged."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel

from desktop.journal import ChainReport
from desktop.services.base import Role
from desktop.services.review import Backlog, Problem
from ui.context import AppContext
from ui.models import RowsModel
from ui.pages.base import Page
from ui.pages.manager.journal_tab import anchor_lost_text
from ui.pages.orders_page import local_time
from ui.pages.terms import alert_kind, event_problem
from ui.widgets.common import CounterTile, table_view
from ui.widgets.wrap_grid import WrapGrid


class SyncPage(Page):
    """The manager's view of the outbox and the server's verdicts; every problem can be closed after review."""

    title = QT_TRANSLATE_NOOP("PageTitles", "Синхронизация")
    shortcut = "Ctrl+F8"
    min_role = Role.MANAGER

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.state = QLabel("")
        self.state.setObjectName("pageHeadline")
        self.state.setWordWrap(True)
        grid = WrapGrid(self)  # more rows on a narrow screen, never a cut caption
        self.tiles = {key: CounterTile(caption, tone) for key, caption, tone in (
            ("pending", self.tr("Ждут отправки"), "warning"), ("applied", self.tr("Приняты"), "ok"),
            ("duplicate", self.tr("Повторы"), ""), ("rejected", self.tr("Отклонены"), "error"),
            ("conflict", self.tr("Конфликты"), "error"))}
        for tile in self.tiles.values():
            grid.add(tile)
        self.oldest_pending = QLabel("")
        self.oldest_pending.setWordWrap(True)
        self.problems = RowsModel([self.tr("Когда"), self.tr("Что"), self.tr("Заказ"), self.tr("Причина")], self)
        self.problems_view = table_view(self.problems, self)
        self._layout.addWidget(self.state)
        self._layout.addWidget(grid)
        self._layout.addWidget(self.oldest_pending)
        problems = QLabel(self.tr("Требует разбора (отклонённые события, конфликты, сигналы):"))
        problems.setWordWrap(True)
        self._layout.addWidget(problems)
        self._layout.addWidget(self.problems_view, 1)
        self.add_action(self.tr("Синхронизировать сейчас"), "F5", self._on_sync_now)
        self.add_action(self.tr("Разобрано"), "F8", self._on_reviewed)
        self.add_action(self.tr("Обновить"), "F7", self.on_shown)
        self.add_action(self.tr("Проверить журнал"), "F9", self._on_check_journal)
        self.finish_layout()

    def on_shown(self) -> None:
        actor = self.actor
        if actor is None:
            return
        self._show_status()
        service = self.ctx.services.review
        self.run(lambda: (service.backlog(), service.problems(actor)), self._on_loaded)

    def _show_status(self) -> None:
        sync = self.ctx.sync
        if sync is None:
            self.state.setText(self.tr("Синхронизация выключена: сервер не настроен."))
            return
        status = sync.status()
        online = {True: self.tr("на связи"), False: self.tr("нет связи"), None: self.tr("ещё не подключались")}
        text = self.tr("Сервер: {0}. Последняя успешная синхронизация: {1}.").format(
            online[status.online], local_time(status.last_success_at, self.ctx.zone()))
        if status.last_error:
            text += " " + self.tr("Ошибка: {0}").format(status.last_error)
            if not status.syncing:
                text += " " + self.tr("Следующая попытка через {0} с.").format(round(status.next_delay_s))
        if status.upgrade_required:
            text += " " + self.tr("Нужно обновить программу; работа продолжается офлайн, очередь сохранена.")
        if status.reenrol_needed:
            text += " " + self.tr("Компьютер нужно зарегистрировать заново (код регистрации у администратора).")
        self.state.setText(text)

    def _on_loaded(self, loaded: tuple[Backlog, list[Problem]]) -> None:
        backlog, problems = loaded
        zone = self.ctx.zone()
        counts = {"pending": backlog.pending, "applied": backlog.applied, "duplicate": backlog.duplicate,
                  "rejected": backlog.rejected, "conflict": backlog.conflict}
        for key, tile in self.tiles.items():
            tile.set_value(counts[key])
        oldest = backlog.oldest_pending_at
        self.oldest_pending.setText(
            self.tr("Самое старое неотправленное событие: {0}.").format(local_time(oldest, zone)) if oldest else ""
        )
        self.problems.set_rows([(local_time(p.at, zone), _what(p), p.order or "—", p.reason) for p in problems],
                               ["error" if p.kind == "event" else "warning" for p in problems], problems)

    def _on_sync_now(self) -> None:
        if self.ctx.sync is None:
            self.feedback.show_warning(self.tr("Сервер не настроен"), self.tr("Синхронизировать не с чем."))
            return
        self.ctx.sync.trigger()
        self.feedback.show_info(self.tr("Синхронизация запущена"), self.tr("Статус обновится через несколько секунд."))

    def _on_reviewed(self) -> None:
        actor = self.require_actor()
        index = self.problems_view.currentIndex()
        if actor is None or not index.isValid():
            self.feedback.show_warning(self.tr("Ничего не выбрано"), self.tr("Выберите строку в списке."))
            return
        problem: Problem = self.problems.payload(index.row())
        service = self.ctx.services.review
        self.run(lambda: service.mark_reviewed(actor, problem.kind, problem.key), lambda _: self._on_closed())

    def _on_closed(self) -> None:
        self.feedback.show_ok(self.tr("Отмечено как разобранное"), "")
        self.on_shown()

    def _on_check_journal(self) -> None:
        actor = self.require_actor()
        if actor is None:
            return
        service = self.ctx.services.journal
        self.run(lambda: service.verify(actor), self._on_journal_checked)

    def _on_journal_checked(self, report: ChainReport) -> None:
        if report.anchor_lost is not None and report.first_broken_id is None:
            self.feedback.show_error(self.tr("Журнал повреждён"), anchor_lost_text(report.anchor_lost, self.ctx.zone()))
            return
        if report.ok:
            self.feedback.show_ok(self.tr("Журнал цел: %n записей", "", report.checked),
                                  self.tr("Ни одна запись не изменена и не удалена."))
            return
        if report.reason == "link":
            what = self.tr("Перед записью №{0} запись удалена или вставлена.")
        else:
            what = self.tr("Запись №{0} изменена после того, как была сделана.")
        self.feedback.show_error(
            self.tr("Журнал повреждён"),
            what.format(report.first_broken_id) + " "
            + self.tr("Записей до неё проверено: {0}. Сообщите администратору.").format(report.checked),
        )


def _what(problem: Problem) -> str:
    """The "what" column in the manager's words (an event type and verdict, or an alert kind)."""
    return event_problem(problem.what, problem.outcome) if problem.kind == "event" else alert_kind(problem.what)
