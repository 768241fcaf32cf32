"""Loopback fakes of SMSC.ru and SMS.ru written from their published HTTP API documentation.

SMSC.ru: 5 authorisation errors within 30 minutes block the caller's IP for 30 minutes, 100 erroneous
requests within 10 minutes for 10 minutes (error 4 for every request meanwhile), on the fake's own clock.
The status query finds a message only by the number in the form send gave it (the adapter sends «+7…» to both;
that the status call takes the «+» form: a published client's recorded SMSC exchange, see backend/README).
SMS.ru: errors 230-233 and 500 on demand, per-number results keyed by the number as the service
normalises it (digits only, or a chosen form), status only by POST
(GET answers 210 «Используется GET, где необходимо использовать POST»).
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class FakeState:
    """What the fake gateway holds and how it should misbehave next."""

    messages: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → {phone, text, status}
    send_calls: int = 0
    status_calls: int = 0
    next_send_error: list[int] = field(default_factory=list)  # error codes for the next sends
    lose_next_reply: bool = False  # record the message, then stall past the client's read timeout
    stall: threading.Event = field(default_factory=threading.Event)
    status_code_for: dict[str, int] = field(default_factory=dict)  # delivery status to report per id
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    auth_errors: list[datetime] = field(default_factory=list)  # SMSC: times of recent authorisation errors
    blocked_until: datetime | None = None  # SMSC: the IP block
    errors: list[datetime] = field(default_factory=list)  # SMSC: times of recent erroneous requests
    key_form: Callable[[str], str] = field(default=lambda digits: digits)  # SMS.ru: how result keys look
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # (method, raw path, params)


class _Handler(BaseHTTPRequestHandler):
    state: FakeState
    routes: dict[str, Any]

    def log_message(self, *args: Any) -> None:
        pass

    def _params(self) -> dict[str, str]:
        query = parse_qs(urlsplit(self.path).query)
        if self.command == "POST":
            length = int(self.headers.get("Content-Length", 0))
            query.update(parse_qs(self.rfile.read(length).decode()))
        params = {k: v[-1] for k, v in query.items()}
        self.state.requests.append((self.command, self.path, params))
        return params

    def _reply(self, body: Any) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        route = self.routes.get(urlsplit(self.path).path)
        if route is None:
            self.send_error(404)
            return
        params = self._params()
        params["_method"] = self.command
        body = route(self.state, params)
        if body is _LOST:
            self.state.stall.wait(5)  # the client times out; the message is already recorded
            return
        self._reply(body)


_LOST = object()
_ids = itertools.count(1000)


def _maybe_lose(state: FakeState, body: Any) -> Any:
    if state.lose_next_reply:
        state.lose_next_reply = False
        return _LOST
    return body


SMSC_AUTH_ERRORS_TO_BLOCK = 5
SMSC_AUTH_WINDOW = timedelta(minutes=30)
SMSC_BLOCK = timedelta(minutes=30)
SMSC_ERRORS_TO_BLOCK = 100
SMSC_ERROR_WINDOW = timedelta(minutes=10)
SMSC_ERROR_BLOCK = timedelta(minutes=10)


def smsc_refusal(state: FakeState, p: dict[str, str]) -> dict[str, Any] | None:
    """SMSC's documented protection: error 4 while the IP is blocked; 5 auth errors in 30 min block it."""
    now = state.clock()
    if state.blocked_until is not None and now < state.blocked_until:
        return {"error": "IP blocked", "error_code": 4}
    if p.get("login") == "demo" and p.get("psw") == "secret":
        return None
    state.auth_errors = [t for t in state.auth_errors if now - t < SMSC_AUTH_WINDOW] + [now]
    if len(state.auth_errors) >= SMSC_AUTH_ERRORS_TO_BLOCK:
        state.blocked_until, state.auth_errors = now + SMSC_BLOCK, []
    return {"error": "authorise error", "error_code": 2}


def _smsc_counted(state: FakeState, body: Any) -> Any:
    """SMSC's second protection: 100 erroneous requests within 10 minutes block the IP for 10 minutes."""
    if isinstance(body, dict) and body.get("error_code") not in (None, 4):
        now = state.clock()
        state.errors = [t for t in state.errors if now - t < SMSC_ERROR_WINDOW] + [now]
        if len(state.errors) >= SMSC_ERRORS_TO_BLOCK and (state.blocked_until is None or state.blocked_until < now):
            state.blocked_until, state.errors = now + SMSC_ERROR_BLOCK, []
    return body


def smsc_send(state: FakeState, p: dict[str, str]) -> Any:
    return _smsc_counted(state, _smsc_send(state, p))


def smsc_status(state: FakeState, p: dict[str, str]) -> Any:
    return _smsc_counted(state, _smsc_status(state, p))


