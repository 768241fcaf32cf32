"""Server rules for the customer club: bonus accrual and club card activation."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from backend.db import rowcount
from backend.models import BonusEntry, ClubCard, Customer
from backend.rules.base import (
    APPLIED,
    Outcome,
    Refused,
    RuleContext,
    S,
    conflict,
    duplicate,
    order_at_point,
    rejected,
    rule,
)
from backend.serialize import card_dict
from protocol import events as ev
from protocol.club_rules import points_for
from protocol.states import CardStatus

CARD_ACTIVATABLE = (CardStatus.STOCK, CardStatus.PENDING)

# --- bonus points and club cards ----------------------------------------------------------------


def _credit(ctx: RuleContext, entry: BonusEntry) -> bool:
    """Insert a ledger entry; False when (reason, order) or (reason, card) is already credited."""
    try:
        with ctx.session.begin_nested():
            ctx.session.add(entry)
    except IntegrityError:
        return False
    return True


@rule(ev.BonusAccrual)
def bonus_accrual(ctx: RuleContext, event: ev.BonusAccrual) -> Outcome:
    order = order_at_point(ctx, event.order)
    if order.status not in (S.HANDED_OVER, S.PARTIALLY_HANDED_OVER):
        return conflict(f"order_not_handed_over:{order.status}")
    if event.points <= 0 or event.points > points_for(order.total_kopecks):
        return rejected(f"invalid_points:{event.points}")
    entry = BonusEntry(customer_id=order.customer_id, order_id=order.id, reason="accrual", points=event.points,
                       event_id=ctx.event_id, created_at=ctx.now)
    if not _credit(ctx, entry):
        return duplicate("bonus_already_credited")
    ctx.publish("bonus.confirmed", {"order": order.number, "card": None, "reason": "accrual",
                                    "points": event.points})
    return APPLIED


@rule(ev.ClubCardActivated)
def card_activated(ctx: RuleContext, event: ev.ClubCardActivated) -> Outcome:
    card = ctx.session.scalars(select(ClubCard).where(ClubCard.number == event.card)).first()
    if card is None:
        return rejected(f"unknown_card:{event.card}")
    if card.point_id != ctx.point.id:
        return rejected(f"foreign_card:{event.card}")
    if card.status not in CARD_ACTIVATABLE:
        return _activation_lost(ctx, card)
    customer = _club_customer(ctx, event.phone, event.card)
    won = rowcount(ctx.session.execute(
        update(ClubCard)
        .where(ClubCard.id == card.id, ClubCard.status.in_(CARD_ACTIVATABLE))
        .values(status=CardStatus.ACTIVE, customer_id=customer.id, city=event.city, activated_at=ctx.now,
                activation_event_id=ctx.event_id)
    ))
    ctx.session.expire(card)
    if not won:
        return _activation_lost(ctx, card)
    points = ctx.activation_points
    entry = BonusEntry(customer_id=customer.id, card_id=card.id, reason="activation", points=points,
                       event_id=ctx.event_id, created_at=ctx.now)
    if not _credit(ctx, entry):
        raise Refused(conflict("activation_bonus_already_credited"))
    ctx.publish("club.activation_result", {"card": card.number, "status": CardStatus.ACTIVE, "reason": None})
    ctx.publish("bonus.confirmed", {"order": None, "card": card.number, "reason": "activation", "points": points})
    ctx.publish("card.upsert", card_dict(card, ctx.point.code))
    return APPLIED


def _activation_lost(ctx: RuleContext, card: ClubCard) -> Outcome:
    """The second activation of a card: a conflict for review; the device learns it from the feed."""
    reason = "card_already_active"
    ctx.publish("club.activation_result", {"card": card.number, "status": CardStatus.REJECTED, "reason": reason})
    return conflict(reason)


def _club_customer(ctx: RuleContext, phone: str, card_number: str) -> Customer:
    customer = ctx.session.scalars(select(Customer).where(Customer.phone == phone).order_by(Customer.id)).first()
    if customer is None:
        customer = Customer(full_name=f"Card holder {card_number}", phone=phone)
        ctx.session.add(customer)
        ctx.session.flush()
    return customer
