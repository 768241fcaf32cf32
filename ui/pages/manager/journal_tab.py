"""The console's «Журнал» tab: the period's journal, the check of the hash chain and its server anchor, CSV export.

The check names the first broken entry plainly (number, time, who, what) and, when the server holds a newer head
than this PC's journal still has, says the newest entries were deleted. The CSV (for matching against CCTV) is
the console's export of this tab's table: times in the point's zone, the staff member in every row.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from desktop.journal import ChainReport, JournalHead
from desktop.point_time import DATE_TIME, point_time
from desktop.services.base import Actor
from desktop.services.manager.journal_report import JournalCheck, JournalEntryLine
from desktop.services.manager.report import Period, Report
from desktop.translatable import translate
from ui.pages.manager.report_view import ReportView
from ui.pages.manager.tab import ManagerTab

if TYPE_CHECKING:
    from ui.pages.manager.console_page import ManagerPage

SECONDS = "%d.%m.%Y %H:%M:%S"


def anchor_lost_text(head: JournalHead, zone: tzinfo) -> str:
    """The deleted-newest-entries verdict: which entry the server holds and since when."""
    return translate(
        "ManagerJournal",
        "Удалены последние записи журнала: на сервере закреплена запись №{0} от {1} (закреплена {2}), "
        "а в журнале этого компьютера её больше нет.",
    ).format(head.sequence, point_time(head.last_at, zone, SECONDS), point_time(head.anchored_at, zone, DATE_TIME))


def broken_text(chain: ChainReport, line: JournalEntryLine | None, zone: tzinfo) -> str:
    """The first broken link in words: its number, when, who and what."""
    if chain.reason == "link":
        text = translate("ManagerJournal", "Перед записью №{0} запись удалена или вставлена.")
    else:
        text = translate("ManagerJournal", "Запись №{0} изменена после того, как была сделана.")
    text = text.format(chain.first_broken_id)
    if line is not None:
        who = line.staff or translate("ManagerJournal", "система")
        text += " " + translate("ManagerJournal", "Запись №{0}: {1}, {2}, «{3}», {4}.").format(
            line.number, point_time(line.at, zone, SECONDS), who, line.action, line.subject)
    return text


def chain_verdict(chain: ChainReport, line: JournalEntryLine | None, zone: tzinfo) -> tuple[bool, str, str]:
    """(intact?, title, text) of a journal check, as the tab and the Sync page show it."""
    if chain.ok:
        return (True, translate("ManagerJournal", "Журнал цел"),
                translate("ManagerJournal", "Проверено %n записей — изменений и удалений нет.", n=chain.checked))
    parts = []
    if chain.first_broken_id is not None:
        parts.append(broken_text(chain, line, zone))
    if chain.anchor_lost is not None:
        parts.append(anchor_lost_text(chain.anchor_lost, zone))
    parts.append(translate("ManagerJournal", "Сообщите администратору."))
    return False, translate("ManagerJournal", "Журнал повреждён"), " ".join(parts)


class JournalTab(ManagerTab):
    """The period's journal entries; «Проверить журнал» checks the whole chain; the console's F6 exports."""

    title = QT_TRANSLATE_NOOP("ManagerTabs", "Журнал")

    def __init__(self, page: ManagerPage) -> None:
        super().__init__(page)
        bar = QHBoxLayout()
        self.check_button = QPushButton(self.tr("Проверить журнал"), self)
        self.check_button.clicked.connect(self.check)
        self.export_button = QPushButton(self.tr("Журнал в CSV для сверки с камерами…"), self)
        self.export_button.clicked.connect(lambda: self.page.export_current(csv_only=True))
        bar.addWidget(self.check_button)
        bar.addWidget(self.export_button)
        bar.addStretch(1)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("journalVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.view = ReportView(page.ctx.zone, self)
        self._layout.addLayout(bar)
        self._layout.addWidget(self.verdict)
        self._layout.addWidget(self.view, 1)
        self.last_check: JournalCheck | None = None

    def load(self, actor: Actor, period: Period) -> None:
        service = self.page.ctx.services.journal_report
        self.run(lambda: service.entries(actor, period), self._on_loaded)

    def _on_loaded(self, report: Report) -> None:
        self._show(report)

    def _show(self, report: Report) -> None:
        broken = self.last_check.chain.first_broken_id if self.last_check else None
        if broken is not None:
            rows = tuple(replace(row, tone="error") if row.values[0] == broken else row for row in report.rows)
            report = replace(report, rows=rows)
        self.view.show_report(report)
        self.show_reports([report])

    def check(self) -> None:
        """Verify the whole journal (chain and anchor) and say what is broken, if anything."""
        actor = self.page.require_actor()
        if actor is None:
            return
        service = self.page.ctx.services.journal_report
        self.run(lambda: service.check(actor), self._on_checked)

    def _on_checked(self, check: JournalCheck) -> None:
        self.last_check = check
        ok, title, text = chain_verdict(check.chain, check.broken, self.page.ctx.zone())
        self.verdict.setText(f"{title}. {text}")
        self.verdict.setProperty("tone", "ok" if ok else "error")
        self.verdict.setStyleSheet("" if ok else "color: #b00020;")
        if self.shown_reports:
            self._show(self.shown_reports[0])
