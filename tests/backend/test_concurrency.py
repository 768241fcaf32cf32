"""Concurrent requests: two counter PCs racing on one card, one box, or one batch must not both apply."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from backend.models import BonusEntry, EventRecord, Order
from tests.backend.conftest import BOTH_DBS, Device, Server, box_barcode, card_number, order_number, point_feed


def race(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released together; their results in call order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        results[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def _two_devices(server: Server) -> tuple[Device, Device]:
    feed = point_feed(orders=4, cards=4)
    for n, order in enumerate(feed["orders"], 1):  # each customer's own phone; no order is ready yet
        order["customer"]["phone"] = f"+7916000000{n}"
    server.import_feed(feed)
    return (server.enrol(name="COUNTER-1", client=TestClient(server.app)),
            server.enrol(name="COUNTER-2", client=TestClient(server.app)))


@BOTH_DBS
def test_two_devices_activating_one_card_at_once(server: Server) -> None:
    first, second = _two_devices(server)
    with server.db.write() as session:  # every customer's 12,500 ₽ order is ready: each qualifies for a card
        session.execute(update(Order).values(status="ready"))
    for n in range(1, 5):
        activation = {"card": card_number("0042", n), "phone": f"+7916000000{n}", "city": "Москва", "points": 190}
        results = race(lambda a=activation: first.send("club.card_activated", a),
                        lambda a=activation: second.send("club.card_activated", a))
        assert sorted(r["status"] for r in results) == ["applied", "conflict"], results
    with server.db.read() as session:
        assert session.scalar(select(func.count()).select_from(BonusEntry)) == 4


@BOTH_DBS
def test_two_devices_receiving_one_box_at_once(server: Server) -> None:
    first, second = _two_devices(server)
    for n in range(1, 5):
        number = order_number("0042", n)
        box = {"session": "s", "box": box_barcode("0042", number, 1), "order": number}
        results = race(lambda b=box: first.send("box.received", b), lambda b=box: second.send("box.received", b))
        assert sorted(r["status"] for r in results) == ["applied", "duplicate"], results


@BOTH_DBS
def test_the_same_batch_sent_twice_at_once(server: Server) -> None:
    first, _ = _two_devices(server)
    number = order_number("0042", 1)
    batch = [first.event("box.received", {"session": "s", "box": box_barcode("0042", number, n), "order": number})
             for n in (1, 2)]
    batch.append(first.event("order.arrived", {"order": number, "arrived_at": "2026-11-24T09:00:00+00:00"}))
    results = race(lambda: first.push(*batch), lambda: first.push(*batch))
    statuses = sorted(tuple(r["status"] for r in result) for result in results)
    assert statuses == [("applied",) * 3, ("duplicate",) * 3]
    with server.db.read() as session:
        assert session.scalar(select(func.count()).select_from(EventRecord)) == 3
    issued = [c for c in first.all_changes() if c["type"] == "order.code_issued"]
    assert len(issued) == 1
