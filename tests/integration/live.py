"""The real backend on 127.0.0.1 (uvicorn in a thread, SQLite file) and a fault-injecting proxy before it."""

from __future__ import annotations

import http.client
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests

from backend.app import create_app
from backend.config import Settings
from tests.backend.conftest import migrated_sqlite_url
from tests.support.served import Served

ADMIN = "integration-admin-token"
CHEAP_N = 2**8


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveBackend:
    """`backend.app.create_app` served by uvicorn on a free loopback port; stop/start keeps the DB file."""

    def __init__(self, workdir: Path, **settings: Any) -> None:
        self.workdir = workdir
        self.db_url = migrated_sqlite_url(workdir)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.settings_kw = {"admin_token": ADMIN, "code_hash_n": CHEAP_N, "run_sms_dispatcher": False,
                            "sms_log_path": workdir / "sms-demo.log", "demo_mode": True, **settings}
        self._served: Served | None = None
        self.app: Any = None

    def start(self) -> LiveBackend:
        self.app = create_app(Settings(database_url=self.db_url, **self.settings_kw))
        self._served = Served(self.app, self.port)
        return self

    def stop(self) -> None:
        if self._served is not None:
            self._served.stop()
            self._served = None

    # --- admin helpers ----------------------------------------------------------------------------

    def admin(self, method: str, path: str, **kw: Any) -> requests.Response:
        reply = requests.request(method, self.url + path, headers={"X-Admin-Token": ADMIN}, timeout=30, **kw)
        return reply

    def import_feed(self, feed: dict[str, Any]) -> dict[str, Any]:
        reply = self.admin("POST", "/v1/admin/import", json=feed)
        assert reply.status_code == 200, reply.text
        return dict(reply.json())

    def enrolment_code(self, point_code: str = "0042") -> str:
        reply = self.admin("POST", "/v1/admin/enrolment-codes", json={"point_code": point_code})
        assert reply.status_code == 200, reply.text
        return str(reply.json()["code"])


@dataclass
class Fault:
    """One injected behaviour for requests whose 'METHOD /path' starts with `match`."""

    match: str
    status: int | None = None  # answer this without forwarding
    headers: dict[str, str] = field(default_factory=dict)
    delay_after_forward: float = 0.0  # forward (the server commits), then stall before answering
    times: int = 1


class FaultProxy:
    """HTTP proxy on its own port: forwards to the backend, or injects statuses / stalls / refusal."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.replace("http://", "")
        self.faults: list[Fault] = []
        self.log: list[tuple[str, int]] = []  # (request line, status answered)
        self.forwarded: list[str] = []
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._httpd: ThreadingHTTPServer | None = None
        self._lock = threading.Lock()

    def inject(self, *faults: Fault) -> None:
        with self._lock:
            self.faults.extend(faults)

    def wait_forwarded(self, prefix: str, timeout: float = 30.0) -> None:
        """Block until a request starting with `prefix` has had the backend's answer (a slow CI machine
        may time the client out before the backend has even committed)."""
        deadline = time.monotonic() + timeout
        while not any(key.startswith(prefix) for key in self.forwarded):
            if time.monotonic() > deadline:
                raise AssertionError(f"{prefix} never reached the backend")
            time.sleep(0.02)

    def _take(self, key: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if key.startswith(fault.match) and fault.times > 0:
                    fault.times -= 1
                    return fault
        return None

    def start(self) -> FaultProxy:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                key = f"{self.command} {self.path}"
                fault = proxy._take(key)
                if fault is not None and fault.status is not None:
                    self._answer(fault.status, {"Content-Type": "application/json", **fault.headers},
                                 b'{"code":"injected","message":"injected fault"}', key)
                    return
                status, headers, data = proxy._forward(self.command, self.path, dict(self.headers), body)
                proxy.forwarded.append(key)
                if fault is not None and fault.delay_after_forward:
                    time.sleep(fault.delay_after_forward)
                self._answer(status, headers, data, key)

            def _answer(self, status: int, headers: dict[str, str], data: bytes, key: str) -> None:
                proxy.log.append((key, status))
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        if name.lower() not in ("content-length", "transfer-encoding", "connection", "date",
                                                "server"):
                            self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = _serve
            do_POST = _serve

        ThreadingHTTPServer.allow_reuse_address = True
        self._httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def _forward(self, method: str, path: str, headers: dict[str, str], body: bytes
                 ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection(self.upstream, timeout=60)
        try:
            headers = {k: v for k, v in headers.items() if k.lower() not in ("host", "connection")}
            conn.request(method, path, body=body or None, headers=headers)
            reply = conn.getresponse()
            return reply.status, dict(reply.getheaders()), reply.read()
        except OSError:
            return 502, {"Content-Type": "application/json"}, b'{"code":"bad_gateway","message":"upstream down"}'
        finally:
            conn.close()

    def stop(self) -> None:
        """Backend 'down': the port refuses connections until `start()` again."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
