"""Scripted days at the demo's default point (300 orders, two trucks): two counter PCs, the backend on
SQLite and on PostgreSQL, the SMS gateway fake, one clock; the invariants are checked at the end of each."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from backend import models as srv
from desktop.db.models import OutboxEvent, Shipment
from desktop.services.receiving import Outcome
from protocol.errors import DomainError
from protocol.order_states import OrderStatus
from protocol.states import CardStatus, OutboxStatus
from tests.system.clerk import (
    FOREIGN_BOX,
    SURPLUS_BOX,
    Clerk,
    order_status,
    orders_with,
    ready_code,
    received_unplaced,
    shipment_boxes,
)
from tests.system.harness import System
from tests.system.invariants import assert_invariants, counter_orders, server_orders

pytestmark = pytest.mark.slow


def _receive_truck(system: System, clerk: Clerk) -> tuple[str, list[str], str]:
    """Truck 1 on PC-1: every box but the last, one repeat, a surplus and a foreign box; closed."""
    shipment, boxes = shipment_boxes(clerk.counter, "01")
    session = clerk.open_receiving(shipment)
    outcomes = clerk.scan(session, *boxes[:-1], boxes[0], SURPLUS_BOX, FOREIGN_BOX)
    kinds = [o.kind for o in outcomes]
    assert kinds[-3:] == [Outcome.REPEAT, Outcome.SURPLUS, Outcome.FOREIGN]
    assert set(kinds[:-3]) == {Outcome.RECEIVED}
    summary = clerk.close_receiving(session)
    assert [m.box for m in summary.missing] == [boxes[-1]]
    assert summary.surplus == (SURPLUS_BOX,)
    assert [f.box for f in summary.foreign] == [FOREIGN_BOX]
    system.sync_all()
    return shipment, boxes, session


def test_truck_with_a_missing_a_surplus_and_a_foreign_box(system: System) -> None:
    clerk = Clerk.sign_in(system.counters[0])
    _shipment, boxes, _ = _receive_truck(system, clerk)
    complete = {b[5:14] for b in boxes[:-1]} - {boxes[-1][5:14]}
    for number in complete:  # every complete order got its code by SMS and is ready on the other PC too
        assert order_status(system.counters[1], number) == OrderStatus.READY
        assert system.pickup_code(number) is not None
    clerk.close_shift()
    assert_invariants(system)


def test_box_of_the_other_truck_scanned_while_receiving_the_first(system: System) -> None:
    clerk = Clerk.sign_in(system.counters[0])
    shipment, boxes = shipment_boxes(clerk.counter, "01")
    _other, other_boxes = shipment_boxes(clerk.counter, "02")
    session = clerk.open_receiving(shipment)
    clerk.scan(session, *boxes[: len(boxes) // 2], other_boxes[0])
    clerk.close_receiving(session)
    clerk.close_shift()
    assert_invariants(system)


def test_placement_of_every_box_of_the_truck(system: System) -> None:
    clerk = Clerk.sign_in(system.counters[0])
    _receive_truck(system, clerk)
    unplaced = received_unplaced(clerk.counter)
    placed = [clerk.place(barcode) for barcode in unplaced]
    assert len(placed) == len(unplaced)
    clerk.close_shift()
    assert_invariants(system)


def test_handovers_wrong_then_right_code_partial_refusal_cash_and_card(system: System) -> None:
    pc1, pc2 = system.counters
    first, second = Clerk.sign_in(pc1), Clerk.sign_in(pc2, "kassir2")
    _receive_truck(system, first)
    placeable = received_unplaced(pc1, ("S", "M"))[:6]
    for barcode in placeable:
        first.place(barcode)
    system.sync_all()
    arrived_today = [o for o in orders_with(pc2, OrderStatus.READY) if o.number in {b[5:14] for b in placeable}]
    assert arrived_today, "no order of the truck became ready"
    today = arrived_today[0]
    result = second.hand_over(today.number, ready_code(system, today.number), wrong_first=True, method="card")
    assert result.result == OrderStatus.HANDED_OVER
    unpaid = [o for o in orders_with(pc1, OrderStatus.READY, prepaid=False, min_lines=2)
              if o.number in system.secrets.pickup_codes]
    partial = first.hand_over(unpaid[0].number, ready_code(system, unpaid[0].number), wrong_first=True,
                              refuse_last_line=True, method="cash")
    assert partial.result == OrderStatus.PARTIALLY_HANDED_OVER
    assert partial.payment is not None and partial.payment.change_kopecks >= 0
    prepaid = [o for o in orders_with(pc2, OrderStatus.READY, prepaid=True) if o.number in system.secrets.pickup_codes]
    assert second.hand_over(prepaid[0].number, ready_code(system, prepaid[0].number)).result == OrderStatus.HANDED_OVER
    first.close_shift()
    second.close_shift()
    system.sync_all()
    _cells_freed(system, today.number)  # placed on PC-1, handed over on PC-2
    assert_invariants(system)


def _cells_freed(system: System, number: str) -> None:
    """A handed-over order's boxes hold no storage cell on the server nor in either PC's cache."""
    for side, view in [("server", server_orders(system))] + [(c.name, counter_orders(c)) for c in system.counters]:
        status, boxes = view[number]
        assert status == OrderStatus.HANDED_OVER, side
        assert boxes and all(cell is None for _barcode, _status, cell in boxes), f"{side}: {sorted(boxes)}"


def test_refused_line_goes_to_the_return_list(system: System) -> None:
    pc1 = system.counters[0]
    clerk = Clerk.sign_in(pc1)
    order = next(o for o in orders_with(pc1, OrderStatus.READY, prepaid=False, min_lines=2)
                 if o.number in system.secrets.pickup_codes)
    clerk.hand_over(order.number, ready_code(system, order.number), refuse_last_line=True)
    returns = pc1.returns().return_list()
    assert order.number in {c.order_number for c in returns.orders}, "the refused item is on no return list"
    clerk.close_shift()
    assert_invariants(system)


def _club_customer(system: System, clerk: Clerk) -> str:
    """A customer who just took an order of 5,000 ₽ or more: their phone."""
    order = next(o for o in orders_with(clerk.counter, OrderStatus.READY, prepaid=True)
                 if o.number in system.secrets.pickup_codes and o.total_kopecks >= 500_000)
    clerk.hand_over(order.number, ready_code(system, order.number))
    return order.customer.phone


def test_club_activation_welcome_sms_and_190_points(system: System) -> None:
    clerk = Clerk.sign_in(system.counters[0])
    phone = _club_customer(system, clerk)
    card, code = next(iter(system.card_codes.items()))
    assert clerk.activate_card(card, code, phone) == CardStatus.PENDING
    system.sync_all()
    assert_invariants(system)


def test_same_card_activated_on_both_pcs(system: System) -> None:
    pc1, pc2 = system.counters
    first, second = Clerk.sign_in(pc1), Clerk.sign_in(pc2, "kassir2")
    phone = _club_customer(system, first)
    system.sync_all()
    card, code = next(iter(system.card_codes.items()))
    first.activate_card(card, code, phone)
    second.activate_card(card, code, phone)  # before either synced: both PCs think the card is theirs to give
    system.sync_all()
    with pc2.db.read() as s:
        lost = s.scalars(select(OutboxEvent.status).where(OutboxEvent.type == "club.card_activated")).one()
    assert lost == OutboxStatus.CONFLICT
    review = pc2.review()
    manager = pc2.actor("manager")
    problems = review.problems(manager)
    assert problems, "the manager sees no conflict to review"
    for problem in problems:
        review.mark_reviewed(manager, problem.kind, problem.key)
    assert review.problems(manager) == []
    assert_invariants(system)


def test_same_box_scanned_on_both_pcs(system: System) -> None:
    pc1, pc2 = system.counters
    first, second = Clerk.sign_in(pc1), Clerk.sign_in(pc2, "kassir2")
    shipment, boxes = shipment_boxes(pc1, "01")
    one, two = first.open_receiving(shipment), second.open_receiving(shipment)
    first.scan(one, *boxes[:5])
    second.scan(two, boxes[4], *boxes[5:10])  # boxes[4] on both PCs, neither synced
    system.sync_all()
    first.close_receiving(one)
    system.sync_all()
    second.close_receiving(two)
    first.close_shift()
    second.close_shift()
    system.sync_all()
    acts = _held_acts(system)  # the receiving.closed summaries the server holds
    assert acts[one]["counts"]["received"] == 5
    assert acts[two]["counts"]["received"] == 5 and acts[two]["counts"]["elsewhere"] == 1  # not 6: PC-1 got it
    assert [e["box"] for e in acts[two]["elsewhere"]] == [boxes[4]]
    assert pc2.receiving().counts(two).received == 5
    assert_invariants(system)


def test_both_pcs_receive_the_same_orders_before_either_syncs(system: System) -> None:
    """Two clerks take in the same whole orders offline: the server keeps the first PC's arrivals, answers the
    second's scans «already» (backend/rules/receiving.py, without a savepoint), no PC has a problem for the manager
    and each customer gets one «ready» SMS."""
    pc1, pc2 = system.counters
    first, second = Clerk.sign_in(pc1), Clerk.sign_in(pc2, "kassir2")
    shipment, boxes = shipment_boxes(pc1, "01")
    numbers = sorted({b[5:14] for b in boxes})[:3]
    taken = [b for b in boxes if b[5:14] in numbers]
    one, two = first.open_receiving(shipment), second.open_receiving(shipment)
    first.scan(one, *taken)
    second.scan(two, *taken)
    for number in numbers:  # each PC saw the order complete
        assert order_status(pc1, number) == order_status(pc2, number) == OrderStatus.READY
    system.sync_all()
    first.close_receiving(one)
    second.close_receiving(two)
    system.sync_all()
    with system.backend.db.read() as s:
        told = set(s.execute(select(srv.EventRecord.type, srv.EventRecord.reason).where(
            srv.EventRecord.device_id == pc2.device_id, srv.EventRecord.type.in_(("box.received", "order.arrived")))
        ).tuples())
    assert told == {("box.received", "box_already_received"), ("order.arrived", "order_already_arrived")}
    for pc in (pc1, pc2):
        assert pc.review().problems(pc.actor("manager")) == []
    for number in numbers:
        texts = [m["text"] for m in system.gateway.state.messages.values() if number in m["text"]]
        assert len(texts) == 1, f"{number}: {texts}"
    first.close_shift()
    second.close_shift()
    assert_invariants(system)


def _held_acts(system: System) -> dict[str, dict[str, Any]]:
    with system.backend.db.read() as s:
        rows = s.scalars(select(srv.EventRecord.payload).where(srv.EventRecord.type == "receiving.closed")).all()
    return {payload["session"]: payload["summary"] for payload in map(json.loads, rows)}


def test_expiry_and_returns(system: System) -> None:
    pc1 = system.counters[0]
    clerk = Clerk.sign_in(pc1)
    system.clock.advance(days=1)
    system.sync_all()
    candidates = pc1.returns().return_list().orders
    assert candidates, "nothing to return although demo orders expired"
    session = pc1.returns().open_session(clerk.actor)
    for candidate in candidates:
        for box in candidate.boxes:
            pc1.returns().scan_box(clerk.actor, session, box.barcode)
    pc1.returns().close_session(clerk.actor, session)
    clerk.close_shift()
    assert_invariants(system)


def test_backend_down_for_part_of_the_day(system: System) -> None:
    pc1, pc2 = system.counters
    first, second = Clerk.sign_in(pc1), Clerk.sign_in(pc2, "kassir2")
    shipment, boxes = shipment_boxes(pc1, "01")
    system.backend.stop()
    session = first.open_receiving(shipment)
    first.scan(session, *boxes)
    first.close_receiving(session)
    prepaid = [o for o in orders_with(pc2, OrderStatus.READY, prepaid=True) if o.number in system.secrets.pickup_codes]
    second.hand_over(prepaid[0].number, ready_code(system, prepaid[0].number))
    system.clock.advance(hours=2)
    assert not pc1.sync() and not pc2.sync()
    pc1.restart()  # the counter app is restarted while the backend is still down
    assert not pc1.sync()
    system.backend.start()
    system.sync_all()
    for barcode in received_unplaced(pc2, ("S", "M"))[:4]:
        second.place(barcode)
    first.close_shift()
    second.close_shift()
    assert_invariants(system)


def test_undo_of_the_box_that_completed_an_order(system: System) -> None:
    pc1 = system.counters[0]
    clerk = Clerk.sign_in(pc1)
    shipment, boxes = shipment_boxes(pc1, "01")
    session = clerk.open_receiving(shipment)
    clerk.scan(session, boxes[0])
    system.sync_all()  # the order is ready; its «ready» SMS is held while the receiving session is open
    assert system.pickup_code(boxes[0][5:14]) is None
    system.clock.advance(minutes=11)  # past the point's grace period: the promise is kept
    system.sync_all()
    assert system.pickup_code(boxes[0][5:14]) is not None
    clerk.undo(session)  # the code went out: the customer gets a correction (checked by sms_as_the_rules_say)
    clerk.close_receiving(session)
    clerk.close_shift()
    assert_invariants(system)


def test_receiving_without_a_waybill_interrupted_by_a_restart(system: System) -> None:
    pc1 = system.counters[0]
    clerk = Clerk.sign_in(pc1)
    _shipment, boxes = shipment_boxes(pc1, "02")
    session = clerk.open_receiving(None)
    clerk.scan(session, boxes[0])
    pc1.restart()
    again = clerk.open_receiving(None)
    clerk.scan(again, boxes[1])
    clerk.close_receiving(again)
    clerk.close_shift()
    assert_invariants(system)


def test_one_phone_two_cards_on_two_pcs(system: System) -> None:
    pc1, pc2 = system.counters
    first, second = Clerk.sign_in(pc1), Clerk.sign_in(pc2, "kassir2")
    phone = _club_customer(system, first)
    system.sync_all()
    (card_a, code_a), (card_b, code_b) = list(system.card_codes.items())[:2]
    first.activate_card(card_a, code_a, phone)
    second.activate_card(card_b, code_b, phone)  # the PCs have not heard of each other's activation
    first.close_shift()
    second.close_shift()
    assert_invariants(system)


def _truck_status(system: System, number: str) -> dict[str, str | None]:
    """The truck's status on the server and on each PC."""
    with system.backend.db.read() as s:
        seen = {"server": s.scalar(select(srv.Shipment.status).where(srv.Shipment.number == number))}
    for counter in system.counters:
        with counter.db.read() as s:
            seen[counter.name] = s.scalar(select(Shipment.status).where(Shipment.number == number))
    return seen


def test_an_undone_last_box_makes_the_truck_receiving_again_everywhere(system: System) -> None:
    pc1 = system.counters[0]
    clerk = Clerk.sign_in(pc1)
    shipment, boxes = shipment_boxes(pc1, "01")
    session = clerk.open_receiving(shipment)
    clerk.scan(session, *boxes)
    system.sync_all()  # every box is in: received for the server and PC-2; PC-1 is still receiving it
    assert _truck_status(system, shipment) == {"server": "received", "PC-1": "receiving", "PC-2": "received"}
    clerk.undo(session)
    system.sync_all()
    assert set(_truck_status(system, shipment).values()) == {"receiving"}
    summary = clerk.close_receiving(session)  # the undone box is listed missing; the truck is done
    assert [m.box for m in summary.missing] == [boxes[-1]]
    system.sync_all()
    assert set(_truck_status(system, shipment).values()) == {"received"}
    with pytest.raises(DomainError):  # neither PC opens it again
        Clerk.sign_in(system.counters[1], "kassir2").open_receiving(shipment)
    clerk.close_shift()
    assert_invariants(system)
