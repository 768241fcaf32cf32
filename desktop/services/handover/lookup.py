"""Handover lookup and verification helpers: load and check the handover and its order, build its state."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import messages
from desktop.db.models import Handover, HandoverStatus, ManagerAlert, Order, PickupPoint
from desktop.services.base import Action, Actor, new_uid
from desktop.services.handover.model import (
    CREDIT_ORDER,
    MAX_CODE_ATTEMPTS,
    BoxCheck,
    HandoverState,
    PaymentIntent,
)
from desktop.services.order_card import LineInfo
from desktop.services.orders import local_order
from desktop.services.pickup_checks import amount_due
from protocol.errors import DomainError
from protocol.events import OrderLocked
from protocol.order_states import OrderStatus
from protocol.phone import mask_for_screen as mask_phone


def get_handover(s: Session, uid: str) -> Handover:
    handover = s.scalars(select(Handover).where(Handover.uid == uid)).first()
    if handover is None:
        raise DomainError("handover.not_found", uid=uid)
    return handover


def handover_order(s: Session, handover: Handover) -> Order:
    order = s.get(Order, handover.order_id)
    assert order is not None  # foreign key
    return order


def require_in_progress(handover: Handover, order: Order) -> None:
    if handover.status != HandoverStatus.IN_PROGRESS:
        raise DomainError("handover.not_in_progress", order=order.number, status=HandoverStatus(handover.status))


def _require_handable(order: Order) -> None:
    if order.locked_at is not None:
        raise DomainError("handover.order_locked", order=order.number, attempts=order.code_failed_attempts)
    if order.status != OrderStatus.READY:
        raise DomainError("handover.not_ready", order=order.number, status=OrderStatus(order.status))


def open_order(s: Session, handover: Handover) -> Order:
    """The order of an in-progress handover that may still be handed over (ready, not locked)."""
    order = handover_order(s, handover)
    require_in_progress(handover, order)
    _require_handable(order)
    return order


def verified_order(s: Session, uid: str) -> tuple[Handover, Order]:
    handover = get_handover(s, uid)
    order = open_order(s, handover)
    if handover.verified_by is None:
        raise DomainError("handover.not_verified")
    return handover, order


def _order_for_handover(s: Session, number: str) -> Order:
    order = local_order(s, number)
    _require_handable(order)
    return order


def start_or_resume(act: Action, actor: Actor, number: str) -> tuple[Handover, Order]:
    """The order's unfinished handover, or a new one; journaled either way."""
    order = _order_for_handover(act.session, number)
    handover = act.session.scalars(
        select(Handover).where(Handover.order_id == order.id, Handover.status == HandoverStatus.IN_PROGRESS)
    ).first()
    resumed = handover is not None
    if handover is None:
        handover = Handover(
            uid=new_uid(), order_id=order.id, staff_id=actor.staff_id, started_at=act.now, scanned_boxes=[]
        )
        act.session.add(handover)
        act.session.flush()
    act.audit("handover.resumed" if resumed else "handover.started", order.number, handover=handover.uid)
    return handover, order


def count_wrong_code(act: Action, handover: Handover, order: Order) -> DomainError:
    """Count a wrong code; the fifth locks the order, alerts the manager and emits OrderLocked."""
    order.code_failed_attempts += 1
    attempts = order.code_failed_attempts
    act.audit("handover.wrong_code", order.number, handover=handover.uid, attempts=attempts)
    if attempts < MAX_CODE_ATTEMPTS:
        return DomainError("handover.wrong_code", order=order.number, attempts_left=MAX_CODE_ATTEMPTS - attempts)
    order.locked_at = act.now
    act.session.add(
        ManagerAlert(
            kind="order_locked",
            order_id=order.id,
            created_at=act.now,
            message=messages.describe("alert.order_locked", {"order": order.number, "attempts": attempts}),
            details={"handover": handover.uid, "staff": act.actor.login if act.actor else None, "attempts": attempts},
        )
    )
    act.emit(OrderLocked(order=order.number, failed_attempts=attempts))
    act.audit("order.locked", order.number, attempts=attempts)
    return DomainError("handover.order_locked", order=order.number, attempts=attempts)


def due_kopecks(order: Order) -> int:
    """What is due at the counter now, after the refusals so far (nothing for a credit order: the bank paid)."""
    if order.kind == CREDIT_ORDER:
        return 0
    return amount_due(order.prepaid, ((x.quantity, x.refused_quantity, x.price_kopecks) for x in order.lines))


def _order_point(s: Session, order: Order) -> PickupPoint:
    point = s.get(PickupPoint, order.point_id)
    assert point is not None  # foreign key
    return point


def handover_state(s: Session, handover: Handover, order: Order) -> HandoverState:
    threshold = _order_point(s, order).id_check_threshold_kopecks
    scanned = set(handover.scanned_boxes)
    payment = handover.payment
    return HandoverState(
        uid=handover.uid,
        order_number=order.number,
        status=handover.status,
        kind=order.kind,
        prepaid=order.prepaid,
        customer_name=order.customer.full_name,
        masked_phone=mask_phone(order.customer.phone),
        legal_entity_name=order.legal_entity_name,
        verified_by=handover.verified_by,
        needs_id_document=order.kind == CREDIT_ORDER or order.total_kopecks > threshold,
        id_document_type=handover.id_document_type,
        id_document_last4=handover.id_document_last4,
        needs_power_of_attorney=order.kind == "legal_entity",
        power_of_attorney=handover.power_of_attorney,
        boxes=tuple(
            BoxCheck(b.barcode, b.seq_no, b.cell.label if b.cell else None, b.barcode in scanned) for b in order.boxes
        ),
        lines=tuple(
            LineInfo(x.id, x.sku, x.name, x.quantity, x.price_kopecks, x.serial, x.refused_quantity, x.refusal_reason)
            for x in order.lines
        ),
        due_kopecks=due_kopecks(order),
        payment=PaymentIntent.from_wire(payment) if payment else None,
        attempts_left=max(MAX_CODE_ATTEMPTS - order.code_failed_attempts, 0),
        locked=order.locked_at is not None,
        credit_agreement=handover.credit_agreement,
    )


def mark_verified(act: Action, handover: Handover, order: Order, how: str) -> HandoverState:
    """The customer is verified (by "code" or "qr"): the wrong-code counter starts again."""
    handover.verified_by = how
    order.code_failed_attempts = 0
    act.audit("handover.verified", order.number, handover=handover.uid, by=how)
    return handover_state(act.session, handover, order)
