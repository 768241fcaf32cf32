"""Warranty-claim test data: a point with a handed-over purchase, claim events, and the server-side steps."""

from __future__ import annotations

import uuid
from typing import Any

from tests.backend.conftest import Device, Server, order_feed, order_number, point_feed

PURCHASE = order_number("0042", 1)  # handed over 30 days before the test clock: in warranty (12 months)
OLD_PURCHASE = order_number("0042", 2)  # handed over two years ago: warranty expired
SERIAL = "SN1"  # the purchase line's serial (order_feed)
MANAGER = {"login": "manager", "full_name": "Кузнецова Ольга", "role": "manager", "badge_code": "ST000002",
           "pin_hash": "$argon2id$p", "password_hash": "$argon2id$w", "active": True}


def claims_point(code: str = "0042") -> dict[str, Any]:
    """The point feed with two handed-over purchases (one in warranty, one long expired) and a manager."""
    feed = point_feed(code, orders=3)
    for order, when in zip(feed["orders"][:2], ("2026-10-25T10:00:00+00:00", "2024-10-25T10:00:00+00:00"),
                           strict=True):
        order.update(status="handed_over", handed_over_at=when)
        for box in order["boxes"]:
            box["status"] = "handed_over"
    feed["staff"].append(MANAGER)
    return feed


def ready(server: Server) -> Device:
    server.import_feed(claims_point())
    return server.enrol()


def counter_number(n: int = 1, code: str = "0042") -> str:
    return f"W{code}{n:06d}"


def accepted(claim: str, order: str = PURCHASE, *, prefiled: bool = False, **over: Any) -> dict[str, Any]:
    """A claim.accepted payload the counter would send (override any field)."""
    payload: dict[str, Any] = {
        "claim": claim, "order": order, "sku": "SKU-1", "serial": SERIAL, "prefiled": prefiled,
        "cover": "in_warranty", "checklist": ["box", "charger", "scratches"], "condition": "царапина на крышке",
        "fault": "не включается", "photos": ["ab" * 32], "label": f"SL{claim}",
    }
    payload.update(over)
    return payload


def dispatched(claim: str, session: str = "svc-1", label: str | None = None) -> dict[str, Any]:
    return {"session": session, "claim": claim, "label": label or f"SL{claim}"}


def prefile(server: Server, order: str = PURCHASE, **over: Any) -> Any:
    return server.admin("POST", "/v1/admin/claims", json={"order": order, "sku": "SKU-1", "fault": "не заряжается",
                                                          **over})


def service_result(server: Server, claim: str, outcome: str = "repaired", repair_kopecks: int = 0) -> Any:
    return server.admin("POST", f"/v1/admin/claims/{claim}/service-result",
                        json={"outcome": outcome, "conclusion": "заменена плата питания",
                              "repair_kopecks": repair_kopecks})


def read_claim(server: Server, claim: str) -> dict[str, Any]:
    reply = server.admin("GET", f"/v1/admin/claims/{claim}")
    assert reply.status_code == 200, reply.text
    result: dict[str, Any] = reply.json()
    return result


def return_box(order_payload: dict[str, Any]) -> str:
    return str(order_payload["boxes"][0]["barcode"])


def bring_back(device: Device, return_order: str, box: str) -> None:
    """The return order's box received and the order arrived at the counter."""
    session = str(uuid.uuid4())
    assert device.send("box.received", {"session": session, "box": box, "order": return_order})["status"] == "applied"
    assert device.send("order.arrived", {"order": return_order, "arrived_at": "2026-11-24T09:00:00+00:00"})[
        "status"] == "applied"
    assert device.send("receiving.closed", {"session": session, "summary": {}})["status"] == "applied"


def hand_back(device: Device, return_order: str, result: str = "handed_over") -> dict[str, Any]:
    return device.send("handover.completed", {
        "handover": str(uuid.uuid4()), "order": return_order, "result": result, "verified_by": "code",
        "lines": [{"sku": "SKU-1", "quantity": 1, "refused": 0, "reason": None}], "payment": None})


def other_point_order() -> dict[str, Any]:
    """A handed-over order of point 0043 (another point)."""
    order = order_feed(order_number("0043", 1), "0043", boxes=1, shipment=None)
    order.update(status="handed_over", handed_over_at="2026-10-25T10:00:00+00:00")
    return order
