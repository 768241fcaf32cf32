"""SMSC.ru's status callback («Передача статусов и сообщений на обработчик Клиента»): the md5 of
"id:phone:status:secret" verified, both form encodings, malformed or foreign notifications never a 500,
no dispatcher → 503; and the status query naming the number the way send did."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

import pytest
import requests
from fastapi import FastAPI
from fastapi.testclient import TestClient

from backend.sms.callbacks import smsc_callback_router
from backend.sms.gateways import SmscGateway, StatusResult
from tests.sms.fake_gateways import FakeGatewayServer

URL = "/v1/sms/smsc-callback/s3cret"
PHONE = "+79161234567"


class Recorder:
    """Stands in for the dispatcher: records what the route applies."""

    def __init__(self) -> None:
        self.applied: list[tuple[str, str, str | None]] = []

    def apply_callback(self, sms_id: str, status: StatusResult) -> bool:
        self.applied.append((sms_id, status.state, status.error))
        return True


def _client(dispatcher: Any) -> TestClient:
    app = FastAPI()
    app.include_router(smsc_callback_router(lambda: dispatcher, "s3cret"))
    return TestClient(app, raise_server_exceptions=False)


def _signed(msg_id: str, status: str, secret: str = "s3cret", **extra: str) -> dict[str, str]:
    md5 = hashlib.md5(f"{msg_id}:79161234567:{status}:{secret}".encode()).hexdigest()
    return {"id": msg_id, "phone": "79161234567", "status": status, "time": "1795000000", "ts": "1795000000",
            "err": "0", "md5": md5, **extra}


def test_urlencoded_status_is_applied() -> None:
    rec = Recorder()
    reply = _client(rec).post(URL, data=_signed("uid-1", "1"))
    assert reply.status_code == 200 and reply.text == "OK"
    assert rec.applied == [("uid-1", "delivered", None)]


def test_multipart_status_is_applied_with_its_error() -> None:
    rec = Recorder()
    files = {k: (None, v) for k, v in _signed("uid-2", "20", err="255").items()}
    reply = _client(rec).post(URL, files=files)
    assert reply.status_code == 200 and reply.text == "OK"
    assert rec.applied == [("uid-2", "failed", "SMSC err 255")]


@pytest.mark.parametrize("body", [
    _signed("uid-1", "1", secret="guess"),  # md5 with another secret
    {**_signed("uid-1", "1"), "status": "3"},  # status changed after signing
    {k: v for k, v in _signed("uid-1", "1").items() if k != "md5"},
])
def test_a_callback_without_the_documented_md5_is_refused(body: dict[str, str]) -> None:
    rec = Recorder()
    reply = _client(rec).post(URL, data=body)
    assert reply.status_code == 403 and rec.applied == []


def test_a_wrong_url_token_is_refused() -> None:
    rec = Recorder()
    reply = _client(rec).post("/v1/sms/smsc-callback/wrong", data=_signed("uid-1", "1"))
    assert reply.status_code == 403 and rec.applied == []


def test_a_malformed_status_is_logged_and_never_a_500(caplog: pytest.LogCaptureFixture) -> None:
    rec = Recorder()
    with caplog.at_level(logging.WARNING, logger="backend.sms.callbacks"):
        reply = _client(rec).post(URL, data=_signed("uid-1", "x1"))
    assert reply.status_code == 200 and rec.applied == []
    assert "malformed status skipped" in caplog.text


def test_an_incoming_message_notification_changes_nothing() -> None:
    rec = Recorder()
    reply = _client(rec).post(URL, data={**_signed("uid-1", "1"), "mes": "hello"})
    assert reply.status_code == 200 and rec.applied == []


def test_without_a_dispatcher_the_status_is_not_acknowledged() -> None:
    reply = _client(None).post(URL, data=_signed("uid-1", "1"))
    assert reply.status_code == 503 and reply.text != "OK"


def test_the_status_query_names_the_number_as_send_did() -> None:
    with FakeGatewayServer("smsc") as fake:
        gw = SmscGateway("demo", "secret", base_url=f"{fake.url}/sys", timeout=(2, 2))
        sent = gw.send("uid-3", PHONE, "Заказ готов")
        assert gw.status("uid-3", sent.message_id, PHONE).state == "accepted"
        status_params = [p for _m, path, p in fake.state.requests if path.startswith("/sys/status.php")]
        assert status_params[-1]["phone"] == PHONE  # with «+», like send's `phones`
        digits_only = requests.post(f"{fake.url}/sys/status.php", timeout=2, data={
            "login": "demo", "psw": "secret", "id": "uid-3", "phone": PHONE.lstrip("+"), "fmt": "3"}).json()
    assert digits_only["status"] == -3  # another form of the number finds nothing


def test_access_logs_hide_the_smsc_callback_secret() -> None:
    from backend.app import _ACCESS_FILTER

    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("1.2.3.4:5", "POST", "/v1/sms/smsc-callback/s3cret", "1.1", 200), None)
    _ACCESS_FILTER.filter(record)
    assert "s3cret" not in record.getMessage() and "/v1/sms/smsc-callback/***" in record.getMessage()


@pytest.mark.parametrize(("gateway", "path"), [("smsc", "/v1/sms/smsc-callback/{token}"),
                                               ("smsru", "/v1/sms/smsru-callback/{token}")])
def test_the_app_mounts_the_configured_gateways_callback(gateway: str, path: str, tmp_path: Any) -> None:
    from backend.app import create_app
    from backend.config import Settings

    options = {"login": "l", "password": "p"} if gateway == "smsc" else {"api_id": "k"}
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'b.sqlite3'}", sms_gateway=gateway,
                              sms_options=options, sms_callback_secret="s3cret", run_sms_dispatcher=False))
    client = TestClient(app)  # no lifespan: no worker, no dispatcher
    other = "/v1/sms/smsru-callback/s3cret" if gateway == "smsc" else "/v1/sms/smsc-callback/s3cret"
    assert client.post(path.replace("{token}", "wrong"), data={}).status_code == 403
    assert client.post(other, data={}).status_code == 404
