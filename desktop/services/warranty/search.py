"""Finding claims at the counter: by claim number, by order number, by the customer's phone (and name)."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.claim_models import Claim
from desktop.db.models import Customer, Order, PickupPoint
from desktop.services.orders import normalize_name
from desktop.services.warranty.model import ClaimSearch
from desktop.services.warranty.rules import PURCHASED, claim_by_number, claim_view, order_here
from protocol.claims import is_claim_number
from protocol.errors import DomainError
from protocol.phone import BadPhoneError, canonical_phone

ORDER_NUMBER = re.compile(r"\d{9}")
PHONE_AND_NAME = re.compile(r"(\+?[\d\s()\-]{10,20}?)(?:\s+(\D.*))?")
SEARCH_LIMIT = 50


def find_claims(s: Session, point: PickupPoint, query: str) -> ClaimSearch:
    """Claims by number, order number or «phone [name]»; DomainError for a query of no such shape."""
    text = " ".join((query or "").split())
    if not text:
        raise DomainError("claim.bad_query", query="")
    if is_claim_number(text.replace(" ", "").upper()) or (text[:1] in "Ww" and text[1:2].isdigit()):
        return ClaimSearch((claim_view(s, claim_by_number(s, point, text)),))
    if ORDER_NUMBER.fullmatch(text):
        order = order_here(s, point, text)
        claims = s.scalars(select(Claim).where(Claim.order_number == order.number).order_by(Claim.id)).all()
        can_open = order.status in PURCHASED and order.handed_over_at is not None
        return ClaimSearch(tuple(claim_view(s, c) for c in claims), order.number if can_open else None)
    phone, name = _phone_and_name(text)
    return ClaimSearch(tuple(claim_view(s, c) for c in _claims_of_phone(s, point, phone, name)))


def _phone_and_name(text: str) -> tuple[str, str]:
    match = PHONE_AND_NAME.fullmatch(text)
    if match is None:
        raise DomainError("claim.bad_query", query=text[:40])
    try:
        return canonical_phone(match.group(1)), match.group(2) or ""
    except BadPhoneError:
        raise DomainError("claim.bad_query", query=text[:40]) from None


def _claims_of_phone(s: Session, point: PickupPoint, phone: str, name: str) -> list[Claim]:
    rows = s.execute(
        select(Claim, Customer.full_name)
        .join(Order, Order.number == Claim.order_number)
        .join(Customer, Customer.id == Order.customer_id)
        .where(Customer.phone == phone, Claim.point_id == point.id)
        .order_by(Claim.id.desc())
        .limit(SEARCH_LIMIT)
    ).all()
    wanted = normalize_name(name)
    return [claim for claim, full_name in rows if not wanted or wanted in normalize_name(full_name)]
