"""The handover page's money step (F9): mixed tenders through the register, or a credit order's signed agreement.

F9 asks the service for the payment options first (off the GUI thread): a credit order opens the agreement
dialog, any other the payment dialog. `pay` runs through the register (progress, «Повторить» on its error);
the receipt's slip is shown when the handover completes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.fiscal.model import FiscalReceiptView
from desktop.services.handover import HandoverState
from desktop.services.money.model import CertificateView, PaymentOptions, TenderInput
from ui.pages import handover_view as view
from ui.pages.certificate_box import CertificateCheck
from ui.pages.credit_dialog import ask_credit_agreement
from ui.pages.payment_dialog import ask_tenders
from ui.pages.register_call import RegisterCall

if TYPE_CHECKING:
    from ui.pages.handover_page import HandoverPage


class HandoverMoney:
    """F9 on the handover page; every service call goes through the page (busy, errors, rendering)."""

    def __init__(self, page: HandoverPage) -> None:
        self.page = page

    def on_pay(self, certificate: str = "") -> None:
        """F9 (or a certificate scanned): what may pay this order (points, the share), then the dialog that fits."""
        service = self.page.ctx.services.handover
        self.page.on_open(lambda actor, uid: service.payment_options(actor, uid),
                          lambda options: self._on_options(options, certificate))

    def _on_options(self, options: PaymentOptions, certificate: str = "") -> None:
        page = self.page
        if options.credit:
            answer = ask_credit_agreement(page, page.state.order_number if page.state else "")
            if answer is not None:
                self.confirm_credit_agreement(*answer)
            return
        if not options.due_kopecks:
            page.feedback.show_info(QCoreApplication.translate("HandoverPage", "Оплата не нужна"),
                                    view.next_step_text(page.state))
            return
        tenders = ask_tenders(page, options, self._certificate_check(), page.ctx.tasks.run, page.ctx.zone(),
                              certificate)
        if tenders is not None:
            self.pay(tenders)

    def _certificate_check(self) -> CertificateCheck:
        """check(number, pin) on the open handover, run by the dialog off the GUI thread."""
        service, actor, uid = self.page.ctx.services.handover, self.page.actor, self.page.state_uid()

        def check(number: str, pin: str) -> CertificateView:
            return service.check_certificate(actor, uid, number, pin)

        return check

    def pay(self, tenders: Sequence[TenderInput]) -> None:
        """Pay through the register; the handover is «paid» only once the register confirmed the receipt."""
        services, actor, uid = self.page.ctx.services, self.page.actor, self.page.state_uid()
        handover, fiscal, taken = services.handover, services.fiscal, list(tenders)

        def call() -> tuple[HandoverState, FiscalReceiptView | None]:
            state = handover.pay(actor, uid, taken)
            receipt = state.payment.receipt if state.payment is not None else None
            return state, fiscal.receipt(receipt) if receipt else None

        RegisterCall(self.page, call, self._on_paid).start()

    def _on_paid(self, done: tuple[HandoverState, FiscalReceiptView | None]) -> None:
        """Paid: the banner says the change and that the register printed the receipt (its slip shows at F10)."""
        state, receipt = done
        self.page.show_state(state, lambda paid: view.paid_banner(paid, receipt))

    def confirm_credit_agreement(self, agreement: str, signed: bool) -> None:
        service = self.page.ctx.services.handover
        self.page.on_open(lambda a, uid: service.confirm_credit_agreement(a, uid, agreement, signed),
                          lambda state: self.page.show_state(state, view.credit_banner))
