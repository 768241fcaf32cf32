"""The gateway circuit breaker (account-level errors pause the gateway) and the long tail of delivery polling."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from backend.db import make_engine
from backend.sms.gateways import SendResult, StatusResult
from backend.sms.models import SmsGatewayState, SmsOutbox
from backend.sms.service import SmsDispatcher, request_sms
from protocol.states import SmsStatus
from tests.support.clock import FakeClock

CTX = {"phone": "+79161234567", "code": "482913", "address": "ул. Тверская, 1", "hours": "10:00–21:00",
       "last_day": "01.12.2026", "point_code": "0042"}


@dataclass(frozen=True)
class AccountError:
    """An `account_error` send result with its reason (the adapters' shape)."""

    reason: str
    outcome: str = "account_error"
    error: str | None = "SMSC 2: wrong login or password"
    message_id: str | None = None
    retry_after: float | None = None


@dataclass(frozen=True)
class AccountStatus:
    """An `account_error` status answer with its reason."""

    reason: str
    state: str = "account_error"
    error: str | None = "SMSC 4: IP blocked"
    retry_after: float | None = None


class ScriptedGateway:
    """A gateway answering account errors while `broken` is set, else accepting; it counts every request."""

    name = "smsc"
    lookup_by_client_id = True

    def __init__(self, broken: str | None) -> None:
        self.broken = broken
        self.sends: list[str] = []
        self.status_calls = 0
        self.state = "accepted"

    def send(self, client_id: str, phone: str, text: str) -> object:
        self.sends.append(client_id)
        if self.broken:
            return AccountError(self.broken)
        return SendResult("accepted", message_id=client_id)

    def status(self, client_id: str, message_id: str | None, phone: str) -> object:
        self.status_calls += 1
        if self.broken:
            return AccountStatus(self.broken)
        return StatusResult(self.state)  # type: ignore[arg-type]


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'backend.sqlite3'}")
    SmsOutbox.__table__.create(engine)  # type: ignore[attr-defined]
    SmsGatewayState.__table__.create(engine)  # type: ignore[attr-defined]
    yield sessionmaker(engine, expire_on_commit=False)
    engine.dispose()


def _queue(factory: sessionmaker[Session], n: int) -> None:
    with factory() as s, s.begin():
        for i in range(n):
            request_sms(s, f"1000000{i:02d}", "ready", 1, CTX)


def _rows(factory: sessionmaker[Session]) -> list[SmsOutbox]:
    with factory() as s:
        return list(s.scalars(select(SmsOutbox).order_by(SmsOutbox.id)))


def _dispatcher(factory: sessionmaker[Session], gateway: ScriptedGateway, clock: FakeClock,
                alerts: list[tuple[str, str]]) -> SmsDispatcher:
    return SmsDispatcher(factory, gateway, lambda s, r: None, clock,  # type: ignore[arg-type]
                         alert=lambda s, gw, reason, now: alerts.append((gw, reason)))


@pytest.mark.parametrize(("reason", "pause"), [("auth", 30), ("ip_blocked", 30), ("funds", 10)])
def test_an_account_error_pauses_the_gateway_and_keeps_the_queue(
    factory: sessionmaker[Session], clock: FakeClock, reason: str, pause: int
) -> None:
    _queue(factory, 20)
    gateway = ScriptedGateway(broken=reason)
    alerts: list[tuple[str, str]] = []
    d = _dispatcher(factory, gateway, clock, alerts)
    for _ in range(30):  # a minute of 2-second passes against a broken account
        d.run_once()
        clock.advance(seconds=2)
    assert len(gateway.sends) == 1  # one request tripped the breaker; nothing else reached the gateway
    assert d.paused() and alerts == [("smsc", reason)]
    rows = _rows(factory)
    assert {r.status for r in rows} == {SmsStatus.PENDING} and {r.send_attempts for r in rows} == {0}
    clock.advance(minutes=pause - 2)  # the passes above took a minute
    d.run_once()
    assert len(gateway.sends) == 1  # still paused just before the documented block ends
    clock.advance(minutes=1)
    d.run_once()  # the probe after the pause: still broken → paused again, no second alert
    assert len(gateway.sends) == 2 and d.paused() and alerts == [("smsc", reason)]
    gateway.broken = None
    clock.advance(minutes=pause)
    while d.run_once().sent:
        pass
    rows = _rows(factory)
    assert {r.status for r in rows} == {SmsStatus.ACCEPTED} and {r.send_attempts for r in rows} == {1}
    assert sorted(gateway.sends[2:]) == sorted(r.uid for r in rows)  # each SMS sent exactly once
    assert alerts == [("smsc", reason), ("smsc", "ok")] and not d.paused()


def test_the_breaker_is_shared_by_worker_processes(factory: sessionmaker[Session], clock: FakeClock) -> None:
    _queue(factory, 3)
    broken, healthy = ScriptedGateway(broken="auth"), ScriptedGateway(broken=None)
    _dispatcher(factory, broken, clock, []).run_once()
    other = _dispatcher(factory, healthy, clock, [])  # another process, same database
    other.run_once()
    assert other.paused() and healthy.sends == [] and healthy.status_calls == 0


def test_an_accepted_sms_is_followed_slower_for_a_day_then_unknown(
    factory: sessionmaker[Session], clock: FakeClock
) -> None:
    _queue(factory, 1)
    gateway = ScriptedGateway(broken=None)
    d = _dispatcher(factory, gateway, clock, [])
    d.run_once()
    for _ in range(100):  # the fast polls: every 30 s for 50 minutes
        clock.advance(seconds=30)
        d.run_once()
    assert _rows(factory)[0].status == SmsStatus.ACCEPTED  # no longer given up after ~50 minutes
    fast = gateway.status_calls
    for _ in range(23 * 60):  # the rest of the day, a pass a minute
        clock.advance(minutes=1)
        d.run_once()
    assert _rows(factory)[0].status == SmsStatus.ACCEPTED
    assert 20 <= gateway.status_calls - fast <= 40  # backed off to about hourly
    gateway.state = "delivered"
    clock.advance(hours=1)
    d.run_once()
    assert _rows(factory)[0].status == SmsStatus.DELIVERED  # a late delivery report is still taken


def test_an_accepted_sms_becomes_unknown_after_its_lifetime(factory: sessionmaker[Session], clock: FakeClock) -> None:
    _queue(factory, 1)
    d = _dispatcher(factory, ScriptedGateway(broken=None), clock, [])
    d.run_once()
    for _ in range(30):
        clock.advance(hours=1)
        d.run_once()
    row = _rows(factory)[0]
    assert row.status == SmsStatus.UNKNOWN and row.error == "no delivery status received"
    assert clock() - timedelta(hours=30) < row.updated_at


def test_an_account_error_from_the_status_api_pauses_polling_too(factory: sessionmaker[Session],
                                                                  clock: FakeClock) -> None:
    _queue(factory, 5)
    gateway = ScriptedGateway(broken=None)
    alerts: list[tuple[str, str]] = []
    d = _dispatcher(factory, gateway, clock, alerts)
    d.run_once()
    gateway.broken = "ip_blocked"
    for _ in range(61):  # half an hour and one pass
        clock.advance(seconds=30)
        d.run_once()
    assert gateway.status_calls == 2  # the first poll tripped the breaker, the probe 30 minutes later tripped it again
    assert alerts == [("smsc", "ip_blocked")] and {r.status_checks for r in _rows(factory)} == {0}
    gateway.broken = None
    clock.advance(minutes=30)
    d.run_once()
    assert alerts[-1] == ("smsc", "ok") and {r.status_checks for r in _rows(factory)} == {1}
