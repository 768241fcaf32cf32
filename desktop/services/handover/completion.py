"""Handover step 5: complete (order status, boxes, payment, events, bonus, receipt SMS) or abort."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from desktop.db.models import Box, Handover, HandoverStatus, Order
from desktop.documents.model import PointInfo
from desktop.fiscal.drafts import credit_note
from desktop.fiscal.model import FiscalReceiptView
from desktop.fiscal.service import FiscalService
from desktop.services.base import Action, Actor, Role, Service, local_point, require_role
from desktop.services.handover.lookup import (
    get_handover,
    handover_order,
    handover_state,
    open_order,
    require_in_progress,
)
from desktop.services.handover.model import (
    CREDIT_ORDER,
    HandoverResult,
    HandoverState,
    PaymentIntent,
    clerk_action,
)
from desktop.services.handover.money_events import accrue, record_payments, redeem
from desktop.services.handover.receipts import issue_return, issue_settlement, receipt_lines
from desktop.services.money.bonus import money_settings
from desktop.services.sms_request import request_sms
from desktop.services.warranty.handover import warranty_handover
from desktop.translatable import of_total, translate
from protocol.club_rules import points_for
from protocol.errors import DomainError
from protocol.events import HandoverCompleted
from protocol.money import rub
from protocol.order_states import OrderEvent, OrderStatus, next_status
from protocol.states import BoxStatus


class CompletionSteps(Service):
    """Finishing a handover one way or the other."""

    fiscal: FiscalService  # set by PaymentSteps.__init__ (the register, or mode none)

    def complete(self, actor: Actor | None, uid: str) -> HandoverResult:
        """Finish the handover: order status, boxes, payment, events, bonus accrual and receipt SMS.

        A prepaid-online or credit order gets its full-settlement receipt from the register first (ref
        `settle:{uid}`, idempotent); an order paid here already has its sell receipt (taken by `pay`).
        """
        actor = require_role(actor, Role.CLERK, clerk_action())
        with self.reading() as s:
            handover = get_handover(s, uid)
            order = open_order(s, handover)
            state = handover_state(s, handover, order)
            _check_complete(state, order)
            prepaid, note = order.prepaid or state.credit, _settlement_note(state)
        receipt = self._receipt_of(actor, state, prepaid, note)
        with self.action(actor) as act:
            handover = get_handover(act.session, uid)
            order = open_order(act.session, handover)
            state = handover_state(act.session, handover, order)
            _check_complete(state, order)
            return _finish(act, handover, order, state, receipt)

    def _receipt_of(self, actor: Actor, state: HandoverState, prepaid: bool,
                    note: str | None) -> FiscalReceiptView | None:
        if state.payment is not None and state.payment.receipt is not None:
            return self.fiscal.receipt(state.payment.receipt)
        if prepaid:
            return issue_settlement(self.fiscal, actor, state.uid, state.lines, note)
        return None

    def abort(self, actor: Actor | None, uid: str) -> None:
        """Give up the handover: refusals and accepted payment are discarded, the order stays ready.

        A payment the register already printed is given back first on a sellReturn receipt (ref
        `return:{uid}:abort`): every tender, for the lines the customer was to take.
        """
        actor = require_role(actor, Role.CLERK, clerk_action())
        with self.reading() as s:
            handover = get_handover(s, uid)
            order = handover_order(s, handover)
            require_in_progress(handover, order)
            state = handover_state(s, handover, order)
        refund = None
        if state.payment is not None and state.payment.receipt is not None:
            refund = issue_return(self.fiscal, actor, f"return:{uid}:abort", receipt_lines(state.lines),
                                  state.payment.tenders).uuid
        with self.action(actor) as act:
            handover = get_handover(act.session, uid)
            order = handover_order(act.session, handover)
            require_in_progress(handover, order)
            for line in order.lines:
                line.refused_quantity, line.refusal_reason = 0, None
            handover.status, handover.payment, handover.completed_at = HandoverStatus.ABORTED, None, act.now
            act.audit("handover.aborted", order.number, handover=uid, return_receipt=refund)


def _check_complete(state: HandoverState, order: Order) -> None:
    missing = state.missing_steps
    if "verify" in missing:
        raise DomainError("handover.not_verified")
    if "id_document" in missing:
        raise DomainError("handover.id_document_required", order=order.number)
    if "credit_agreement" in missing:
        raise DomainError("money.credit_agreement_required", order=order.number)
    if "power_of_attorney" in missing:
        raise DomainError("handover.power_of_attorney_required", company=order.legal_entity_name or "")
    if "boxes" in missing:
        left = [b for b in state.boxes if not b.scanned]
        raise DomainError(
            "handover.boxes_not_scanned",
            missing=len(left),
            total=len(state.boxes),
            boxes=", ".join(of_total(b.seq_no, len(state.boxes)) for b in left),
        )
    if "payment" in missing:
        raise DomainError("handover.payment_required", due=rub(state.due_kopecks), due_kopecks=state.due_kopecks)


def _result_event(state: HandoverState) -> OrderEvent:
    if all(x.handed_quantity == 0 for x in state.lines):
        return OrderEvent.REFUSE
    if any(x.refused_quantity for x in state.lines):
        return OrderEvent.HAND_OVER_PARTIALLY
    return OrderEvent.HAND_OVER


def _finish(act: Action, handover: Handover, order: Order, state: HandoverState,
            receipt: FiscalReceiptView | None) -> HandoverResult:
    """All writes of a completed handover, inside the caller's one transaction."""
    result = next_status(order.number, order.status, _result_event(state)).value
    handed = sum(x.handed_quantity * x.price_kopecks for x in state.lines)
    refused = sum(x.refused_quantity * x.price_kopecks for x in state.lines)
    kept_box = _update_order_and_boxes(act, order, result)
    payment = state.payment if state.due_kopecks > 0 else None
    record_payments(act, handover, order, payment)
    act.emit(_completed_event(handover, order, state, result, payment, kept_box))
    redeem(act, handover, order, payment)
    points = accrue(act, order, points_for(_paid_with_money(act, order, payment, handed)))
    request_sms(act, order.id, order.number, "receipt", "receipt")
    handover.status, handover.completed_at = HandoverStatus.COMPLETED, act.now
    refund = refused if order.prepaid else 0
    paid = payment.due_kopecks if payment else 0
    details = {"result": result, "points": points, "paid": paid, "refund_by_centre": refund, "kept_box": kept_box,
               "receipt": receipt.uuid if receipt else None, "credit_agreement": handover.credit_agreement}
    details |= warranty_handover(act, order)  # a warranty return order: its claim and the service's outcome
    act.audit("handover.completed", order.number, handover=handover.uid, **details)
    return HandoverResult(
        handover.uid, order.number, result, handed, refused, payment, points, refund, _notes(result, refund),
        before=state, completed_at=act.now, point=_point_info(act.session), kept_box=kept_box, receipt=receipt,
        credit_agreement=handover.credit_agreement,
    )


