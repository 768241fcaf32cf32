"""Applying one change-feed entry to the local cache, inside the caller's transaction.

Upserts of server-owned shapes go through `desktop.cache_import`; the rest (codes, cancellations,
SMS statuses, club and bonus results, event outcomes, flags) is handled here. Every handler is
idempotent: a replayed page after a crash changes nothing twice.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import cache_bulk, cache_import
from desktop.db.engine import Database
from desktop.db.models import BonusLedgerEntry, BonusStatus, ClubCard, ManagerAlert, Order, OutboxEvent, SmsMessage
from desktop.db.pepper import pepper_code_hash, pepper_for_session
from desktop.sync import money_feed
from desktop.sync.reasons import describe_flag, describe_problem, describe_sms_gateway
from protocol.claims import CLAIM_CHANGE
from protocol.errors import DomainError
from protocol.order_states import OrderEvent, OrderStatus, next_status
from protocol.states import SMS_PROGRESS, CardStatus, EventOutcome, SmsStatus

log = logging.getLogger(__name__)
Data = dict[str, Any]
ORDER_UPSERT = "order.upsert"  # applied a run at a time (desktop.cache_bulk), in the page's order
# the server's `duplicate` reasons for a box.received that another session got first (backend/rules/boxes.py)
ELSEWHERE_REASONS = ("box_already_received", f"already_received:{EventOutcome.DUPLICATE.value}")


def apply_change(session: Session, change: Data, now: datetime) -> None:
    """Apply one `{"seq","type","payload"}` change; unknown types are skipped (newer server)."""
    handler = HANDLERS.get(change["type"])
    if handler is None:
        log.info("change type %s not known to this version: skipped", change["type"])
        return
    handler(session, change["payload"], now)


def apply_changes(session: Session, changes: list[Data], now: datetime) -> None:
    """Apply a page of changes in order; consecutive `order.upsert` changes go in together (Core bulk upserts)."""
    orders: list[Data] = []
    for change in changes:
        if change["type"] == ORDER_UPSERT:
            orders.append(change["payload"])
            continue
        if orders:
            cache_bulk.upsert_orders(session, orders)
            orders = []
        apply_change(session, change, now)
    if orders:
        cache_bulk.upsert_orders(session, orders)


def _local_point_id(s: Session) -> int:
    from desktop.services.base import local_point

    return local_point(s).id


def _order(s: Session, number: str | None) -> Order | None:
    if not number:
        return None
    return s.scalars(select(Order).where(Order.number == number)).first()


def _alert(s: Session, kind: str, message: str, now: datetime, order: Order | None = None, **details: Any) -> None:
    s.add(ManagerAlert(kind=kind, order_id=order.id if order else None, message=message[:500], details=details,
                       created_at=now))


# --- upserts ---------------------------------------------------------------------------------------


def _point(s: Session, p: Data, now: datetime) -> None:
    cache_import.upsert_point(s, p, local=True)


def _order_upsert(s: Session, p: Data, now: datetime) -> None:
    cache_import.upsert_order(s, p)


def _shipment(s: Session, p: Data, now: datetime) -> None:
    cache_import.upsert_shipment(s, p)


def _cell(s: Session, p: Data, now: datetime) -> None:
    cache_import.upsert_cell(s, p, _local_point_id(s))


def _card(s: Session, p: Data, now: datetime) -> None:
    cache_import.upsert_card(s, p)


def _staff(s: Session, p: Data, now: datetime) -> None:
    cache_import.upsert_staff(s, p, _local_point_id(s))


def _claim(s: Session, p: Data, now: datetime) -> None:
    cache_import.upsert_claim(s, p)


# --- orders ------------------------------------------------------------------------------------------


def _code_issued(s: Session, p: Data, now: datetime) -> None:
    order = _order(s, p["order"])
    if order is not None:
        order.pickup_code_hash = pepper_code_hash(pepper_for_session(s), p["pickup_code_hash"])


def _cancelled(s: Session, p: Data, now: datetime) -> None:
    order = _order(s, p["order"])
    if order is None or order.status == OrderStatus.CANCELLED:
        return
    try:
        order.status = next_status(order.number, order.status, OrderEvent.CANCEL).value
    except DomainError:  # already handed over/returned here: the server flags it separately
        log.info("order %s cancelled centrally but is %s here", order.number, order.status)
        return
    order.cancelled_at = now


def _flagged(s: Session, p: Data, now: datetime) -> None:
    order = _order(s, p["order"])
    flag = p.get("flag", "")
    kind = flag or "order_flagged"  # the alert's kind: a replayed flag finds the alert it raised
    exists = s.scalar(select(ManagerAlert.id).where(ManagerAlert.kind == kind,
                                                    ManagerAlert.order_id == (order.id if order else None)))
    if exists is None:
        _alert(s, kind, describe_flag(flag, p["order"]), now, order, order_number=p["order"], flag=flag,
               task=p.get("task"))


# --- SMS ---------------------------------------------------------------------------------------------


SMS_GATEWAY_ALERT = "sms_gateway"
SMS_GATEWAY_RECOVERED = "ok"


def _sms_gateway(s: Session, p: Data, now: datetime) -> None:
    """The server paused its SMS gateway (account error): one open alert per reason; `ok` resolves them."""
    reason = str(p.get("reason") or "")
    open_alerts = list(s.scalars(select(ManagerAlert).where(ManagerAlert.kind == SMS_GATEWAY_ALERT,
                                                            ManagerAlert.resolved_at.is_(None))))
    if reason == SMS_GATEWAY_RECOVERED:
        for alert in open_alerts:
            alert.resolved_at = now
        return
    if not any((alert.details or {}).get("sms_gateway") == reason for alert in open_alerts):
        _alert(s, SMS_GATEWAY_ALERT, describe_sms_gateway(reason), now, sms_gateway=reason,
               gateway=p.get("gateway"), at=p.get("at"))


def _sms_status(s: Session, p: Data, now: datetime) -> None:
    sms = s.scalars(select(SmsMessage).where(SmsMessage.uid == p["sms"])).first()
    order = _order(s, p.get("order"))
    if sms is None and order is not None:
        sms = s.scalars(select(SmsMessage).where(SmsMessage.order_id == order.id,
                                                 SmsMessage.purpose == p["purpose"],
                                                 SmsMessage.attempt == p["attempt"])).first()
    if sms is None:
        if order is None:
            return
        sms = SmsMessage(uid=p["sms"], order_id=order.id, purpose=p["purpose"], attempt=p["attempt"],
                         status=SmsStatus.PENDING, requested_at=now, updated_at=now, timeline=[])
        s.add(sms)
    _move_sms(sms, p, now)


def _move_sms(sms: SmsMessage, p: Data, now: datetime) -> None:
    at = p.get("at") or now.isoformat()
    if any(t.get("status") == p["status"] and t.get("at") == at for t in sms.timeline or []):
        return  # replayed change
    sms.timeline = [*(sms.timeline or []), {"status": p["status"], "at": at}]
    if SMS_PROGRESS.get(p["status"], 0) >= SMS_PROGRESS.get(sms.status, 0) or sms.status == SmsStatus.UNKNOWN:
        sms.status = p["status"]
        sms.error = p.get("error")
        sms.updated_at = cache_import.parse_time(at) or now


# --- club, bonus, outcomes ------------------------------------------------------------------------------


class _SameTransaction:
    """Looks like a Database to a service, but runs its action in the page's own transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @contextmanager
    def write(self) -> Iterator[Session]:
        yield self.session

    @contextmanager
    def read(self) -> Iterator[Session]:
        yield self.session


