"""Helpers of the server's money tests: a point with pay-at-pickup and credit orders, tenders, handovers, balances."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select

from backend.models import BonusEntry, Customer
from backend.money_models import GiftCertificate
from tests.backend.conftest import Device, Server, box_barcode, order_number, point_feed

PHONE = "+79161234567"
TOTAL = 1_250_000  # every test order: one 12 500 ₽ line
PREPAID, AT_PICKUP, CREDIT, SECOND_AT_PICKUP = (order_number("0042", n) for n in (1, 2, 3, 4))
FOREIGN = order_number("0043", 1)  # the same customer's order at another point


def money_feed(code: str = "0042", orders: int = 4) -> dict[str, Any]:
    """Order 1 prepaid, 2 paid at pickup, 3 a bank loan, 4 paid at pickup; all of one customer (PHONE)."""
    feed = point_feed(code, orders=orders)
    for n, order in enumerate(feed["orders"], 1):
        order["customer"]["external_id"] = "C-MONEY"
        order["prepaid"] = n == 1
        order["kind"] = "credit" if n == 3 else "retail"
    return feed


def setup_points(server: Server) -> tuple[Device, Device]:
    """Points 0042 and 0043 with orders of the same customer; a device at each."""
    server.import_feed(money_feed())
    server.import_feed(money_feed("0043", orders=1))
    return server.enrol(), server.enrol("0043", name="COUNTER-43")


def ready(device: Device, number: str) -> None:
    for n in (1, 2):
        device.send("box.received", {"session": "s1", "box": box_barcode(device.point["code"], number, n),
                                     "order": number})
    device.send("order.arrived", {"order": number, "arrived_at": "2026-11-24T09:00:00+00:00"})


def cash(amount: int, tendered: int | None = None) -> dict[str, Any]:
    given = tendered if tendered is not None else amount
    return {"kind": "cash", "amount": amount, "tendered": given, "change": given - amount}


def card(amount: int) -> dict[str, Any]:
    return {"kind": "card", "amount": amount}


def points(n: int) -> dict[str, Any]:
    return {"kind": "points", "amount": n * 100}


def cert(number: str, amount: int) -> dict[str, Any]:
    return {"kind": "certificate", "amount": amount, "certificate": number}


def payment(due: int, *tenders: dict[str, Any]) -> dict[str, Any]:
    return {"due": due, "tenders": list(tenders), "receipt": None}


def hand_over(device: Device, number: str, pay: dict[str, Any] | None, *, uid: str | None = None,
              agreement: str | None = None, result: str = "handed_over") -> dict[str, Any]:
    """Push a handover.completed; its result, with the handover uid under "uid"."""
    uid = uid or str(uuid.uuid4())
    body = {"handover": uid, "order": number, "result": result, "verified_by": "code",
            "lines": [{"sku": "SKU-1", "quantity": 1, "refused": 1 if result == "refused" else 0, "reason": None}],
            "payment": pay, "credit_agreement": agreement}
    return {**device.send("handover.completed", body), "uid": uid}


def redeem(device: Device, number: str, handover: str, n: int) -> dict[str, Any]:
    return device.send("bonus.redeemed", {"redemption": str(uuid.uuid4()), "order": number, "handover": handover,
                                          "points": n})


def credit_points(server: Server, n: int, external_id: str = "C-MONEY") -> None:
    """A confirmed balance for the customer (an activation-like entry without a card)."""
    with server.db.write() as session:
        customer = session.scalars(select(Customer).where(Customer.external_id == external_id)).one()
        session.add(BonusEntry(customer_id=customer.id, reason="activation", points=n, event_id=str(uuid.uuid4()),
                               created_at=server.app.state.settings.clock()))


def balance(server: Server, external_id: str = "C-MONEY") -> int:
    with server.db.read() as session:
        ids = select(Customer.id).where(Customer.external_id == external_id)
        return int(session.scalar(select(func.coalesce(func.sum(BonusEntry.points), 0))
                                  .where(BonusEntry.customer_id.in_(ids))) or 0)


def import_certificates(server: Server, *items: tuple[str, str, int | None]) -> Any:
    body = {"certificates": [{"number": n, "pin": pin, "face": face, "expires_at": None} for n, pin, face in items]}
    return server.admin("POST", "/v1/admin/certificates", json=body)


def sell(device: Device, number: str, amount: int, pay: dict[str, Any] | None = None,
         sale: str | None = None) -> dict[str, Any]:
    body = {"sale": sale or str(uuid.uuid4()), "certificate": number, "amount": amount,
            "payment": pay if pay is not None else payment(amount, card(amount))}
    return device.send("certificate.sold", body)


def spend(device: Device, number: str, order: str, handover: str, amount: int) -> dict[str, Any]:
    return device.send("certificate.redeemed", {"redemption": str(uuid.uuid4()), "certificate": number,
                                                "order": order, "handover": handover, "amount": amount})


def certificate(server: Server, number: str) -> GiftCertificate:
    with server.db.read() as session:
        found = session.scalars(select(GiftCertificate).where(GiftCertificate.number == number)).one()
        session.expunge(found)
        return found


def feed_items(device: Device, type_: str) -> list[dict[str, Any]]:
    return [c["payload"] for c in device.all_changes() if c["type"] == type_]
