"""Demo money: the demo customer's club card and bonus ledger, the gift certificates, the customer's ready order.

The demo customer (+7 916 111-00-13, the warranty claims' customer) holds the last demo card, active, with a
confirmed balance of 2 000 points (the +190 welcome credit and an accrual on a past purchase) and a ready order to
pay at pickup (paid with points, a certificate and cash in the demo walk). The certificates' numbers and PINs are
fixed (`DEMO_CERTIFICATES`) so the demo walk and the UI tests can use them. Items are in the snapshot's shapes
(`bonus_entries`, `certificates`, `certificate_entries`; backend/money.py).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from protocol.money_rules import CertificateStatus, LedgerReason
from protocol.order_states import OrderStatus

C = CertificateStatus
DEMO_MONEY_PHONE = "+79161110013"  # protocol.demo_data.DEMO_CLAIM_PHONE: the demo's money customer
DEMO_WELCOME_POINTS, DEMO_ACCRUED_POINTS = 190, 1_810  # a confirmed balance of 2 000 points
# number → (PIN, face in kopecks or None when chosen at the sale, status). Demo only: printed in the README.
DEMO_CERTIFICATES: dict[str, tuple[str, int | None, str]] = {
    "GC004200000001": ("11110001", 500_000, C.ACTIVE),
    "GC004200000002": ("11110002", 300_000, C.ACTIVE),
    "GC004200000003": ("11110003", 1_000_000, C.ACTIVE),
    "GC004200000004": ("11110004", 500_000, C.STOCK),
    "GC004200000005": ("11110005", None, C.STOCK),
    "GC004200000006": ("11110006", 300_000, C.EXPIRED),
    "GC004200000007": ("11110007", 500_000, C.BLOCKED),
}
DEMO_NAMESPACE = uuid.UUID("7d1f7b1e-1c4e-4b59-9d7e-0c0000000042")


class Hasher(Protocol):
    def hash(self, password: str) -> str: ...


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def _event_id(name: str) -> str:
    return str(uuid.uuid5(DEMO_NAMESPACE, name))


def demo_certificates(now: datetime, hasher: Hasher) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The certificates (`certificate.upsert` shape) and their sale entries (`certificate.entry` shape)."""
    certificates: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    for number, (pin, face, status) in DEMO_CERTIFICATES.items():
        sold = status != C.STOCK
        expires = now - timedelta(days=10) if status == C.EXPIRED else now + timedelta(days=300) if sold else None
        certificates.append({"certificate": number, "status": str(status), "face": face,
                             "expires_at": _iso(expires) if expires else None, "pin_hash": hasher.hash(pin)})
        if sold:
            entries.append({"entry": len(entries) + 1, "certificate": number, "reason": "sale", "amount": face,
                            "order": None, "event_id": _event_id(f"sale {number}"),
                            "at": _iso(now - timedelta(days=375 if status == C.EXPIRED else 65))})
    return certificates, entries


def add_money(demo: dict[str, Any], card_codes: dict[str, str], now: datetime) -> str | None:
    """The demo customer's active card, bonus ledger and ready pay-at-pickup order; that order's number (None when
    the demo is too small to have the customer or a spare order)."""
    customer_order = next((o for o in demo["orders"] if o["customer"]["phone"] == DEMO_MONEY_PHONE
                           and o["status"] == OrderStatus.HANDED_OVER), None)
    if customer_order is None or not demo["cards"]:
        return None
    customer = customer_order["customer"]
    card = demo["cards"][-1]
    card_codes.pop(card["number"], None)  # active: no longer a card to activate
    activated = now - timedelta(days=30)
    card.update(status="active", customer=customer["external_id"], city=demo["point"]["city"],
                activated_at=_iso(activated))
    demo["bonus_entries"] = [
        {"entry": 1, "customer": customer["external_id"], "card": card["number"], "order": None,
         "reason": str(LedgerReason.ACTIVATION), "points": DEMO_WELCOME_POINTS, "event_id": _event_id("activation"),
         "at": _iso(activated)},
        {"entry": 2, "customer": customer["external_id"], "card": None, "order": customer_order["number"],
         "reason": str(LedgerReason.ACCRUAL), "points": DEMO_ACCRUED_POINTS, "event_id": _event_id("accrual"),
         "at": _iso(activated)},
    ]
    return _give_ready_order(demo, customer, now)


def _give_ready_order(demo: dict[str, Any], customer: dict[str, Any], now: datetime) -> str | None:
    """The last ready pay-at-pickup retail order of two or more lines, not expired, becomes the demo customer's
    (the first such order stays the demo walk's cash handover)."""
    candidates = [o for o in demo["orders"] if o["status"] == OrderStatus.READY and not o["prepaid"]
                  and o["kind"] == "retail" and len(o["lines"]) >= 2 and o["total_kopecks"] < 10_000_000
                  and o["pickup_code_hash"] and (o["storage_until"] or "") > _iso(now)]
    if len(candidates) < 2:
        return None
    candidates[-1]["customer"] = customer
    return str(candidates[-1]["number"])