def _paid_with_money(act: Action, order: Order, payment: PaymentIntent | None, handed: int) -> int:
    """What points accrue on: money paid here, or the handed goods of a prepaid-online order; a credit order's
    only when the retailer's setting says so (the loan may still be withdrawn)."""
    if payment is not None:
        return payment.money_kopecks
    if order.kind == CREDIT_ORDER:
        return handed if money_settings(act.session).credit_accrues_points else 0
    return handed if order.prepaid else 0


def _settlement_note(state: HandoverState) -> str | None:
    """The credit agreement on a credit order's receipt (in Russian whatever the app's language: a fiscal document)."""
    return credit_note(state.credit_agreement) if state.credit_agreement is not None else None


def _point_info(s: Session) -> PointInfo:
    point = local_point(s)
    return PointInfo(point.code, point.name, point.address, point.timezone)


def _update_order_and_boxes(act: Action, order: Order, result: str) -> str | None:
    """The order's new status and its boxes; returns the box kept at the point for the refused lines.

    Partial handover: the refused goods go back into the order's first box, which stays at the point
    (received, out of its cell) as the return box; the other boxes leave with the customer.
    """
    order.status = result
    if result == OrderStatus.REFUSED:
        return None  # the boxes stay on the shelf for the return
    order.handed_over_at = act.now
    kept = _return_box(order) if result == OrderStatus.PARTIALLY_HANDED_OVER else None
    leaving = update(Box).where(Box.order_id == order.id, Box.status.in_((BoxStatus.RECEIVED, BoxStatus.PLACED)))
    if kept is not None:
        leaving = leaving.where(Box.id != kept.id)
        kept.status, kept.cell_id = BoxStatus.RECEIVED, None
    act.session.execute(
        leaving.values(status=BoxStatus.HANDED_OVER, cell_id=None).execution_options(synchronize_session="fetch")
    )
    return kept.barcode if kept is not None else None


def _return_box(order: Order) -> Box | None:
    """The box that holds the refused goods: the order's first box still at the point."""
    here = [b for b in order.boxes if b.status in (BoxStatus.RECEIVED, BoxStatus.PLACED)]
    return min(here, key=lambda b: b.seq_no) if here else None


def _completed_event(
    handover: Handover,
    order: Order,
    state: HandoverState,
    result: str,
    payment: PaymentIntent | None,
    kept_box: str | None,
) -> HandoverCompleted:
    lines = [
        {"sku": x.sku, "quantity": x.quantity, "refused": x.refused_quantity, "reason": x.refusal_reason}
        for x in state.lines
    ]
    return HandoverCompleted(
        handover=handover.uid,
        order=order.number,
        result=result,
        verified_by=handover.verified_by or "",
        lines=lines,
        payment=payment.wire() if payment is not None else None,
        id_document_type=handover.id_document_type,
        id_document_last4=handover.id_document_last4,
        power_of_attorney=handover.power_of_attorney,
        kept_box=kept_box,
        credit_agreement=handover.credit_agreement,
    )


def _notes(result: str, refund: int) -> tuple[str, ...]:
    notes: list[str] = []
    if result == OrderStatus.REFUSED:
        notes.append(
            translate("HandoverNotes", "Клиент отказался от всего заказа: коробки остаются на хранении до возврата.")
        )
    if refund > 0:
        notes.append(
            translate("HandoverNotes", "Заказ оплачен заранее: деньги за отказанные товары ({0}) вернёт центр.").format(
                rub(refund)
            )
        )
    return tuple(notes)
