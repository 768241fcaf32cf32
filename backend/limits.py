"""Request limits enforced before any parsing: body size per endpoint, enrolment attempts per client address.

The body cap is an ASGI middleware: a declared `Content-Length` over the cap is refused at once, and a
chunked body is counted while it streams, so an oversized body is never read whole into memory.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from backend.errors import ApiError

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[Message], Any]

KIB = 1024
MIB = 1024 * KIB
DEFAULT_BODY_MAX = 64 * KIB  # any endpoint not named below (enrolment, admin commands, journal head, …)
BODY_MAX = {  # path prefix → the largest body it accepts
    "/v1/events": 8 * MIB,  # a batch of 500 events (a receiving summary of a whole truck is one of them)
    "/v1/admin/import": 32 * MIB,  # the retailer's order feed
}
EVENT_PAYLOAD_MAX = 1 * MIB  # one event's payload as canonical JSON (over it: that event is rejected)
ENROL_ATTEMPTS = 10  # per client address …
ENROL_WINDOW_SECONDS = 60.0  # … in this many seconds


def body_limit(path: str) -> int:
    """The body cap of the endpoint at `path`."""
    for prefix, cap in BODY_MAX.items():
        if path.startswith(prefix):
            return cap
    return DEFAULT_BODY_MAX


class BodySizeLimit:
    """ASGI middleware: 413 `body_too_large` for a body over its endpoint's cap, before the app sees it.

    The body is read here, chunk by chunk, up to the cap (what the app would read anyway), then handed to
    the app; the first chunk past the cap ends the request without reading the rest.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = body_limit(scope.get("path", ""))
        declared = _content_length(scope)
        if declared is not None and declared > cap:
            await _refuse(send, cap)
            return
        messages = await _read_capped(receive, cap)
        if messages is None:
            await _refuse(send, cap)
            return
        replay = iter(messages)

        async def replay_receive() -> Message:
            following = next(replay, None)
            return following if following is not None else await receive()

        await self.app(scope, replay_receive, send)


async def _read_capped(receive: Receive, cap: int) -> list[Message] | None:
    """The request's body messages, or None as soon as they add up to more than `cap` bytes."""
    messages: list[Message] = []
    seen = 0
    while True:
        message: Message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages  # a disconnect: the app sees it as it would have
        seen += len(message.get("body", b""))
        if seen > cap:
            return None
        if not message.get("more_body", False):
            return messages


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(send: Send, cap: int) -> None:
    body = json.dumps({"code": "body_too_large", "message": f"The request body is over {cap} bytes"}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class EnrolLimiter:
    """At most `attempts` enrolment attempts per client address in a sliding window (in this process)."""

    def __init__(self, attempts: int = ENROL_ATTEMPTS, window: float = ENROL_WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.attempts = attempts
        self.window = window
        self.clock = clock
        self._seen: dict[str, deque[float]] = {}

    def check(self, address: str) -> None:
        """Count one attempt from `address`; ApiError 429 with Retry-After when over the limit."""
        now = self.clock()
        recent = self._seen.setdefault(address, deque())
        while recent and recent[0] <= now - self.window:
            recent.popleft()
        if len(recent) >= self.attempts:
            retry = max(1, int(recent[0] + self.window - now + 0.999))
            raise ApiError(429, "too_many_attempts", f"Too many enrolment attempts: retry in {retry} s",
                           headers={"Retry-After": str(retry)})
        recent.append(now)
        if len(self._seen) > 10_000:  # forget idle addresses so the table cannot grow without bound
            for key in [k for k, v in self._seen.items() if not v or v[-1] <= now - self.window]:
                del self._seen[key]


_LIMITER_LOCK = threading.Lock()


def enrol_limiter(state: Any) -> EnrolLimiter:
    """The app's enrolment limiter (`app.state`), made on first use from `settings.enrol_attempts_per_minute`."""
    with _LIMITER_LOCK:
        limiter: EnrolLimiter | None = getattr(state, "enrol_limiter", None)
        if limiter is None:
            limiter = state.enrol_limiter = EnrolLimiter(state.settings.enrol_attempts_per_minute)
        return limiter
