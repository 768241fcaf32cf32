"""The SMS.ru callback route: both body encodings, malformed entries, no dispatcher, the URL token."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from backend.sms.callbacks import smsru_callback_router
from backend.sms.gateways import StatusResult

URL = "/v1/sms/smsru-callback/s3cret"


class Recorder:
    """Stands in for the dispatcher: records what the route applies."""

    def __init__(self) -> None:
        self.applied: list[tuple[str, str]] = []

    def apply_callback(self, sms_id: str, status: StatusResult) -> bool:
        self.applied.append((sms_id, status.state))
        return True


def _client(dispatcher: Any) -> TestClient:
    app = FastAPI()
    app.include_router(smsru_callback_router(lambda: dispatcher, "s3cret"))
    return TestClient(app, raise_server_exceptions=False)


def test_urlencoded_body_is_applied() -> None:
    rec = Recorder()
    reply = _client(rec).post(URL, data={"data[0]": "sms_status\n201-1\n103\n1795000000"})
    assert reply.status_code == 200 and reply.text == "100"
    assert rec.applied == [("201-1", "delivered")]


def test_multipart_body_is_applied() -> None:
    rec = Recorder()
    files = {"data[0]": (None, "sms_status\n201-1\n103\n1795000000"), "data[1]": (None, "sms_status\n201-2\n104\n1")}
    reply = _client(rec).post(URL, files=files)
    assert reply.status_code == 200 and reply.text == "100"
    assert [sms_id for sms_id, _ in rec.applied] == ["201-1", "201-2"]


@pytest.mark.parametrize("entry", ["sms_status\n201-1\n10x\n1", "sms_status\n201-1", "sms_status\n\n103\n1"])
def test_a_malformed_status_is_logged_and_answered_100_never_500(entry: str, caplog: pytest.LogCaptureFixture) -> None:
    rec = Recorder()
    with caplog.at_level(logging.WARNING, logger="backend.sms.callbacks"):
        reply = _client(rec).post(URL, data={"data[0]": entry, "data[1]": "sms_status\n201-2\n103\n1"})
    assert reply.status_code == 200 and reply.text == "100"
    assert rec.applied == [("201-2", "delivered")]
    assert "malformed status entry skipped" in caplog.text


def test_without_a_dispatcher_the_status_is_not_acknowledged() -> None:
    reply = _client(None).post(URL, data={"data[0]": "sms_status\n201-1\n103\n1"})
    assert reply.status_code == 503 and reply.text != "100"


@pytest.mark.parametrize("path", ["/v1/sms/smsru-callback/wrong", "/v1/sms/smsru-callback/s3cre"])
def test_a_callback_without_the_shared_token_is_refused(path: str) -> None:
    rec = Recorder()
    reply = _client(rec).post(path, data={"data[0]": "sms_status\n201-1\n103\n1"})
    assert reply.status_code == 403 and rec.applied == []
