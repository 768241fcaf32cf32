"""The server's SMS worker with a broken gateway account: the queue waits, every counter gets one alert."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.sms.models import SmsOutbox
from backend.sms.service import request_sms
from backend.worker import make_dispatcher
from tests.backend.conftest import BOTH_DBS, Device, Server, point_feed
from tests.sms.test_breaker import CTX, ScriptedGateway
from tests.support.clock import FakeClock


def _gateway_changes(device: Device) -> list[dict[str, Any]]:
    return [c["payload"] for c in device.all_changes() if c["type"] == "sms.gateway"]


@BOTH_DBS
def test_worker_processes_share_the_pause_and_raise_one_alert(server: Server, clock: FakeClock) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    with server.db.write() as session:
        for i in range(20):
            request_sms(session, f"0042000{i:02d}", "ready", 1, {**CTX, "now": clock()})
    gateway = ScriptedGateway(broken="funds")
    workers = [make_dispatcher(server.app.state.db, server.app.state.settings) for _ in range(2)]
    for worker in workers:  # two server processes over one database
        worker.gateway = gateway
    for _ in range(5):
        for worker in workers:
            worker.run_once()
        clock.advance(seconds=2)
    assert len(gateway.sends) == 1
    assert [c["reason"] for c in _gateway_changes(device)] == ["funds"]
    with server.db.read() as session:
        rows = session.scalars(select(SmsOutbox)).all()
        assert {(r.status, r.send_attempts) for r in rows} == {("pending", 0)}
    gateway.broken = None
    clock.advance(minutes=10)
    workers[0].run_once()
    assert [c["reason"] for c in _gateway_changes(device)] == ["funds", "ok"]
    with server.db.read() as session:
        assert set(session.scalars(select(SmsOutbox.status))) == {"accepted"}
