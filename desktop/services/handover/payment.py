"""Handover step 4: money — payment options, a certificate's check, paying with mixed tenders, the credit agreement.

`pay` validates every rule first (the sum, the points share and balance, each certificate's state, balance
and PIN), then issues the sell receipt through the register (ref `sell:{uid}`), and only then records the
accepted tenders on the handover: a crash in between is retried with the same ref, which prints nothing twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from desktop.db.engine import Database
from desktop.db.models import Handover, Order
from desktop.fiscal.service import FiscalService
from desktop.services.base import Actor, Clock, Role, Service, require_role, utc_now
from desktop.services.handover.lookup import due_kopecks, handover_state, verified_order
from desktop.services.handover.model import CREDIT_ORDER, PAYMENT_METHODS, HandoverState, PaymentIntent, clerk_action
from desktop.services.handover.receipts import issue_sell
from desktop.services.money import pin_guard
from desktop.services.money.bonus import account_ids, active_card, bonus_balance, money_settings
from desktop.services.money.certificates import (
    certificate_number,
    certificate_view,
    find_certificate,
    pin_matches,
    pin_shaped,
    require_spendable,
)
from desktop.services.money.model import CertificateView, PaymentOptions, TenderInput
from desktop.services.money.register import fiscal_service
from desktop.services.money.tenders import tender_lines
from desktop.translatable import QT_TRANSLATE_NOOP
from protocol.errors import DomainError
from protocol.money_rules import CREDIT_AGREEMENT_PATTERN, Tender, TenderLine, points_cap, points_paid

PAY = QT_TRANSLATE_NOOP("Actions", "приём оплаты")
_AGREEMENT = re.compile(CREDIT_AGREEMENT_PATTERN)


@dataclass(frozen=True)
class _Checked:
    """A payment that passed every rule, ready for the register."""

    due: int
    lines: list[TenderLine]
    phone: str
    state: HandoverState


class PaymentSteps(Service):
    """Taking the money (or, for a credit order, the signed agreement) before completion."""

    def __init__(self, db: Database, clock: Clock = utc_now, fiscal: FiscalService | None = None) -> None:
        super().__init__(db, clock)
        self.fiscal = fiscal_service(db, clock, fiscal)

    def payment_options(self, actor: Actor | None, uid: str) -> PaymentOptions:
        """What the payment dialog may offer: the amount due, points (cap and usable) and the balance."""
        require_role(actor, Role.CLERK, PAY)
        with self.reading() as s:
            _, order = verified_order(s, uid)
            due, share = due_kopecks(order), money_settings(s).points_share_percent
            cap, account = points_cap(due, share), account_ids(s, order.customer_id)
            if active_card(s, account) is None:
                return PaymentOptions(due, order.kind == CREDIT_ORDER, None, cap, 0)
            balance = bonus_balance(s, account)
            return PaymentOptions(due, order.kind == CREDIT_ORDER, balance, cap, min(cap, balance.available))

    def check_certificate(self, actor: Actor | None, uid: str, number: str, pin: str) -> CertificateView:
        """A certificate the customer offers: its state, balance and PIN (wrong PINs are counted)."""
        actor = require_role(actor, Role.CLERK, PAY)
        number = certificate_number(number)
        with self.reading() as s:
            verified_order(s, uid)
            view = certificate_view(s, find_certificate(s, number), self.clock())
            require_spendable(s, view)
        self._check_pins(actor, [(number, pin)])
        return view

    def _check_pins(self, actor: Actor, pins: Sequence[tuple[str, str | None]]) -> None:
        """Every certificate's PIN; the first wrong one is journalled (committed) and refused."""
        for number, pin in pins:
            if pin is None:
                raise DomainError("money.pin_required", number=number)
            typed = pin_shaped(pin)
            with self.reading() as s:
                pin_guard.require_not_locked(s, number, self.clock())
                matches = pin_matches(s, find_certificate(s, number), typed)
            if matches:
                continue
            with self.action(actor) as act:
                error = pin_guard.count_wrong_pin(act, number)
            raise error

    def pay(self, actor: Actor | None, uid: str, tenders: Sequence[TenderInput] | str,
            tendered_kopecks: int | None = None) -> HandoverState:
        """Accept the tenders paying what is due, issue the sell receipt, then record the payment.

        `pay(actor, uid, "cash" | "card", tendered)` (one method paying everything) still works.
        """
        actor = require_role(actor, Role.CLERK, PAY)
        checked = self._checked(actor, uid, tenders, tendered_kopecks)
        receipt = issue_sell(self.fiscal, actor, uid, checked.state.lines, checked.lines, checked.phone)
        with self.action(actor) as act:
            handover, order = verified_order(act.session, uid)
            if due_kopecks(order) != checked.due:  # a refusal changed the amount in between: take it again
                raise DomainError("money.due_changed")
            intent = PaymentIntent.of(checked.due, checked.lines, receipt.uuid)
            handover.payment = intent.wire()
            act.audit("handover.paid", order.number, handover=uid, method=intent.method, due=checked.due,
                      tenders=[t["kind"] for t in intent.wire()["tenders"]], change=intent.change_kopecks,
                      receipt=receipt.uuid)
            return handover_state(act.session, handover, order)

    def _checked(self, actor: Actor, uid: str, tenders: Sequence[TenderInput] | str,
                 tendered: int | None) -> _Checked:
        with self.reading() as s:
            handover, order = verified_order(s, uid)
            due = due_kopecks(order)
            _require_payable(handover, order, due)
            given = _one_method(tenders, due, tendered) if isinstance(tenders, str) else list(tenders)
            lines = tender_lines(due, given, money_settings(s).points_share_percent)
            _check_points(s, order, lines)
            _check_certificates(s, lines, self.clock())
            state = handover_state(s, handover, order)
            phone = order.customer.phone
        self._check_pins(actor, [(line.certificate or "", _pin_of(given, line.certificate)) for line in lines
                                 if line.kind is Tender.CERTIFICATE])
        return _Checked(due, lines, phone, state)

    def confirm_credit_agreement(self, actor: Actor | None, uid: str, agreement: str, signed: bool) -> HandoverState:
        """A credit order: the bank's agreement number (scanned or typed) and the customer's signature seen."""
        actor = require_role(actor, Role.CLERK, clerk_action())
        number = "".join((agreement or "").split())
        with self.action(actor) as act:
            handover, order = verified_order(act.session, uid)
            if order.kind != CREDIT_ORDER:
                raise DomainError("money.credit_not_credit", order=order.number)
            if not _AGREEMENT.fullmatch(number):
                raise DomainError("money.bad_agreement", agreement=number[:40])
            if signed is not True:
                raise DomainError("money.agreement_not_signed")
            handover.credit_agreement = number
            act.audit("handover.credit_agreement", order.number, handover=uid, agreement=number)
            return handover_state(act.session, handover, order)


