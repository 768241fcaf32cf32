"""Pickup codes hashed ahead of a batch's rules: the slow scrypt runs on every core, outside any lock.

The events that will issue a code (an `order.arrived` of an order not yet arrived, a «ready» `sms.requested` of an
arrived order with no code for that attempt, neither already received) are counted inside the batch's transaction
from what it has read already (`codes_needed_locked`) and that many codes are taken from the pool hashed ahead of
time (backend/code_pool.py). When the pool lacks some, the batch is rolled back and a short transaction of its own
counts them by query (`codes_needed`) and takes what the pool has; the rest are hashed in a thread pool (hashlib's
scrypt releases the GIL) before the batch runs again. All reach `issue_code` through the request's `CodeIssuer`. A
code not used is dropped (its clear text never left memory); an event the estimate missed hashes its code inline.
"""

from __future__ import annotations

import os
from collections.abc import Container, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.codes import CodeIssuer, PreparedCode, attempts_known
from backend.db import among
from backend.keys import code_tag_key
from backend.models import EventRecord, Order, PickupCode, Point
from backend.rules.base import LOCKED_ORDERS
from protocol.order_states import OrderStatus
from protocol.pickup_code import TAG_SEP, CodeHashParams, code_tag, new_code, salted_code_hash
from protocol.states import SmsPurpose

S = OrderStatus
BEFORE_ARRIVAL = (S.CREATED, S.IN_TRANSIT, S.PARTIALLY_ARRIVED)
HASH_THREADS = max(1, os.cpu_count() or 1)


def codes_needed(session: Session, point_id: int, events: Iterable[tuple[str, str, dict[str, Any]]]) -> int:
    """How many codes the batch's new events will issue: (event id, type, payload) each; read by query."""
    wanted = [(event_id, type_, payload) for event_id, type_, payload in events if may_issue(type_, payload)]
    if not wanted:
        return 0
    known = set(session.scalars(select(EventRecord.event_id).where(
        among(session, EventRecord.event_id, {event_id for event_id, _, _ in wanted}))))
    numbers = {str(payload["order"]) for _, _, payload in wanted}
    # By number alone, the point checked here: with `point_id = ?` beside a long IN list SQLite's planner walks
    # the point's index, every order of the point (25 ms at 100,000 orders against 2.4 ms by number).
    orders = {number: (order_id, status) for number, order_id, status, owner in session.execute(
        select(Order.number, Order.id, Order.status, Order.point_id).where(among(session, Order.number, numbers)))
        if owner == point_id}
    order_ids = {order_id for order_id, _ in orders.values()}
    issued = {(order_id, attempt) for order_id, attempt in session.execute(
        select(PickupCode.order_id, PickupCode.attempt).where(among(session, PickupCode.order_id, order_ids)))}
    return _count(wanted, known, orders, issued)


def codes_needed_locked(session: Session, point_id: int, wanted: Sequence[tuple[str, str, dict[str, Any]]],
                        known: Container[str]) -> int:
    """The same count inside the batch's transaction for events that `may_issue`, from what it has read: the event
    ids already received (`known`), the orders it holds locked (backend/rules/base.py `preload`) and their codes
    (`preload_codes`)."""
    locked: dict[str, Order] = session.info[LOCKED_ORDERS]
    orders = {number: (order.id, order.status) for number, order in locked.items() if order.point_id == point_id}
    issued = {(order_id, attempt) for order_id, _ in orders.values()
              for attempt in attempts_known(session, order_id) or ()}
    return _count(wanted, known, orders, issued)


def _count(wanted: Sequence[tuple[str, str, dict[str, Any]]], known: Container[str],
           orders: dict[str, tuple[int, str]], issued: Container[tuple[int, Any]]) -> int:
    arriving: set[str] = set()
    count = 0
    for event_id, type_, payload in wanted:
        number = str(payload["order"])
        if event_id in known or number not in orders or number in arriving:
            continue
        order_id, status = orders[number]
        if type_ == "order.arrived" and status in BEFORE_ARRIVAL:
            arriving.add(number)
            count += 1
        elif type_ == "sms.requested" and status == S.ARRIVED and (order_id, payload.get("attempt")) not in issued:
            arriving.add(number)
            count += 1
    return count


def may_issue(type_: str, payload: Any) -> bool:
    """Might this event issue a pickup code (an arrival, a «ready» SMS request naming an order)?"""
    if not isinstance(payload, dict) or not isinstance(payload.get("order"), str):
        return False
    if type_ == "sms.requested":
        return payload.get("purpose") == SmsPurpose.READY and type(payload.get("attempt")) is int
    return type_ == "order.arrived"


def prepare(issuer: CodeIssuer, point: Point, count: int, pooled: Sequence[tuple[str, str]] = ()) -> None:
    """`count` fresh codes into `issuer.prepared`: the pooled ones (code, untagged hash; backend/code_pool.py)
    get their lookup tag, the rest are hashed under the point's cost and tag key, in parallel."""
    if count <= 0:
        return
    params, tag_key = CodeHashParams.decode(point.code_hash_params), code_tag_key(issuer.signing_key, point.code)
    ready = [(code, f"{digest}{TAG_SEP}{code_tag(tag_key, code)}") for code, digest in pooled[:count]]
    codes = [new_code() for _ in range(count - len(ready))]
    if codes:
        with ThreadPoolExecutor(max_workers=min(HASH_THREADS, len(codes))) as pool:
            ready += pool.map(lambda code: (code, salted_code_hash(code, params, tag_key)), codes)
    issuer.prepared.extend(PreparedCode(point.code, point.code_hash_params, code, digest) for code, digest in ready)
