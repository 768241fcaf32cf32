"""The warranty page's service dispatch tab: accepted items waiting, a session that scans their labels out, the act.

Like the return session: F5 opens it, each service box label scanned goes out (a repeat changes nothing), F7 takes
the last one back, F8 closes it and prints the act for the carrier. A session left open (a crash, a restart) is
taken up again when the page is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from desktop.documents.claims import ServiceDispatchAct
from desktop.documents.model import Document
from desktop.services.warranty import ClaimView, DispatchScan, OpenDispatch, WarrantyService
from ui.hardware.wiring import documents_for
from ui.widgets.common import table_tab

if TYPE_CHECKING:
    from ui.pages.warranty_page import WarrantyPage


class DispatchTab(QWidget):
    """The session's table, the waiting list and the label field; the page's F5/F7/F8 call in here."""

    def __init__(self, page: WarrantyPage) -> None:
        super().__init__(page)
        self.page = page
        self.session_uid: str | None = None
        self.instructions = page.headline(self.tr("Отправка в сервис: F5 — начать, затем сканируйте этикетки коробок."))
        self.label = QLineEdit()
        self.label.setPlaceholderText(self.tr("этикетка коробки: отсканируйте"))
        self.label.returnPressed.connect(self._on_label_entered)
        self.tables = QTabWidget(self)
        claim, label, product, order = self.tr("Заявка"), self.tr("Этикетка"), self.tr("Товар"), self.tr("Заказ")
        self.waiting = table_tab(self.tables, [claim, label, product, order, self.tr("Принят")],
                                 self.tr("Ждут отправки"))
        self.scanned = table_tab(self.tables, [label, claim, product, order], self.tr("В этой отправке"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Этикетка:")))
        row.addWidget(self.label, 1)
        column = QVBoxLayout(self)
        column.addWidget(self.instructions)
        column.addLayout(row)
        column.addWidget(self.tables, 1)

    def add_actions(self) -> None:
        page = self.page
        page.add_action(self.tr("В сервис"), "F5", self._on_open)  # short texts: the page's F-keys fit two rows
        page.add_action(self.tr("Отменить"), "F7", self._on_undo)
        page.add_action(self.tr("Закрыть"), "F8", self._on_close)

    @property
    def service(self) -> WarrantyService:
        return self.page.ctx.services.warranty

    def refresh(self) -> None:
        """The waiting list and a session left open (resumed with its scans)."""
        actor, service = self.page.actor, self.service
        if actor is not None:
            self.page.run(lambda: (service.waiting_dispatch(actor), service.current_dispatch(actor)), self._on_lists)

    def _on_lists(self, lists: tuple[list[ClaimView], OpenDispatch | None]) -> None:
        waiting, still_open = lists
        zone = self.page.ctx.zone()
        self.waiting.set_rows([(c.number, c.label or "—", c.product, c.order,
                                c.accepted_at.astimezone(zone).strftime("%d.%m %H:%M") if c.accepted_at else "—")
                               for c in waiting])
        self.tables.setTabText(0, self.tr("Ждут отправки (%n)", "", len(waiting)))
        kept = [s for s in still_open.scans if not s.undone] if still_open is not None else []
        self.scanned.set_rows([(s.label, s.claim, s.product, s.order) for s in reversed(kept)], ["ok"] * len(kept))
        self.tables.setTabText(1, self.tr("В этой отправке (%n)", "", len(kept)))
        if still_open is not None and self.session_uid != still_open.uid:  # left open (a crash, a restart)
            self._opened(still_open.uid)
            self.page.show_dispatch()
            self.page.feedback.show_warning(self.tr("Продолжение отправки в сервис"), self.tr(
                "Отправка не была закрыта. В ней уже %n изделий. Продолжайте сканировать этикетки.", "", len(kept)))

    def _opened(self, uid: str) -> None:
        self.session_uid = uid
        self.tables.setCurrentIndex(1)
        self.instructions.setText(self.tr("Идёт отправка в сервис: сканируйте этикетки коробок. F7 — отменить "
                                      "последнюю, F8 — закрыть и напечатать акт."))
        QTimer.singleShot(0, self.label.setFocus)

    def _on_open(self) -> None:
        actor = self.page.require_actor()
        if actor is None:
            return
        self.page.show_dispatch()
        if self.session_uid is not None:
            self.page.feedback.show_info(self.tr("Отправка уже начата"), self.tr("Сканируйте этикетки коробок."))
            return
        service = self.service
        self.page.run(lambda: service.open_dispatch(actor), self._on_opened)

    def _on_opened(self, uid: str) -> None:
        self.scanned.set_rows([])
        self._opened(uid)
        self.page.feedback.show_ok(self.tr("Отправка в сервис начата"), self.tr("Сканируйте этикетки коробок."))

    def _on_label_entered(self) -> None:
        text = self.label.text().strip()
        self.label.clear()
        if text:
            self.scan_out(text)

    def scan_out(self, label: str) -> None:
        actor, uid = self.page.require_actor(), self.session_uid
        if actor is None:
            return
        if uid is None:
            self.page.feedback.show_warning(self.tr("Отправка не начата"), self.tr(
                "Нажмите F5, чтобы начать отправку в сервис, и отсканируйте этикетку снова."))
            return
        service = self.service
        self.page.run(lambda: service.scan_out(actor, uid, label), self._on_scanned)

    def _on_scanned(self, scan: DispatchScan) -> None:
        if scan.repeat:
            self.page.feedback.show_warning(self.tr("Повтор: {0}").format(scan.label),
                                            self.tr("Это изделие уже в отправке."))
            return
        self.page.feedback.show_ok(self.tr("В сервис: {0}").format(scan.claim), f"{scan.product}, {scan.order}")
        self.refresh()

    def _on_undo(self) -> None:
        actor, uid = self.page.require_actor(), self.session_uid
        if actor is None or uid is None:
            return
        service = self.service
        self.page.run(lambda: service.undo_last(actor, uid), self._on_undone)

    def _on_undone(self, scan: DispatchScan) -> None:
        self.page.feedback.show_warning(self.tr("Отменено: {0}").format(scan.claim), self.tr(
            "Изделие осталось на пункте и ждёт отправки."))
        self.refresh()

    def _on_close(self) -> None:
        actor, uid = self.page.require_actor(), self.session_uid
        if actor is None or uid is None:
            return
        service = self.service
        self.page.run(lambda: service.close_dispatch(actor, uid), self._on_closed)

    def _on_closed(self, closed: tuple[ServiceDispatchAct, Document]) -> None:
        data, act = closed
        count = len(data.lines)
        self.session_uid = None
        self.instructions.setText(self.tr("Отправка закрыта: %n изделий. Акт отправки сформирован.", "", count))
        documents = documents_for(self.page.ctx)
        printed = documents is not None and documents.print(act) is not None
        detail = self.tr("Акт напечатан: передайте его перевозчику вместе с коробками.") if printed else self.tr(
            "F11 — напечатать акт.")
        self.page.feedback.show_ok(self.tr("Отправка закрыта: %n изделий", "", count), detail)
        self.refresh()
