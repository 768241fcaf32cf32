"""A completed handover's money: Payment rows per money tender, redemptions of points and certificates, the accrual.

Emitted after `handover.completed`, in this order: `bonus.redeemed` (points), `certificate.redeemed` (one per
certificate), then `bonus.accrual` on the part paid with money only. Each ledger entry this PC writes is pending
(the tables' default status) and carries the id of the event that caused it; the server's `bonus.entry` /
`certificate.entry` with that id confirms it (desktop/sync/apply.py).
"""

from __future__ import annotations

from sqlalchemy import select

from desktop.db.models import BonusLedgerEntry, ClubCard, Handover, Order, Payment
from desktop.db.money_models import CertificateEntry
from desktop.services.base import Action, new_uid
from desktop.services.handover.model import PaymentIntent
from protocol.events import BonusAccrual, BonusRedeemed, CertificateRedeemed
from protocol.money_rules import MONEY_TENDERS, LedgerReason, Tender
from protocol.states import CardStatus


def record_payments(act: Action, handover: Handover, order: Order, payment: PaymentIntent | None) -> None:
    """One Payment row per money tender (cash, card): the shift's cash report sums them by method."""
    if payment is None:
        return
    assert act.actor is not None  # require_role guarantees it
    for tender in payment.tenders:
        if tender.kind in MONEY_TENDERS:
            given = tender.tendered if tender.kind is Tender.CASH else tender.amount
            act.session.add(Payment(order_id=order.id, handover_id=handover.id, method=tender.kind.value,
                                    due_kopecks=tender.amount, tendered_kopecks=given, change_kopecks=tender.change,
                                    staff_id=act.actor.staff_id, paid_at=act.now))


def _card_id(act: Action, order: Order) -> int | None:
    return act.session.scalars(
        select(ClubCard.id)
        .where(ClubCard.customer_id == order.customer_id, ClubCard.status.in_((CardStatus.ACTIVE, CardStatus.PENDING)))
        .order_by(ClubCard.id)
    ).first()


def _ledger(act: Action, order: Order, reason: LedgerReason, points: int, event_id: str) -> None:
    act.session.add(BonusLedgerEntry(customer_id=order.customer_id, card_id=_card_id(act, order), order_id=order.id,
                                     reason=reason.value, points=points, created_at=act.now, event_id=event_id))


def redeem(act: Action, handover: Handover, order: Order, payment: PaymentIntent | None) -> None:
    """The points and certificates spent: pending ledger entries and their events (after handover.completed)."""
    if payment is None:
        return
    if payment.points > 0:
        event_id = act.emit(BonusRedeemed(redemption=new_uid(), order=order.number, handover=handover.uid,
                                          points=payment.points))
        _ledger(act, order, LedgerReason.REDEMPTION, -payment.points, event_id)
    for tender in payment.tenders:
        if tender.certificate is not None:  # only a certificate tender carries a number (tender_line)
            event_id = act.emit(CertificateRedeemed(redemption=new_uid(), certificate=tender.certificate,
                                                    order=order.number, handover=handover.uid, amount=tender.amount))
            act.session.add(CertificateEntry(certificate=tender.certificate, reason=LedgerReason.REDEMPTION.value,
                                             amount_kopecks=-tender.amount, order_number=order.number,
                                             event_id=event_id, created_at=act.now))


def accrue(act: Action, order: Order, points: int) -> int:
    """A pending accrual of `points` (1 per rouble paid with money for the goods taken; nothing when 0)."""
    if points <= 0:
        return 0
    event_id = act.emit(BonusAccrual(order=order.number, points=points))
    _ledger(act, order, LedgerReason.ACCRUAL, points, event_id)
    return points
