"""Edges of the server's money rules: what a valid amount due is, which handover a late accrual counts on when the
server has no payment for it, and what makes a redemption a duplicate (only a redemption of that handover)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from backend.models import Handover, Order
from tests.backend.conftest import Server, order_feed, order_number, point_feed
from tests.backend.money_fixtures import (
    AT_PICKUP,
    TOTAL,
    balance,
    card,
    cash,
    credit_points,
    hand_over,
    payment,
    points,
    ready,
    redeem,
    setup_points,
)

LINES_POINTS = TOTAL // 100  # 1 point per rouble of the lines taken
TAKEN = order_number("0042", 99)


def test_the_due_is_a_whole_number_of_kopecks_not_below_zero(server: Server) -> None:
    device, _ = setup_points(server)
    ready(device, AT_PICKUP)
    cases: list[tuple[Any, dict[str, Any], str]] = [
        (-100, cash(100), "due_invalid"),  # a negative due is no amount at all, whatever the tenders
        (True, cash(1), "due_invalid"),  # JSON true is not a number of kopecks (though Python counts it as 1)
        (0, cash(100), "tenders_sum_mismatch"),  # nothing due is a valid due: it is the tenders that do not add up
    ]
    for due, tender, reason in cases:
        refused = hand_over(device, AT_PICKUP, {"due": due, "tenders": [tender]})
        assert (refused["status"], refused["reason"]) == ("rejected", f"bad_tenders:{reason}"), due


def test_a_handover_recorded_before_the_server_kept_payments_accrues_on_the_lines_taken(server: Server) -> None:
    device, _ = setup_points(server)
    ready(device, AT_PICKUP)
    done = hand_over(device, AT_PICKUP, None)  # recorded today: {} = nothing paid with money, nothing accrues
    assert device.send("bonus.accrual", {"order": AT_PICKUP, "points": 1})["reason"] == "points_exceed_paid:1>0"
    with server.db.write() as session:  # the same handover as a server before 0010 recorded it: payment NULL
        session.execute(update(Handover).where(Handover.uid == done["uid"]).values(payment=None))
    over = device.send("bonus.accrual", {"order": AT_PICKUP, "points": LINES_POINTS + 1})
    assert (over["status"], over["reason"]) == ("rejected", f"points_exceed_paid:{LINES_POINTS + 1}>{LINES_POINTS}")
    assert device.send("bonus.accrual", {"order": AT_PICKUP, "points": LINES_POINTS})["status"] == "applied"


def test_an_order_taken_before_the_point_joined_accrues_on_its_lines(server: Server) -> None:
    """The order system may send an order already handed over: the server has no handover of it at all."""
    feed = point_feed(orders=0)
    taken = order_feed(TAKEN, boxes=1, shipment="R0042")
    taken.update(status="handed_over", prepaid=False)
    server.import_feed({**feed, "orders": [taken]})
    device = server.enrol()
    with server.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == TAKEN)).one()
        assert order.status == "handed_over" and not order.prepaid
    over = device.send("bonus.accrual", {"order": TAKEN, "points": LINES_POINTS + 1})
    assert over["reason"] == f"points_exceed_paid:{LINES_POINTS + 1}>{LINES_POINTS}"
    assert device.send("bonus.accrual", {"order": TAKEN, "points": LINES_POINTS})["status"] == "applied"


def test_a_return_filed_under_the_handovers_id_does_not_make_its_late_redemption_a_duplicate(server: Server) -> None:
    device, _ = setup_points(server)
    credit_points(server, 1_000)
    ready(device, AT_PICKUP)
    done = hand_over(device, AT_PICKUP, payment(TOTAL, points(1_000), card(TOTAL - 100_000)))
    assert device.send("bonus.accrual", {"order": AT_PICKUP, "points": 11_500})["status"] == "applied"
    back = server.admin("POST", f"/v1/admin/orders/{AT_PICKUP}/customer-return",
                        json={"reference": done["uid"], "lines": [{"sku": "SKU-1", "quantity": 1}]})
    assert back.json()["points_reversed"] == 11_500, back.text
    late = redeem(device, AT_PICKUP, done["uid"], 1_000)  # the counter was offline: its redemption comes now
    assert late["status"] == "applied", late
    assert balance(server) == 0

