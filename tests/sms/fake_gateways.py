"""Loopback fakes of SMSC.ru and SMS.ru reproducing their documented JSON answers and error codes."""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass, field
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
        return {k: v[-1] for k, v in query.items()}

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
        body = route(self.state, self._params())
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


def smsc_send(state: FakeState, p: dict[str, str]) -> Any:
    state.send_calls += 1
    if p.get("login") != "demo" or p.get("psw") != "secret":
        return {"error": "authorise error", "error_code": 2}
    if state.next_send_error:
        code = state.next_send_error.pop(0)
        return {"error": "duplicate request, wait a minute", "error_code": code}
    client_id = p.get("id") or str(next(_ids))
    if client_id in state.messages:  # the same id and text again within a minute → error 9
        return {"error": "duplicate request, wait a minute", "error_code": 9}
    state.messages[client_id] = {"phone": p["phones"].lstrip("+"), "sent_as": p["phones"], "text": p["mes"],
                                 "status": -1}
    return _maybe_lose(state, {"id": client_id, "cnt": 1})


def smsc_status(state: FakeState, p: dict[str, str]) -> Any:
    state.status_calls += 1
    msg = state.messages.get(p.get("id", ""))
    if msg is None or msg["phone"] != p.get("phone", "").lstrip("+"):
        return {"status": -3, "last_date": "", "last_timestamp": 0}
    status = state.status_code_for.get(p["id"], msg["status"])
    return {"status": status, "last_date": "24.11.2026 10:00:00", "last_timestamp": 1795000000, "err": 0}


def smsru_send(state: FakeState, p: dict[str, str]) -> Any:
    state.send_calls += 1
    if p.get("api_id") != "API-KEY":
        return {"status": "ERROR", "status_code": 200, "status_text": "Неправильный api_id"}
    to = p["to"]
    if state.next_send_error:
        code = state.next_send_error.pop(0)
        return {"status": "OK", "status_code": 100, "sms": {to: {"status": "ERROR", "status_code": code,
                "status_text": "Превышен лимит одинаковых сообщений на этот номер в минуту"}}, "balance": 10}
    sms_id = f"000000-{next(_ids):08d}"
    state.messages[sms_id] = {"phone": to, "text": p["msg"], "status": 100}
    body = {"status": "OK", "status_code": 100,
            "sms": {to: {"status": "OK", "status_code": 100, "sms_id": sms_id}}, "balance": 4122.56}
    return _maybe_lose(state, body)


def smsru_status(state: FakeState, p: dict[str, str]) -> Any:
    state.status_calls += 1
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
