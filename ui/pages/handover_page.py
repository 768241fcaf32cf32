"""Handover (выдача): find the order, verify, documents, cell in big type, scan boxes, refusals, payment, confirm."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from desktop.documents.adapters import receipt_from_handover
from desktop.documents.builders import handover_receipt
from desktop.documents.model import Document, DocumentKind
from desktop.scan_routing import Scan, ScanKind
from desktop.services.handover import (
    ID_DOCUMENT_TYPES,
    REFUSAL_REASONS,
    HandoverResult,
    HandoverState,
)
from desktop.services.orders import OrderSummary
from protocol.money import rub
from ui.context import AppContext
from ui.dialogs import ask_id_document, ask_payment, ask_refusal, ask_text
from ui.hardware.wiring import documents_for, point_info, print_last
from ui.models import RowsModel
from ui.pages.base import Page
from ui.widgets.common import table_view
from ui.workers import Failure


class HandoverPage(Page):
    """A guided flow over one handover; each key or scan is one service call, the state is re-rendered."""

    title = QT_TRANSLATE_NOOP("PageTitles", "Выдача")
    shortcut = "Ctrl+F2"
    scan_kinds = frozenset({ScanKind.ORDER_NUMBER, ScanKind.PICKUP_TOKEN, ScanKind.PICKUP_CODE, ScanKind.BOX})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.state: HandoverState | None = None
        self.found: list[OrderSummary] = []
        self._build_search()
        self._build_body()
        self.add_action(self.tr("Найти"), "F2", self._on_find)
        self.add_action(self.tr("Документ"), "F6", self._on_id_document)
        self.add_action(self.tr("Доверенн."), "F7", self._on_power_of_attorney)
        self.add_action(self.tr("Отказ"), "F8", self._on_refuse)
        self.add_action(self.tr("Оплата"), "F9", self._on_pay)
        self.add_action(self.tr("Выдать"), "F10", self._on_complete)
        self.add_action(self.tr("Чек"), "F11", self.print_receipt)
        self.add_action(self.tr("Прервать"), "F12", self._on_abort)
        self.finish_layout()
        self._render()

    # --- layout -----------------------------------------------------------------------------------

    def _build_search(self) -> None:
        row = QHBoxLayout()
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("номер заказа или код из SMS (6 цифр)"))
        self.query.returnPressed.connect(self._on_find)
        self.last4 = QLineEdit()
        self.last4.setPlaceholderText(self.tr("тел.: 4 цифры"))
        self.last4.setMaxLength(4)
        self.last4.setFixedWidth(170)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("фамилия"))
        self.name.returnPressed.connect(self._on_find)
        for widget, stretch in ((self.query, 3), (self.last4, 0), (self.name, 2)):
            row.addWidget(widget, stretch)
        self._layout.addLayout(row)

    def _build_body(self) -> None:
        grid = QGridLayout()
        left = QVBoxLayout()
        self.headline = QLabel()
        self.headline.setObjectName("pageHeadline")
        self.headline.setWordWrap(True)
        self.customer = QLabel()
        self.customer.setWordWrap(True)
        self.steps = QLabel()
        self.steps.setObjectName("stepLabel")
        self.steps.setWordWrap(True)
        self.attempts = QLabel()
        self.attempts.setWordWrap(True)
        for widget in (self.headline, self.customer, self.steps, self.attempts):
            left.addWidget(widget)
        left.addStretch(1)
        right = QVBoxLayout()
        caption = QLabel(self.tr("Ячейка:"))
        caption.setObjectName("stepLabel")
        self.cell = self.big_label("—")
        self.due = self.big_label("", "bigHint")
        right.addWidget(caption)
        right.addWidget(self.cell)
        right.addWidget(self.due)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self._layout.addLayout(grid)
        self.boxes = RowsModel([self.tr("Коробка"), self.tr("Место"), self.tr("Ячейка"), "✔"],
                               self)
        self.lines = RowsModel([self.tr("Товар"), self.tr("Кол-во"), self.tr("Цена"), self.tr("Отказ")], self)
        self.lines_view = table_view(self.lines, self)
        tables = QHBoxLayout()
        tables.addWidget(table_view(self.boxes, self), 2)
        tables.addWidget(self.lines_view, 3)
        self._layout.addLayout(tables, 1)

    def focus_default(self) -> None:
        self.query.setFocus()

    def on_shown(self) -> None:
        """After a restart or a lock, pick up an unfinished handover instead of losing it."""
        if self.state is None and not self.busy and self.actor is not None:
            service = self.ctx.services.handover
            self.run(service.in_progress, self._on_unfinished_found, lambda _f: None)

    def _on_unfinished_found(self, unfinished: list[HandoverState]) -> None:
        if self.state is not None or not unfinished:
            return
        self.state = unfinished[0]
        self._render()
        others = len(unfinished) - 1
        detail = self._next_step_text()
        if others:
            detail += " " + self.tr("Ещё незавершённых выдач: {0}.").format(others)
        self.feedback.show_warning(self.tr("Продолжение выдачи заказа {0}").format(self.state.order_number), detail)

    # --- finding the order ---------------------------------------------------------------------

    def handle_scan(self, scan: Scan) -> bool:
        if scan.kind is ScanKind.BOX:
            if self.state is None:
                return False
            self._scan_box(scan.value)
        elif scan.kind is ScanKind.PICKUP_TOKEN:
            self._by_qr(scan.value)
        elif scan.kind is ScanKind.PICKUP_CODE:
            self._by_code(scan.value)
        elif scan.kind is ScanKind.ORDER_NUMBER:
            self.start(scan.value)
        else:
            return False
        return True

    def _on_find(self) -> None:
        text = self.query.text().strip()
        self.query.clear()
        if self.last4.text().strip() or self.name.text().strip():
            self._by_phone(self.last4.text(), self.name.text())
        elif len(text) == 6 and text.isdigit():
            self._by_code(text)
        elif text:
            self.start(text)
        else:
            self.feedback.show_error(self.tr("Что искать?"), self.tr(
                "Отсканируйте QR-код или номер заказа, введите код из SMS или 4 цифры телефона и фамилию."))

    def start(self, order_number: str) -> None:
        actor = self.require_actor()
        if actor is None:
            return
        service = self.ctx.services.handover
        self.run(lambda: service.start(actor, order_number), self._on_started)

    def _by_code(self, code: str) -> None:
        """A typed/scanned pickup code: with a handover open it verifies; otherwise it finds the order."""
        actor = self.require_actor()
        if actor is None:
            return
        handover, orders = self.ctx.services.handover, self.ctx.services.orders
        if self.state is not None and self.state.verified_by is None:
            uid = self.state.uid
            self.run(lambda: handover.verify_code(actor, uid, code), self._on_verified, self._on_verify_failed)
            return

        def find_and_verify() -> HandoverState | list[OrderSummary]:
            found = orders.by_pickup_code(code)
            if len(found) != 1:
                return found
            state = handover.start(actor, found[0].number)
            return handover.verify_code(actor, state.uid, code)

        self.run(find_and_verify, self._on_found_or_verified, self._on_verify_failed)

    def _by_qr(self, token: str) -> None:
        """The QR from the customer's app: verifies the open handover, or starts a verified one in one step."""
        actor = self.require_actor()
        if actor is None:
            return
        handover = self.ctx.services.handover
        if self.state is not None and self.state.verified_by is None:
            uid = self.state.uid
            self.run(lambda: handover.verify_qr(actor, uid, token), self._on_verified, self._on_verify_failed)
            return
        self.run(lambda: handover.start_with_qr(actor, token), self._on_verified, self._on_verify_failed)

    def _by_phone(self, last4: str, name: str) -> None:
        orders = self.ctx.services.orders
        self.run(lambda: orders.by_phone_and_name(last4, name), self._on_found_or_verified)

    def _on_found_or_verified(self, result: HandoverState | list[OrderSummary]) -> None:
        if isinstance(result, HandoverState):
            self._on_verified(result)
            return
        ready = [o for o in result if o.status == "ready"]
        if len(ready) == 1:
            self.last4.clear()
            self.name.clear()
            self.start(ready[0].number)
            return
        self.found = result
        if not result:
            self.feedback.show_error(self.tr("Заказ не найден"), self.tr(
                "Проверьте данные. Можно отсканировать QR-код из приложения или номер заказа."))
            return
        numbers = ", ".join(f"{o.number} ({o.customer_name}, {o.status})" for o in result[:5])
        self.feedback.show_warning(self.tr("Найдено несколько заказов"),
                                   self.tr("Отсканируйте или введите номер нужного: {0}").format(numbers))

    def _on_started(self, state: HandoverState) -> None:
        self.state = state
        self._render()
        if state.verified_by is None:
            self.feedback.show_info(self.tr("Заказ {0}").format(state.order_number), self.tr(
                "Попросите код из SMS (введите и нажмите Enter) или отсканируйте QR-код из приложения."))
            self.query.setFocus()
        else:
            self._announce_next_step()

    # --- verification --------------------------------------------------------------------------

    def _on_verified(self, state: HandoverState) -> None:
        self.state = state
        self._render()
        how = self.tr("по QR-коду") if state.verified_by == "qr" else self.tr("по коду из SMS")
        self.feedback.show_ok(self.tr("Код верный"), self.tr("Клиент подтверждён {0}. {1}").format(
            how, self._next_step_text()))

    def _on_verify_failed(self, failure: Failure) -> None:
        code = getattr(failure.error, "code", "")
        if self.state is not None:
            self._refresh_state()
        if code == "handover.order_locked" or (code == "handover.wrong_code" and "0" == str(
                getattr(failure.error, "params", {}).get("attempts_left"))):
            self.feedback.show_error(self.tr("ЗАКАЗ ЗАБЛОКИРОВАН"), failure.message)
        elif code == "handover.wrong_code":
            self.feedback.show_error(self.tr("Неверный код"), failure.message)
        else:
            self.show_failure(failure)

    def _refresh_state(self) -> None:
        if self.state is None:
            return
        service, uid = self.ctx.services.handover, self.state.uid
        self.run(lambda: service.state(uid), self._on_state_refreshed, lambda _f: None)

    def _on_state_refreshed(self, state: HandoverState) -> None:
        self.state = state
        self._render()

    # --- documents -----------------------------------------------------------------------------

    def _on_id_document(self) -> None:
        if self._need_state():
            answer = ask_id_document(self, ID_DOCUMENT_TYPES)
            if answer is not None:
                self.record_id_document(*answer)

    def record_id_document(self, doc_type: str, last4: str) -> None:
        actor, uid, service = self.actor, self._uid(), self.ctx.services.handover
        self.run(lambda: service.record_id_document(actor, uid, doc_type, last4), self._on_step_done)

    def _on_power_of_attorney(self) -> None:
        if self._need_state():
            number = ask_text(self, self.tr("Доверенность"), self.tr("Номер доверенности:"))
            if number is not None:
                actor, uid, service = self.actor, self._uid(), self.ctx.services.handover
                self.run(lambda: service.record_power_of_attorney(actor, uid, number), self._on_step_done)

    # --- boxes, refusals, payment --------------------------------------------------------------

    def _scan_box(self, barcode: str) -> None:
        actor, uid, service = self.actor, self._uid(), self.ctx.services.handover
        self.run(lambda: service.scan_box(actor, uid, barcode), self._on_box_scanned)

    def _on_box_scanned(self, result: Any) -> None:
        self.state = result.state
        self._render()
        if result.repeat:
            self.feedback.show_warning(self.tr("Повтор"), self.tr("Коробка {0} уже отсканирована.").format(
                result.barcode))
        else:
            self.feedback.show_ok(self.tr("Коробка есть"), self._next_step_text())

    def _on_refuse(self) -> None:
        if not self._need_state():
            return
        assert self.state is not None
        rows = self.lines_view.selectionModel().selectedRows()
        line = self.state.lines[rows[0].row() if rows else 0]
        answer = ask_refusal(self, f"{line.name} ({line.quantity} шт.)", line.quantity, REFUSAL_REASONS)
        if answer is not None:
            self.refuse(line.id, *answer)

    def refuse(self, line_id: int, quantity: int, reason: str, note: str = "") -> None:
        actor, uid, service = self.actor, self._uid(), self.ctx.services.handover
        self.run(lambda: service.refuse_line(actor, uid, line_id, quantity, reason, note), self._on_step_done)

    def _on_pay(self) -> None:
        if self._need_state():
            assert self.state is not None
            answer = ask_payment(self, self.state.due_kopecks)
            if answer is not None:
                self.pay(*answer)

    def pay(self, method: str, tendered_kopecks: int) -> None:
        actor, uid, service = self.actor, self._uid(), self.ctx.services.handover
        self.run(lambda: service.pay(actor, uid, method, tendered_kopecks), self._on_paid)

    def _on_paid(self, state: HandoverState) -> None:
        self.state = state
        self._render()
        payment = state.payment
        change = payment.change_kopecks if payment else 0
        title = self.tr("СДАЧА {0}").format(rub(change)) if change else self.tr("Оплата принята")
        self.feedback.show_ok(title, self._next_step_text())

    def _on_step_done(self, state: HandoverState) -> None:
        self.state = state
        self._render()
        self.feedback.show_ok(self.tr("Записано"), self._next_step_text())

    # --- completion ----------------------------------------------------------------------------

    def _on_complete(self) -> None:
        if self._need_state():
            actor, uid, service = self.actor, self._uid(), self.ctx.services.handover
            before = self.state  # the result carries no lines: the receipt is built from this state
            with_receipt, db = documents_for(self.ctx) is not None, self.ctx.db

            def complete() -> tuple[HandoverResult, Document | None]:
                result = service.complete(actor, uid)
                if not with_receipt or before is None or actor is None:
                    return result, None
                data = receipt_from_handover(before, result, actor.full_name, service.clock(), point_info(db))
                return result, handover_receipt(data)

            self.run(complete, lambda done: self._on_completed(*done))

    def _on_completed(self, result: HandoverResult, receipt: Document | None = None) -> None:
        self.state = None
        self._render()
        detail = self.tr("Выдано на {0}.").format(rub(result.handed_kopecks))
        if result.refused_kopecks:
            detail += " " + self.tr("Отказ на {0}.").format(rub(result.refused_kopecks))
        if result.bonus_points:
            detail += " " + self.tr("Начислено баллов: {0}.").format(result.bonus_points)
        documents = documents_for(self.ctx)
        auto = receipt is not None and documents is not None and documents.auto_receipt
        if receipt is not None and documents is not None and not auto:
            documents.offer(receipt)
            detail += " " + self.tr("F11 — напечатать квитанцию.")
        titles = {"handed_over": self.tr("Заказ {0} выдан"), "partially_handed_over": self.tr(
            "Заказ {0} выдан частично"), "refused": self.tr("Отказ от заказа {0}")}
        self.feedback.show_ok(titles.get(result.result, "{0}").format(result.order_number), detail)
        if auto and documents is not None and receipt is not None and documents.print(receipt) is not None:
            self.feedback.show_ok(titles.get(result.result, "{0}").format(result.order_number),
                                  detail + " " + self.tr("Квитанция напечатана."))

    def print_receipt(self) -> None:
        """F11: print the last handover receipt (again)."""
        print_last(self.ctx, DocumentKind.HANDOVER_RECEIPT)

    def _on_abort(self) -> None:
        if self.state is None:
            return
        actor, uid, service = self.actor, self.state.uid, self.ctx.services.handover
        self.run(lambda: service.abort(actor, uid), self._on_aborted)

    def _on_aborted(self, _result: object) -> None:
        number = self.state.order_number if self.state else ""
        self.state = None
        self._render()
        self.feedback.show_warning(self.tr("Выдача прервана"), self.tr("Заказ {0} остаётся в ячейке.").format(number))

    # --- rendering -----------------------------------------------------------------------------

    def _need_state(self) -> bool:
        if self.state is None:
            self.feedback.show_error(self.tr("Нет заказа"), self.tr("Сначала найдите заказ."))
            return False
        return True

    def _uid(self) -> str:
        assert self.state is not None
        return self.state.uid

    def _announce_next_step(self) -> None:
        self.feedback.show_info(self.tr("Следующий шаг"), self._next_step_text())

    def _next_step_text(self) -> str:
        if self.state is None:
            return ""
        steps = self.state.missing_steps
        if not steps:
            return self.tr("Всё готово: нажмите F10 — выдать.")
        return step_text(self, steps[0])

    def _render(self) -> None:
        state = self.state
        if state is None:
            self.headline.setText(self.tr("Отсканируйте QR-код клиента или номер заказа, или введите код из SMS."))
            for label in (self.customer, self.steps, self.attempts, self.due):
                label.setText("")
            self.cell.setText("—")
            self.boxes.set_rows([])
            self.lines.set_rows([])
            return
        self.headline.setText(self.tr("Заказ {0}").format(state.order_number))
        who = f"{state.customer_name}, {state.masked_phone}"
        if state.legal_entity_name:
            who += "\n" + self.tr("Юрлицо: {0}").format(state.legal_entity_name)
        self.customer.setText(who)
        self.steps.setText(self._steps_text(state))
        self.attempts.setText(self._attempts_text(state))
        self.attempts.setStyleSheet("color: #b00020; font-weight: bold;" if state.locked or state.attempts_left < 3
                                    else "")
        cells = sorted({b.cell_label for b in state.boxes if b.cell_label})
        self.cell.setText(", ".join(cells) or "—")
        paid = state.payment is not None and state.payment.due_kopecks == state.due_kopecks
        if state.due_kopecks and not paid:
            self.due.setText(self.tr("К оплате: {0}").format(rub(state.due_kopecks)))
        else:
            self.due.setText(self.tr("Оплачено: {0}").format(rub(state.due_kopecks)) if paid else self.tr("Оплачено"))
        total = len(state.boxes)
        self.boxes.set_rows([(b.barcode, f"{b.seq_no} из {total}", b.cell_label or "—",
                              "✔" if b.scanned else "") for b in state.boxes],
                            ["ok" if b.scanned else "" for b in state.boxes])
        self.lines.set_rows([(ln.name, ln.quantity, rub(ln.price_kopecks),
                              f"{ln.refused_quantity} — {ln.refusal_reason}" if ln.refused_quantity else "")
                             for ln in state.lines], ["warning" if ln.refused_quantity else "" for ln in state.lines])

    def _steps_text(self, state: HandoverState) -> str:
        names = {
            "verify": self.tr("код / QR"),
            "id_document": self.tr("документ (F6)"),
            "power_of_attorney": self.tr("доверенность (F7)"),
            "boxes": self.tr("коробки"),
            "payment": self.tr("оплата (F9)"),
        }
        missing = state.missing_steps
        if not missing:
            return self.tr("✔ Всё проверено — F10 выдать")
        return self.tr("Осталось: {0}").format(", ".join(names[s] for s in missing))

    def _attempts_text(self, state: HandoverState) -> str:
        if state.locked:
            return self.tr("Заказ заблокирован после неверных кодов. Позовите менеджера.")
        if state.verified_by is None:
            return self.tr("Попыток ввода кода: {0}").format(state.attempts_left)
        return ""


def step_text(page: Page, step: str) -> str:
    texts = {
        "verify": page.tr("Проверьте код из SMS или QR-код."),
        "id_document": page.tr("Проверьте документ клиента: F6."),
        "power_of_attorney": page.tr("Внесите номер доверенности: F7."),
        "boxes": page.tr("Отсканируйте каждую коробку заказа."),
        "payment": page.tr("Примите оплату: F9."),
    }
    return texts.get(step, step)

