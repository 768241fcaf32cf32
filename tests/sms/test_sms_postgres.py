"""The SMS outbox's guarantees on a real PostgreSQL: one row per key and one send per row under concurrency."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from backend.db import make_engine
from backend.sms.gateways import SendResult, StatusResult
from backend.sms.models import SmsGatewayState, SmsOutbox
from backend.sms.service import SmsDispatcher, request_sms
from tests.sms.test_sms import CTX, Published

pytestmark = pytest.mark.postgres


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if not bins:
        pytest.skip("PostgreSQL binaries not installed (apt-get install postgresql)")
    bindir = Path(bins[0]).parent
    data = Path(tempfile.mkdtemp(prefix="pickup-sms-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    subprocess.run(_as_postgres([str(bindir / "initdb"), "-D", str(data / "db"), "-A", "trust", "-U", "postgres",
                                 "-E", "UTF8", "--no-locale"]), check=True, capture_output=True)
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data / "db"), "-o", options, "-l",
                                 str(data / "log"), "-w", "start"]), check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data / "db"), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture
def factory(pg_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(pg_url)
    for table in (SmsOutbox.__table__, SmsGatewayState.__table__):  # type: ignore[attr-defined]
        table.drop(engine, checkfirst=True)
        table.create(engine)
    yield sessionmaker(engine, expire_on_commit=False)
    engine.dispose()


class CountingGateway:
    name = "count"
    lookup_by_client_id = True

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.lock = threading.Lock()

    def send(self, client_id: str, phone: str, text: str) -> SendResult:
        with self.lock:
            self.sent.append(client_id)
        return SendResult("accepted", message_id=client_id)

    def status(self, client_id: str, message_id: str | None, phone: str) -> StatusResult:
        return StatusResult("delivered")


def _parallel(n: int, target: object) -> None:
    barrier = threading.Barrier(n)

    def run() -> None:
        barrier.wait()
        target()  # type: ignore[operator]

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)


def test_concurrent_requests_for_one_key_make_one_row(factory: sessionmaker[Session]) -> None:
    def request() -> None:
        with factory() as s, s.begin():
            request_sms(s, "100000001", "ready", 1, CTX)

    _parallel(8, request)
    with factory() as s:
        assert s.scalar(select(func.count()).select_from(SmsOutbox)) == 1


def test_concurrent_dispatchers_send_each_message_once(factory: sessionmaker[Session]) -> None:
    with factory() as s, s.begin():
        for n in range(30):
            request_sms(s, f"1000000{n:02d}", "ready", 1, CTX)
    gateway = CountingGateway()
    dispatchers = [SmsDispatcher(factory, gateway, Published()) for _ in range(4)]
    lock = threading.Lock()

    def run_one() -> None:
        with lock:
            dispatcher = dispatchers.pop()
        dispatcher.run_once()

    _parallel(4, run_one)
    assert sorted(gateway.sent) == sorted(set(gateway.sent)) and len(gateway.sent) == 30
    with factory() as s:
        assert set(s.scalars(select(SmsOutbox.status))) == {"accepted"}
