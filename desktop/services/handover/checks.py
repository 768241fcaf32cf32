"""Handover steps 2-4: documents, boxes, refusals and payment; each is one transaction with an audit entry."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import Box, Order, OrderLine
from desktop.services.base import Actor, Role, Service, require_role
from desktop.services.handover.lookup import due_kopecks, handover_state, verified_order
from desktop.services.handover.model import (
    ID_DOCUMENT_TYPES,
    PAYMENT_METHODS,
    REFUSAL_REASONS,
    BoxScanResult,
    HandoverState,
    PaymentIntent,
    clerk_action,
    labels,
)
from desktop.translatable import QT_TRANSLATE_NOOP
from protocol.errors import DomainError
from protocol.limits import REFUSAL_REASON_MAX
from protocol.money import rub


class CheckSteps(Service):
    """What the clerk checks and records between verification and completion."""

    def record_id_document(self, actor: Actor | None, uid: str, doc_type: str, last4: str) -> HandoverState:
        """Record that an ID document was shown: its type and the last 4 digits of its number only."""
        actor = require_role(actor, Role.CLERK, clerk_action())
        last4 = last4.strip()
        if doc_type not in ID_DOCUMENT_TYPES:
            raise DomainError("handover.bad_document_type", allowed=", ".join(labels(ID_DOCUMENT_TYPES).values()))
        if len(last4) != 4 or not last4.isdigit():
            raise DomainError("handover.bad_document_last4")
        with self.action(actor) as act:
            handover, order = verified_order(act.session, uid)
            handover.id_document_type, handover.id_document_last4 = doc_type, last4
            act.audit("handover.id_document", order.number, handover=uid, doc_type=doc_type)
            return handover_state(act.session, handover, order)

    def record_power_of_attorney(self, actor: Actor | None, uid: str, number: str) -> HandoverState:
        """Record the number of the power of attorney shown for a legal-entity order."""
        actor = require_role(actor, Role.CLERK, clerk_action())
        number = " ".join(number.split())
        if not 1 <= len(number) <= 64:
            raise DomainError("handover.bad_power_of_attorney")
        with self.action(actor) as act:
            handover, order = verified_order(act.session, uid)
            handover.power_of_attorney = number
            act.audit("handover.power_of_attorney", order.number, handover=uid, number=number)
            return handover_state(act.session, handover, order)

    def scan_box(self, actor: Actor | None, uid: str, barcode: str) -> BoxScanResult:
        """Tick off one box of the order; a repeat is reported and changes nothing."""
        actor = require_role(actor, Role.CLERK, clerk_action())
        barcode = barcode.strip().upper()
        with self.action(actor) as act:
            handover, order = verified_order(act.session, uid)
            if barcode not in {b.barcode for b in order.boxes}:
                raise _foreign_box_error(act.session, barcode, order.number)
            repeat = barcode in handover.scanned_boxes
            if not repeat:
                handover.scanned_boxes = [*handover.scanned_boxes, barcode]
                act.audit("handover.box_scanned", order.number, handover=uid, box=barcode)
            return BoxScanResult(handover_state(act.session, handover, order), barcode, repeat)

    def refuse_line(
        self, actor: Actor | None, uid: str, line_id: int, quantity: int, reason: str, note: str = ""
    ) -> HandoverState:
        """Set how many pieces of a line the customer refuses (0 cancels the refusal), with a reason."""
        actor = require_role(actor, Role.CLERK, clerk_action())
        note = " ".join(note.split())
        with self.action(actor) as act:
            handover, order = verified_order(act.session, uid)
            line = next((x for x in order.lines if x.id == line_id), None)
            if line is None:
                raise DomainError("handover.line_not_found", line=line_id, order=order.number)
            _check_refusal(line, quantity, reason, note)
            line.refused_quantity = quantity
            line.refusal_reason = _reason_text(reason, note) if quantity else None
            payment_reset = handover.payment is not None
            handover.payment = None  # the amount due changed: payment must be taken again
            act.audit(
                "handover.line_refused",
                order.number,
                handover=uid,
                sku=line.sku,
                quantity=quantity,
                reason=reason if quantity else None,
                note=note or None,
                payment_reset=payment_reset,
            )
            return handover_state(act.session, handover, order)

    def pay(self, actor: Actor | None, uid: str, method: str, tendered_kopecks: int) -> HandoverState:
        """Accept payment of what is due: card must be exact, cash at least the due amount (change given)."""
        actor = require_role(actor, Role.CLERK, QT_TRANSLATE_NOOP("Actions", "приём оплаты"))
        if method not in PAYMENT_METHODS:
            raise DomainError("handover.bad_payment_method")
        if not isinstance(tendered_kopecks, int) or tendered_kopecks <= 0:
            raise DomainError("handover.bad_amount")
        with self.action(actor) as act:
            handover, order = verified_order(act.session, uid)
            due = due_kopecks(order)
            intent = _payment_intent(method, due, tendered_kopecks)
            handover.payment = {
                "method": method,
                "due": due,
                "tendered": tendered_kopecks,
                "change": intent.change_kopecks,
            }
            act.audit(
                "handover.paid",
                order.number,
                handover=uid,
                method=method,
                due=due,
                tendered=tendered_kopecks,
                change=intent.change_kopecks,
            )
            return handover_state(act.session, handover, order)


def _foreign_box_error(s: Session, barcode: str, order_number: str) -> DomainError:
    other = s.execute(select(Order.number).join(Box, Box.order_id == Order.id).where(Box.barcode == barcode)).scalar()
    if other is None:
        return DomainError("handover.box_unknown", box=barcode)
    return DomainError("handover.box_other_order", box=barcode, other_order=other, order=order_number)


def _check_refusal(line: OrderLine, quantity: int, reason: str, note: str) -> None:
    if not isinstance(quantity, int) or not 0 <= quantity <= line.quantity:
        raise DomainError("handover.bad_refuse_quantity", max=line.quantity)
    if quantity == 0:
        return
    if reason not in REFUSAL_REASONS:
        raise DomainError("handover.bad_refusal_reason")
    if reason == "other" and not note:
        raise DomainError("handover.refusal_note_required")


def _reason_text(reason: str, note: str) -> str:
    return f"{reason}: {note}"[:REFUSAL_REASON_MAX] if note else reason


def _payment_intent(method: str, due: int, tendered: int) -> PaymentIntent:
    if due <= 0:
        raise DomainError("handover.nothing_due")
    if method == "card" and tendered != due:
        raise DomainError(
            "handover.card_amount_mismatch",
            due=rub(due),
            tendered=rub(tendered),
            due_kopecks=due,
            tendered_kopecks=tendered,
        )
    if method == "cash" and tendered < due:
        raise DomainError(
            "handover.cash_insufficient",
            due=rub(due),
            tendered=rub(tendered),
            missing=rub(due - tendered),
            due_kopecks=due,
            tendered_kopecks=tendered,
        )
    return PaymentIntent(method, due, tendered, tendered - due)
