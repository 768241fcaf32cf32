"""The receiving scan set-wise: a batch's box.received, order.arrived and «ready» sms.requested applied in memory
on the rows the batch loaded at once (backend/rules/base.py `preload`, `preload_receiving`: with each shipment's
boxes still expected counted), with no savepoint and no query per
event; `write_queued` writes them at once (an executemany per table and set of columns: the orders' and the boxes'
UPDATEs, the codes' and the SMS rows' INSERTs), the unit of work left out: the values are set on the loaded rows as
committed ones.

Only the plain case takes this path, and only while no other rule has run in the batch (a rule may change rows
behind the session's back): a box expected, of the named order; an order of this point not yet
arrived, not a warranty return, with no pickup code and no SMS yet; and the rules' answers that write nothing (a box
already received, an order already arrived or cancelled: a second PC's scans of the same truck). Everything else
goes to its rule (backend/rules/boxes.py, sms.py): the outcomes and the published changes are the same either way. The
batch's state in `session.info` is always there: ingest preloads every batch before its first event is applied.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from backend.codes import _fresh_code, _qr_expiry, attempts_known, note_issued, ready_values, sms_context
from backend.db import among
from backend.models import SESSION_UID_MAX, Box, Order, PickupCode, Shipment
from backend.rules.base import APPLIED, BATCH_BOXES, LOCKED_ORDERS, Outcome, RuleContext, S, conflict, duplicate
from backend.rules.boxes import set_shipment_status, shipment_status
from backend.sms.models import SmsOutbox
from backend.sms.promise import publish_sms_status
from backend.sms.rows import outbox_values
from protocol import events as ev
from protocol.claims import WARRANTY_ORDER_KIND
from protocol.order_states import OrderEvent, next_status
from protocol.qr_token import PickupToken, sign_token
from protocol.states import BoxStatus, EventOutcome, SmsPurpose

SLOW_RULE_RAN = "slow_rule_ran"  # session.info key: a rule ran the usual way; set-wise no more in this batch
SMS_CHECKED = "batch_sms_checked"  # session.info key: order numbers whose SMS rows were looked at
SMS_ORDERS = "batch_sms_orders"  # … and those of them with any SMS row
SHIPMENT_EXPECTED = "batch_shipment_expected"  # session.info key: shipment id → its boxes still expected
QUEUED_ROWS = "batch_queued_rows"  # session.info key: table → the rows this path inserts at once (`write_queued`)
QUEUED_UPDATES = "batch_queued_updates"  # session.info key: (table, row id) → the columns this path set on it
BEFORE_ARRIVAL = (S.CREATED, S.IN_TRANSIT, S.PARTIALLY_ARRIVED)
CHUNK = 500


def preload_receiving(session: Session, numbers: set[str]) -> None:
    """Which of the batch's orders already have an SMS, and how many boxes each of their shipments still expects
    (a query per chunk; after `preload` has locked and loaded the orders)."""
    checked: set[str] = session.info.setdefault(SMS_CHECKED, set())
    having: set[str] = session.info.setdefault(SMS_ORDERS, set())
    wanted = sorted(numbers - checked)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start:start + CHUNK]
        mine = among(session, SmsOutbox.order_number, chunk)
        having.update(session.scalars(select(SmsOutbox.order_number).where(mine)))
        checked.update(chunk)
    expected: dict[int, int] = session.info.setdefault(SHIPMENT_EXPECTED, {})
    orders: dict[str, Order] = session.info[LOCKED_ORDERS]
    ids: list[int] = sorted({box.shipment_id for number in numbers if number in orders for box in orders[number].boxes
                  if box.shipment_id is not None} - expected.keys())
    for start in range(0, len(ids), CHUNK):
        part = ids[start:start + CHUNK]
        expected.update(dict.fromkeys(part, 0))
        waiting_of = select(Box.shipment_id, func.count()).where(
            among(session, Box.shipment_id, part), Box.status == BoxStatus.EXPECTED).group_by(Box.shipment_id)
        for shipment_id, waiting in session.execute(waiting_of):
            expected[int(shipment_id or 0)] = int(waiting)


def try_apply(ctx: RuleContext, event: ev.Event) -> Outcome | None:
    """The event applied set-wise, or None: the rule applies it (and from then on every event of the batch)."""
    if ctx.session.info.get(SLOW_RULE_RAN):
        return None
    fn = FAST.get(event.TYPE)
    outcome = fn(ctx, event) if fn is not None else None
    if outcome is None:
        ctx.session.info[SLOW_RULE_RAN] = True
        write_queued(ctx.session)  # before the rule's first query: it must see the codes and SMS queued so far
    return outcome


def write_queued(session: Session) -> None:
    """The pickup codes and SMS rows this path queued and the columns it set on the loaded orders and boxes, written
    with one executemany per table and set of columns (the unit of work spent more on tracking them than on writing
    them); ingest calls it at the batch's end too."""
    connection = session.connection()
    for table, rows in session.info.pop(QUEUED_ROWS, {}).items():
        connection.execute(insert(table), rows)
    groups: dict[tuple[Table, tuple[str, ...]], list[dict[str, Any]]] = {}
    for (table, row_id), values in session.info.pop(QUEUED_UPDATES, {}).items():
        groups.setdefault((table, tuple(sorted(values))), []).append(
            {"row_id": row_id, **{f"new_{name}": value for name, value in values.items()}})
    for (table, names), rows in groups.items():
        connection.execute(update(table).where(table.c.id == bindparam("row_id"))
                           .values({name: bindparam(f"new_{name}") for name in names}), rows)


