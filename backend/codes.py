"""Pickup codes: issue a 6-digit code (only its scrypt hash, salted per code, with a lookup tag, is kept), sign the
QR, queue the SMS."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend import changes
from backend.claims import claim_for_return_order
from backend.db import among
from backend.keys import code_tag_key
from backend.models import Order, PickupCode, Point
from backend.sms.promise import hold_until, publish_sms_status, supersede_ready
from backend.sms.service import find_sms, request_sms
from protocol.claims import WARRANTY_ORDER_KIND
from protocol.money import rub
from protocol.order_states import OrderEvent, OrderStatus, next_status
from protocol.pickup_code import CodeHashParams, new_code, salted_code_hash
from protocol.qr_token import PickupToken, sign_token
from protocol.states import SmsPurpose


@dataclass(frozen=True)
class PreparedCode:
    """A fresh code and its hash, computed before the write transaction (backend/code_prepare.py)."""

    point_code: str
    params: str  # the point's `code_hash_params` it was hashed under
    code: str
    code_hash: str


@dataclass(frozen=True)
class CodeIssuer:
    """What issuing needs besides the session: the signing key, the QR lifetime, the clock value and the codes
    hashed ahead of the transaction."""

    signing_key: Ed25519PrivateKey
    qr_ttl: timedelta
    now: datetime
    prepared: list[PreparedCode] = field(default_factory=list, compare=False, repr=False)


BATCH_CODES = "batch_codes"  # session.info key: order id → attempts with a code, for a batch's locked orders
CHUNK = 500


def preload_codes(session: Session, order_ids: list[int]) -> None:
    """The issued attempts of orders this transaction holds locked, read at once: `code_issued` and
    `next_code_attempt` answer from them (no other transaction issues a code for a locked order)."""
    known: dict[int, set[int]] = session.info.setdefault(BATCH_CODES, {})
    ids = sorted(set(order_ids) - known.keys())
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for order_id in chunk:
            known[order_id] = set()
        for order_id, attempt in session.execute(select(PickupCode.order_id, PickupCode.attempt)
                                                 .where(among(session, PickupCode.order_id, chunk))):
            known[order_id].add(attempt)


def attempts_known(session: Session, order_id: int) -> set[int] | None:
    """The order's issued attempts as the batch read them (`preload_codes`), or None when not read."""
    attempts: set[int] | None = session.info.get(BATCH_CODES, {}).get(order_id)
    return attempts


def note_issued(session: Session, order_id: int, attempt: int) -> None:
    """A code row added for (order, attempt) outside `issue_code` (a resend reusing the current code)."""
    attempts = attempts_known(session, order_id)
    if attempts is not None:
        attempts.add(attempt)


def code_issued(session: Session, order_id: int, attempt: int) -> bool:
    attempts = attempts_known(session, order_id)
    if attempts is not None:
        return attempt in attempts
    return session.scalar(
        select(PickupCode.id).where(PickupCode.order_id == order_id, PickupCode.attempt == attempt)
    ) is not None


def next_code_attempt(session: Session, order_id: int) -> int:
    """The attempt after the order's last issued code (1 for the first): a re-arrival gets a new code."""
    attempts = attempts_known(session, order_id)
    if attempts is not None:
        return max(attempts, default=0) + 1
    last = session.scalar(select(func.max(PickupCode.attempt)).where(PickupCode.order_id == order_id))
    return (last or 0) + 1


def issue_code(
    session: Session, issuer: CodeIssuer, point: Point, order: Order, attempt: int, sms_uid: str | None = None
) -> bool:
    """Issue the code for (order, attempt), make the order ready, queue the SMS, publish the hash.

    The SMS is held while a box of the order is in an open receiving session (backend/sms/promise.py).

    False when that attempt already has a code (a concurrent or repeated request: nothing changes).
    """
    if code_issued(session, order.id, attempt):
        return False  # checked first: the slow hash is computed only for a code really issued
    code, code_hash = _fresh_code(issuer, point)
    try:
        with session.begin_nested():
            session.add(PickupCode(order_id=order.id, attempt=attempt, code_hash=code_hash, issued_at=issuer.now))
    except IntegrityError:
        return False
    note_issued(session, order.id, attempt)
    _make_ready(order, point, code_hash, issuer.now)
    token = sign_token(issuer.signing_key, PickupToken(order.number, point.code, _qr_expiry(order, issuer)))
    _queue_ready_sms(session, point, order, attempt, sms_context(point, order, issuer.now, code, sms_uid))
    payload = {"order": order.number, "pickup_code_hash": code_hash, "qr_token": token}
    changes.publish(session, point.id, "order.code_issued", payload, issuer.now)
    changes.publish_order(session, point, order, issuer.now)
    return True


