"""Server rules for money at a handover: the recorded payment, credit agreements, paying with points, accrual.

The server is authoritative: a payment that does not add up (protocol.money_rules.check_tenders with the retailer's
points share) or a credit order handed over without its signed agreement is rejected; points spent beyond the
account's balance are a conflict for review. Points accrue only on the roubles paid with money for the goods taken.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from backend.models import BonusEntry, Handover, Order
from backend.money import account_ids, balance, money_settings, publish_bonus_entry
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
from protocol import events as ev
from protocol.club_rules import paid_kopecks, points_for
from protocol.money_rules import (
    CREDIT_AGREEMENT_PATTERN,
    KOPECKS_PER_POINT,
    BadTenders,
    LedgerReason,
    Tender,
    TenderLine,
    check_tenders,
    money_paid,
    tenders_of,
)

CREDIT_KIND = "credit"


def is_credit(order: Order) -> bool:
    return order.kind == CREDIT_KIND


# --- handover.completed: the payment and the credit agreement ------------------------------------


def checked_payment(ctx: RuleContext, order: Order, event: ev.HandoverCompleted) -> dict[str, Any]:
    """The payment to record ({} when nothing was taken); Refused when it does not add up or a credit order's
    agreement is missing."""
    if is_credit(order) and event.result != S.REFUSED and not _agreement_ok(event.credit_agreement):
        raise Refused(rejected("credit_agreement_missing"))
    if not event.payment:
        return {}
    try:
        tenders = tenders_of(event.payment)
        due = event.payment.get("due")
        if not isinstance(due, int) or isinstance(due, bool) or due < 0:
            raise BadTenders("due_invalid")
        check_tenders(due, tenders, money_settings(ctx.session)["points_share_percent"])
    except BadTenders as bad:
        raise Refused(rejected(f"bad_tenders:{bad.reason}")) from None
    return {"due": due, "tenders": [_tender_dict(t) for t in tenders]}


def _agreement_ok(agreement: str | None) -> bool:
    return agreement is not None and re.fullmatch(CREDIT_AGREEMENT_PATTERN, agreement) is not None


def _tender_dict(tender: TenderLine) -> dict[str, Any]:
    item: dict[str, Any] = {"kind": str(tender.kind), "amount": tender.amount}
    if tender.tendered or tender.change:
        item.update(tendered=tender.tendered, change=tender.change)
    if tender.certificate is not None:
        item["certificate"] = tender.certificate
    return item


def tendered(handover: Handover, kind: Tender, amount: int, certificate: str | None = None) -> bool:
    """Was this exactly one of the handover's recorded tenders? A redemption spends what the payment said."""
    return any(t.kind is kind and t.amount == amount and t.certificate == certificate
               for t in tenders_of(handover.payment))


def recorded_handover(ctx: RuleContext, order: Order, uid: str | None = None) -> Handover | None:
    """The order's recorded handover (that one uid when given), the latest first."""
    stmt = select(Handover).where(Handover.order_id == order.id)
    if uid is not None:
        stmt = stmt.where(Handover.uid == uid)
    return ctx.session.scalars(stmt.order_by(Handover.id.desc())).first()


# --- bonus.accrual: what may accrue ----------------------------------------------------------------


def accrual_allowed(ctx: RuleContext, order: Order) -> int:
    """1 point per whole rouble paid with money for the goods taken.

    Pay at pickup: the money tenders (cash, card) of the recorded payment; prepaid online: the lines taken (as
    before); a credit order: nothing unless the retailer's `credit_accrues_points`. A handover recorded before
    the server kept payments (payment NULL) counts its lines taken, as the server did then.
    """
    lines = paid_kopecks((x.quantity, x.refused_quantity, x.price_kopecks) for x in order.lines)
    if is_credit(order):
        return points_for(lines) if money_settings(ctx.session)["credit_accrues_points"] else 0
    if order.prepaid:
        return points_for(lines)
    handover = recorded_handover(ctx, order)
    if handover is None or handover.payment is None:
        return points_for(lines)
    return points_for(money_paid(tenders_of(handover.payment)))  # {} (nothing taken): no tenders, no points


# --- bonus.redeemed ---------------------------------------------------------------------------------


@rule(ev.BonusRedeemed)
def bonus_redeemed(ctx: RuleContext, event: ev.BonusRedeemed) -> Outcome:
    if event.points <= 0:
        return rejected(f"invalid_points:{event.points}")
    order = order_at_point(ctx, event.order)
    handover = recorded_handover(ctx, order, event.handover)
    if handover is None:
        return conflict("handover_not_recorded")
    if _redemption_of(ctx, order, event.handover) is not None:
        return duplicate("redemption_already_recorded")
    if not tendered(handover, Tender.POINTS, event.points * KOPECKS_PER_POINT):
        return rejected("redemption_not_in_payment")
    ids = account_ids(ctx.session, order.customer_id, lock=True)  # two devices at once: one waits here
    held = balance(ctx.session, ids)
    if held < event.points:
        return conflict(f"points_overdraft:{held}<{event.points}")
    entry = BonusEntry(customer_id=order.customer_id, order_id=order.id, reason=LedgerReason.REDEMPTION,
                       points=-event.points, event_id=ctx.event_id, reference=event.handover, created_at=ctx.now)
    try:
        with ctx.session.begin_nested():
            ctx.session.add(entry)
    except IntegrityError:
        return duplicate("redemption_already_recorded")
    publish_bonus_entry(ctx.session, entry, ctx.now)
    return APPLIED


def _redemption_of(ctx: RuleContext, order: Order, handover: str) -> int | None:
    return ctx.session.scalar(select(BonusEntry.id).where(
        BonusEntry.reason == LedgerReason.REDEMPTION, BonusEntry.order_id == order.id,
        BonusEntry.reference == handover))
