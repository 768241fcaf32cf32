"""HTTP client of ATOL driver v10's web server: `POST /api/v2/requests` and `GET /api/v2/requests/{uuid}`.

A task list is queued under a client-chosen uuid (201 Created; 409 Conflict when the uuid is already queued —
a resend of the same uuid never prints twice); its results are polled until no task is `wait` / `inProgress`.
The server is on loopback: no TLS. urllib3 retries connection failures (nothing was sent) and GETs only; a POST
whose reply is lost is never resent blindly: the service asks by uuid first.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from desktop.fiscal.errors import FiscalError

log = logging.getLogger(__name__)
REQUESTS_PATH = "/api/v2/requests"
TIMEOUT = (2.0, 15.0)  # connect, read (seconds): a receipt prints in a few seconds
WAIT_SECONDS = 30.0  # how long a task may stay queued or in progress before the clerk is told
POLL_SECONDS = 0.2


class TaskState(StrEnum):
    """A task's status in the web server's results."""

    WAIT = "wait"  # queued
    IN_PROGRESS = "inProgress"
    READY = "ready"  # done without error
    ERROR = "error"  # done with an error: errorCode / errorDescription
    INTERRUPTED = "interrupted"  # not run: an earlier task of the request failed
    BLOCKED = "blocked"  # the queue waits for a decision on an earlier error
    CANCELED = "canceled"


UNFINISHED = frozenset({TaskState.WAIT, TaskState.IN_PROGRESS})


@dataclass(frozen=True)
class TaskResult:
    """One task's outcome: its state, the driver's error (0 = none) and its result JSON."""

    status: str
    error_code: int
    error_description: str
    result: dict[str, Any] | None

    @property
    def ready(self) -> bool:
        return self.status == TaskState.READY


def _session() -> requests.Session:
    retry = Retry(total=3, connect=3, read=2, status=2, backoff_factor=0.1, allowed_methods=frozenset({"GET"}),
                  status_forcelist=(502, 503, 504), raise_on_status=False)
    session = requests.Session()
    session.mount("http://", HTTPAdapter(max_retries=retry))
    return session


class AtolClient:
    """The web server's requests API (one per FiscalService; thread-compatible like requests.Session)."""

    def __init__(self, url: str, session: requests.Session | None = None, wait_seconds: float = WAIT_SECONDS,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.url = url.rstrip("/")
        self.session = session or _session()
        self.wait_seconds = wait_seconds
        self.sleep = sleep

    def submit(self, uuid: str, tasks: Sequence[Mapping[str, Any]]) -> bool:
        """Queue `tasks` under `uuid`: True when queued now, False when the uuid was already queued (409)."""
        reply = self._call("POST", REQUESTS_PATH, json={"uuid": uuid, "request": list(tasks)})
        if reply.status_code == 409:
            return False
        if reply.status_code not in (200, 201):
            raise FiscalError("fiscal.bad_reply", retryable=True, detail=f"HTTP {reply.status_code}")
        return True

    def results(self, uuid: str) -> list[TaskResult] | None:
        """The results of the request `uuid` now; None when the server does not know it (404)."""
        reply = self._call("GET", f"{REQUESTS_PATH}/{uuid}")
        if reply.status_code == 404:
            return None
        if reply.status_code != 200:
            raise FiscalError("fiscal.bad_reply", retryable=True, detail=f"HTTP {reply.status_code}")
        return _parse_results(reply)

    def wait(self, uuid: str) -> list[TaskResult] | None:
        """Poll until every task of `uuid` is finished; FiscalError `fiscal.timeout` past the wait."""
        deadline = time.monotonic() + self.wait_seconds
        while True:
            found = self.results(uuid)
            if found is None or not any(r.status in UNFINISHED for r in found):
                return found
            if time.monotonic() >= deadline:
                raise FiscalError("fiscal.timeout", retryable=True)
            self.sleep(POLL_SECONDS)

    def run(self, uuid: str, tasks: Sequence[Mapping[str, Any]]) -> list[TaskResult]:
        """Queue (unless queued already) and wait: the results of every task."""
        self.submit(uuid, tasks)
        found = self.wait(uuid)
        if found is None:
            raise FiscalError("fiscal.bad_reply", retryable=True, detail="request vanished")
        return found

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        try:
            return self.session.request(method, self.url + path, timeout=TIMEOUT, **kwargs)
        except requests.ReadTimeout as exc:  # connected, but no answer in time: it may still be printing
            log.warning("fiscal: %s %s timed out", method, path)
            raise FiscalError("fiscal.timeout", retryable=True) from exc
        except requests.RequestException as exc:
            log.warning("fiscal: %s %s failed: %s", method, path, type(exc).__name__)
            raise FiscalError("fiscal.server_offline", retryable=True, url=self.url) from exc


def _parse_results(reply: requests.Response) -> list[TaskResult]:
    try:
        items = reply.json()["results"]
        return [_result(item) for item in items]
    except (ValueError, KeyError, TypeError) as exc:
        raise FiscalError("fiscal.bad_reply", retryable=True, detail=type(exc).__name__) from exc


def _result(item: Mapping[str, Any]) -> TaskResult:
    error = item.get("error") or {}  # the earlier servers' {"error": {"code", "description"}}
    code = item.get("errorCode", error.get("code", 0))
    description = item.get("errorDescription", error.get("description", ""))
    result = item.get("result")
    return TaskResult(str(item["status"]), int(code or 0), str(description or ""),
                      result if isinstance(result, dict) else None)
