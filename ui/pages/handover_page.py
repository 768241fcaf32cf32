"""Handover (выдача): find the order, verify, documents, cell in big type, scan boxes, refusals, payment, confirm."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLineEdit

from desktop.documents.model import Document, DocumentKind
from desktop.scan_routing import Scan, ScanKind
from desktop.services.base import Actor
from desktop.services.handover import (
    ID_DOCUMENT_TYPES,
    REFUSAL_REASONS,
    BoxScanResult,
    HandoverLookup,
    HandoverResult,
    HandoverState,
    labels,
)
from desktop.services.money.model import TenderInput
from ui.context import AppContext
from ui.dialogs import ask_id_document, ask_refusal, ask_text
from ui.hardware.wiring import add_show_action, documents_for, print_last
from ui.pages import handover_view as view
from ui.pages.base import Page
from ui.pages.code_guard import CodeLookupGuard
from ui.pages.handover_money import HandoverMoney
from ui.pages.handover_panel import HandoverPanel
from ui.pages.receipt_dialog import show_receipt
from ui.pages.register_call import RegisterCall
from ui.workers import Failure


class HandoverPage(Page):
    """A guided flow over one handover; each key or scan is one service call, its result is rendered."""

    title = QT_TRANSLATE_NOOP("PageTitles", "Выдача")
    shortcut = "Ctrl+F2"
    scan_kinds = frozenset({ScanKind.ORDER_NUMBER, ScanKind.PICKUP_TOKEN, ScanKind.PICKUP_CODE, ScanKind.BOX,
                            ScanKind.CERTIFICATE})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.state: HandoverState | None = None
        self.money = HandoverMoney(self)  # F9: mixed tenders through the register, or a credit agreement
        self._build_search()
        self.panel = HandoverPanel(self)
        self.code_guard = CodeLookupGuard(self, self._on_looked_up, self._on_failed)  # a manager after wrong codes
        self._layout.addWidget(self.panel, 1)
        self.add_action(self.tr("Найти"), "F2", self._on_find)
        self.add_action(self.tr("Документ"), "F6", self._on_id_document)
        self.add_action(self.tr("Доверенн."), "F7", self._on_power_of_attorney)
        self.add_action(self.tr("Отказ"), "F8", self._on_refuse)
        self.add_action(self.tr("Оплата / договор"), "F9", self._on_pay)
        self.add_action(self.tr("Выдать"), "F10", self._on_complete)
        print_button = self.add_action(self.tr("Чек"), "F11", self.print_receipt)
        add_show_action(ctx, self, DocumentKind.HANDOVER_RECEIPT, print_button)  # Shift+F11: on screen
        self.add_action(self.tr("Прервать"), "F12", self._on_abort)
        self.finish_layout()
        self._show(None)
        ctx.session.logged_out.connect(self.reset)  # the next clerk never sees this clerk's customer
        ctx.session.logged_in.connect(lambda _actor: QTimer.singleShot(0, self, self._take_up_after_login))

    def _build_search(self) -> None:
        row = QHBoxLayout()
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("№ заказа или код из SMS"))
        self.query.returnPressed.connect(self._on_find)
        self.last4 = QLineEdit()
        self.last4.setPlaceholderText(self.tr("тел.: 4 цифры"))
        self.last4.setMaxLength(4)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("фамилия"))
        self.name.returnPressed.connect(self._on_find)
        for widget, stretch in ((self.query, 3), (self.last4, 0), (self.name, 2)):
            row.addWidget(widget, stretch)
        self._layout.addLayout(row)

    def focus_default(self) -> None:
        self.query.setFocus()

    def on_shown(self) -> None:
        """After a restart or a lock, pick up this clerk's unfinished handover instead of losing it."""
        actor = self.actor
        if self.state is None and not self.busy and actor is not None:
            service = self.ctx.services.handover
            self.run(lambda: service.in_progress(actor.staff_id), self._on_unfinished_found, lambda _f: None)

    def reset(self) -> None:
        """Forget the order on the page and what was typed to find it (the one reset: next order, next clerk)."""
        self._show(None)

    def _take_up_after_login(self) -> None:
        """Logged in again on this page (it stays current over a lock): take up the clerk's own handover."""
        if self.isVisible():
            self.on_shown()

    def _on_unfinished_found(self, unfinished: list[HandoverState]) -> None:
        if self.state is None and unfinished:
            self._show(unfinished[0])
            self._tell(view.resumed_banner(unfinished))

    # --- finding and verifying: one service call each ------------------------------------------

    def handle_scan(self, scan: Scan) -> bool:
        if scan.kind is ScanKind.CERTIFICATE:  # a customer's certificate: the payment, with it scanned in
            if self.state is None:
                return False  # no handover open: the club page sells it
            self.money.on_pay(scan.value)
        elif scan.kind is ScanKind.BOX and self.state is not None:
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
        service = self.ctx.services.handover
        self._as_clerk(lambda actor: service.start(actor, order_number), self._on_started)

    def _by_phone(self, last4: str, name: str) -> None:
        service = self.ctx.services.handover
        self._as_clerk(lambda actor: service.find_by_phone(actor, last4, name), self._on_looked_up)

    def _by_code(self, code: str) -> None:
        """A typed/scanned pickup code: with a handover open it verifies; otherwise it finds the order."""
        service = self.ctx.services.handover
        if self._awaiting_verification():
            self._on_open(lambda actor, uid: service.verify_code(actor, uid, code), self._shown(view.verified_banner))
        else:
            self.code_guard.look_up(code)

    def _by_qr(self, token: str) -> None:
        """The QR from the customer's app: verifies the open handover, or starts a verified one in one step."""
        service = self.ctx.services.handover
        if self._awaiting_verification():
            self._on_open(lambda actor, uid: service.verify_qr(actor, uid, token), self._shown(view.verified_banner))
        else:
            self._as_clerk(lambda actor: service.start_with_qr(actor, token), self._shown(view.verified_banner))

    def _awaiting_verification(self) -> bool:
        return self.state is not None and self.state.verified_by is None

    def _on_looked_up(self, lookup: HandoverLookup) -> None:
        """A code or phone lookup: the started handover, or the orders to choose from."""
        if lookup.state is None:
            self._tell(view.candidates_banner(lookup))
            return
        self.last4.clear()
        self.name.clear()
        if lookup.state.verified_by is None:
            self._on_started(lookup.state)
        else:
            self._shown(view.verified_banner)(lookup.state)

    def _on_started(self, state: HandoverState) -> None:
        self._shown(view.started_banner)(state)
        if state.verified_by is None:
            self.query.setFocus()

    def _on_failed(self, failure: Failure) -> None:
        """A refused action; a wrong code also updates the attempts shown (the error carries them)."""
        code = getattr(failure.error, "code", "")
        params = getattr(failure.error, "params", {})
        if self.state is not None:
            self._show(view.after_code_failure(self.state, code, params))
        title = view.code_failure_title(code, params)
        if title is None:
            self.show_failure(failure)
        else:
            self.feedback.show_error(title, failure.message)

    # --- documents, boxes, refusals, payment ---------------------------------------------------

    def _on_id_document(self) -> None:
        if self._need_state():
            answer = ask_id_document(self, labels(ID_DOCUMENT_TYPES))
            if answer is not None:
                self.record_id_document(*answer)

    def record_id_document(self, doc_type: str, last4: str) -> None:
        service = self.ctx.services.handover
        self._on_open(lambda actor, uid: service.record_id_document(actor, uid, doc_type, last4))

    def _on_power_of_attorney(self) -> None:
        if self._need_state():
            number = ask_text(self, self.tr("Доверенность"), self.tr("Номер доверенности:"))
            if number is not None:
                service = self.ctx.services.handover
                self._on_open(lambda a, uid: service.record_power_of_attorney(a, uid, number))

    def _scan_box(self, barcode: str) -> None:
        service = self.ctx.services.handover
        self._on_open(lambda actor, uid: service.scan_box(actor, uid, barcode), self._on_box_scanned)

    def _on_box_scanned(self, result: BoxScanResult) -> None:
        self._show(result.state)
        self._tell(view.box_banner(result))

    def _on_refuse(self) -> None:
        if not self._need_state():
            return
        assert self.state is not None
        rows = self.panel.lines_view.selectionModel().selectedRows()
        line = self.state.lines[rows[0].row() if rows else 0]
        what = self.tr("{0} ({1} шт.)").format(line.name, line.quantity)
        answer = ask_refusal(self, what, line.quantity, labels(REFUSAL_REASONS))
        if answer is not None:
            self.refuse(line.id, *answer)

    def refuse(self, line_id: int, quantity: int, reason: str, note: str = "") -> None:
        service = self.ctx.services.handover
        self._on_open(lambda a, uid: service.refuse_line(a, uid, line_id, quantity, reason, note))

    def _on_pay(self) -> None:
        if self._need_state():
            self.money.on_pay()

    def pay(self, tenders: Sequence[TenderInput]) -> None:
        """Take the tenders (through the register: progress, «Повторить» on its error)."""
        self.money.pay(tenders)

    # --- completion ----------------------------------------------------------------------------

    def _on_complete(self) -> None:
        if self._need_state():
            service, with_receipt = self.ctx.services.handover, documents_for(self.ctx) is not None

            def complete(actor: Actor | None, uid: str) -> tuple[HandoverResult, Document | None]:
                result = service.complete(actor, uid)
                staff = actor.full_name if actor is not None else ""
                return result, view.receipt_document(result, staff) if with_receipt else None

            actor, uid = self.actor, self._uid()  # a prepaid or credit order's «full settlement» receipt prints here
            RegisterCall(self, lambda: complete(actor, uid), lambda done: self._on_completed(*done)).start()

    def _on_completed(self, result: HandoverResult, receipt: Document | None = None) -> None:
        self._show(None)
        title, detail = view.completion_texts(result)
        show = self.feedback.show_warning if result.left_at_point else self.feedback.show_ok  # goods stay here
        documents = documents_for(self.ctx)
        if receipt is None or documents is None:
            show(title, detail)
        elif not documents.auto_receipt:
            documents.offer(receipt)
            show(title, detail + " " + self.tr("F11 — напечатать квитанцию."))
        else:
            show(title, detail)
            if documents.print(receipt) is not None:
                show(title, detail + " " + self.tr("Квитанция напечатана."))
        if result.receipt is not None:  # the register's slip: the sell receipt, or the settlement when prepaid
            show_receipt(self.ctx, self, result.receipt)

    def print_receipt(self) -> None:
        """F11: print the last handover receipt (again)."""
        print_last(self.ctx, DocumentKind.HANDOVER_RECEIPT)

    def _on_abort(self) -> None:
        if self.state is not None:
            service, number = self.ctx.services.handover, self.state.order_number
            self._on_open(service.abort, lambda _none: self._aborted(number))

    def _aborted(self, number: str) -> None:
        self._show(None)
        self._tell(view.aborted_banner(number))

    # --- calling the service and rendering -----------------------------------------------------

    def _as_clerk(self, call: Callable[[Actor], Any], done: Callable[[Any], None]) -> None:
        """One service call for the logged-in clerk."""
        actor = self.require_actor()
        if actor is not None:
            self.run(lambda: call(actor), done, self._on_failed)

    def _on_open(self, call: Callable[[Actor | None, str], Any], done: Callable[[Any], None] | None = None) -> None:
        """One service call on the open handover: call(actor, uid), its result to `done` (a step: "recorded")."""
        actor, uid = self.actor, self._uid()
        self.run(lambda: call(actor, uid), done or self._shown(view.step_banner), self._on_failed)

    def on_open(self, call: Callable[[Actor | None, str], Any], done: Callable[[Any], None]) -> None:
        """One service call on the open handover (the money step's way in)."""
        self._on_open(call, done)

    def show_state(self, state: HandoverState, banner: Callable[[HandoverState], view.Banner]) -> None:
        self._shown(banner)(state)

    def state_uid(self) -> str:
        return self._uid()

    def _need_state(self) -> bool:
        if self.state is None:
            self.feedback.show_error(self.tr("Нет заказа"), self.tr("Сначала найдите заказ."))
            return False
        return True

    def _uid(self) -> str:
        assert self.state is not None
        return self.state.uid

    def _shown(self, banner: Callable[[HandoverState], view.Banner]) -> Callable[[HandoverState], None]:
        """A result handler: show the new state, then the banner made from it."""

        def show(state: HandoverState) -> None:
            self._show(state)
            self._tell(banner(state))

        return show

    def _show(self, state: HandoverState | None) -> None:
        """Keep `state` and show it: the view model computed from it, copied into the panel.

        Another order (or none) also clears the search fields: what was typed to find the previous one.
        """
        if state is None or self.state is None or state.uid != self.state.uid:
            for field in (self.query, self.last4, self.name):
                field.clear()
            self._show_claim(state)
        self.state = state
        self.panel.show_view(view.handover_view(state))

    def _show_claim(self, state: HandoverState | None) -> None:
        """A warranty return order names its claim and the service's outcome (read off the GUI thread)."""
        self.panel.show_claim("")
        if state is not None:
            number, warranty, actor = state.order_number, self.ctx.services.warranty, self.actor

            def shown(text: str) -> None:
                if self.state is not None and self.state.order_number == number:
                    self.panel.show_claim(text)

            self.run(lambda: view.claim_text(warranty.claim_for_order(actor, number)), shown, lambda _failure: None)

    def _tell(self, banner: view.Banner) -> None:
        getattr(self.feedback, f"show_{banner.kind}")(banner.title, banner.detail)
