"""The server's claim status machine under any sequence of counter events and admin calls (hypothesis, stateful).

Each step is sent whatever the claim's status; the model (protocol.claims.TRANSITIONS) says what the server must
answer, and after every step the server's rows must describe a legal claim: never closed without the return
order handed over, never returning without a service result and its return order, never sent without intake,
at most one open claim per item, and the point's last `claim.upsert` equal to the claim as the server holds it.
"""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, multiple, rule, run_state_machine_as_test
from sqlalchemy import select

from backend.models import Claim, Order
from backend.serialize import claim_dict
from protocol.claims import OPEN, ClaimStatus
from tests.backend.claim_fixtures import accepted, counter_number, dispatched, prefile, service_result
from tests.backend.conftest import BOTH_DBS, Device, Server, order_feed, point_feed

C = ClaimStatus
SKUS = ("SKU-A", "SKU-B")
HANDED_BACK = ("handed_over", "partially_handed_over")
_orders = itertools.count(1)
_numbers = itertools.count(1)
REACHED: set[str] = set()  # statuses and handover results the runs reached (the test asserts all were explored)


def _purchase() -> dict[str, Any]:
    """A handed-over order with two serial-numbered items (serials of their own), new for each example."""
    order = order_feed(f"77{next(_orders):07d}", boxes=1, shipment=None)
    order.update(status="handed_over", handed_over_at="2026-10-25T10:00:00+00:00")
    order["lines"] = [{"sku": sku, "name": f"Изделие {sku}", "quantity": 1, "price_kopecks": 100_000,
                       "serial": f"SN-{order['number']}-{sku}"} for sku in SKUS]
    return order


class ClaimMachine(RuleBasedStateMachine):
    server: Server
    device: Device
    claims = Bundle("claims")

    def __init__(self) -> None:
        super().__init__()
        order = _purchase()
        self.server.import_feed({"point": point_feed()["point"], "orders": [order]})
        self.order = order["number"]
        self.status: dict[str, ClaimStatus] = {}
        self.sku: dict[str, str] = {}
        self.returns: dict[str, tuple[str, str]] = {}  # claim → (return order, its box)
        self.handed: set[str] = set()  # return orders whose handover the server recorded
        self.sessions: dict[str, str] = {}  # claim → the dispatch session that sent it

    # --- steps -------------------------------------------------------------------------------------------------

    def _holder(self, sku: str) -> str | None:
        return next((n for n, s in self.status.items() if self.sku[n] == sku and s in OPEN), None)

    @rule(target=claims, sku=st.sampled_from(SKUS))
    def prefile(self, sku: str) -> Any:
        reply = prefile(self.server, self.order, sku=sku)
        if self._holder(sku) is not None:
            assert (reply.status_code, reply.json()["code"]) == (409, "claim_duplicate_item"), reply.text
            return multiple()
        assert reply.status_code == 201, reply.text
        number = reply.json()["number"]
        self.status[number], self.sku[number] = C.FILED, sku
        return number

    @rule(target=claims, sku=st.sampled_from(SKUS))
    def open_at_counter(self, sku: str) -> Any:
        number = counter_number(next(_numbers))
        result = self.device.send("claim.accepted", self._intake(number, sku, prefiled=False))
        if self._holder(sku) is not None:
            assert (result["status"], result["reason"].split(":")[0]) == ("conflict", "claim_duplicate_item")
            return multiple()
        assert result["status"] == "applied", result
        self.status[number], self.sku[number] = C.ACCEPTED, sku
        return number

    @rule(claim=claims)
    def accept(self, claim: str) -> None:
        prefiled = len(claim) == 10  # W + 9 digits; opened at the counter: W + point + 6 digits
        result = self.device.send("claim.accepted", self._intake(claim, self.sku[claim], prefiled=prefiled))
        self._expect(claim, result, C.FILED, C.ACCEPTED)

    @rule(claim=claims, session=st.sampled_from(["svc-1", "svc-2"]))
    def dispatch(self, claim: str, session: str) -> None:
        result = self.device.send("claim.dispatched", dispatched(claim, session))
        if self.status[claim] == C.FILED:  # no label yet: the intake never happened
            assert result["reason"].startswith("claim_label_mismatch"), result
        elif self.status[claim] == C.SENT and self.sessions.get(claim) == session:
            assert result["status"] == "duplicate", result
        else:
            self._expect(claim, result, C.ACCEPTED, C.SENT)
            if result["status"] == "applied":
                self.sessions[claim] = session

    @rule(claim=claims)
    def service_result(self, claim: str) -> None:
        reply = service_result(self.server, claim)
        if self.status[claim] != C.SENT:
            expected = "claim_closed" if self.status[claim] == C.CLOSED else "claim_illegal_step"
            assert (reply.status_code, reply.json()["code"]) == (409, expected), reply.text
            return
        assert reply.status_code == 200, reply.text
        self.status[claim] = C.RETURNING
        number = reply.json()["return_order"]
        self.returns[claim] = (number, f"B0042{number}01")

    @rule(claim=claims)
    def arrive(self, claim: str) -> None:
        if claim not in self.returns:
            return
        order, box = self.returns[claim]
        self.device.send("box.received", {"session": str(uuid.uuid4()), "box": box, "order": order})
        result = self.device.send("order.arrived", {"order": order, "arrived_at": "2026-11-24T09:00:00+00:00"})
        if result["status"] == "applied" and self.status[claim] == C.RETURNING:
            self.status[claim] = C.AWAITING_PICKUP

    @rule(claim=claims)
    def undo_arrival(self, claim: str) -> None:
        """The clerk undoes the return box's receiving scan: the claim is on its way again until it is scanned."""
        if claim not in self.returns:
            return
        order, box = self.returns[claim]
        result = self.device.send("receiving.scan_undone", {"session": str(uuid.uuid4()), "box": box, "order": order})
        if result["status"] == "applied" and self.status[claim] == C.AWAITING_PICKUP and order not in self.handed:
            self.status[claim] = C.RETURNING
            REACHED.add("arrival_undone")

    @rule(claim=claims, result=st.sampled_from(["handed_over", "refused"]))
    def hand_over(self, claim: str, result: str) -> None:
        if claim not in self.returns:
            return
        order = self.returns[claim][0]
        answer = self.device.send("handover.completed", {
            "handover": str(uuid.uuid4()), "order": order, "result": result, "verified_by": "code",
            "lines": [{"sku": self.sku[claim], "quantity": 1, "refused": 0, "reason": None}], "payment": None})
        if order in self.handed:
            assert answer["status"] == "conflict", answer
            return
        assert answer["status"] == "applied", answer
        self.handed.add(order)
        REACHED.add(result)
        if result == "handed_over":
            self.status[claim] = C.CLOSED

    @rule(claim=claims, count=st.integers(1, 9), result=st.sampled_from(["handed_over", "refused"]),
          undo=st.booleans())
    def next_steps(self, claim: str, count: int, result: str, undo: bool) -> None:
        """The claim's next `count` steps of its lifecycle (so runs reach its end as well as the refusals); at the
        handover the customer may also refuse the item, and the clerk may first undo the return box's scan."""
        undo_left = [undo]

        def at_pickup(c: str) -> None:
            if undo_left.pop() if undo_left else False:
                self.undo_arrival(c)
            else:
                self.hand_over(c, result)

        steps = {C.FILED: self.accept, C.ACCEPTED: lambda c: self.dispatch(c, "svc-1"), C.SENT: self.service_result,
                 C.RETURNING: self.arrive, C.AWAITING_PICKUP: at_pickup, C.CLOSED: self.accept}
        for _ in range(count):
            steps[self.status[claim]](claim)

    # --- the model -----------------------------------------------------------------------------------------------

    def _intake(self, number: str, sku: str, *, prefiled: bool) -> dict[str, Any]:
        return accepted(number, self.order, prefiled=prefiled, sku=sku, serial=f"SN-{self.order}-{sku}")

    def _expect(self, claim: str, result: dict[str, Any], before: ClaimStatus, after: ClaimStatus) -> None:
        current = self.status[claim]
        if current == before:
            assert result["status"] == "applied", result
            self.status[claim] = after
            return
        expected = "claim_closed" if current == C.CLOSED else "claim_illegal_step"
        assert (result["status"], result["reason"].split(":")[0]) == ("rejected", expected), result

    @invariant()
    def the_server_holds_only_legal_claims(self) -> None:
        with self.server.db.read() as session:
            rows = session.scalars(select(Claim).join(Claim.order).where(Order.number == self.order)).all()
            assert {c.number: c.status for c in rows} == self.status
            REACHED.update(self.status.values())
            for claim in rows:
                _legal(claim)
            open_items = [c.sku for c in rows if c.status in OPEN]
            assert len(open_items) == len(set(open_items)), "two open claims for one item"
            published = self._last_published()
            assert all(published.get(c.number) == claim_dict(c, "0042") for c in rows)

    def _last_published(self) -> dict[str, dict[str, Any]]:
        last: dict[str, dict[str, Any]] = {}
        for change in self.device.all_changes():
            if change["type"] == "claim.upsert":
                last[change["payload"]["number"]] = change["payload"]
        return last


