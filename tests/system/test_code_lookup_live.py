"""A pickup code typed alone, end to end: the real backend issues the code with a lookup tag, the counter gets the
point's tag key on its next sync (an already-enrolled PC too) and finds the order by the code from the SMS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from backend.keys import code_tag_key
from backend.worker import make_dispatcher
from desktop.db.models import Order, SyncState
from desktop.db.pepper import TAG_KEY, read_tag_key
from desktop.services.handover import HandoverService
from protocol.pickup_code import code_tag, split_tag
from tests.backend.conftest import POSTGRES, PgCluster
from tests.backend.conftest import pg_cluster as pg_cluster  # the throwaway PostgreSQL, as a fixture here
from tests.integration.counter import POINT, CounterPC, feed, order_no
from tests.integration.live import FaultProxy, LiveBackend
from tests.sms.fake_gateways import FakeGatewayServer
from tests.support.clock import FakeClock
from tests.system.harness import CODE_IN_SMS


@pytest.fixture
def gateway() -> Iterator[FakeGatewayServer]:
    with FakeGatewayServer("smsc") as fake:
        yield fake


@pytest.fixture(params=["sqlite", POSTGRES])
def live(request: pytest.FixtureRequest, tmp_path: Path, gateway: FakeGatewayServer) -> Iterator[LiveBackend]:
    options = {"login": "demo", "password": "secret", "base_url": f"{gateway.url}/sys"}
    backend = LiveBackend(tmp_path, clock=FakeClock(), sms_gateway="smsc", sms_options=options)
    if request.param == "postgres":
        cluster: PgCluster = request.getfixturevalue("pg_cluster")
        backend.db_url = cluster.url(cluster.create_database())
    backend.start()
    backend.import_feed(feed(orders=3))
    yield backend
    backend.stop()


@pytest.fixture
def pc(live: LiveBackend, tmp_path: Path) -> Iterator[CounterPC]:
    proxy = FaultProxy(live.url).start()
    yield CounterPC(live, proxy, tmp_path / "pc1")
    proxy.stop()


def _sms_code(live: LiveBackend, gateway: FakeGatewayServer, number: str) -> str:
    dispatcher = make_dispatcher(live.app.state.db, live.app.state.settings)
    assert dispatcher is not None
    dispatcher.run_once()
    texts = [m["text"] for m in gateway.state.messages.values() if number in m["text"]]
    codes = [c for text in texts for c in CODE_IN_SMS.findall(text) if c != number]
    assert len(codes) == 1, texts
    return codes[0]


def test_a_code_typed_alone_finds_the_order_the_server_issued(live: LiveBackend, pc: CounterPC,
                                                              gateway: FakeGatewayServer) -> None:
    with pc.db.write() as s:  # a PC enrolled before the server handed out tag keys
        s.execute(delete(SyncState).where(SyncState.key == TAG_KEY))
    pc.receive(1)
    pc.close_receiving()
    pc.engine.sync_once()
    code = _sms_code(live, gateway, order_no(1))
    pc.engine.sync_once()
    expected = code_tag_key(live.app.state.signing_key, POINT)
    with pc.db.read() as s:
        assert read_tag_key(s) == expected  # the next sync brought it, sealed
        stored = s.scalars(select(Order.pickup_code_hash).where(Order.number == order_no(1))).one()
    assert stored is not None and split_tag(stored)[1] == code_tag(expected, code)
    found = HandoverService(pc.db).start_with_code(pc.actor(), code)
    assert found.state is not None and found.state.order_number == order_no(1)
    assert found.state.verified_by == "code"
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    assert HandoverService(pc.db).start_with_code(pc.actor(), wrong).state is None