def _queue(session: Session, table: Any, row: dict[str, Any]) -> None:
    session.info.setdefault(QUEUED_ROWS, {}).setdefault(table, []).append(row)


def _set(session: Session, row: Box | Order, **values: Any) -> None:
    """Set a loaded row's columns as this path does: each value kept as the session's committed one (nothing for the
    unit of work to track) and the row's UPDATE queued for `write_queued`, one per row however many events set it."""
    for name, value in values.items():
        set_committed_value(row, name, value)
    session.info.setdefault(QUEUED_UPDATES, {}).setdefault((type(row).__table__, row.id), {}).update(values)


def _order(ctx: RuleContext, number: str) -> Order | None:
    order: Order | None = ctx.session.info[LOCKED_ORDERS].get(number)
    return order if order is not None and order.point_id == ctx.point.id else None


def box_received(ctx: RuleContext, event: ev.BoxReceived) -> Outcome | None:
    box: Box | None = ctx.session.info[BATCH_BOXES].get(event.box)
    order = _order(ctx, event.order)
    if box is None or order is None or box.order is not order:
        return None
    if box.status != BoxStatus.EXPECTED:
        return duplicate("box_already_received")  # the rule's answer: its conditional UPDATE moves nothing
    if not _shipments_known(ctx.session, [box]):
        return None
    status = next_status(order.number, order.status, OrderEvent.BOX_ARRIVED) \
        if order.status in BEFORE_ARRIVAL else order.status
    _set(ctx.session, box, status=BoxStatus.RECEIVED, received_at=ctx.now, received_by=ctx.device_id,
         received_session=event.session[:SESSION_UID_MAX])
    _set(ctx.session, order, status=status)
    ctx.publish_order(order)
    _box_left(ctx.session, box)
    _update_shipment(ctx, box.shipment_id)
    return APPLIED


def order_arrived(ctx: RuleContext, event: ev.OrderArrived) -> Outcome | None:
    order = _order(ctx, event.order)
    if order is None:
        return None
    if order.status == S.CANCELLED:
        return conflict("order_cancelled")  # the rule's answers when the order cannot arrive, nothing written
    if order.status not in BEFORE_ARRIVAL:
        return duplicate("order_already_arrived")
    if order.kind == WARRANTY_ORDER_KIND:
        return None
    if attempts_known(ctx.session, order.id) != set() or not _no_sms(ctx.session, order.number):
        return None
    if not _shipments_known(ctx.session, order.boxes):
        return None
    _set(ctx.session, order, status=next_status(order.number, order.status, OrderEvent.ALL_ARRIVED),
         arrived_at=ctx.now)
    for box in order.boxes:
        if box.status == BoxStatus.EXPECTED:
            _set(ctx.session, box, status=BoxStatus.RECEIVED, received_at=ctx.now, received_by=ctx.device_id)
            _box_left(ctx.session, box)
    for shipment_id in {box.shipment_id for box in order.boxes}:  # the rule's order (backend/rules/boxes.py)
        _update_shipment(ctx, shipment_id)
    _issue_first_code(ctx, order)
    return APPLIED


