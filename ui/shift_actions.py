"""Shift open/close from the Смена menu: one staff-service call each, the report shown and printed on close.

With a cash register the register's shift follows the app's; when it does not (the register was off), the app's
shift stays as done and the banner names the «Смена» menu entry that retries it on the register.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.fiscal.errors import ShiftRegisterError
from desktop.point_time import DAY_TIME, point_time
from protocol.money import rub
from ui.context import AppContext
from ui.hardware.wiring import documents_for
from ui.workers import Failure

if TYPE_CHECKING:  # the services' modules are imported when a shift is opened or closed, not at start
    from desktop.documents.model import Document
    from desktop.services.receiving import OpenReceiving
    from desktop.services.returns import PendingReturn
    from desktop.services.staff import OpenSessions, ShiftReport
    from desktop.services.warranty.model import PendingDispatch

    # what closing the shift must settle first: receiving, return and service dispatch sessions still open
    Pending = tuple[list[OpenReceiving], list[PendingReturn], list[PendingDispatch]]


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
        """Close the shift; receiving, return and service dispatch sessions still open are listed first and the clerk
        settles them."""
        actor = self.ctx.session.actor
        if actor is None:
            return
        services = self.ctx.services
        receiving, returns, warranty = services.receiving, services.returns, services.warranty

        def pending() -> Pending:
            return (receiving.pending_at_shift_close(actor), returns.pending_at_shift_close(actor),
                    warranty.pending_at_shift_close(actor))

        self.ctx.tasks.run(pending, self._on_pending, self._on_failed)

    def _on_pending(self, pending: Pending) -> None:
        from desktop.services.staff import OpenSessions

        receiving, returns, dispatches = pending
        anything = bool(receiving or returns or dispatches)
        choice = self.ask_about_open_sessions(receiving, returns, dispatches) if anything else None
        if anything and choice is None:
            self.ctx.feedback.show_warning(self.tr("Смена не закрыта"),
                                           self.tr("Приёмка, возврат или отправка в сервис остались открытыми."))
            return
        closing = [p.uid for p in receiving] if choice is OpenSessions.CLOSE else []
        others = len(returns) + len(dispatches) if choice is OpenSessions.CLOSE else 0
        self._close(choice, closing, others)

    def ask_about_open_sessions(self, pending: Sequence[OpenReceiving], returns: Sequence[PendingReturn] = (),
                                dispatches: Sequence[PendingDispatch] = ()) -> OpenSessions | None:
        """The dialog listing the open receiving, return and service dispatch sessions: close them with their acts,
        hand them over, or cancel (times on the point's clock)."""
        from desktop.services.staff import OpenSessions

        zone = self.ctx.zone()
        lines = [self.tr("{0} — начата {1}, {2}; принято коробок: {3}").format(
            p.shipment or self.tr("без накладной"), point_time(p.opened_at, zone, DAY_TIME),
            p.opened_by, p.counts.received + p.counts.other_shipment) for p in pending]
        lines += [self.tr("Возврат — начат {0}, {1}; коробок в возврате: {2}").format(
            point_time(r.opened_at, zone, DAY_TIME), r.opened_by, r.boxes) for r in returns]
        lines += [self.tr("Отправка в сервис — начата {0}, {1}; изделий: {2}").format(
            point_time(d.opened_at, zone, DAY_TIME), d.opened_by, d.items) for d in dispatches]
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Незаконченная приёмка, возврат или отправка в сервис"),
                          self.tr("Не закончены:") + "\n" + "\n".join(lines), parent=self._window)
        close = box.addButton(self.tr("Закрыть с актом"), QMessageBox.ButtonRole.AcceptRole)
        hand = box.addButton(self.tr("Передать следующей смене"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("Отмена"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(close)
        box.exec()
        clicked = box.clickedButton()
        return OpenSessions.CLOSE if clicked is close else OpenSessions.HAND_OVER if clicked is hand else None

    def _close(self, choice: OpenSessions | None, closing: list[str], returns_closed: int = 0) -> None:
        actor = self.ctx.session.actor
        if actor is None:
            return
        staff, receiving, with_report = self.ctx.services.staff, self.ctx.services.receiving, documents_for(self.ctx)

        def close() -> tuple[ShiftReport, Document | None, list[Document]]:
            from desktop.documents.builders import discrepancy_act, shift_report

            report = staff.close_shift(actor, choice)
            summaries = [s for s in (receiving.summary(uid) for uid in closing) if s is not None]
            acts = [discrepancy_act(s) for s in summaries]
            return report, shift_report(report) if with_report is not None else None, acts

        def closed(done: tuple[ShiftReport, Document | None, list[Document]]) -> None:
            self._on_closed(*done, returns_closed=returns_closed)

        self.ctx.tasks.run(close, closed, self._on_failed)

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

    def _on_closed(self, report: ShiftReport, document: Document | None = None, acts: list[Document] | None = None,
                   returns_closed: int = 0) -> None:
        actor = self.ctx.session.actor
        if actor is not None:
            from dataclasses import replace

            self.ctx.session.update(replace(actor, shift_id=None))
        text = report_text(self, report)
        if acts:
            text += " " + self.tr("Закрыто приёмок: {0}, акты сформированы.").format(len(acts))
        if returns_closed:
            text += " " + self.tr("Закрыто возвратов и отправок в сервис: {0}, их акты сформированы.").format(
                returns_closed)
        self.ctx.feedback.show_ok(self.tr("Смена закрыта"), text)
        documents = documents_for(self.ctx)
        for act in acts or ():
            if documents is not None:
                documents.print(act)
        if document is not None and documents is not None and documents.print(document) is not None:
            self.ctx.feedback.show_ok(self.tr("Смена закрыта"), text + " " + self.tr("Отчёт за смену напечатан."))
        self.shift_closed.emit(report)

    def _on_failed(self, failure: Failure) -> None:
        if isinstance(failure.error, ShiftRegisterError):
            self._register_did_not_follow(failure.error)
            return
        self.ctx.feedback.show_error(self.tr("Смена"), failure.message)

    def _register_did_not_follow(self, error: ShiftRegisterError) -> None:
        """The app's shift opened or closed (kept) but the register did not: say so, and how to retry it."""
        from desktop.documents.builders import shift_report
        from desktop.services.staff import ShiftReport

        if isinstance(error.result, ShiftReport):
            with_report = documents_for(self.ctx) is not None
            self._on_closed(error.result, shift_report(error.result) if with_report else None)
        else:
            self._on_opened(error.result)
        self.ctx.feedback.show_error(self.tr("Касса не выполнила команду"), str(error))


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
