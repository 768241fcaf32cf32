"""Codes hashed ahead of time (backend/code_pool.py) end to end: the server's pool issues the codes of a truck's
arrivals, the customer's SMS carries them, and the other counter PC hands the order over with that code."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from backend.models import CodePoolEntry
from protocol.order_states import OrderStatus
from tests.system.clerk import Clerk, orders_with, ready_code, received_unplaced, shipment_boxes
from tests.system.harness import System
from tests.system.invariants import assert_invariants

pytestmark = pytest.mark.slow


def _pooled(system: System) -> set[str]:
    with system.backend.db.read() as session:
        return set(session.scalars(select(CodePoolEntry.code)))


def test_a_pooled_code_reaches_the_customer_and_opens_the_handover_on_the_other_pc(system: System) -> None:
    pc1, pc2 = system.counters
    first, second = Clerk.sign_in(pc1), Clerk.sign_in(pc2, "kassir2")
    system.backend.run_sms()  # the background pass fills the pool before the truck comes
    pooled = _pooled(system)
    assert pooled, "the worker's pass left the pool empty"
    shipment, boxes = shipment_boxes(pc1, "01")
    session = first.open_receiving(shipment)
    first.scan(session, *boxes)
    first.close_receiving(session)
    system.sync_all()
    for barcode in received_unplaced(pc1, ("S", "M"))[:3]:
        first.place(barcode)
    system.sync_all()
    ready = [o for o in orders_with(pc2, OrderStatus.READY) if ready_code(system, o.number) in pooled]
    assert ready, "no ready order got a code from the pool"
    code = ready_code(system, ready[0].number)
    assert code not in _pooled(system)  # a pooled code is used once: its row is gone
    assert second.hand_over(ready[0].number, code, wrong_first=True).result == OrderStatus.HANDED_OVER
    second.close_shift()
    first.close_shift()
    assert_invariants(system)
