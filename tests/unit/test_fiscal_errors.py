"""The register's error codes (libfptr10) as the clerk reads them, and the web server's replies the client reads."""

from __future__ import annotations

import json

import pytest
import requests

from desktop.fiscal.client import AtolClient, TaskState
from desktop.fiscal.errors import FiscalError, register_error


@pytest.mark.parametrize(("code", "expected", "retryable", "words"), [
    (2, "fiscal.device_offline", True, "Касса не подключена"),
    (107, "fiscal.device_offline", True, "Касса не подключена"),
    (44, "fiscal.no_paper", True, "чековая лента"),
    (45, "fiscal.cover_open", True, "крышка"),
    (55, "fiscal.busy", True, "занята"),
    (221, "fiscal.busy", True, "занята"),
    (68, "fiscal.shift_expired", True, "больше 24 часов"),
    (141, "fiscal.shift_expired", True, "Z-отчётом"),
    (73, "fiscal.shift_closed", True, "не открыта"),
    (120, "fiscal.fn_problem", False, "фискальным накопителем"),
    (16, "fiscal.register_error", True, "(код 16)"),
])
def test_each_register_error_reads_in_russian_with_what_to_do(code, expected, retryable, words):
    error = register_error(code, "описание драйвера")
    assert isinstance(error, FiscalError) and error.code == expected and error.retryable is retryable
    assert error.register_code == code and words in str(error)


class _Reply:
    def __init__(self, status: int, body: object = None) -> None:
        self.status_code = status
        self._body = body

    def json(self) -> object:
        if isinstance(self._body, str):
            return json.loads(self._body)
        return self._body


class _Session:
    """A requests.Session stand-in answering each call with the next reply (or raising it)."""

    def __init__(self, *replies: object) -> None:
        self.replies = list(replies)
        self.calls: list[tuple[str, str]] = []

    def request(self, method: str, url: str, **_kwargs: object) -> _Reply:
        self.calls.append((method, url))
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        assert isinstance(reply, _Reply)
        return reply


def _client(*replies: object) -> AtolClient:
    return AtolClient("http://127.0.0.1:16732/", session=_Session(*replies), wait_seconds=1, sleep=lambda _s: None)  # type: ignore[arg-type]


def test_the_documented_result_and_the_earlier_error_shape_both_read():
    client = _client(_Reply(200, {"results": [{"status": "ready", "errorCode": 0, "errorDescription": "Ошибок нет",
                                               "result": {"fiscalParams": {"fiscalDocumentNumber": 5}}}]}),
                     _Reply(200, {"results": [{"status": "error", "error": {"code": 44, "description": "Нет бумаги"},
                                               "result": None}]}))
    (ready,) = client.results("u-1") or []
    assert ready.ready and ready.result == {"fiscalParams": {"fiscalDocumentNumber": 5}}
    (failed,) = client.results("u-2") or []
    assert (failed.status, failed.error_code, failed.error_description) == (TaskState.ERROR, 44, "Нет бумаги")


def test_queued_twice_is_409_and_unknown_is_404():
    client = _client(_Reply(201), _Reply(409), _Reply(404))
    assert client.submit("u-1", [{"type": "reportX"}]) is True
    assert client.submit("u-1", [{"type": "reportX"}]) is False
    assert client.results("u-9") is None
    assert client.session.calls[0] == ("POST", "http://127.0.0.1:16732/api/v2/requests")  # type: ignore[attr-defined]


@pytest.mark.parametrize("reply", [_Reply(500), _Reply(200, "not json"), _Reply(200, {"results": [{}]})])
def test_a_reply_the_client_cannot_read_is_a_clear_retryable_error(reply):
    with pytest.raises(FiscalError) as caught:
        _client(reply).results("u-1")
    assert caught.value.code == "fiscal.bad_reply" and caught.value.retryable


def test_a_refused_connection_is_the_register_offline():
    with pytest.raises(FiscalError) as caught:
        _client(requests.ConnectionError("refused")).submit("u-1", [{"type": "reportX"}])
    assert caught.value.code == "fiscal.server_offline" and "127.0.0.1:16732" in str(caught.value)


def test_no_answer_in_time_after_connecting_is_a_timeout_the_retry_settles():
    with pytest.raises(FiscalError) as caught:
        _client(requests.ReadTimeout("slow")).submit("u-1", [{"type": "reportX"}])
    assert caught.value.code == "fiscal.timeout" and "второй раз" in str(caught.value)
