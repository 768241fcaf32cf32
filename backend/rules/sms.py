"""Server rules for SMS requests: the pickup-code SMS, reminders and the club welcome SMS."""

from __future__ import annotations

from backend.codes import code_issued, issue_code, sms_context
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
from backend.rules.club import club_sms
from backend.sms.models import PURPOSES
from backend.sms.service import request_sms
from protocol import events as ev
from protocol.states import EventOutcome, SmsPurpose

# --- notification -------------------------------------------------------------------------------


@rule(ev.SmsRequested)
def sms_requested(ctx: RuleContext, event: ev.SmsRequested) -> Outcome:
    if event.purpose not in PURPOSES or event.purpose == SmsPurpose.CORRECTION or event.attempt < 1:
        return rejected(f"invalid_sms_request:{event.purpose}/{event.attempt}")
    if event.purpose == SmsPurpose.CLUB:
        return club_sms(ctx, event)
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

