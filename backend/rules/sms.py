"""Server rules for SMS requests: the pickup-code SMS, reminders and the club welcome SMS."""

from __future__ import annotations

from sqlalchemy import select

from backend.codes import code_issued, issue_code, sms_context
from backend.models import ClubCard, Customer
from backend.rules.base import (
    APPLIED,
    Outcome,
    RuleContext,
    S,
    conflict,
    order_at_point,
    rejected,
    rule,
)
from backend.sms.models import PURPOSES
from backend.sms.service import request_sms
from protocol import events as ev
from protocol.states import CardStatus, EventOutcome, SmsPurpose

# --- notification -------------------------------------------------------------------------------


@rule(ev.SmsRequested)
def sms_requested(ctx: RuleContext, event: ev.SmsRequested) -> Outcome:
    if event.purpose not in PURPOSES or event.purpose == SmsPurpose.CORRECTION or event.attempt < 1:
        return rejected(f"invalid_sms_request:{event.purpose}/{event.attempt}")
    if event.purpose == SmsPurpose.CLUB:
        return _club_sms(ctx, event)
    order = order_at_point(ctx, event.order)
    if event.purpose != SmsPurpose.READY:
        context = sms_context(ctx.point, order, ctx.now, uid=event.sms)
        request_sms(ctx.session, order.number, event.purpose, event.attempt, context)
        return APPLIED
    if code_issued(ctx.session, order.id, event.attempt):
        return Outcome(EventOutcome.APPLIED, "already_requested")
    if order.status not in (S.ARRIVED, S.READY):
        return conflict(f"order_not_ready:{order.status}")
    issue_code(ctx.session, ctx.issuer, ctx.point, order, event.attempt, sms_uid=event.sms)
    return APPLIED


def _club_sms(ctx: RuleContext, event: ev.SmsRequested) -> Outcome:
    """The club welcome SMS: `order` is the qualifying order (or the card); the card is the one
    activated with the order customer's phone."""
    card = ctx.session.scalars(select(ClubCard).where(ClubCard.number == event.order)).first()
    if card is not None and card.point_id == ctx.point.id and card.customer_id is not None:
        customer = ctx.session.get(Customer, card.customer_id)
    else:
        order = order_at_point(ctx, event.order)
        customer = order.customer
        card = _active_card_for(ctx, customer.phone)
    if card is None or customer is None:
        return conflict(f"no_active_card:{event.order}")
    context = {"card": card.number, "points": ctx.activation_points, "phone": customer.phone,
               "point_code": ctx.point.code, "now": ctx.now, "uid": event.sms}
    request_sms(ctx.session, event.order, "club", event.attempt, context)
    return APPLIED


def _active_card_for(ctx: RuleContext, phone: str) -> ClubCard | None:
    return ctx.session.scalars(
        select(ClubCard)
        .join(Customer, Customer.id == ClubCard.customer_id)
        .where(Customer.phone == phone, ClubCard.status == CardStatus.ACTIVE, ClubCard.point_id == ctx.point.id)
        .order_by(ClubCard.activated_at.desc())
    ).first()
