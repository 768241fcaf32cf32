"""Server rules for SMS requests: the pickup-code SMS, reminders and the club welcome SMS.

Capped per order, purpose and day whatever the counters send (backend/sms/caps.py); a resend of the
«ready» SMS reuses the order's current pickup code.
"""

from __future__ import annotations

from backend.codes import code_issued, issue_code, note_issued, sms_context
from backend.models import Order
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
from backend.sms.caps import cap_refusal, resend_ready
from backend.sms.models import PURPOSES
from backend.sms.service import find_sms, request_sms
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
        if find_sms(ctx.session, order.number, event.purpose, event.attempt) is not None:
            return Outcome(EventOutcome.APPLIED, "already_requested")
        refusal = cap_refusal(ctx.session, ctx.point, order.number, event.purpose, ctx.now)
        if refusal is not None:
            return rejected(refusal)
        context = sms_context(ctx.point, order, ctx.now, uid=event.sms)
        request_sms(ctx.session, order.number, event.purpose, event.attempt, context)
        return APPLIED
    if code_issued(ctx.session, order.id, event.attempt):
        return Outcome(EventOutcome.APPLIED, "already_requested")
    if order.status not in (S.ARRIVED, S.READY):
        return conflict(f"order_not_ready:{order.status}")
    if order.status == S.READY:
        return _resend(ctx, order, event)
    issue_code(ctx.session, ctx.issuer, ctx.point, order, event.attempt, sms_uid=event.sms)
    return APPLIED


def _resend(ctx: RuleContext, order: Order, event: ev.SmsRequested) -> Outcome:
    """A clerk's resend of the «ready» SMS of a ready order: capped, with the order's current code."""
    refusal = cap_refusal(ctx.session, ctx.point, order.number, SmsPurpose.READY, ctx.now, resends_only=True)
    if refusal is not None:
        return rejected(refusal)
    if resend_ready(ctx.session, ctx.point, order, event.attempt, event.sms, ctx.now):
        note_issued(ctx.session, order.id, event.attempt)  # the attempt is recorded with the current code
    else:
        issue_code(ctx.session, ctx.issuer, ctx.point, order, event.attempt, sms_uid=event.sms)
    return APPLIED
