"""Several SMS worker processes on one queue: claims are disjoint and never wait (SKIP LOCKED), status requests
are leased to one worker at a time."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from backend.db import make_engine
from backend.sms import queue
from backend.sms.gateways import SendResult, StatusResult
from backend.sms.models import SmsGatewayState, SmsOutbox
from backend.sms.service import SmsDispatcher, request_sms
from protocol.states import SmsStatus
from tests.backend.conftest import PgCluster
from tests.sms.test_sms import CTX, Published
from tests.support.clock import FakeClock


def _tables(engine: Engine) -> sessionmaker[Session]:
    for table in (SmsOutbox.__table__, SmsGatewayState.__table__):  # type: ignore[attr-defined]
        table.create(engine)
    return sessionmaker(engine, expire_on_commit=False)


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> str:
    return pg_cluster.url(pg_cluster.create_database(blank=True))


def _queue(factory: sessionmaker[Session], orders: int) -> None:
    with factory() as s, s.begin():
        for n in range(orders):
            request_sms(s, f"1000000{n:02d}", "ready", 1, CTX)


@pytest.mark.postgres
def test_a_second_worker_claims_the_next_row_while_the_first_holds_its_claim(pg_url: str) -> None:
    """Worker A is inside its claim transaction (the oldest row locked); worker B takes the next row at once —
    without SKIP LOCKED it would wait on A's lock (here: fail on a 2 s lock timeout)."""
    engine = make_engine(pg_url)
    impatient = create_engine(pg_url, connect_args={"options": "-c lock_timeout=2000"})
    factory = _tables(engine)
    _queue(factory, 3)
    clock = FakeClock()
    worker_b = SmsDispatcher(sessionmaker(impatient, expire_on_commit=False), _Gateway(), Published(), clock)
    try:
        with factory() as worker_a, worker_a.begin():
            held = queue.claim_next(worker_a, SmsStatus.PENDING, clock())
            assert held is not None and held.order_number == "100000000"
            second, third = worker_b._claim(), worker_b._claim()
            assert worker_b._claim() is None  # the held row is skipped, not waited for
        assert second is not None and third is not None
        assert held.uid not in (second[0], third[0]) and second[0] != third[0]
        with factory() as s:
            assert s.get(SmsOutbox, held.id).status == SmsStatus.PENDING  # A rolled back: still there for a worker
    finally:
        engine.dispose()
        impatient.dispose()


class _Gateway:
    """Records sends; `status` can be made to wait until released (a slow status request)."""

    name = "test"
    lookup_by_client_id = True

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.asked: list[str] = []
        self.asking = threading.Event()
        self.release = threading.Event()
        self.release.set()

    def send(self, client_id: str, phone: str, text: str) -> SendResult:
        self.sent.append(client_id)
        return SendResult("accepted", message_id=client_id)

    def status(self, client_id: str, message_id: str | None, phone: str) -> StatusResult:
        self.asked.append(client_id)
        self.asking.set()
        self.release.wait(10)
        return StatusResult("accepted")


@pytest.fixture
def sqlite_factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'b.sqlite3'}")
    yield _tables(engine)
    engine.dispose()


def test_a_message_being_polled_by_one_worker_is_not_polled_by_another(sqlite_factory: sessionmaker[Session]) -> None:
    clock = FakeClock()
    _queue(sqlite_factory, 1)
    gateway = _Gateway()
    first, second = (SmsDispatcher(sqlite_factory, gateway, Published(), clock) for _ in range(2))
    first.run_once()  # sent, accepted
    assert len(gateway.sent) == 1
    clock.advance(seconds=31)  # its delivery status is due
    gateway.release.clear()
    polling = threading.Thread(target=first.run_once)
    polling.start()
    assert gateway.asking.wait(10)  # the first worker is waiting for the gateway's answer
    second.run_once()
    gateway.release.set()
    polling.join(10)
    assert gateway.asked == gateway.sent  # one status request, not one per worker
