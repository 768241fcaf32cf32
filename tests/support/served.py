"""A FastAPI app served by uvicorn in a thread on 127.0.0.1 (the real backend for integration and system tests)."""

from __future__ import annotations

import threading
import time
from typing import Any

import uvicorn


class Served:
    """Start with `Served(app, port)`; `stop()` closes the port (connections are refused until served again)."""

    def __init__(self, app: Any, port: int) -> None:
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on",
                                timeout_graceful_shutdown=1)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("backend did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
