"""The embedded default: the reference backend in-process on 127.0.0.1, SQLite in the data directory.

The desktop app starts it when no backend is configured, so a newcomer sees the whole flow (demo
point, enrolment, sync, SMS through the `log` gateway into `sms-demo.log`) with nothing to install.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI

from backend.app import create_app
from backend.auth import issue_enrolment_code
from backend.config import Settings, utc_now
from protocol.private_files import create_private, private_dir

DB_FILE = "embedded-backend.sqlite3"
EMBEDDED_CODE_POOL = 10  # one demo counter issues a few codes an hour: ~0.25 s of scrypt, not 2.5 s at start
SMS_LOG = "sms-demo.log"
SECRETS_FILE = "demo-secrets.json"
START_TIMEOUT = 30.0


@dataclass
class EmbeddedBackend:
    """A running in-process backend: its base URL, admin token, and a clean `stop()`."""

    url: str
    admin_token: str
    data_dir: Path
    app: FastAPI
    server: uvicorn.Server
    thread: threading.Thread
    demo_secrets: dict[str, Any] | None = field(default=None)

    @property
    def sms_log(self) -> Path:
        return self.data_dir / SMS_LOG

    def create_enrolment_code(self, point_code: str) -> str:
        """A one-use enrolment code for `point_code` (LookupError when the point does not exist)."""
        settings: Settings = self.app.state.settings
        with self.app.state.db.write() as session:
            code, _expires = issue_enrolment_code(session, point_code, settings.clock(), settings.enrolment_ttl)
        return code

    def stop(self) -> None:
        """Ask uvicorn to exit, wait for its thread (the lifespan stops the worker and closes the DB)."""
        self.server.should_exit = True
        self.thread.join(timeout=START_TIMEOUT)


def start_embedded(
    data_dir: Path, *, seed: bool = True, sms_interval_seconds: float = 1.0, demo_orders: int = 300,
    progress: Callable[[int, int], None] | None = None,
) -> EmbeddedBackend:
    """Start the backend on a free loopback port in a background thread; seeds the demo point once.

    `progress(done, total)` follows the making of the demo point's orders (only on the first start).
    """
    private_dir(data_dir)
    admin_token = secrets.token_urlsafe(24)
    settings = Settings(
        database_url=f"sqlite:///{data_dir / DB_FILE}",
        admin_token=admin_token,
        sms_gateway="log",
        demo_mode=True,
        sms_log_path=data_dir / SMS_LOG,
        sms_interval_seconds=sms_interval_seconds,
        code_pool_size=EMBEDDED_CODE_POOL,
    )
    app = create_app(settings)
    demo_secrets = _seed(app, settings, data_dir, demo_orders, progress) if seed else None
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # asyncio and h11 named: with uvloop and httptools installed (the server extra) uvicorn would pick them, a
    # server's choice for many connections; the counter's own process serves one PC and the bundle leaves them out
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on", loop="asyncio", http="h11"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="embedded-backend", daemon=True)
    thread.start()
    _wait_started(server, thread)
    return EmbeddedBackend(url=f"http://127.0.0.1:{port}", admin_token=admin_token, data_dir=data_dir, app=app,
                           server=server, thread=thread, demo_secrets=demo_secrets)


def _wait_started(server: uvicorn.Server, thread: threading.Thread) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the embedded server did not start")
        time.sleep(0.01)


def _seed(app: FastAPI, settings: Settings, data_dir: Path, orders: int,
          progress: Callable[[int, int], None] | None = None) -> dict[str, Any] | None:
    """Seed the demo point on first start and keep its secrets (demo PINs, codes) in a 0600 file."""
    from backend.demo_seed import seed_demo
    from backend.keys import code_tag_key
    from protocol.demo_data import DEMO_POINT_CODE

    path = data_dir / SECRETS_FILE
    fresh = seed_demo(app.state.db, settings.code_hash_n, utc_now(), orders=orders, progress=progress,
                      tag_key=code_tag_key(app.state.signing_key, DEMO_POINT_CODE))
    if fresh is not None:
        with os.fdopen(create_private(path), "w", encoding="utf-8") as out:
            json.dump(fresh, out, ensure_ascii=False, indent=1)
        return fresh
    if path.exists():
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return loaded
    return None
