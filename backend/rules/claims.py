"""Server rules for warranty claims: intake at the counter, service dispatch, the return order's arrival and handover.

The server is authoritative on a claim's status (protocol.claims.next_claim_status): an impossible step is
refused with a reason code of the contract (`claim_illegal_step:<claim>`, …) and changes nothing. The hooks
`return_arrived` and `return_handed_over` are called by the box and handover rules for a warranty return order.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from backend.claims import (
    ClaimProblem,
    advance,
    check_not_claimed,
    claim_for_return_order,
    load_claim,
    point_zone,
    publish_claim,
    purchase_date,
    purchased_line,
)
from backend.models import SESSION_UID_MAX, Claim, Order, OrderLine, Staff
from backend.rules.base import APPLIED, Outcome, Refused, RuleContext, conflict, duplicate, rejected, rule
from backend.serialize import load_order
from protocol import events as ev
from protocol.claims import (
    CHECKLIST,
    COUNTER_NUMBER,
    PREFILED_NUMBER,
    WARRANTY_ORDER_KIND,
    ClaimStatus,
    ClaimStep,
    WarrantyCover,
    cover_on,
)
from protocol.limits import CONDITION_MAX

MANAGER_ROLES = ("manager", "admin")  # may allow a serial that does not match the order line


def _refused(problem: ClaimProblem) -> Refused:
    return Refused(conflict(problem.reason) if problem.conflict else rejected(problem.reason))


# --- intake ---------------------------------------------------------------------------------------------------


@rule(ev.ClaimAccepted)
def claim_accepted(ctx: RuleContext, event: ev.ClaimAccepted) -> Outcome:
    _check_shape(ctx, event)
    claim = load_claim(ctx.session, event.claim, for_update=True)
    try:
        status = _accept_status(ctx, event, claim)
        order, line = _purchase(ctx, event, claim)
        _check_serial(ctx, event, line.serial if claim is None else claim.serial)
        check_not_claimed(ctx.session, event.claim, order, event.sku, event.serial or line.serial)
    except ClaimProblem as problem:
        raise _refused(problem) from None
    _check_cover(ctx, event, order, line)
    if claim is None:
        claim = Claim(number=event.claim, point_id=ctx.point.id, order=order, sku=line.sku, product=line.name,
                      prefiled=False, filed_at=ctx.now, repair_kopecks=0, updated_at=ctx.now)
        ctx.session.add(claim)
    _fill_intake(claim, event, status, ctx.now)
    publish_claim(ctx.session, ctx.point, claim, ctx.now)
    return APPLIED


def _check_shape(ctx: RuleContext, event: ev.ClaimAccepted) -> None:
    """The number's shape (pre-filed W + 9 digits; opened here W + this point's code + 6), checklist keys, cover,
    a service label and a serial."""
    shape = PREFILED_NUMBER if event.prefiled else COUNTER_NUMBER
    own = event.prefiled or event.claim[1:5] == ctx.point.code
    if not shape.fullmatch(event.claim) or not own:
        raise Refused(rejected(f"claim_bad_number:{event.claim}"))
    unknown = sorted(set(event.checklist) - set(CHECKLIST))
    if unknown:
        raise Refused(rejected(f"claim_bad_checklist:{','.join(unknown)[:100]}"))
    if event.cover not in set(WarrantyCover):
        raise Refused(rejected(f"invalid_payload: claim.accepted.cover {event.cover[:40]!r}"))
    if not event.label.strip() or not event.serial.strip():
        raise Refused(rejected("invalid_payload: claim.accepted needs the service label and the serial"))


def _accept_status(ctx: RuleContext, event: ev.ClaimAccepted, claim: Claim | None) -> ClaimStatus:
    if event.prefiled and claim is None:
        raise ClaimProblem("claim_unknown", event.claim)
    if claim is not None and claim.point_id != ctx.point.id:
        raise ClaimProblem("claim_foreign_order", claim.order.number)
    if claim is None:
        return ClaimStatus.ACCEPTED
    return advance(claim, ClaimStep.ACCEPT)


def _purchase(ctx: RuleContext, event: ev.ClaimAccepted, claim: Claim | None) -> tuple[Order, OrderLine]:
    """The purchase order (this point's, handed over) and its line; a pre-filed claim names its own."""
    if claim is not None and (claim.order.number, claim.sku) != (event.order, event.sku):
        raise ClaimProblem("claim_not_purchased", f"{event.order}/{event.sku}")
    order = load_order(ctx.session, event.order, for_update=True)
    if order is None:
        raise ClaimProblem("claim_not_purchased", event.order)
    if order.point_id != ctx.point.id:
        raise ClaimProblem("claim_foreign_order", event.order)
    return order, purchased_line(order, event.sku)


def _check_serial(ctx: RuleContext, event: ev.ClaimAccepted, expected: str | None) -> None:
    """The scanned serial must be the line's (or the pre-filed claim's) unless an active manager allowed it."""
    if not expected or event.serial == expected:
        return
    if not (event.override_by and event.serial_override):
        raise ClaimProblem("claim_serial_mismatch", event.claim)
    manager = ctx.session.scalar(
        select(Staff.id).where(Staff.point_id == ctx.point.id, Staff.login == event.override_by[:64],
                               Staff.active.is_(True), Staff.role.in_(MANAGER_ROLES)))
    if manager is None:
        raise ClaimProblem("claim_override_not_manager", event.claim)


def _check_cover(ctx: RuleContext, event: ev.ClaimAccepted, order: Order, line: OrderLine) -> None:
    """The counter's «in warranty» is checked against the server's own date computation (the point's zone)."""
    today = ctx.now.astimezone(point_zone(ctx.point)).date()
    server_cover = cover_on(purchase_date(ctx.point, order), line.warranty_months, today)
    if event.cover == WarrantyCover.IN_WARRANTY and server_cover == WarrantyCover.PAID_REPAIR:
        raise Refused(rejected(f"claim_warranty_expired:{event.claim}"))


def _fill_intake(claim: Claim, event: ev.ClaimAccepted, status: ClaimStatus, now: datetime) -> None:
    claim.status = status
    claim.serial = event.serial or claim.serial
    claim.fault, claim.cover, claim.condition = event.fault, event.cover, event.condition
    claim.checklist, claim.photos, claim.label = list(event.checklist), list(event.photos), event.label
    claim.serial_override = event.serial_override[:CONDITION_MAX] if event.serial_override else None
    claim.override_by = event.override_by[:64] if event.override_by else None
    claim.accepted_at = now


# --- service dispatch -----------------------------------------------------------------------------------------


@rule(ev.ServiceDispatchOpened)
def service_opened(_ctx: RuleContext, event: ev.ServiceDispatchOpened) -> Outcome:
    """Recorded (the session's items follow as claim.dispatched); a session needs an id."""
    return APPLIED if event.session.strip() else rejected("invalid_payload: service.opened.session")


@rule(ev.ClaimDispatched)
def claim_dispatched(ctx: RuleContext, event: ev.ClaimDispatched) -> Outcome:
    claim = _claim_at_point(ctx, event.claim)
    session = event.session[:SESSION_UID_MAX]
    if claim.status == ClaimStatus.SENT and claim.dispatch_session == session:
        return duplicate(f"claim_already_dispatched:{claim.number}")
    if event.label != claim.label:
        return rejected(f"claim_label_mismatch:{claim.number}")
    try:
        claim.status = advance(claim, ClaimStep.DISPATCH)
    except ClaimProblem as problem:
        return rejected(problem.reason)
    claim.dispatch_session, claim.dispatched_at = session, ctx.now
    publish_claim(ctx.session, ctx.point, claim, ctx.now)
    return APPLIED


@rule(ev.ServiceDispatchClosed)
def service_closed(ctx: RuleContext, event: ev.ServiceDispatchClosed) -> Outcome:
    """The act lists the session's claims: each must have been dispatched in it (else the act is refused)."""
    listed = event.act.get("claims")
    if not isinstance(listed, list) or not all(isinstance(number, str) for number in listed):
        return rejected("invalid_payload: service.closed.act.claims")
    session = event.session[:SESSION_UID_MAX]
    for number in listed:
        claim = _claim_at_point(ctx, number)
        if claim.dispatch_session != session:
            return rejected(f"claim_illegal_step:{claim.number}")
    return APPLIED


def _claim_at_point(ctx: RuleContext, number: str) -> Claim:
    claim = load_claim(ctx.session, number, for_update=True)
    if claim is None:
        raise Refused(rejected(f"claim_unknown:{number}"))
    if claim.point_id != ctx.point.id:
        raise Refused(rejected(f"claim_foreign_order:{claim.order.number}"))
    return claim


# --- the return order (called by the box and handover rules) -------------------------------------------------


def return_arrived(ctx: RuleContext, order: Order) -> None:
    """order.arrived of a warranty return order: its claim RETURNING → AWAITING_PICKUP."""
    claim = _returning_claim(ctx, order)
    if claim is not None and claim.status == ClaimStatus.RETURNING:
        claim.status = advance(claim, ClaimStep.ARRIVE)
        publish_claim(ctx.session, ctx.point, claim, ctx.now)


def return_arrival_undone(ctx: RuleContext, order: Order) -> None:
    """The return order's receiving scan undone (it is not at the point after all): AWAITING_PICKUP → RETURNING."""
    claim = _returning_claim(ctx, order)
    if claim is not None and claim.status == ClaimStatus.AWAITING_PICKUP:
        claim.status = advance(claim, ClaimStep.ARRIVAL_UNDONE)
        publish_claim(ctx.session, ctx.point, claim, ctx.now)


def return_handed_over(ctx: RuleContext, order: Order) -> None:
    """The return order handed over: its claim CLOSED with the service's outcome (an unreported arrival is implied)."""
    claim = _returning_claim(ctx, order)
    if claim is None or claim.status not in (ClaimStatus.RETURNING, ClaimStatus.AWAITING_PICKUP):
        return
    if claim.status == ClaimStatus.RETURNING:  # the goods are gone: the fact wins, the arrival is implied
        claim.status = advance(claim, ClaimStep.ARRIVE)
    claim.status = advance(claim, ClaimStep.HAND_OVER)
    claim.closed_at = ctx.now
    publish_claim(ctx.session, ctx.point, claim, ctx.now)


def _returning_claim(ctx: RuleContext, order: Order) -> Claim | None:
    return claim_for_return_order(ctx.session, order.id) if order.kind == WARRANTY_ORDER_KIND else None
