"""Callbacks first, polling as a safety net: with a gateway callback configured the worker sends no status
request in the first minutes, a lost callback is caught by the 15-minute / hourly check; without callbacks
accepted SMS are polled every 30 s as before."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from backend.config import Settings
from backend.db import make_engine
from backend.sms.callbacks import smsru_callback_router
from backend.sms.gateways import SmsRuGateway
from backend.sms.models import SmsGatewayState, SmsOutbox
from backend.sms.service import SmsDispatcher, request_sms
from backend.worker import make_dispatcher
from protocol.states import SmsStatus
from tests.sms.fake_gateways import FakeGatewayServer
from tests.support.clock import FakeClock

CTX = {"phone": "+79161234567", "code": "482913", "address": "ул. Тверская, 1", "hours": "10:00–21:00",
       "last_day": "01.12.2026", "point_code": "0042"}


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'backend.sqlite3'}")
    SmsOutbox.__table__.create(engine)  # type: ignore[attr-defined]
    SmsGatewayState.__table__.create(engine)  # type: ignore[attr-defined]
    yield sessionmaker(engine, expire_on_commit=False)
    engine.dispose()


def _row(factory: sessionmaker[Session]) -> SmsOutbox:
    with factory() as s, s.begin():
        request_sms(s, "100000001", "ready", 1, CTX)
    with factory() as s:
        return s.scalars(select(SmsOutbox)).one()


def _status(factory: sessionmaker[Session]) -> str:
    with factory() as s:
        return str(s.scalars(select(SmsOutbox.status)).one())


def _dispatcher(factory: sessionmaker[Session], url: str, clock: FakeClock, callbacks: bool) -> SmsDispatcher:
    gateway = SmsRuGateway("API-KEY", base_url=url, timeout=(2, 2))
    return SmsDispatcher(factory, gateway, lambda s, r: None, clock, callbacks=callbacks)


def _run(d: SmsDispatcher, clock: FakeClock, minutes: float, step_seconds: float = 30) -> None:
    for _ in range(int(minutes * 60 / step_seconds)):
        clock.advance(seconds=step_seconds)
        d.run_once()


def test_with_callbacks_the_status_comes_by_callback_and_nothing_is_polled(
    factory: sessionmaker[Session], clock: FakeClock
) -> None:
    _row(factory)
    with FakeGatewayServer("smsru") as fake:
        d = _dispatcher(factory, fake.url, clock, callbacks=True)
        d.run_once()
        sms_id = next(iter(fake.state.messages))
        _run(d, clock, minutes=10)
        assert _status(factory) == SmsStatus.ACCEPTED and fake.state.status_calls == 0
        app = FastAPI()
        app.include_router(smsru_callback_router(lambda: d, "s3cret"))
        reply = TestClient(app).post("/v1/sms/smsru-callback/s3cret",
                                     data={"data[0]": f"sms_status\n{sms_id}\n103\n1795000000"})
        assert reply.text == "100"
        assert _status(factory) == SmsStatus.DELIVERED
        _run(d, clock, minutes=30)
    assert fake.state.status_calls == 0  # a delivered SMS is never asked about


def test_a_lost_callback_is_recovered_by_the_safety_net_poll(factory: sessionmaker[Session], clock: FakeClock) -> None:
    _row(factory)
    with FakeGatewayServer("smsru") as fake:
        d = _dispatcher(factory, fake.url, clock, callbacks=True)
        d.run_once()
        sms_id = next(iter(fake.state.messages))
        fake.state.status_code_for[sms_id] = 103  # delivered, but the callback never arrives
        _run(d, clock, minutes=14.5)
        assert _status(factory) == SmsStatus.ACCEPTED and fake.state.status_calls == 0
        _run(d, clock, minutes=1)
        assert fake.state.status_calls == 1
    assert _status(factory) == SmsStatus.DELIVERED


def test_with_callbacks_an_silent_sms_is_checked_hourly_up_to_its_lifetime(
    factory: sessionmaker[Session], clock: FakeClock
) -> None:
    _row(factory)
    with FakeGatewayServer("smsru") as fake:
        d = _dispatcher(factory, fake.url, clock, callbacks=True)
        d.run_once()
        _run(d, clock, minutes=23 * 60, step_seconds=60)
        assert _status(factory) == SmsStatus.ACCEPTED
        assert 22 <= fake.state.status_calls <= 24  # 15 min, then hourly: about one an hour
        _run(d, clock, minutes=2 * 60, step_seconds=60)
    assert _status(factory) == SmsStatus.UNKNOWN  # the 24-hour lifetime, as without callbacks


def test_without_callbacks_an_accepted_sms_is_polled_every_30_seconds(
    factory: sessionmaker[Session], clock: FakeClock
) -> None:
    _row(factory)
    with FakeGatewayServer("smsru") as fake:
        d = _dispatcher(factory, fake.url, clock, callbacks=False)
        d.run_once()
        _run(d, clock, minutes=5)
        assert fake.state.status_calls == 10


@pytest.mark.parametrize(("gateway", "secret", "expected"), [
    ("smsru", "s3cret", True), ("smsc", "s3cret", True), ("smsru", None, False), ("log", "s3cret", False)])
def test_the_worker_relies_on_callbacks_only_where_one_is_configured(gateway: str, secret: str | None,
                                                                     expected: bool, tmp_path: Path) -> None:
    options = {"smsru": {"api_id": "k"}, "smsc": {"login": "l", "password": "p"}}.get(gateway, {})
    settings = Settings(database_url="sqlite://", sms_gateway=gateway, sms_callback_secret=secret,
                        sms_options=options, sms_log_path=tmp_path / "sms.log", demo_mode=True)
    assert settings.sms_callbacks is expected
    assert make_dispatcher(None, settings).callbacks is expected  # type: ignore[arg-type]
