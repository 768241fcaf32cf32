"""The server's money state: the retailer's money settings, bonus accounts and the certificate ledger's feed items.

A bonus account is the phone's: every customer row with the phone shares one balance (one active card per phone).
Spending locks the account's customer rows (PostgreSQL row locks) before it reads the balance, so two devices at
once cannot both spend it. `bonus.entry` goes to every point holding an order of the account; certificate items
are global (a change with point NULL is in every point's feed).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend import changes
from backend.models import BonusEntry, ClubCard, Customer, Order, Point, ServerSetting
from backend.money_models import CertificateEntry, GiftCertificate
from backend.serialize import iso, point_dict
from protocol.money_rules import CREDIT_ACCRUES_POINTS, POINTS_SHARE_PERCENT

SHARE_KEY, CREDIT_KEY = "money.points_share_percent", "money.credit_accrues_points"


# --- settings ------------------------------------------------------------------------------------


def money_settings(session: Session) -> dict[str, Any]:
    """The retailer's money settings as `point.upsert` → "money" carries them (defaults until the server stores)."""
    rows = dict(session.execute(select(ServerSetting.key, ServerSetting.value)
                                .where(ServerSetting.key.in_((SHARE_KEY, CREDIT_KEY)))).all())
    share = rows.get(SHARE_KEY)
    credit = rows.get(CREDIT_KEY)
    return {"points_share_percent": int(share) if share is not None else POINTS_SHARE_PERCENT,
            "credit_accrues_points": credit == "1" if credit is not None else CREDIT_ACCRUES_POINTS}


def store_money_settings(session: Session, share: int, credit: bool, now: datetime) -> bool:
    """Keep the configured settings; when they changed, every point gets a `point.upsert` with them. Changed?"""
    wanted = {"points_share_percent": share, "credit_accrues_points": credit}
    if money_settings(session) == wanted and session.get(ServerSetting, SHARE_KEY) is not None:
        return False
    for key, value in ((SHARE_KEY, str(share)), (CREDIT_KEY, "1" if credit else "0")):
        row = session.get(ServerSetting, key)
        if row is None:
            session.add(ServerSetting(key=key, value=value))
        else:
            row.value = value
    session.flush()
    for point in session.scalars(select(Point).order_by(Point.id)):
        changes.publish(session, point.id, "point.upsert", point_dict(point, wanted), now)
    return True


# --- bonus accounts --------------------------------------------------------------------------------


def account_ids(session: Session, customer_id: int, *, lock: bool = False) -> list[int]:
    """The customer rows of this customer's account (same phone), locked in id order when `lock`."""
    phone = select(Customer.phone).where(Customer.id == customer_id).scalar_subquery()
    stmt = select(Customer.id).where(Customer.phone == phone).order_by(Customer.id)
    return list(session.scalars(stmt.with_for_update() if lock else stmt))


def balance(session: Session, customer_ids: list[int]) -> int:
    total = session.scalar(select(func.coalesce(func.sum(BonusEntry.points), 0))
                           .where(BonusEntry.customer_id.in_(customer_ids)))
    return int(total or 0)


def account_points(session: Session, customer_ids: list[int]) -> list[int]:
    """Every point holding an order of the account (where its `bonus.entry` items go)."""
    return list(session.scalars(select(Order.point_id).where(Order.customer_id.in_(customer_ids))
                                .distinct().order_by(Order.point_id)))


def bonus_entry_dict(session: Session, entry: BonusEntry) -> dict[str, Any]:
    customer = session.get(Customer, entry.customer_id) if entry.customer_id is not None else None
    card = session.get(ClubCard, entry.card_id) if entry.card_id is not None else None
    order = session.get(Order, entry.order_id) if entry.order_id is not None else None
    return {"entry": entry.id, "customer": customer.external_id if customer else None,
            "card": card.number if card else None, "order": order.number if order else None,
            "reason": entry.reason, "points": entry.points, "event_id": entry.event_id, "at": iso(entry.created_at)}


def publish_bonus_entry(session: Session, entry: BonusEntry, now: datetime) -> None:
    """`bonus.entry` to every point holding an order of the entry's account."""
    session.flush()
    if entry.customer_id is None:
        return
    payload = bonus_entry_dict(session, entry)
    for point_id in account_points(session, account_ids(session, entry.customer_id)):
        changes.publish(session, point_id, "bonus.entry", payload, now)


def point_bonus_entries(session: Session, point_id: int) -> list[dict[str, Any]]:
    """The snapshot's `bonus_entries`: every entry of the accounts that hold an order at this point."""
    phones = select(Customer.phone).join(Order, Order.customer_id == Customer.id).where(Order.point_id == point_id)
    ids = select(Customer.id).where(Customer.phone.in_(phones))
    entries = session.scalars(select(BonusEntry).where(BonusEntry.customer_id.in_(ids)).order_by(BonusEntry.id))
    return [bonus_entry_dict(session, entry) for entry in entries]


# --- certificates ------------------------------------------------------------------------------------


def certificate_dict(cert: GiftCertificate) -> dict[str, Any]:
    return {"certificate": cert.number, "status": cert.status, "face": cert.face_kopecks,
            "expires_at": iso(cert.expires_at), "pin_hash": cert.pin_hash}


def certificate_entry_dict(session: Session, entry: CertificateEntry) -> dict[str, Any]:
    cert = session.get(GiftCertificate, entry.certificate_id)
    order = session.get(Order, entry.order_id) if entry.order_id is not None else None
    return {"entry": entry.id, "certificate": cert.number if cert else None, "reason": entry.reason,
            "amount": entry.amount, "order": order.number if order else None, "event_id": entry.event_id,
            "at": iso(entry.created_at)}


def certificate_balance(session: Session, cert: GiftCertificate) -> int:
    total = session.scalar(select(func.coalesce(func.sum(CertificateEntry.amount), 0))
                           .where(CertificateEntry.certificate_id == cert.id))
    return int(total or 0)


def publish_certificate(session: Session, cert: GiftCertificate, now: datetime) -> None:
    """`certificate.upsert`, global."""
    session.flush()
    changes.publish(session, None, "certificate.upsert", certificate_dict(cert), now)


def publish_certificate_entry(session: Session, entry: CertificateEntry, now: datetime) -> None:
    """`certificate.entry`, global."""
    session.flush()
    changes.publish(session, None, "certificate.entry", certificate_entry_dict(session, entry), now)


def snapshot_certificates(session: Session) -> dict[str, list[dict[str, Any]]]:
    """The snapshot's `certificates` and `certificate_entries` (global: the same for every point)."""
    certs = session.scalars(select(GiftCertificate).order_by(GiftCertificate.number))
    entries = session.scalars(select(CertificateEntry).order_by(CertificateEntry.id))
    return {"certificates": [certificate_dict(c) for c in certs],
            "certificate_entries": [certificate_entry_dict(session, e) for e in entries]}