def _fresh_code(issuer: CodeIssuer, point: Point) -> tuple[str, str]:
    """A new code and its salted hash (own salt, a lookup tag): one hashed ahead if there is one for this point."""
    while issuer.prepared:
        ready = issuer.prepared.pop()
        if (ready.point_code, ready.params) == (point.code, point.code_hash_params):
            return ready.code, ready.code_hash
    code = new_code()
    tag_key = code_tag_key(issuer.signing_key, point.code)
    return code, salted_code_hash(code, CodeHashParams.decode(point.code_hash_params), tag_key)


def _queue_ready_sms(session: Session, point: Point, order: Order, attempt: int, context: dict[str, Any]) -> None:
    """The «ready» SMS, `held` (and the counter told so) while its receiving session is open; an older
    one not yet sent carries a code no longer valid and is cancelled."""
    if attempt > 1:  # only an older attempt's SMS can be superseded
        supersede_ready(session, order.number, attempt, context["now"])
    claim = claim_for_return_order(session, order.id) if order.kind == WARRANTY_ORDER_KIND else None
    if claim is not None:
        context["claim"] = claim.number  # the warranty «ready» text names the claim (backend/sms/templates.py)
    held = hold_until(session, point, order, context["now"])
    if held is not None:
        context["hold_until"] = held
    request_sms(session, order.number, SmsPurpose.READY, attempt, context)
    session.flush()
    row = find_sms(session, order.number, SmsPurpose.READY, attempt) if held is not None else None
    if row is not None:
        publish_sms_status(session, row)


def _make_ready(order: Order, point: Point, code_hash: str, now: datetime) -> None:
    for name, value in ready_values(order, point, code_hash, now).items():
        setattr(order, name, value)


def ready_values(order: Order, point: Point, code_hash: str, now: datetime) -> dict[str, Any]:
    """The order's columns a new code changes: its hash, the storage term at the first code, «ready» once arrived."""
    values: dict[str, Any] = {"pickup_code_hash": code_hash}
    if order.storage_until is None:
        values["storage_until"] = now + timedelta(days=point.storage_days)
    if order.status == OrderStatus.ARRIVED:
        values["status"] = next_status(order.number, order.status, OrderEvent.MAKE_READY)
        values["ready_at"] = now
    return values


def _qr_expiry(order: Order, issuer: CodeIssuer) -> datetime:
    """The QR is valid through the last storage day (plus a day's grace), or `qr_ttl` without one."""
    if order.storage_until is None:
        return issuer.now + issuer.qr_ttl
    return order.storage_until + timedelta(days=1)


def local_date(point: Point, moment: datetime | None) -> str:
    """A date as the customer reads it at the point (dd.mm.yyyy in the point's time zone)."""
    if moment is None:
        return ""
    try:
        zone: Any = ZoneInfo(point.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = UTC
    return moment.astimezone(zone).strftime("%d.%m.%Y")


def sms_context(
    point: Point, order: Order, now: datetime, code: str | None = None, uid: str | None = None
) -> dict[str, Any]:
    """Fields for the SMS templates; the code in clear exists only here, in memory."""
    context: dict[str, Any] = {
        "order": order.number,
        "phone": order.customer.phone,
        "address": point.address,
        "hours": point.hours,
        "last_day": local_date(point, order.storage_until),
        "date": local_date(point, order.handed_over_at or now),
        "total": rub(order.total_kopecks),
        "point_code": point.code,
        "now": now,
    }
    if code is not None:
        context["code"] = code
    if uid is not None:
        context["uid"] = uid
    return context
