"""The server's money items in the counter's cache: bonus ledger entries, gift certificates and their entries.

`bonus.entry` and `certificate.entry` confirm this PC's own pending entry with the same `event_id` (the outbox
event that caused it) or add another PC's; `certificate.upsert` refreshes a certificate (a sale made here stays
`pending` until the server no longer says `stock`). A refused or conflicting event leaves its entries
`rejected`: they no longer hold back points or a certificate's balance. Every handler is idempotent.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import BonusLedgerEntry, BonusStatus, ClubCard, Customer, Order
from desktop.db.money_models import Certificate, CertificateEntry
from desktop.db.pepper import pepper_for_session, seal_secret_hash
from protocol.money_rules import CertificateStatus
from protocol.states import CardStatus

log = logging.getLogger(__name__)
Data = dict[str, Any]


def _time(value: str | None, now: datetime) -> datetime:
    return datetime.fromisoformat(value) if value else now


def _id_of(s: Session, column: Any, key: Any, value: str | None) -> int | None:
    return s.scalar(select(column).where(key == value)) if value else None


def apply_bonus_entry(s: Session, p: Data, now: datetime) -> None:
    """One server ledger entry: confirms this PC's pending entry of the same event, or is added as confirmed."""
    entry = s.scalars(select(BonusLedgerEntry).where(BonusLedgerEntry.server_id == p["entry"])).first()
    if entry is None and p.get("event_id"):
        entry = s.scalars(select(BonusLedgerEntry).where(BonusLedgerEntry.event_id == p["event_id"],
                                                         BonusLedgerEntry.reason == p["reason"],
                                                         BonusLedgerEntry.server_id.is_(None))).first()
    if entry is None:
        customer_id = _id_of(s, Customer.id, Customer.external_id, p.get("customer"))
        if customer_id is None:
            log.info("bonus entry %s of a customer unknown here: skipped", p["entry"])
            return
        entry = BonusLedgerEntry(customer_id=customer_id, reason=p["reason"], created_at=_time(p.get("at"), now),
                                 event_id=p.get("event_id"), card_id=_card_id(s, p),
                                 order_id=_id_of(s, Order.id, Order.number, p.get("order")))
        s.add(entry)
    entry.server_id, entry.points, entry.status = p["entry"], int(p["points"]), BonusStatus.CONFIRMED
    _link_card(s, entry)
    s.flush()


def _card_id(s: Session, p: Data) -> int | None:
    """The entry's card here; none for another PC's activation of a card this PC also activated (its own entry
    holds the card: the club's activation result settles which one won)."""
    card_id = _id_of(s, ClubCard.id, ClubCard.number, p.get("card"))
    if card_id is not None and p["reason"] == "activation" and s.scalar(select(BonusLedgerEntry.id).where(
            BonusLedgerEntry.card_id == card_id, BonusLedgerEntry.reason == "activation")) is not None:
        return None
    return card_id


def _link_card(s: Session, entry: BonusLedgerEntry) -> None:
    """A card the server names in a customer's entry is that customer's (activated at another PC or point)."""
    card = s.get(ClubCard, entry.card_id) if entry.card_id is not None else None
    if card is not None and card.customer_id is None:
        card.customer_id = entry.customer_id
        if card.status == CardStatus.STOCK:
            card.status = CardStatus.ACTIVE


def upsert_certificate(s: Session, p: Data, now: datetime) -> None:
    """A certificate as the server has it (global item: every point sees every certificate)."""
    number = p["certificate"]
    cert = s.scalars(select(Certificate).where(Certificate.number == number)).first()
    if cert is None:
        cert = Certificate(number=number, updated_at=now)
        s.add(cert)
    if not (cert.status == CertificateStatus.PENDING and p["status"] == CertificateStatus.STOCK):
        cert.status, cert.face_kopecks = p["status"], p.get("face")  # a sale made here stays pending until then
        cert.expires_at = _time(p["expires_at"], now) if p.get("expires_at") else None
    cert.pin_hash = seal_secret_hash(pepper_for_session(s), p.get("pin_hash"))
    cert.updated_at = now
    s.flush()


def apply_certificate_entry(s: Session, p: Data, now: datetime) -> None:
    """One entry of a certificate's server ledger (sale +, redemption −, reversal +)."""
    entry = s.scalars(select(CertificateEntry).where(CertificateEntry.server_id == p["entry"])).first()
    if entry is None and p.get("event_id"):
        entry = s.scalars(select(CertificateEntry).where(CertificateEntry.event_id == p["event_id"],
                                                         CertificateEntry.certificate == p["certificate"],
                                                         CertificateEntry.server_id.is_(None))).first()
    if entry is None:
        entry = CertificateEntry(certificate=p["certificate"], reason=p["reason"], order_number=p.get("order"),
                                 event_id=p.get("event_id"), created_at=_time(p.get("at"), now))
        s.add(entry)
    entry.server_id, entry.amount_kopecks, entry.status = p["entry"], int(p["amount"]), BonusStatus.CONFIRMED
    s.flush()


def reject_entries(s: Session, event_id: str) -> None:
    """The server refused (or found in conflict) this PC's event: its unconfirmed entries no longer count."""
    for entry in s.scalars(select(BonusLedgerEntry).where(BonusLedgerEntry.event_id == event_id,
                                                          BonusLedgerEntry.server_id.is_(None))):
        entry.status = BonusStatus.REJECTED
    for spend in s.scalars(select(CertificateEntry).where(CertificateEntry.event_id == event_id,
                                                          CertificateEntry.server_id.is_(None))):
        spend.status = BonusStatus.REJECTED
        cert = s.scalars(select(Certificate).where(Certificate.number == spend.certificate)).first()
        if spend.amount_kopecks > 0 and cert is not None and cert.status == CertificateStatus.PENDING:
            cert.status = CertificateStatus.STOCK  # the sale was refused: the server's upsert says the rest


def load_money_snapshot(s: Session, snapshot: Data, now: datetime) -> None:
    """A snapshot's money items (after its orders: entries name them)."""
    for item in snapshot.get("certificates", []):
        upsert_certificate(s, item, now)
    for item in snapshot.get("certificate_entries", []):
        apply_certificate_entry(s, item, now)
    for item in snapshot.get("bonus_entries", []):
        apply_bonus_entry(s, item, now)
