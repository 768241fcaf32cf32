"""Shift open/close from the Смена menu: one staff-service call each, the report shown and printed on close."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.documents.builders import shift_report
from desktop.documents.model import Document
from desktop.services.staff import ShiftReport
from protocol.money import rub
from ui.context import AppContext
from ui.hardware.wiring import documents_for
from ui.workers import Failure


class ShiftActions(QObject):
    """Opens and closes the logged-in staff member's shift."""

    shift_opened = Signal()
    shift_closed = Signal(object)  # ShiftReport

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self._window = window

    def open_shift(self) -> None:
        actor = self.ctx.session.actor
        if actor is None:
            return
        staff = self.ctx.services.staff
        self.ctx.tasks.run(lambda: staff.open_shift(actor), self._on_opened, self._on_failed)

    def close_shift(self) -> None:
        actor = self.ctx.session.actor
        if actor is None:
            return
        staff, with_report = self.ctx.services.staff, documents_for(self.ctx) is not None

        def close() -> tuple[ShiftReport, Document | None]:
            report = staff.close_shift(actor)
            return report, shift_report(report) if with_report else None

        self.ctx.tasks.run(close, lambda done: self._on_closed(*done), self._on_failed)

    def offer_to_open(self) -> None:
        """Right after login without an open shift: Enter opens it, Esc leaves it closed."""
        answer = QMessageBox.question(
            self._window,
            self.tr("Смена"),
            self.tr("Смена не открыта. Открыть смену сейчас?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.open_shift()

    def _on_opened(self, actor: object) -> None:
        self.ctx.session.update(actor)  # type: ignore[arg-type]
        self.ctx.feedback.show_ok(self.tr("Смена открыта"), self.tr("Хорошей работы!"))
        self.shift_opened.emit()

    def _on_closed(self, report: ShiftReport, document: Document | None = None) -> None:
        actor = self.ctx.session.actor
        if actor is not None:
            from dataclasses import replace

            self.ctx.session.update(replace(actor, shift_id=None))
        text = report_text(self, report)
        self.ctx.feedback.show_ok(self.tr("Смена закрыта"), text)
        documents = documents_for(self.ctx)
        if document is not None and documents is not None and documents.print(document) is not None:
            self.ctx.feedback.show_ok(self.tr("Смена закрыта"), text + " " + self.tr("Отчёт за смену напечатан."))
        self.shift_closed.emit(report)

    def _on_failed(self, failure: Failure) -> None:
        self.ctx.feedback.show_error(self.tr("Смена"), failure.message)


def report_text(owner: QObject, report: ShiftReport) -> str:
    return owner.tr(
        "Принято коробок: {0}; выдано заказов: {1}; наличные: {2}; карта: {3}; "
        "активировано карт: {4}; возвращено коробок: {5}."
    ).format(
        report.boxes_received,
        report.orders_handed_over,
        rub(report.cash_kopecks),
        rub(report.card_kopecks),
        report.cards_activated,
        report.boxes_returned,
    )
