"""Server rules for the customer club: card activation (authoritative), the welcome SMS and bonus accrual.

The server decides who may hold a card: a qualifying order of 5,000 ₽ or more, a city from the
retailer's list, one active card per phone and the +190 welcome bonus once per customer. Points
accrue only on the roubles actually paid for the goods handed over.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from backend.db import rowcount
from backend.models import BonusEntry, ClubCard, Customer, Order
from backend.money import publish_bonus_entry
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
from backend.rules.money import accrual_allowed
from backend.serialize import card_dict
from backend.sms.models import SmsOutbox
from backend.sms.service import request_sms
from protocol import events as ev
from protocol.club_rules import QUALIFYING_KOPECKS, known_city, paid_kopecks
from protocol.states import CardStatus, EventOutcome, SmsPurpose

CARD_ACTIVATABLE = (CardStatus.STOCK, CardStatus.PENDING)
ORDER_READY = (S.ARRIVED, S.READY)  # the whole order waits for the customer: its total counts
ORDER_TAKEN = (S.HANDED_OVER, S.PARTIALLY_HANDED_OVER)  # what was taken counts

# --- bonus points -------------------------------------------------------------------------------


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
    if order.status not in ORDER_TAKEN:
        return conflict(f"order_not_handed_over:{order.status}")
    if event.points <= 0:
        return rejected(f"invalid_points:{event.points}")
    allowed = accrual_allowed(ctx, order)
    if event.points > allowed:
        return rejected(f"points_exceed_paid:{event.points}>{allowed}")
    entry = BonusEntry(customer_id=order.customer_id, order_id=order.id, reason="accrual", points=event.points,
                       event_id=ctx.event_id, created_at=ctx.now)
    if not _credit(ctx, entry):
        return duplicate("bonus_already_credited")
    ctx.publish("bonus.confirmed", {"order": order.number, "card": None, "reason": "accrual",
                                    "points": event.points})
    publish_bonus_entry(ctx.session, entry, ctx.now)
    return APPLIED


# --- club card activation -----------------------------------------------------------------------


@rule(ev.ClubCardActivated)
def card_activated(ctx: RuleContext, event: ev.ClubCardActivated) -> Outcome:
    card = ctx.session.scalars(select(ClubCard).where(ClubCard.number == event.card)).first()
    if card is None:
        return rejected(f"unknown_card:{event.card}")
    if card.point_id != ctx.point.id:
        return rejected(f"foreign_card:{event.card}")
    if card.status not in CARD_ACTIVATABLE:
        return _activation_lost(ctx, card, event.phone)
    city = known_city(event.city)
    if city is None:
        return _activation_refused(ctx, card, event.phone, "unknown_city")
    customer = _eligible_customer(ctx, card, event.phone)
    try:
        with ctx.session.begin_nested():  # the card and its welcome bonus together, or neither
            won = rowcount(ctx.session.execute(
                update(ClubCard)
                .where(ClubCard.id == card.id, ClubCard.status.in_(CARD_ACTIVATABLE))
                .values(status=CardStatus.ACTIVE, customer_id=customer.id, city=city, activated_at=ctx.now,
                        activation_event_id=ctx.event_id)
            ))
            if won:
                _credit_welcome_bonus(ctx, card, customer)
    except Refused as refused:  # the card's welcome bonus is already on the ledger: the card stays as it was
        return refused.outcome
    ctx.session.expire(card)
    if not won:
        return _activation_lost(ctx, card, event.phone)
    ctx.publish("card.upsert", card_dict(card, ctx.point.code))
    return APPLIED


def _credit_welcome_bonus(ctx: RuleContext, card: ClubCard, customer: Customer) -> None:
    points = ctx.activation_points
    entry = BonusEntry(customer_id=customer.id, card_id=card.id, reason="activation", points=points,
                       event_id=ctx.event_id, created_at=ctx.now)
    if not _credit(ctx, entry):
        raise Refused(conflict("activation_bonus_already_credited"))
    ctx.publish("club.activation_result", {"card": card.number, "status": CardStatus.ACTIVE, "reason": None,
                                           "phone": customer.phone, "customer": customer.external_id})
    ctx.publish("bonus.confirmed", {"order": None, "card": card.number, "reason": "activation", "points": points})
    publish_bonus_entry(ctx.session, entry, ctx.now)


def _activation_lost(ctx: RuleContext, card: ClubCard, phone: str) -> Outcome:
    """The second activation of a card (a race of two PCs): a conflict for review, learnt from the feed."""
    reason = "card_already_active"
    _publish_refusal(ctx, card, phone, reason)
    return conflict(reason)


def _activation_refused(ctx: RuleContext, card: ClubCard, phone: str, reason: str) -> Outcome:
    """An activation the club rules forbid: rejected; the card stays in stock for another customer."""
    _publish_refusal(ctx, card, phone, reason)
    return rejected(reason)


def _publish_refusal(ctx: RuleContext, card: ClubCard, phone: str, reason: str) -> None:
    """The result names the activation's phone: each PC of the point tells its own activation from another's."""
    ctx.publish("club.activation_result", {"card": card.number, "status": CardStatus.REJECTED, "reason": reason,
                                           "phone": phone})


def _eligible_customer(ctx: RuleContext, card: ClubCard, phone: str) -> Customer:
    """The customer with this phone who may get a card, or Refused with the rule that forbids it."""
    customers = list(ctx.session.scalars(select(Customer).where(Customer.phone == phone)))
    ids = [c.id for c in customers]
    if not customers:
        raise Refused(_activation_refused(ctx, card, phone, "customer_not_found"))
    held = ctx.session.scalars(
        select(ClubCard.number).where(ClubCard.customer_id.in_(ids), ClubCard.status == CardStatus.ACTIVE)
    ).first()
    if held is not None:
        raise Refused(_activation_refused(ctx, card, phone, f"phone_has_card:{held}"))
    bonus = select(BonusEntry.id).where(BonusEntry.customer_id.in_(ids), BonusEntry.reason == "activation")
    if ctx.session.scalars(bonus).first() is not None:
        raise Refused(_activation_refused(ctx, card, phone, "activation_bonus_already_credited"))
    order = _qualifying_order(ctx, ids)
    if order is None:
        raise Refused(_activation_refused(ctx, card, phone, "no_qualifying_order"))
    return next(c for c in customers if c.id == order.customer_id)


def _qualifying_order(ctx: RuleContext, customer_ids: list[int]) -> Order | None:
    """The first by number of the customer's orders of 5,000 ₽ or more: waiting whole at a point, or taken for at
    least that much (the counter picks the same one, so both give the card to that order's customer)."""
    orders = ctx.session.scalars(
        select(Order)
        .where(Order.customer_id.in_(customer_ids), Order.status.in_(ORDER_READY + ORDER_TAKEN))
        .order_by(Order.number)
        .options(selectinload(Order.lines))
    )
    for order in orders:
        lines = ((x.quantity, x.refused_quantity, x.price_kopecks) for x in order.lines)
        worth = order.total_kopecks if order.status in ORDER_READY else paid_kopecks(lines)
        if worth >= QUALIFYING_KOPECKS:
            return order
    return None


# --- the welcome SMS ----------------------------------------------------------------------------


def club_sms(ctx: RuleContext, event: ev.SmsRequested) -> Outcome:
    """The club welcome SMS: `order` is the qualifying order (or the card); one SMS per activated card.

    The counter queues it right after `club.card_activated`, so within one batch the card is already
    active here. A second request for the same card (the other PC's, or a lost activation of the same
    customer) queues nothing.
    """
    card = ctx.session.scalars(select(ClubCard).where(ClubCard.number == event.order)).first()
    if card is not None and card.point_id == ctx.point.id and card.customer_id is not None:
        customer = ctx.session.get(Customer, card.customer_id)
    else:
        customer = order_at_point(ctx, event.order).customer
        card = _active_card_for(ctx, customer.phone)
    if card is None or customer is None or card.status != CardStatus.ACTIVE:
        return conflict(f"no_active_card:{event.order}")
    if event.attempt == 1 and _welcome_sent(ctx, customer.phone, card):  # a clerk's resend is attempt 2+
        return Outcome(EventOutcome.APPLIED, "already_requested")
    context = {"card": card.number, "points": ctx.activation_points, "phone": customer.phone,
               "point_code": ctx.point.code, "now": ctx.now, "uid": event.sms}
    request_sms(ctx.session, event.order, SmsPurpose.CLUB, event.attempt, context)
    return APPLIED


def _active_card_for(ctx: RuleContext, phone: str) -> ClubCard | None:
    return ctx.session.scalars(
        select(ClubCard)
        .join(Customer)  # on the card's one foreign key to customers
        .where(Customer.phone == phone, ClubCard.status == CardStatus.ACTIVE, ClubCard.point_id == ctx.point.id)
        .order_by(ClubCard.activated_at.desc())
    ).first()


def _welcome_sent(ctx: RuleContext, phone: str, card: ClubCard) -> bool:
    """Has this card's activation already had its welcome SMS queued (to this phone, since it was activated)?"""
    assert card.activated_at is not None  # an active card
    return ctx.session.scalars(
        select(SmsOutbox.id).where(SmsOutbox.purpose == SmsPurpose.CLUB, SmsOutbox.phone == phone,
                                   SmsOutbox.created_at >= card.activated_at)
    ).first() is not None
