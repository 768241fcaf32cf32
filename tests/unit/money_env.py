"""The money tests' world on top of the handover one: a club customer with a confirmed balance, certificates."""

from __future__ import annotations

from datetime import timedelta
from itertools import count as counter
from typing import Any

from sqlalchemy import select

from desktop.db.models import BonusLedgerEntry, ClubCard, Customer, PickupPoint
from desktop.sync import money_feed
from tests.support.factories import FAST_HASHER, make_customer
from tests.unit.handover_env import Env

PIN = "12345678"
_entries = counter(1000)


def club_customer(env: Env, points: int = 2000, card: str = "2000000000015") -> int:
    """A customer with an active card and `points` confirmed by the server; returns the customer id."""
    with env.db.write() as s:
        customer = make_customer(s)
        customer.external_id = f"C-{customer.id}"
        s.add(ClubCard(number=card, point_id=env.point_id, activation_code_hash="x", status="active",
                       customer_id=customer.id))
        s.flush()
        money_feed.apply_bonus_entry(s, bonus_entry(customer.external_id, points, reason="activation"), env.clock())
        return customer.id


def bonus_entry(customer: str, points: int, reason: str = "accrual", event_id: str | None = None,
                order: str | None = None) -> dict[str, Any]:
    return {"entry": next(_entries), "customer": customer, "card": None, "order": order, "reason": reason,
            "points": points, "event_id": event_id, "at": "2026-11-20T10:00:00+00:00"}


def customer_of(env: Env, customer_id: int) -> Customer:
    with env.db.read() as s:
        customer = s.get(Customer, customer_id)
        assert customer is not None
        s.expunge(customer)
        return customer


def certificate(env: Env, number: str, balance: int | None = 300_000, status: str = "active",
                pin: str = PIN, days: int = 100, face: int | None = 300_000) -> None:
    """A certificate as the server's feed brings it: upsert + its sale entry (the balance)."""
    with env.db.write() as s:
        money_feed.upsert_certificate(s, {
            "certificate": number, "status": status, "face": face,
            "expires_at": (env.clock() + timedelta(days=days)).isoformat(), "pin_hash": FAST_HASHER.hash(pin),
        }, env.clock())
        if balance is not None:
            money_feed.apply_certificate_entry(s, {
                "entry": next(_entries), "certificate": number, "reason": "sale", "amount": balance,
                "order": None, "event_id": None, "at": env.clock().isoformat()}, env.clock())


def set_money(env: Env, share: int = 50, credit_accrues: bool = False) -> None:
    with env.db.write() as s:
        point = s.get(PickupPoint, env.point_id)
        assert point is not None
        point.money = {"points_share_percent": share, "credit_accrues_points": credit_accrues}


def ledger(env: Env) -> list[tuple[str, int, str]]:
    with env.db.read() as s:
        rows = s.scalars(select(BonusLedgerEntry).order_by(BonusLedgerEntry.id))
        return [(e.reason, e.points, e.status) for e in rows]
