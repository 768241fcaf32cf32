"""«Сотрудники»: what each staff member did per shift and over the period; a shift opens its report on screen."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from desktop.documents.builders import shift_report
from desktop.documents.model import Document, ShiftReport
from desktop.services.base import Actor
from desktop.services.manager.activity import ActivityReports
from desktop.services.manager.report import Period
from ui.hardware.preview import DocumentPreview, show_document
from ui.pages.manager.report_view import ReportView
from ui.pages.manager.tab import ManagerTab


class ActivityTab(ManagerTab):
    """Shifts of the period (Enter or double-click shows the shift's report) over the staff totals."""

    title = QT_TRANSLATE_NOOP("ManagerTabs", "Сотрудники")

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        super().__init__(page)
        zone = page.ctx.zone
        self.shifts = ReportView(zone, self)
        self.shifts.setObjectName("activityShifts")
        self.staff = ReportView(zone, self)
        self.staff.setObjectName("activityStaff")
        self.shifts.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # shifts in the order they were opened
        self.staff.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.preview: DocumentPreview | None = None
        self.loads = 0  # loads asked for; only the newest one's answer is shown
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        for label, view in ((self.tr("Смены (Enter — отчёт за смену)"), self.shifts),
                            (self.tr("Итого по сотрудникам за период"), self.staff)):
            box = QWidget(splitter)
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(QLabel(label, box))
            layout.addWidget(view, 1)
            splitter.addWidget(box)
        self._layout.addWidget(splitter, 1)
        self.shifts.opened.connect(self.open_shift)

    def load(self, actor: Actor, period: Period) -> None:
        service = self.page.ctx.services.activity
        self.loads += 1
        self.run(lambda: service.activity(actor, period), partial(self._show, n=self.loads))

    def _show(self, reports: ActivityReports, n: int) -> None:
        if n != self.loads:
            return  # an earlier period's answer came late: the newer one is on its way
        shifts, staff = reports.shifts, reports.staff
        for view, report in ((self.shifts, shifts), (self.staff, staff)):
            view.show_report(report)
        self.show_reports([shifts, staff])

    def open_shift(self, key: str) -> None:
        """Show the shift's report (the one printed at its close, or its figures so far) in a print preview."""
        actor = self.page.actor
        if actor is None:
            return
        service, zone = self.page.ctx.services.activity, self.page.ctx.zone()

        def fetch() -> Document:
            report: ShiftReport = service.shift_report(actor, int(key))
            return shift_report(report, zone)

        self.run(fetch, self._preview)

    def _preview(self, document: Document) -> None:
        self.preview = show_document(document, parent=self)