def _smsc_send(state: FakeState, p: dict[str, str]) -> Any:
    state.send_calls += 1
    refusal = smsc_refusal(state, p)
    if refusal is not None:
        return refusal
    if state.next_send_error:
        code = state.next_send_error.pop(0)
        return {"error": "duplicate request, wait a minute", "error_code": code}
    client_id = p.get("id") or str(next(_ids))
    if client_id in state.messages:  # the same id and text again within a minute → error 9
        return {"error": "duplicate request, wait a minute", "error_code": 9}
    state.messages[client_id] = {"phone": smsc_autocorrect(p["phones"]), "sent_as": p["phones"], "text": p["mes"],
                                 "status": -1}
    return _maybe_lose(state, {"id": client_id, "cnt": 1})


def smsc_autocorrect(phones: str) -> str:
    """SMSC corrects a number given without «+» (a trunk 8 becomes 7); with «+» it keeps the digits as given."""
    digits = "".join(ch for ch in phones if ch.isdigit())
    if phones.startswith("+"):
        return digits
    return "7" + digits[1:] if len(digits) == 11 and digits.startswith("8") else digits


def _smsc_status(state: FakeState, p: dict[str, str]) -> Any:
    state.status_calls += 1
    refusal = smsc_refusal(state, p)
    if refusal is not None:
        return refusal
    msg = state.messages.get(p.get("id", ""))
    if msg is None or p.get("phone", "") != msg["sent_as"]:  # another form of the number: not this message
        return {"status": -3, "last_date": "", "last_timestamp": 0}
    status = state.status_code_for.get(p["id"], msg["status"])
    return {"status": status, "last_date": "24.11.2026 10:00:00", "last_timestamp": 1795000000, "err": 0}


SMSRU_LIMIT_TEXTS = {
    230: "Превышен общий лимит количества сообщений на этот номер в день",
    231: "Превышен лимит одинаковых сообщений на этот номер в минуту",
    232: "Превышен лимит одинаковых сообщений на этот номер в день",
    233: "Превышен лимит отправки повторных сообщений с кодом на этот номер за короткий промежуток времени",
}


def smsru_send(state: FakeState, p: dict[str, str]) -> Any:
    state.send_calls += 1
    if p.get("api_id") != "API-KEY":
        return {"status": "ERROR", "status_code": 200, "status_text": "Неправильный api_id"}
    to = state.key_form("".join(ch for ch in p["to"] if ch.isdigit()))  # the service's form of the number
    if state.next_send_error:
        code = state.next_send_error.pop(0)
        if code == 500:  # a request-level error: no per-number results
            return {"status": "ERROR", "status_code": 500, "status_text": "Ошибка на сервере. Повторите запрос."}
        return {"status": "OK", "status_code": 100, "sms": {to: {"status": "ERROR", "status_code": code,
                "status_text": SMSRU_LIMIT_TEXTS.get(code, "Ошибка")}}, "balance": 10}
    sms_id = f"000000-{next(_ids):08d}"
    state.messages[sms_id] = {"phone": to, "text": p["msg"], "status": 100}
    body = {"status": "OK", "status_code": 100,
            "sms": {to: {"status": "OK", "status_code": 100, "sms_id": sms_id}}, "balance": 4122.56}
    return _maybe_lose(state, body)


def smsru_status(state: FakeState, p: dict[str, str]) -> Any:
    state.status_calls += 1
    if p.get("_method") != "POST":
        return {"status": "ERROR", "status_code": 210,
                "status_text": "Используется GET, где необходимо использовать POST"}
    if p.get("api_id") != "API-KEY":
        return {"status": "ERROR", "status_code": 200, "status_text": "Неправильный api_id"}
    sms_id = p.get("sms_id", "")
    msg = state.messages.get(sms_id)
    if msg is None:
        item = {"status": "ERROR", "status_code": -1, "status_text": "Сообщение не найдено"}
    else:
        code = state.status_code_for.get(sms_id, msg["status"])
        item = {"status": "OK", "status_code": code, "cost": 0.5, "status_text": "статус"}
    return {"status": "OK", "status_code": 100, "sms": {sms_id: item}}


class FakeGatewayServer:
    """A ThreadingHTTPServer on 127.0.0.1 with SMSC or SMS.ru routes."""

    def __init__(self, kind: str) -> None:
        self.state = FakeState()
        routes = {"/sys/send.php": smsc_send, "/sys/status.php": smsc_status} if kind == "smsc" else {
            "/sms/send": smsru_send, "/sms/status": smsru_status}
        handler = type("H", (_Handler,), {"state": self.state, "routes": routes})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> FakeGatewayServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.state.stall.set()
        self.httpd.shutdown()
        self.httpd.server_close()
