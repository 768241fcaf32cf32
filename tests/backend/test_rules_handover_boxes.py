"""The server's handover rule (backend/rules/handover.py) on what it stores: the handover time, the boxes that
leave with the customer (only this order's, never one already returned to the sender, out of their cells), the
return box of a partial handover, a handover the server did not expect (the fact wins, with the old status as
the reason) and the staff task after a central cancel."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

import backend.rules.handover  # noqa: F401  (the mutation run maps this file to the rule by this import)
from backend.models import Box, Order, StaffTask
from tests.backend.conftest import Device, Server, box_barcode, order_number, point_feed
from tests.support.clock import FakeClock

NUMBER = order_number("0042", 1)
OTHER = order_number("0042", 2)


def _receive(device: Device, number: str, arrive: bool = True) -> None:
    for n in (1, 2):
        box = {"session": "s1", "box": box_barcode("0042", number, n), "order": number}
        assert device.send("box.received", box)["status"] == "applied"
    if arrive:
        arrived = {"order": number, "arrived_at": "2026-11-24T09:00:00+00:00"}
        assert device.send("order.arrived", arrived)["status"] == "applied"


def _ready(server: Server) -> Device:
    server.import_feed(point_feed())
    device = server.enrol()
    _receive(device, NUMBER)
    _receive(device, OTHER)
    return device


def _hand_over(device: Device, result: str = "handed_over", kept: str | None = None, uid: str = "h1",
               ) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "handover": uid, "order": NUMBER, "result": result, "verified_by": "code",
        "lines": [{"sku": "SKU-1", "quantity": 1, "refused": 0, "reason": None}], "payment": None}
    if kept is not None:
        payload["kept_box"] = kept
    return device.send("handover.completed", payload)


def _place(device: Device, number: str, n: int) -> None:
    placed = {"box": box_barcode("0042", number, n), "order": number, "cell": "CA0101"}
    assert device.send("box.placed", placed)["status"] == "applied"


def _boxes(server: Server, number: str) -> list[tuple[str, str | None]]:
    with server.db.read() as session:
        return [(b.status, b.cell_code) for b in session.scalars(
            select(Box).join(Order).where(Order.number == number).order_by(Box.seq_no))]


def _order(server: Server, number: str = NUMBER) -> Order:
    with server.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        session.expunge(order)
        return order


def test_a_handover_takes_this_orders_boxes_out_of_their_cells_at_the_servers_time(
        server: Server, clock: FakeClock) -> None:
    device = _ready(server)
    _place(device, NUMBER, 1)
    _place(device, OTHER, 1)
    clock.advance(minutes=5)
    assert _hand_over(device)["status"] == "applied"
    with server.db.read() as session:
        handed_over_at = session.scalar(select(Order.handed_over_at).where(Order.number == NUMBER))
    assert handed_over_at is not None and handed_over_at.replace(tzinfo=None) == clock().replace(tzinfo=None)
    assert _boxes(server, NUMBER) == [("handed_over", None), ("handed_over", None)]
    assert _boxes(server, OTHER) == [("placed", "CA0101"), ("received", None)]  # another order's boxes stay


def test_a_ready_orders_handover_is_applied_without_a_reason(server: Server) -> None:
    device = _ready(server)
    result = _hand_over(device)
    assert (result["status"], result["reason"]) == ("applied", None)
    assert _order(server).status == "handed_over"


def test_a_box_already_returned_to_the_sender_does_not_leave_with_the_customer(server: Server) -> None:
    device = _ready(server)
    returned = {"session": "r1", "box": box_barcode("0042", NUMBER, 2), "order": NUMBER, "reason": "damaged"}
    assert device.send("box.returned", returned)["status"] == "applied"
    assert _hand_over(device)["status"] == "applied"
    assert _boxes(server, NUMBER) == [("handed_over", None), ("returned", None)]


def test_a_full_handover_naming_a_kept_box_still_hands_over_every_box(server: Server) -> None:
    """Only a partial handover keeps a return box at the point."""
    device = _ready(server)
    assert _hand_over(device, kept=box_barcode("0042", NUMBER, 1))["status"] == "applied"
    assert _boxes(server, NUMBER) == [("handed_over", None), ("handed_over", None)]


def test_a_kept_box_of_another_order_is_left_alone(server: Server) -> None:
    device = _ready(server)
    _place(device, OTHER, 1)
    assert _hand_over(device, "partially_handed_over", kept=box_barcode("0042", OTHER, 1))["status"] == "applied"
    assert _boxes(server, OTHER) == [("placed", "CA0101"), ("received", None)]


def test_a_kept_box_already_returned_to_the_sender_stays_returned(server: Server) -> None:
    device = _ready(server)
    kept = box_barcode("0042", NUMBER, 1)
    returned = {"session": "r1", "box": kept, "order": NUMBER, "reason": "damaged"}
    assert device.send("box.returned", returned)["status"] == "applied"
    assert _hand_over(device, "partially_handed_over", kept=kept)["status"] == "applied"
    assert _boxes(server, NUMBER) == [("returned", None), ("handed_over", None)]


def test_a_handover_before_the_arrival_is_recorded_with_the_status_it_overrode(server: Server) -> None:
    """The goods are gone: the fact wins over the server's view, and the reason names the status it found."""
    server.import_feed(point_feed())
    device = server.enrol()
    _receive(device, NUMBER, arrive=False)  # every box scanned, the order not yet reported arrived
    result = _hand_over(device)
    assert (result["status"], result["reason"]) == ("applied", "forced_from:partially_arrived")
    assert _order(server).status == "handed_over"


def test_a_handover_after_a_central_cancel_raises_a_staff_task_on_that_order(server: Server) -> None:
    device = _ready(server)
    assert server.cancel(NUMBER).status_code == 200
    assert _hand_over(device)["reason"] == "handed_over_after_cancel"
    with server.db.read() as session:
        task = session.scalars(select(StaffTask)).one()
        order_id = session.scalar(select(Order.id).where(Order.number == NUMBER))
    assert (task.kind, task.order_id) == ("handed_over_after_cancel", order_id)
    assert task.text.startswith(f"Order {NUMBER} was cancelled but handed over")
    assert task.text.endswith("arrange a return of the goods or the payment.")