def _require_payable(handover: Handover, order: Order, due: int) -> None:
    if order.kind == CREDIT_ORDER:
        raise DomainError("money.nothing_to_pay_credit")
    if due <= 0:
        raise DomainError("handover.nothing_due")
    paid = handover.payment or {}
    if paid.get("receipt") and paid.get("due") == due:
        raise DomainError("money.paid_already")


def _one_method(method: str, due: int, tendered: int | None) -> list[TenderInput]:
    """The one-method payment of earlier versions: cash or card paying all that is due."""
    if method not in PAYMENT_METHODS:
        raise DomainError("handover.bad_payment_method")
    if not isinstance(tendered, int) or tendered <= 0:
        raise DomainError("handover.bad_amount")
    if due <= 0:
        raise DomainError("handover.nothing_due")
    return [TenderInput(method, due, tendered)]


def _pin_of(given: Sequence[TenderInput], number: str | None) -> str | None:
    return next((t.pin for t in given if t.kind == Tender.CERTIFICATE and certificate_number(t.certificate) == number),
                None)


def _check_points(s: Session, order: Order, lines: Sequence[TenderLine]) -> None:
    points = points_paid(lines)
    if points <= 0:
        return
    account = account_ids(s, order.customer_id)
    if active_card(s, account) is None:
        raise DomainError("money.no_active_card")
    available = bonus_balance(s, account).available
    if points > available:
        raise DomainError("money.points_over_balance", available=available, points=points)


def _check_certificates(s: Session, lines: Sequence[TenderLine], now: datetime) -> None:
    for line in lines:
        if line.kind is Tender.CERTIFICATE and line.certificate is not None:
            view = certificate_view(s, find_certificate(s, line.certificate), now)
            require_spendable(s, view, line.amount)
