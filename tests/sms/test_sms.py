"""SMS outbox, templates and the SMSC.ru / SMS.ru adapters against loopback fakes of their APIs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from backend.db import make_engine
from backend.sms.gateways import LogGateway, SmscGateway, SmsRuGateway, StatusResult, parse_smsru_callback
from backend.sms.models import SmsGatewayState, SmsOutbox
from backend.sms.service import SmsDispatcher, request_sms
from backend.sms.templates import TemplateError, mask_phone, render
from tests.sms.fake_gateways import FakeGatewayServer
from tests.support.clock import FakeClock

CTX = {"phone": "+79161234567", "code": "482913", "address": "ул. Тверская, 1", "hours": "10:00–21:00",
       "last_day": "01.12.2026", "point_code": "0042"}
SHORT = (0.5, 0.3)  # a read timeout the "lost reply" fake exceeds


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'backend.sqlite3'}")
    SmsOutbox.__table__.create(engine)  # type: ignore[attr-defined]
    SmsGatewayState.__table__.create(engine)  # type: ignore[attr-defined]
    yield sessionmaker(engine, expire_on_commit=False)
    engine.dispose()


class Published:
    def __init__(self) -> None:
        self.changes: list[tuple[str, str]] = []

    def __call__(self, session: Session, row: SmsOutbox) -> None:
        assert session.in_transaction()
        self.changes.append((row.uid, row.status))


def _queue(factory: sessionmaker[Session], order: str = "100000001", purpose: str = "ready", attempt: int = 1,
           **ctx: object) -> None:
    with factory() as s, s.begin():
        request_sms(s, order, purpose, attempt, {**CTX, **ctx})


def _row(factory: sessionmaker[Session], order: str = "100000001") -> SmsOutbox:
    with factory() as s:
        return s.scalars(select(SmsOutbox).where(SmsOutbox.order_number == order)).one()


def _smsc(url: str, timeout: tuple[float, float] = (2, 2)) -> SmscGateway:
    return SmscGateway("demo", "secret", base_url=f"{url}/sys", timeout=timeout)


def _dispatcher(factory: sessionmaker[Session], gateway: object, clock: FakeClock, pub: Published) -> SmsDispatcher:
    return SmsDispatcher(factory, gateway, pub, clock)  # type: ignore[arg-type]


# --- templates and requests -----------------------------------------------------------------------


def test_ready_template_has_everything_the_customer_needs() -> None:
    text = render("ready", {"order": "100000001", **CTX})
    for part in ("100000001", "482913", "ул. Тверская, 1", "10:00–21:00", "01.12.2026"):
        assert part in text


def test_other_templates_render_and_missing_fields_fail() -> None:
    assert "190" in render("club", {"card": "2000000000015", "points": 190})
    assert "01.12.2026" in render("reminder", {"order": "1", **CTX})
    assert "Сумма: 5 000 ₽" in render("receipt", {"order": "1", "date": "24.11.2026", "total": "5 000 ₽"})
    with pytest.raises(TemplateError):
        render("ready", {"order": "1"})
    assert mask_phone("+79161234567") == "+7916***4567"


def test_request_is_idempotent_per_order_purpose_attempt(factory: sessionmaker[Session]) -> None:
    _queue(factory)
    _queue(factory)
    _queue(factory, attempt=2)
    with factory() as s:
        rows = s.scalars(select(SmsOutbox).order_by(SmsOutbox.attempt)).all()
    assert [(r.purpose, r.attempt, r.status) for r in rows] == [("ready", 1, "pending"), ("ready", 2, "pending")]
    assert "482913" in rows[0].text


def test_correction_template_names_the_order_and_carries_no_code() -> None:
    text = render("correction", {"order": "100000001", **CTX})
    assert "100000001" in text and "не готов" in text and "482913" not in text and "Код" not in text


@pytest.mark.parametrize("still_ready, final", [(True, "accepted"), (False, "cancelled")])
def test_a_held_row_waits_for_its_time_then_goes_or_is_cancelled(
    factory: sessionmaker[Session], clock: FakeClock, still_ready: bool, final: str
) -> None:
    pub = Published()
    _queue(factory, hold_until=clock() + timedelta(minutes=10))
    with FakeGatewayServer("smsc") as fake:
        d = SmsDispatcher(factory, _smsc(fake.url), pub, clock,  # type: ignore[arg-type]
                          may_release=lambda _s, _row: still_ready)
        clock.advance(minutes=9, seconds=59)
        d.run_once()
        assert _row(factory).status == "held" and fake.state.send_calls == 0
        clock.advance(seconds=1)
        d.run_once()
        assert fake.state.send_calls == (1 if still_ready else 0)
    assert _row(factory).status == final
    assert _row(factory).timeline[0]["status"] == "held"


# --- SMSC.ru ----------------------------------------------------------------------------------------


def test_smsc_send_then_poll_to_delivered(factory: sessionmaker[Session], clock: FakeClock) -> None:
    pub = Published()
    _queue(factory)
    with FakeGatewayServer("smsc") as fake:
        d = _dispatcher(factory, _smsc(fake.url), clock, pub)
        d.run_once()
        row = _row(factory)
        assert row.status == "accepted" and row.gateway_message_id == row.uid
        sent = fake.state.messages[row.uid]
        assert sent["phone"] == "79161234567" and "482913" in sent["text"]
        fake.state.status_code_for[row.uid] = 1
        clock.advance(seconds=31)
        d.run_once()
    assert _row(factory).status == "delivered"
    assert [s for _, s in pub.changes] == ["sending", "accepted", "delivered"]
    assert [t["status"] for t in _row(factory).timeline] == ["pending", "sending", "accepted", "delivered"]


def test_smsc_reply_lost_is_reconciled_without_a_second_send(factory: sessionmaker[Session],
                                                             clock: FakeClock) -> None:
    pub = Published()
    _queue(factory)
    with FakeGatewayServer("smsc") as fake:
        fake.state.lose_next_reply = True
        d = _dispatcher(factory, _smsc(fake.url, SHORT), clock, pub)
        d.run_once()
        assert _row(factory).status == "unknown"  # accepted by the gateway, reply lost
        assert fake.state.send_calls == 1 and len(fake.state.messages) == 1
        d.run_once()  # reconciliation: status.php finds our id
        row = _row(factory)
        assert row.status == "accepted"
        assert fake.state.send_calls == 1
        assert any(t.get("note") == "found through the status API" for t in row.timeline)


def test_smsc_crash_between_claim_and_reply_is_reconciled(factory: sessionmaker[Session],
                                                          clock: FakeClock) -> None:
    """A row left in `sending` by a crash: the status API decides; not found → sent once."""
    pub = Published()
    _queue(factory)
    _queue(factory, order="100000002")
    with FakeGatewayServer("smsc") as fake:
        d = _dispatcher(factory, _smsc(fake.url), clock, pub)
        # simulate: both claimed, only the first reached the gateway, then the process died
        first, second = _row(factory).uid, _row(factory, "100000002").uid
        assert d._claim()[0] == first  # the oldest due row first
        assert d._claim()[0] == second
        fake.state.messages[first] = {"phone": "79161234567", "sent_as": "+79161234567", "text": "x", "status": 0}
        d.run_once()  # not yet stale: nothing is touched
        assert fake.state.status_calls == 0 and _row(factory).status == "sending"
        clock.advance(seconds=61)
        d.run_once()
        assert _row(factory).status == "accepted"
        # the second definitely never reached the gateway (status -3): pending again, then sent once
        second_row = _row(factory, "100000002")
        assert second_row.status == "accepted"
        assert "the gateway never received the message" in [t.get("note") for t in second_row.timeline]
    assert fake.state.send_calls == 1  # only the second one was ever sent by us after the crash


def test_smsc_error_9_duplicate_is_not_retried_in_a_loop(factory: sessionmaker[Session], clock: FakeClock) -> None:
    _queue(factory)
    with FakeGatewayServer("smsc") as fake:
        fake.state.next_send_error = [9]
        d = _dispatcher(factory, _smsc(fake.url), clock, Published())
        for _ in range(5):
            d.run_once()
        row = _row(factory)
        # the gateway had not recorded it: status says not found → one honest resend later, no loop
        assert fake.state.send_calls == 2
        assert row.status == "accepted"


def test_smsc_definite_error_fails_only_its_message(factory: sessionmaker[Session], clock: FakeClock) -> None:
    _queue(factory)
    _queue(factory, order="100000002")
    with FakeGatewayServer("smsc") as fake:
        fake.state.next_send_error = [7]
        d = _dispatcher(factory, _smsc(fake.url), clock, Published())
        d.run_once()
        assert _row(factory).status == "failed" and "phone number" in (_row(factory).error or "")
        assert _row(factory, "100000002").status == "accepted"


def test_smsc_delivery_failure_status(factory: sessionmaker[Session], clock: FakeClock) -> None:
    _queue(factory)
    with FakeGatewayServer("smsc") as fake:
        d = _dispatcher(factory, _smsc(fake.url), clock, Published())
        d.run_once()
        fake.state.status_code_for[_row(factory).uid] = 20
        clock.advance(seconds=31)
        d.run_once()
    assert _row(factory).status == "failed"


def test_gateway_down_is_not_sent_and_retried_later(factory: sessionmaker[Session], clock: FakeClock) -> None:
    _queue(factory)
    d = _dispatcher(factory, SmscGateway("demo", "secret", base_url="http://127.0.0.1:9/sys"), clock, Published())
    d.run_once()
    assert _row(factory).status == "pending" and _row(factory).send_attempts == 1


# --- SMS.ru ------------------------------------------------------------------------------------------


def _smsru(url: str, timeout: tuple[float, float] = (2, 2)) -> SmsRuGateway:
    return SmsRuGateway("API-KEY", base_url=url, timeout=timeout)


def test_smsru_send_poll_and_callback(factory: sessionmaker[Session], clock: FakeClock) -> None:
    _queue(factory)
    _queue(factory, order="100000002")
    with FakeGatewayServer("smsru") as fake:
        d = _dispatcher(factory, _smsru(fake.url), clock, Published())
        d.run_once()
        first, second = _row(factory), _row(factory, "100000002")
        assert first.status == "accepted" and first.gateway_message_id.startswith("000000-")
        fake.state.status_code_for[first.gateway_message_id] = 103
        clock.advance(seconds=31)
        d.run_once()
        assert _row(factory).status == "delivered"
        form = {"data[0]": f"sms_status\n{second.gateway_message_id}\n104\n1795000000"}
        [(sms_id, status)] = parse_smsru_callback(form)
        assert d.apply_callback(sms_id, status)
        assert not d.apply_callback("nope", StatusResult("delivered"))
    assert _row(factory, "100000002").status == "failed"


def test_smsru_reply_lost_becomes_unknown_and_is_never_resent(factory: sessionmaker[Session],
                                                              clock: FakeClock) -> None:
    _queue(factory)
    with FakeGatewayServer("smsru") as fake:
        fake.state.lose_next_reply = True
        d = _dispatcher(factory, _smsru(fake.url, SHORT), clock, Published())
        for _ in range(4):
            d.run_once()
            clock.advance(seconds=120)
        assert fake.state.send_calls == 1
    row = _row(factory)
    assert row.status == "unknown" and "manually" in row.timeline[-1]["note"]


def test_smsru_limit_answer_is_retried_later(factory: sessionmaker[Session], clock: FakeClock) -> None:
    _queue(factory)
    with FakeGatewayServer("smsru") as fake:
        fake.state.next_send_error = [231]
        d = _dispatcher(factory, _smsru(fake.url), clock, Published())
        d.run_once()
        assert _row(factory).status == "pending"  # a per-number limit: tried again later, not given up
        for _ in range(3):
            clock.advance(seconds=121)
            d.run_once()
        assert fake.state.send_calls == 2
    assert _row(factory).status == "accepted"


# --- demo log gateway ---------------------------------------------------------------------------------


def test_log_gateway_writes_json_lines_once(factory: sessionmaker[Session], clock: FakeClock, tmp_path: Path) -> None:
    _queue(factory)
    gw = LogGateway(tmp_path / "sms-demo.log", clear=True)  # the demo's phone shows the code
    d = _dispatcher(factory, gw, clock, Published())
    d.run_once()
    assert gw.send(_row(factory).uid, "+79161234567", "again").outcome == "accepted"
    lines = (tmp_path / "sms-demo.log").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and "482913" in lines[0]
    clock.advance(seconds=31)
    d.run_once()
    assert _row(factory).status == "delivered"


def test_now_in_context_is_used(factory: sessionmaker[Session]) -> None:
    when = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    _queue(factory, now=when)
    assert _row(factory).created_at == when
    assert _row(factory).created_at + timedelta(0) == when


def test_a_row_is_claimed_by_one_dispatcher_only(factory: sessionmaker[Session], clock: FakeClock,
                                                 tmp_path: Path) -> None:
    _queue(factory)
    uid = _row(factory).uid
    first = _dispatcher(factory, LogGateway(tmp_path / "a.log"), clock, Published())
    second = _dispatcher(factory, LogGateway(tmp_path / "b.log"), clock, Published())
    assert first._claim() is not None and first._claim() is None
    assert second._claim() is None
    assert uid == _row(factory).uid
    row = _row(factory)
    assert row.status == "sending" and row.send_attempts == 1


def test_smsru_callback_endpoint(factory: sessionmaker[Session], clock: FakeClock) -> None:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from backend.sms.callbacks import smsru_callback_router

    _queue(factory)
    with FakeGatewayServer("smsru") as fake:
        d = _dispatcher(factory, _smsru(fake.url), clock, Published())
        d.run_once()
    sms_id = _row(factory).gateway_message_id
    app = FastAPI()
    app.include_router(smsru_callback_router(lambda: d, "s3cret"))
    client = TestClient(app)
    body = {"data[0]": f"sms_status\n{sms_id}\n103\n1795000000", "data[1]": "sms_status\nunknown-id\n103\n1"}
    assert client.post("/v1/sms/smsru-callback/wrong", data=body).status_code == 403
    assert _row(factory).status == "accepted"
    reply = client.post("/v1/sms/smsru-callback/s3cret", data=body)
    assert reply.status_code == 200 and reply.text == "100"
    assert _row(factory).status == "delivered"