def _club_result(s: Session, p: Data, now: datetime) -> None:
    from desktop.services.club import ClubService

    service = ClubService(cast(Database, _SameTransaction(s)), clock=lambda: now)
    try:
        service.confirm_activation(p["card"], p["status"] == CardStatus.ACTIVE, p.get("reason"), p.get("phone"),
                                   p.get("customer"))
    except DomainError as err:
        card = s.scalars(select(ClubCard).where(ClubCard.number == p["card"])).first()
        if card is not None and p["status"] == CardStatus.ACTIVE and card.status == CardStatus.STOCK:
            card.status = CardStatus.ACTIVE  # activated at another counter PC of this point
        else:
            log.info("club result for card %s not applicable: %s", p["card"], err.code)


def _bonus_confirmed(s: Session, p: Data, now: datetime) -> None:
    # a rejected entry stays rejected: the other PC's activation of the same card was the one confirmed
    query = select(BonusLedgerEntry).where(BonusLedgerEntry.reason == p["reason"],
                                           BonusLedgerEntry.status == BonusStatus.PENDING)
    if p.get("order"):
        order = _order(s, p["order"])
        if order is None:
            return
        query = query.where(BonusLedgerEntry.order_id == order.id)
    elif p.get("card"):
        card_id = s.scalar(select(ClubCard.id).where(ClubCard.number == p["card"]))
        if card_id is None:
            return
        query = query.where(BonusLedgerEntry.card_id == card_id)
    else:
        return
    for entry in s.scalars(query):
        entry.status = BonusStatus.CONFIRMED


