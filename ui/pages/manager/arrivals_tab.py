"""«Приёмки» (manager console): every receiving session of the period; Enter opens its boxes and its act on screen.

The sessions table is the arrivals service's report (the act's own figures). Opening a row (Enter or
double-click) lists its boxes below; F7 (or the button) shows its discrepancy act in the print preview — any
closed session of the period, not only the one just closed; no printer needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from desktop.documents.model import Document
from desktop.services.base import Actor
from desktop.services.manager.report import Period, Report, Row
from ui.hardware.preview import DocumentPreview, close_previews, show_document
from ui.pages.manager.report_view import ReportView
from ui.pages.manager.tab import ManagerTab

if TYPE_CHECKING:
    from ui.pages.manager.console_page import ManagerPage

OPENED_COLUMN = 1
CLOSED_COLUMN = 2  # «Закрыта»: none while the session is open (no act yet)


class ArrivalsTab(ManagerTab):
    """The sessions of the period above, the opened session's boxes below, its act in a preview window."""

    title = QT_TRANSLATE_NOOP("ManagerTabs", "Приёмки")

    def __init__(self, page: ManagerPage) -> None:
        super().__init__(page)
        zone = self.page.ctx.zone
        self.sessions = ReportView(zone, self)
        self.sessions.setObjectName("arrivalsSessions")
        self.sessions.sortByColumn(OPENED_COLUMN, Qt.SortOrder.DescendingOrder)  # the newest session first
        self.boxes = ReportView(zone, self)
        self.boxes.setObjectName("arrivalsBoxes")
        self.boxes.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # in scan order
        self.caption = QLabel(self._hint(), self)
        self.caption.setWordWrap(True)
        self.act_button = QPushButton(self.tr("F7 Акт расхождений на экране"), self)
        self.act_button.setEnabled(False)
        self.act_button.clicked.connect(self.show_act)
        act = QAction(self.tr("Акт расхождений на экране"), self)
        act.setShortcut(QKeySequence("F7"))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(self.show_act)
        self.addAction(act)
        self._layout.addWidget(self._split(), 1)
        self.sessions.opened.connect(self.open_session)
        page.ctx.session.logged_out.connect(close_previews)  # the act does not stay up for the next person
        self.opened: str | None = None  # the session whose boxes are shown
        self.preview: DocumentPreview | None = None  # the act on screen
        self._report: Report | None = None
        self._boxes: Report | None = None

    def _split(self) -> QSplitter:
        """The sessions above; the opened session's title, the act button and its boxes below."""
        lower = QWidget(self)
        below = QVBoxLayout(lower)
        below.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.caption, 1)
        row.addWidget(self.act_button)
        below.addLayout(row)
        below.addWidget(self.boxes, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.sessions)
        split.addWidget(lower)
        return split

    def load(self, actor: Actor, period: Period) -> None:
        service = self.page.ctx.services.arrivals
        self.run(lambda: service.sessions(actor, period), self._show_sessions)

    def _show_sessions(self, report: Report) -> None:
        self._report = report
        self.sessions.show_report(report)
        if self.opened is not None and self._row_of(self.opened) is not None:
            self.open_session(self.opened)  # F5 / a new period: its boxes again (placements move on)
            return
        self.boxes.show_report(Report("", ()))  # the opened session is not in this period: nothing below
        self.caption.setText(self._hint())
        self._boxes = None
        self._show_boxes_of(None, None)

    def _hint(self) -> str:
        return self.tr("Откройте приёмку (Enter или двойной щелчок), чтобы увидеть её коробки.")

    def open_session(self, session_uid: str) -> None:
        """Enter / double-click on a session: its boxes below, the act button for a closed one."""
        actor = self.page.actor
        if actor is None:
            return
        service = self.page.ctx.services.arrivals
        self.run(lambda: service.boxes(actor, session_uid), lambda report: self._show_boxes_of(session_uid, report))

    def _show_boxes_of(self, session_uid: str | None, boxes: Report | None) -> None:
        self.opened = session_uid
        row = self._row_of(session_uid)
        self.act_button.setEnabled(row is not None and row.values[CLOSED_COLUMN] is not None)
        if boxes is not None:
            self._boxes = boxes
            self.boxes.show_report(boxes)
            self.caption.setText(boxes.title)
        shown = (self._report, self._boxes)
        self.show_reports([report for report in shown if report is not None])

    def _row_of(self, session_uid: str | None) -> Row | None:
        if session_uid is None or self._report is None:
            return None
        return next((row for row in self._report.rows if row.key == session_uid), None)

    def show_act(self) -> None:
        """F7: the opened session's discrepancy act in the print preview (printing optional)."""
        actor, session_uid = self.page.actor, self.opened
        if actor is None or session_uid is None:
            return
        service = self.page.ctx.services.arrivals
        self.run(lambda: service.act(actor, session_uid), self._preview)

    def _preview(self, document: Document) -> None:
        documents = self.page.ctx.documents
        if documents is not None:
            self.preview = documents.show(document)  # kept for «Печатать ещё раз», on the configured printer
        else:
            self.preview = show_document(document, "", self.window())
