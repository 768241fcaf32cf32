"""Handover steps 2-3: documents, boxes and refusals; each is one transaction with an audit entry."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import Box, Order, OrderLine
from desktop.fiscal.model import goods_line
from desktop.fiscal.service import FiscalService
from desktop.services.base import Actor, Role, Service, require_role
from desktop.services.handover.lookup import handover_state, verified_order
from desktop.services.handover.model import (
    ID_DOCUMENT_TYPES,
    REFUSAL_REASONS,
    BoxScanResult,
    HandoverState,
    PaymentIntent,
    clerk_action,
    labels,
)
from desktop.services.handover.receipts import issue_return
from desktop.services.handover.refunds import split_refund
from protocol.errors import DomainError
from protocol.limits import REFUSAL_REASON_MAX


@dataclass(frozen=True)
class _Refund:
    """A fiscalised payment after a refusal: the remaining tenders and the sellReturn receipt's uuid."""

    payment: PaymentIntent
    receipt: str | None


class CheckSteps(Service):
    """What the clerk checks and records between verification and completion."""

    fiscal: FiscalService  # set by PaymentSteps.__init__ (the register, or mode none)

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
        """Set how many pieces of a line the customer refuses (0 cancels the refusal), with a reason.

        Before payment the amount due simply changes (payment is taken again); after a fiscalised payment the
        refused pieces are returned on a sellReturn receipt and the payment keeps the remaining tenders.
        """
        actor = require_role(actor, Role.CLERK, clerk_action())
        note = " ".join(note.split())
        refund = self._refund_after_payment(actor, uid, line_id, quantity, reason, note)
        with self.action(actor) as act:
            handover, order = verified_order(act.session, uid)
            line = _line(order, line_id)
            _check_refusal(line, quantity, reason, note)
            line.refused_quantity = quantity
            line.refusal_reason = _reason_text(reason, note) if quantity else None
            payment_reset = handover.payment is not None and refund is None
            # every tender given back (all refused after the print): no payment is left on the handover
            handover.payment = refund.payment.wire() if refund is not None and refund.payment.tenders else None
            act.audit(
                "handover.line_refused",
                order.number,
                handover=uid,
                sku=line.sku,
                quantity=quantity,
                reason=reason if quantity else None,
                note=note or None,
                payment_reset=payment_reset,
                return_receipt=refund.receipt if refund is not None else None,
            )
            return handover_state(act.session, handover, order)

    def _refund_after_payment(self, actor: Actor, uid: str, line_id: int, quantity: int, reason: str,
                              note: str) -> _Refund | None:
        """The sellReturn for pieces refused after the sell receipt (None while nothing was fiscalised)."""
        with self.reading() as s:
            handover, order = verified_order(s, uid)
            line = _line(order, line_id)
            _check_refusal(line, quantity, reason, note)
            if not handover.payment or not handover.payment.get("receipt"):
                return None
            if quantity < line.refused_quantity:
                raise DomainError("money.paid_already")
            paid = PaymentIntent.from_wire(handover.payment)
            returned = goods_line(line.name, line.price_kopecks, quantity - line.refused_quantity)
        if returned.quantity == 0:
            return _Refund(paid, None)
        remaining, refunds = split_refund(paid.tenders, returned.amount)
        ref = f"return:{uid}:{line_id}:{quantity}"
        receipt = issue_return(self.fiscal, actor, ref, [returned], refunds)
        return _Refund(PaymentIntent.of(paid.due_kopecks - returned.amount, remaining, paid.receipt), receipt.uuid)



def _foreign_box_error(s: Session, barcode: str, order_number: str) -> DomainError:
    other = s.execute(select(Order.number).join(Order.boxes).where(Box.barcode == barcode)).scalar()
    if other is None:
        return DomainError("handover.box_unknown", box=barcode)
    return DomainError("handover.box_other_order", box=barcode, other_order=other, order=order_number)


def _line(order: Order, line_id: int) -> OrderLine:
    line = next((x for x in order.lines if x.id == line_id), None)
    if line is None:
        raise DomainError("handover.line_not_found", line=line_id, order=order.number)
    return line


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