def _legal(claim: Claim) -> None:
    status, back = ClaimStatus(claim.status), claim.return_order
    if status != C.FILED:
        assert claim.accepted_at is not None and claim.label and claim.cover, claim.number
    if status in (C.SENT, C.RETURNING, C.AWAITING_PICKUP, C.CLOSED):
        assert claim.dispatched_at is not None and claim.dispatch_session, claim.number
    if status in (C.RETURNING, C.AWAITING_PICKUP, C.CLOSED):
        assert claim.outcome and claim.conclusion and back is not None and back.kind == "warranty", claim.number
    else:
        assert back is None and claim.outcome is None, claim.number
    if status == C.RETURNING:
        assert back is not None and back.status not in HANDED_BACK, claim.number
    if status == C.AWAITING_PICKUP:
        assert back is not None and back.arrived_at is not None and back.status not in HANDED_BACK, claim.number
    if status == C.CLOSED:  # never closed without the customer taking the item back
        assert back is not None and back.status in HANDED_BACK and claim.closed_at is not None, claim.number
    else:
        assert claim.closed_at is None, claim.number


@BOTH_DBS
def test_no_sequence_of_steps_reaches_an_illegal_claim(server: Server, db_kind: str) -> None:
    server.import_feed(point_feed(orders=0))
    ClaimMachine.server, ClaimMachine.device = server, server.enrol()
    REACHED.clear()
    run_state_machine_as_test(ClaimMachine, settings=settings(
        max_examples=12, stateful_step_count=14, deadline=None, derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]))
    explored = {*ClaimStatus, "handed_over", "refused", "arrival_undone"}  # every status, both handover ends, an undo
    assert REACHED == explored, f"the runs never reached {explored - REACHED}"
