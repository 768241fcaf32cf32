"""The «ready» SMS is a promise, end to end: a counter core receiving boxes, the real backend on
127.0.0.1 with its SMS dispatcher, the SMSC fake on loopback and one controllable server clock.

Receive → no SMS while the session is open → close → exactly one «ready» SMS; an undo before it
went → none; past the grace period it goes, an undo after → exactly one correction, without a code.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from backend.worker import make_dispatcher
from desktop.db.models import Order, SmsMessage
from desktop.services.receiving import ReceivingService
from tests.backend.conftest import POSTGRES, PgCluster
from tests.backend.conftest import pg_cluster as pg_cluster  # the throwaway PostgreSQL, as a fixture here
from tests.integration.counter import CounterPC, box_of, feed, order_no
from tests.integration.live import FaultProxy, LiveBackend
from tests.sms.fake_gateways import FakeGatewayServer
from tests.support.clock import FakeClock


@pytest.fixture
def gateway() -> Iterator[FakeGatewayServer]:
    with FakeGatewayServer("smsc") as fake:
        yield fake


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["sqlite", POSTGRES])
def live(request: pytest.FixtureRequest, tmp_path: Path, gateway: FakeGatewayServer,
         clock: FakeClock) -> Iterator[LiveBackend]:
    options = {"login": "demo", "password": "secret", "base_url": f"{gateway.url}/sys"}
    backend = LiveBackend(tmp_path, clock=clock, sms_gateway="smsc", sms_options=options)
    if request.param == "postgres":
        cluster: PgCluster = request.getfixturevalue("pg_cluster")
        backend.db_url = cluster.url(cluster.create_database())
    backend.start()
    backend.import_feed(feed(orders=3))
    yield backend
    backend.stop()


@pytest.fixture
def proxy(live: LiveBackend) -> Iterator[FaultProxy]:
    p = FaultProxy(live.url).start()
    yield p
    p.stop()


class Counter:
    """One counter PC receiving boxes, synced with the live backend after each step."""

    def __init__(self, live: LiveBackend, proxy: FaultProxy, data_dir: Path) -> None:
        self.pc = CounterPC(live, proxy, data_dir)
        self.receiving = ReceivingService(self.pc.db)
        self.session = self.receiving.open_session(self.pc.actor())

    def receive(self, n: int) -> None:
        outcome = self.receiving.scan_box(self.pc.actor(), self.session, box_of(n))
        assert outcome.kind.value == "received" and outcome.order_arrived
        self.sync()

    def undo(self) -> None:
        self.receiving.undo_last(self.pc.actor(), self.session)
        self.sync()

    def close(self) -> None:
        self.receiving.close(self.pc.actor(), self.session)
        self.sync()

    def sync(self) -> None:
        self.pc.engine.sync_once()
        assert self.pc.pending() == 0

    def sms(self, n: int) -> list[tuple[str, int, str]]:
        """The order card's SMS tab: (purpose, attempt, status) as this PC knows them."""
        with self.pc.db.read() as s:
            rows = s.execute(select(SmsMessage.purpose, SmsMessage.attempt, SmsMessage.status)
                             .join(Order, Order.id == SmsMessage.order_id)
                             .where(Order.number == order_no(n)).order_by(SmsMessage.id)).all()
        return [tuple(r) for r in rows]  # type: ignore[misc]


class Phones:
    """The server's SMS dispatcher (as its worker runs it) and what each customer's phone received."""

    def __init__(self, live: LiveBackend, gateway: FakeGatewayServer) -> None:
        dispatcher = make_dispatcher(live.app.state.db, live.app.state.settings)
        assert dispatcher is not None
        self.dispatcher = dispatcher
        self.gateway = gateway

    def tick(self) -> None:
        self.dispatcher.run_once()

    def texts(self, n: int) -> list[str]:
        return [m["text"] for m in self.gateway.state.messages.values() if order_no(n) in m["text"]]


@pytest.fixture
def counter(live: LiveBackend, proxy: FaultProxy, tmp_path: Path) -> Counter:
    return Counter(live, proxy, tmp_path / "pc1")


@pytest.fixture
def phones(live: LiveBackend, gateway: FakeGatewayServer) -> Phones:
    return Phones(live, gateway)


def test_ready_sms_goes_once_when_the_session_closes(counter: Counter, phones: Phones, clock: FakeClock) -> None:
    counter.receive(1)
    clock.advance(minutes=5)
    phones.tick()
    assert phones.texts(1) == []
    counter.sync()
    assert counter.sms(1) == [("ready", 1, "held")]  # the clerk sees why it has not gone yet
    counter.close()
    phones.tick()
    phones.tick()
    texts = phones.texts(1)
    assert len(texts) == 1 and "Код получения" in texts[0]
    counter.sync()
    assert counter.sms(1) == [("ready", 1, "accepted")]


def test_undo_before_the_session_closes_sends_nothing(counter: Counter, phones: Phones, clock: FakeClock) -> None:
    counter.receive(2)
    counter.undo()
    counter.close()
    clock.advance(minutes=30)
    phones.tick()
    assert phones.texts(2) == []
    counter.sync()
    assert counter.sms(2) == [("ready", 1, "cancelled")]


def test_past_the_grace_period_it_goes_and_an_undo_sends_one_correction(
    counter: Counter, phones: Phones, clock: FakeClock
) -> None:
    counter.receive(3)
    clock.advance(minutes=10)
    phones.tick()
    assert len(phones.texts(3)) == 1
    counter.undo()
    phones.tick()
    phones.tick()
    ready, correction = phones.texts(3)
    assert "Код получения" in ready
    assert "не готов" in correction and "Код" not in correction
    counter.sync()
    assert [(p, a) for p, a, _ in counter.sms(3)] == [("ready", 1), ("correction", 1)]
    # received again and the session closed: a new «ready» SMS with a new code, and nothing else
    counter.receive(3)
    counter.close()
    phones.tick()
    texts = phones.texts(3)
    assert len(texts) == 3 and "Код получения" in texts[2] and texts[2] != ready
