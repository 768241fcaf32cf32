"""Server rules for gift certificates: a sale at a counter (stock → active) and paying with one at a handover.

The certificate row is locked for the rule (PostgreSQL row lock), so two devices spending one certificate at once
are decided one after the other: the second sees the first's entry and is an overdraft (a conflict for review).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from backend.money import certificate_balance, publish_certificate, publish_certificate_entry
from backend.money_models import CertificateEntry, GiftCertificate
from backend.rules.base import (
    APPLIED,
    Outcome,
    Refused,
    RuleContext,
    conflict,
    duplicate,
    order_at_point,
    rejected,
    rule,
)
from backend.rules.money import recorded_handover, tendered
from protocol import events as ev
from protocol.money_rules import (
    CERTIFICATE_FACES,
    CERTIFICATE_VALID_DAYS,
    MONEY_TENDERS,
    BadTenders,
    CertificateStatus,
    Tender,
    check_tenders,
    tenders_of,
)

C = CertificateStatus
SALE, REDEMPTION = "sale", "redemption"


def locked_certificate(ctx: RuleContext, number: str) -> GiftCertificate:
    cert = ctx.session.scalars(select(GiftCertificate).where(GiftCertificate.number == number)
                               .with_for_update()).first()
    if cert is None:
        raise Refused(rejected(f"unknown_certificate:{number}"))
    return cert


# --- certificate.sold ------------------------------------------------------------------------------


@rule(ev.CertificateSold)
def certificate_sold(ctx: RuleContext, event: ev.CertificateSold) -> Outcome:
    cert = locked_certificate(ctx, event.certificate)
    if cert.sale_uid is not None and cert.sale_uid == event.sale:
        return duplicate("certificate_sale_already_recorded")
    if cert.status != C.STOCK:
        return conflict(f"certificate_not_in_stock:{cert.status}")
    if event.amount <= 0 or (cert.face_kopecks is None and event.amount not in CERTIFICATE_FACES):
        return rejected(f"certificate_face_invalid:{event.amount}")
    if cert.face_kopecks is not None and event.amount != cert.face_kopecks:
        return rejected(f"certificate_face_mismatch:{cert.face_kopecks}")
    _check_sale_payment(event)
    cert.status, cert.face_kopecks, cert.sold_point_id = C.ACTIVE, event.amount, ctx.point.id
    cert.sale_uid, cert.sale_event_id, cert.sold_at, cert.updated_at = event.sale, ctx.event_id, ctx.now, ctx.now
    cert.expires_at = cert.expires_at or ctx.now + timedelta(days=CERTIFICATE_VALID_DAYS)
    entry = CertificateEntry(certificate_id=cert.id, reason=SALE, amount=event.amount, event_id=ctx.event_id,
                             reference="", created_at=ctx.now)
    ctx.session.add(entry)
    publish_certificate(ctx.session, cert, ctx.now)
    publish_certificate_entry(ctx.session, entry, ctx.now)
    return APPLIED


def _check_sale_payment(event: ev.CertificateSold) -> None:
    """Money only (cash, card), paying exactly the face value."""
    try:
        tenders = tenders_of(event.payment)
        if any(t.kind not in MONEY_TENDERS for t in tenders):
            raise BadTenders("tender_not_money")
        check_tenders(event.amount, tenders, 0)
    except BadTenders as bad:
        raise Refused(rejected(f"bad_tenders:{bad.reason}")) from None


# --- certificate.redeemed --------------------------------------------------------------------------


@rule(ev.CertificateRedeemed)
def certificate_redeemed(ctx: RuleContext, event: ev.CertificateRedeemed) -> Outcome:
    if event.amount <= 0:
        return rejected(f"invalid_amount:{event.amount}")
    cert = locked_certificate(ctx, event.certificate)
    order = order_at_point(ctx, event.order)
    handover = recorded_handover(ctx, order, event.handover)
    if handover is None:
        return conflict("handover_not_recorded")
    if _redemption_of(ctx, cert, event.handover):
        return duplicate("redemption_already_recorded")
    _check_spendable(ctx, cert)
    if not tendered(handover, Tender.CERTIFICATE, event.amount, cert.number):
        return rejected("redemption_not_in_payment")
    held = certificate_balance(ctx.session, cert)
    if held < event.amount:
        return conflict(f"certificate_overdraft:{held}<{event.amount}")
    entry = CertificateEntry(certificate_id=cert.id, reason=REDEMPTION, amount=-event.amount, order_id=order.id,
                             event_id=ctx.event_id, reference=event.handover, created_at=ctx.now)
    try:
        with ctx.session.begin_nested():
            ctx.session.add(entry)
    except IntegrityError:
        return duplicate("redemption_already_recorded")
    if held == event.amount:
        cert.status, cert.updated_at = C.SPENT, ctx.now
        publish_certificate(ctx.session, cert, ctx.now)
    publish_certificate_entry(ctx.session, entry, ctx.now)
    return APPLIED


def _redemption_of(ctx: RuleContext, cert: GiftCertificate, handover: str) -> bool:
    return ctx.session.scalar(select(CertificateEntry.id).where(
        CertificateEntry.certificate_id == cert.id, CertificateEntry.reason == REDEMPTION,
        CertificateEntry.reference == handover)) is not None


def _check_spendable(ctx: RuleContext, cert: GiftCertificate) -> None:
    """Blocked, expired or never sold: a conflict (the counter checked with an older view); a certificate found
    expired here becomes `expired`. A spent one goes on to the balance check: a second spend is an overdraft."""
    if cert.status == C.BLOCKED:
        raise Refused(conflict("certificate_blocked"))
    if cert.status == C.EXPIRED or (cert.expires_at is not None and cert.expires_at <= ctx.now):
        if cert.status != C.EXPIRED:  # found out now: every point learns it
            cert.status, cert.updated_at = C.EXPIRED, ctx.now
            publish_certificate(ctx.session, cert, ctx.now)
        raise Refused(conflict("certificate_expired"))
    if cert.status not in (C.ACTIVE, C.SPENT):
        raise Refused(conflict(f"certificate_not_active:{cert.status}"))
