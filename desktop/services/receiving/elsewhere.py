"""A box this session scanned that another session (another counter PC) had received first.

Two PCs may scan the same box before either syncs. The server applies the first ``box.received`` it
gets and answers the other ``duplicate``; when the sync engine stores that answer, the later
session's scan is marked «принята на другом рабочем месте» (`Outcome.ELSEWHERE`): it no longer
counts as received by this session, its live counts and its act say so, and when the act was
already closed the manager is told in Russian. Runs inside the sync engine's transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop import journal, messages
from desktop.db.models import ManagerAlert, ReceivingScan, ReceivingSession, SessionStatus, Shipment
from desktop.point_time import point_time, zone_named
from desktop.services.receiving.rows import POINTS, Outcome, Row, bump, order_of

ALERT_KIND = "received_elsewhere"

messages.register(
    {
        "receiving.received_elsewhere": "Коробка {box} (заказ {order}) принята на другом рабочем месте раньше, "
        "чем в приёмке {shipment} от {opened_at}, а акт этой приёмки уже закрыт и считает её принятой в ней. "
        "Коробка в пункте выдачи; исправьте акт вручную.",
        "receiving.no_waybill": "без накладной",
    }
)


def mark_received_elsewhere(session: Session, session_uid: str, barcode: str, now: datetime) -> bool:
    """The server answered this session's ``box.received`` duplicate: its scan becomes «elsewhere».

    Returns False when there is nothing to mark (the scan was undone, or was marked already).
    """
    found = session.execute(
        select(ReceivingScan.id, ReceivingScan.outcome, ReceivingSession.id.label("session_id"),
               ReceivingSession.status, ReceivingSession.opened_at, ReceivingSession.shipment_id)
        .join(ReceivingSession, ReceivingSession.id == ReceivingScan.session_id)
        .where(ReceivingSession.uid == session_uid, ReceivingScan.barcode == barcode,
               ReceivingScan.undone.is_(False),
               ReceivingScan.outcome.in_((Outcome.RECEIVED, Outcome.OTHER_SHIPMENT)))
    ).first()
    if found is None:
        return False
    session.execute(update(ReceivingScan).where(ReceivingScan.id == found.id).values(outcome=Outcome.ELSEWHERE))
    if found.outcome == Outcome.RECEIVED:
        bump(session.connection(), found.session_id, {"n_received": -1})
    closed = found.status != SessionStatus.OPEN
    journal.append(session, now, None, "receiving.received_elsewhere", barcode,
                   {"session": session_uid, "was": found.outcome, "act_closed": closed})
    if closed:
        _alert(session, found, session_uid, barcode, now)
    return True


def _alert(session: Session, found: Row, session_uid: str, barcode: str, now: datetime) -> None:
    """The act was closed (and printed) saying this session received the box: the manager corrects it."""
    shipment_id = found.shipment_id
    number = session.scalar(select(Shipment.number).where(Shipment.id == shipment_id)) if shipment_id else None
    zone = zone_named(session.scalar(select(POINTS.c.timezone).where(POINTS.c.is_local.is_(True))))
    params = {"box": barcode, "order": order_of(barcode), "opened_at": point_time(found.opened_at, zone),
              "shipment": number or messages.describe("receiving.no_waybill", {})}
    session.add(ManagerAlert(kind=ALERT_KIND, message=messages.describe("receiving.received_elsewhere", params)[:500],
                             details={"box": barcode, "session": session_uid}, created_at=now))