def _event_outcome(s: Session, p: Data, now: datetime) -> None:
    event = s.scalars(select(OutboxEvent).where(OutboxEvent.event_id == p["event_id"])).first()
    if event is None:
        return
    already_known = event.status == p["status"]
    event.status, event.reason = p["status"], p.get("reason") or event.reason
    if not already_known:  # the push result already raised the alert; this only refines the reason
        record_problem(s, event, now)


def record_problem(s: Session, event: OutboxEvent, now: datetime) -> None:
    """A rejected or conflicting event: kept in the outbox and shown to the manager."""
    kind = "conflict" if event.status == EventOutcome.CONFLICT else "rejected_event"
    money_feed.reject_entries(s, event.event_id)  # points or a certificate's amount it held back are free again
    _alert(s, kind, describe_problem(event.type, event.status, event.reason), now,
           event_id=event.event_id, type=event.type, reason=event.reason, status=event.status)


def record_duplicate(s: Session, event: OutboxEvent, reason: str | None, now: datetime) -> None:
    """A `duplicate` answer that changes what this PC says it did, in the results' transaction.

    The server applies only the first ``box.received`` of a box; a second PC that scanned the same box
    before either synced gets `duplicate` (`box_already_received`, or `already_received:duplicate` when
    our first reply was lost): its session did not receive that box after all. A resent event the
    server had applied (`already_received:applied`) changes nothing.
    """
    if event.type != "box.received" or reason not in ELSEWHERE_REASONS:
        return
    from desktop.services.receiving.elsewhere import mark_received_elsewhere

    payload = json.loads(event.payload)
    if mark_received_elsewhere(s, payload["session"], payload["box"], now):
        log.info("box %s of session %s was received on another PC first", payload["box"], payload["session"])


HANDLERS: dict[str, Callable[[Session, Data, datetime], None]] = {
    "point.upsert": _point,
    ORDER_UPSERT: _order_upsert,
    "shipment.upsert": _shipment,
    "cell.upsert": _cell,
    "card.upsert": _card,
    "staff.upsert": _staff,
    CLAIM_CHANGE: _claim,
    "order.code_issued": _code_issued,
    "order.cancelled": _cancelled,
    "order.flagged": _flagged,
    "sms.status": _sms_status,
    "sms.gateway": _sms_gateway,
    "club.activation_result": _club_result,
    "bonus.confirmed": _bonus_confirmed,  # servers before issue 12; `bonus.entry` says the same with the entry
    "bonus.entry": money_feed.apply_bonus_entry,
    "certificate.upsert": money_feed.upsert_certificate,
    "certificate.entry": money_feed.apply_certificate_entry,
    "event.outcome": _event_outcome,
}
