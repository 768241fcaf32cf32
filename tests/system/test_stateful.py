"""Random clerk actions on two counter PCs interleaved with sync, backend outages and counter restarts
(hypothesis RuleBasedStateMachine); the invariants that hold at any moment are checked after every step,
all of them once everything is synced at the end."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from protocol.errors import DomainError
from protocol.order_states import OrderStatus
from tests.backend.conftest import migrated_sqlite_url
from tests.sms.fake_gateways import FakeGatewayServer
from tests.system.clerk import Clerk, order_status, received_unplaced
from tests.system.harness import System, build_system
from tests.system.invariants import ANYTIME, describe, found, violations

pytestmark = pytest.mark.slow
PC = st.integers(0, 1)
TRUCK_BOXES = 12  # the first boxes of truck 1 the clerks may scan
HANDOVER_ORDERS = 6  # ready demo orders (codes known) the clerks may hand over
STATEFUL = settings(max_examples=4, stateful_step_count=18, deadline=None, derandomize=True, database=None,
                    phases=(Phase.explicit, Phase.generate), report_multiple_bugs=False,
                    suppress_health_check=list(HealthCheck))


def _truck_boxes(demo: dict[str, Any]) -> list[str]:
    truck = demo["shipments"][0]["number"]
    return [b["barcode"] for o in demo["orders"] for b in o["boxes"] if b["shipment"] == truck][:TRUCK_BOXES]


def _handover_orders(system: System) -> list[dict[str, Any]]:
    return [o for o in system.demo["orders"] if o["number"] in system.secrets.pickup_codes and o["kind"] == "retail"
            and o["total_kopecks"] < 10_000_000 and o["status"] == OrderStatus.READY][:HANDOVER_ORDERS]


class PointDay(RuleBasedStateMachine):
    """One point's day: PC-1 and PC-2 receive, place, hand over, refuse, activate, undo; sync, outages, restarts."""

    db_url_for: Any = None  # set by the test: a fresh backend database URL per example

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="pickup-stateful-"))
        self.gateway = FakeGatewayServer("smsc").__enter__()
        self.system = build_system(self.tmp, self.db_url_for(self.tmp), self.gateway)
        self.clerks = [Clerk.sign_in(self.system.counters[0]), Clerk.sign_in(self.system.counters[1], "kassir2")]
        self.sessions: list[str | None] = [None, None]
        self.boxes = _truck_boxes(self.system.demo)
        self.orders = _handover_orders(self.system)
        self.cards = list(self.system.card_codes.items())[:2]
        self.customers: list[str] = []
        self.handed: set[str] = set()
        self.failed = False  # a step already failed: the teardown only cleans up

    def _session(self, pc: int) -> str:
        if self.sessions[pc] is None:
            try:
                self.sessions[pc] = self.clerks[pc].open_receiving(self.system.demo["shipments"][0]["number"])
            except DomainError:  # the truck's act is closed: late boxes are received without the waybill
                self.sessions[pc] = self.clerks[pc].open_receiving(None)
        return str(self.sessions[pc])

    @rule(pc=PC, box=st.integers(0, TRUCK_BOXES - 1))
    def receive_box(self, pc: int, box: int) -> None:
        self.clerks[pc].scan(self._session(pc), self.boxes[box])

    @rule(pc=PC)
    def undo_scan(self, pc: int) -> None:
        try:
            self.clerks[pc].undo(self._session(pc))
        except DomainError:
            pass  # nothing to undo

    @rule(pc=PC)
    def close_receiving(self, pc: int) -> None:
        if self.sessions[pc] is not None:
            self.clerks[pc].close_receiving(str(self.sessions[pc]))
            self.sessions[pc] = None

    @rule(pc=PC)
    def place_box(self, pc: int) -> None:
        waiting = received_unplaced(self.system.counters[pc], ("S", "M"))
        if waiting:
            self.clerks[pc].place(waiting[0])

    @rule(pc=PC, order=st.integers(0, HANDOVER_ORDERS - 1), refuse=st.booleans(), card=st.booleans())
    def hand_over(self, pc: int, order: int, refuse: bool, card: bool) -> None:
        item = self.orders[order]
        if item["number"] in self.handed or order_status(self.system.counters[pc], item["number"]) != OrderStatus.READY:
            return  # the goods left with the customer: the other PC cannot hand them over again
        self.handed.add(item["number"])
        self.clerks[pc].hand_over(item["number"], self.system.secrets.pickup_codes[item["number"]],
                                  wrong_first=True, refuse_last_line=refuse and len(item["lines"]) > 1,
                                  method="card" if card else "cash")
        if item["total_kopecks"] >= 500_000:
            self.customers.append(item["customer"]["phone"])

    @precondition(lambda self: bool(self.customers))
    @rule(pc=PC, card=st.integers(0, 1), customer=st.integers(0, 5))
    def activate_card(self, pc: int, card: int, customer: int) -> None:
        number, code = self.cards[card]
        try:
            self.clerks[pc].activate_card(number, code, self.customers[customer % len(self.customers)])
        except DomainError:
            pass  # the card is already given out here, or the customer already has one: the clerk is told

    @rule(pc=PC)
    def sync(self, pc: int) -> None:
        self.system.counters[pc].sync()
        if self.system.backend.up:
            self.system.backend.run_sms()

    @precondition(lambda self: self.system.backend.up)
    @rule()
    def backend_goes_down(self) -> None:
        self.system.backend.stop()

    @precondition(lambda self: not self.system.backend.up)
    @rule()
    def backend_comes_back(self) -> None:
        self.system.backend.start()

    @rule(pc=PC)
    def restart_counter(self, pc: int) -> None:
        self.system.counters[pc].restart()

    @rule(minutes=st.integers(1, 240))
    def time_passes(self, minutes: int) -> None:
        self.system.clock.advance(minutes=minutes)

    @invariant()
    def holds_at_any_moment(self) -> None:
        problems = found(self.system, ANYTIME)
        self.failed = self.failed or bool(problems)
        assert not problems, describe(problems)

    def teardown(self) -> None:
        try:
            if not self.failed:
                self._settle_and_check()
        finally:
            for counter in self.system.counters:
                counter.db.dispose()
            self.system.backend.stop()
            self.gateway.__exit__(None, None, None)
            shutil.rmtree(self.tmp, ignore_errors=True)

    def _settle_and_check(self) -> None:
        """End of the day: the backend back, sessions and shifts closed, everything synced, every invariant."""
        if not self.system.backend.up:
            self.system.backend.start()
        for pc, session in enumerate(self.sessions):
            if session is not None:
                self.clerks[pc].close_receiving(session)
        for clerk in self.clerks:
            clerk.close_shift()
        problems = violations(self.system)
        assert not problems, describe(problems)


def test_random_day_on_two_pcs(system_db_url: str, request: pytest.FixtureRequest) -> None:
    """The URL fixture picks SQLite or PostgreSQL; each example gets a fresh database of that kind."""
    urls = iter([system_db_url])

    def db_url_for(tmp: Path) -> str:
        url = next(urls, None)
        if url is not None:
            return url
        if system_db_url.startswith("postgresql"):
            cluster = request.getfixturevalue("pg_cluster")
            return str(cluster.url(cluster.create_database()))
        return migrated_sqlite_url(tmp)

    machine = type("PointDayRun", (PointDay,), {"db_url_for": staticmethod(db_url_for)})
    started = time.monotonic()
    run_state_machine_as_test(machine, settings=STATEFUL)
    print(f"stateful run: {time.monotonic() - started:.1f} s")