def _shipments_known(session: Session, boxes: list[Box]) -> bool:
    expected = session.info[SHIPMENT_EXPECTED]
    return all(box.shipment_id is None or box.shipment_id in expected for box in boxes)


def _box_left(session: Session, box: Box) -> None:
    """An expected box of a shipment received: one fewer expected."""
    if box.shipment_id is not None:
        session.info[SHIPMENT_EXPECTED][box.shipment_id] -= 1


def _update_shipment(ctx: RuleContext, shipment_id: int | None) -> None:
    """backend/rules/boxes.py `_update_shipment` on the counted boxes: receiving, or received when none is left."""
    shipment = ctx.session.get(Shipment, shipment_id) if shipment_id is not None else None
    if shipment is None:
        return
    waiting = ctx.session.info[SHIPMENT_EXPECTED][shipment.id]
    set_shipment_status(ctx, shipment, shipment_status(shipment.status, waiting))


def _no_sms(session: Session, number: str) -> bool:
    return number in session.info[SMS_CHECKED] and number not in session.info[SMS_ORDERS]


def _issue_first_code(ctx: RuleContext, order: Order) -> None:
    """backend/codes.py `issue_code` for attempt 1 of an order with no code and no SMS, from memory."""
    point, issuer = ctx.point, ctx.issuer
    code, code_hash = _fresh_code(issuer, point)
    _queue(ctx.session, PickupCode.__table__, {"order_id": order.id, "attempt": 1, "code_hash": code_hash,
                                               "issued_at": ctx.now})
    note_issued(ctx.session, order.id, 1)
    _set(ctx.session, order, **ready_values(order, point, code_hash, ctx.now))
    token = sign_token(issuer.signing_key, PickupToken(order.number, point.code, _qr_expiry(order, issuer)))
    context = sms_context(point, order, ctx.now, code)
    held = _hold_until(ctx, order)
    if held is not None:
        context["hold_until"] = held
    row = outbox_values(order.number, SmsPurpose.READY, 1, context)
    _queue(ctx.session, SmsOutbox.__table__, row)
    ctx.session.info[SMS_ORDERS].add(order.number)
    if held is not None:
        publish_sms_status(ctx.session, SimpleNamespace(error=None, **row), point.id)  # the row as it will be
    ctx.publish("order.code_issued", {"order": order.number, "pickup_code_hash": code_hash, "qr_token": token})
    ctx.publish_order(order)


def _hold_until(ctx: RuleContext, order: Order) -> Any:
    """backend/sms/promise.py `hold_until` on the loaded boxes."""
    open_box = any(b.status == BoxStatus.RECEIVED and b.received_session is not None for b in order.boxes)
    if not open_box or ctx.point.ready_sms_grace_minutes <= 0:
        return None
    return (order.ready_at or ctx.now) + timedelta(minutes=ctx.point.ready_sms_grace_minutes)


def sms_requested(ctx: RuleContext, event: ev.SmsRequested) -> Outcome | None:
    """A «ready» request for an attempt already issued (the scan's own arrival issued it): already requested."""
    order = _order(ctx, event.order)
    if order is None or event.purpose != SmsPurpose.READY or event.attempt < 1:
        return None
    if event.attempt not in (attempts_known(ctx.session, order.id) or ()):
        return None
    return Outcome(EventOutcome.APPLIED, "already_requested")


FAST: dict[str, Callable[[RuleContext, Any], Outcome | None]] = {
    ev.BoxReceived.TYPE: box_received,
    ev.OrderArrived.TYPE: order_arrived,
    ev.SmsRequested.TYPE: sms_requested,
}
