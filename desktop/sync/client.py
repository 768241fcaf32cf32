"""HTTP client for the backend API: explicit timeouts, verified TLS, retries only where idempotent.

GET calls (health, changes, snapshot) retry with backoff and honour Retry-After; POST calls are never
retried by urllib3 (the engine retries a whole event batch; event ids make that safe). 400/403/409/422
are never retried. Every answer becomes a typed result or a `SyncError` carrying a message code (its text
is registered in the DomainMessages catalogue and rendered translated); the server's own error codes are
rendered through the same catalogue, never shown raw.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError, ProtocolError
from urllib3.util.retry import Retry

from desktop import messages
from desktop.faults import BackendUnreachable
from protocol.version import VERSION

log = logging.getLogger(__name__)
DEFAULT_TIMEOUT = (3.05, 20.0)  # (connect, read) seconds
RETRY_STATUSES = (429, 500, 502, 503, 504)


messages.register(
    {
        "sync.link.not_pickup_desk": "По этому адресу отвечает не сервер Pickup Desk. Проверьте адрес.",
        "sync.link.tls_failed": "Сертификат сервера не прошёл проверку (TLS). Проверьте адрес сервера "
        "или укажите файл сертификатов организации.",
        "sync.link.bad_address": "Адрес сервера указан неверно. Пример: https://pvz.example.ru",
        "sync.link.timeout": "Сервер не ответил вовремя. Работаем без связи; данные сохранены.",
        "sync.link.offline": "Нет связи с сервером. Работаем без связи; данные сохранены.",
        "sync.link.bad_answer": "Сервер ответил не в формате Pickup Desk. Проверьте адрес.",
        "sync.link.auth_rejected": "Компьютер не зарегистрирован на сервере или доступ отозван. "
        "Нужна повторная регистрация (код от администратора).",
        "sync.link.upgrade_required": "Версия программы устарела для сервера. Обновите программу; "
        "работа без связи продолжается, данные сохранены.",
        "sync.link.cursor_expired": "Журнал изменений устарел; загружаем полную копию данных.",
        "sync.link.server_unavailable": "Сервер временно недоступен (HTTP {status}). Повторим позже.",
        "sync.link.no_server_here": "По этому адресу нет сервера Pickup Desk (HTTP 404). Проверьте адрес.",
        "sync.link.refused": "Сервер отклонил запрос (HTTP {status}): {reason}",
        # the server's error codes (backend/api.py, auth.py, errors.py), rendered by code
        "server.unknown": "причина не распознана этой версией программы",
        "server.enrolment_code_invalid": "код регистрации неверен или уже использован",
        "server.enrolment_code_expired": "срок действия кода регистрации истёк, запросите новый",
        "server.batch_too_large": "слишком много событий в одном запросе",
        "server.batch_not_ordered": "события пакета идут не по порядку",
        "server.invalid_request": "запрос не прошёл проверку сервера",
        "server.device_not_found": "устройство не найдено",
        "server.point_not_found": "пункт выдачи не найден",
        "server.not_found": "адрес не найден на сервере",
        "server.method_not_allowed": "сервер не поддерживает этот запрос",
    }
)


def server_reason(code: str | None) -> str:
    """The server's error code in words (translated); a readable fallback for a code this version does not know."""
    known = code is not None and messages.template(f"server.{code}") is not None
    return messages.describe(f"server.{code}" if known else "server.unknown", {})


class SyncError(Exception):
    """A sync call failed; `message` is the clerk-facing text of `key` (a registered message code), translated.

    `code` is the server's machine code when the server answered one.
    """

    def __init__(
        self, key: str, *, status: int | None = None, code: str | None = None, retry_after: float | None = None,
        **params: object,
    ) -> None:
        super().__init__(key)
        self.key = key
        self.params = {"status": status, **params}
        self.status = status
        self.code = code
        self.retry_after = retry_after

    @property
    def message(self) -> str:
        return messages.describe(self.key, self.params)


class BackendUnavailable(SyncError, BackendUnreachable):
    """Offline, timed out, or the server is overloaded/broken (5xx, 429): try again later."""


class TlsProblem(BackendUnavailable):
    """The server's TLS certificate did not verify."""


class AuthRejected(SyncError):
    """401: the device credential is unknown or revoked → re-enrolment needed."""


class UpgradeRequired(SyncError):
    """426: this app's event schema is too old for the server."""


class CursorExpired(SyncError):
    """410: the change-feed cursor is older than the server keeps → take a snapshot."""


class RequestRefused(SyncError):
    """Any other 4xx (400/403/409/413/422): a definite answer, never retried automatically."""


class NotPickupDesk(SyncError):
    """The address answers, but not like a Pickup Desk server."""


@dataclass(frozen=True)
class EventResult:
    event_id: str
    status: str  # applied | duplicate | rejected | conflict
    reason: str | None
    server_seq: int | None


@dataclass(frozen=True)
class ChangesPage:
    changes: list[dict[str, Any]]
    next_cursor: int
    has_more: bool
    code_tag_key: str | None = None  # the point's pickup-code tag key (base64), from servers that send it


class CappedRetry(Retry):
    """urllib3 Retry that never sleeps longer than MAX_RETRY_AFTER for a server's Retry-After, and whose back-off
    sleeps end at once when its client is closed (`cancelled`): a quit never waits through the 0 + 1 + 2 s."""

    MAX_RETRY_AFTER = 30.0

    def __init__(self, *args: Any, cancelled: threading.Event | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cancelled = cancelled if cancelled is not None else threading.Event()

    def new(self, **kwargs: Any) -> CappedRetry:
        retry = super().new(**kwargs)
        retry.cancelled = self.cancelled  # urllib3 makes a new Retry per attempt: the same switch goes along
        return retry

    def get_retry_after(self, response: Any) -> float | None:
        value = super().get_retry_after(response)
        return None if value is None else min(value, self.MAX_RETRY_AFTER)

    def sleep_for_retry(self, response: Any) -> bool:
        retry_after = self.get_retry_after(response)
        if not retry_after:
            return False
        self._pause(retry_after)
        return True

    def _sleep_backoff(self) -> None:
        self._pause(self.get_backoff_time())

    def _pause(self, seconds: float) -> None:
        if self.cancelled.wait(seconds) or self.cancelled.is_set():
            raise MaxRetryError(None, "", ProtocolError("the client was closed"))  # type: ignore[arg-type]


def idempotent_retry(total: int = 3, backoff_factor: float = 0.5, cancelled: threading.Event | None = None) -> Retry:
    return CappedRetry(
        total=total,
        connect=total,
        read=total,
        status=total,
        backoff_factor=backoff_factor,
        backoff_max=30,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD"}),
        respect_retry_after_header=True,
        raise_on_status=False,
        cancelled=cancelled,
    )


def _session(retry: Retry | int, ca_bundle: str | None) -> requests.Session:
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.verify = ca_bundle if ca_bundle else True
    session.headers["User-Agent"] = f"PickupDesk/{VERSION}"
    return session


class SyncClient:
    """One backend, one device token (None before enrolment)."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        ca_bundle: str | None = None,
        retry_total: int = 3,
        backoff_factor: float = 0.5,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = token
        self.timeout = timeout
        # passed on every request: a session-level `verify` loses to REQUESTS_CA_BUNDLE in the environment
        self._verify: bool | str = ca_bundle if ca_bundle else True
        self._closed = threading.Event()  # set by close(): retry back-offs end, no new request starts
        self._get = _session(idempotent_retry(retry_total, backoff_factor, self._closed), ca_bundle)
        self._post = _session(Retry(total=0, connect=0, read=0, status=0, raise_on_status=False), ca_bundle)

    def __repr__(self) -> str:
        return f"SyncClient({self.base_url!r})"

    def close(self) -> None:
        """Release the connections; callable from another thread to abandon a call in flight (a quit): its retry
        back-off ends at once and it fails as offline. The outbox is in SQLite: nothing unsent is lost."""
        self._closed.set()
        self._get.close()
        self._post.close()

    # --- API calls ---------------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        body = self._call("GET", "/v1/health", auth=False)
        if not isinstance(body, dict) or body.get("status") != "ok" or "schema_v" not in body:
            raise NotPickupDesk("sync.link.not_pickup_desk")
        return body

    def enrol(self, code: str, device_name: str) -> dict[str, Any]:
        return dict(self._call("POST", "/v1/enrol", json={"code": code, "device_name": device_name}, auth=False))

    def push_events(self, events: list[dict[str, Any]]) -> list[EventResult]:
        body = self._call("POST", "/v1/events", json={"events": events})
        return [
            EventResult(r["event_id"], r["status"], r.get("reason"), r.get("server_seq"))
            for r in body.get("results", [])
        ]

    def anchor_journal(self, head: dict[str, Any]) -> dict[str, Any]:
        """Report the journal head; the answer: {"status": anchored|unchanged|mismatch, "held": the server's head}."""
        return dict(self._call("POST", "/v1/journal/head", json=head))

    def changes(self, cursor: int, limit: int = 500) -> ChangesPage:
        body = self._call("GET", "/v1/changes", params={"cursor": cursor, "limit": limit})
        return ChangesPage(list(body["changes"]), int(body["next_cursor"]), bool(body["has_more"]),
                           body.get("code_tag_key"))

    def snapshot(self) -> dict[str, Any]:
        return dict(self._call("GET", "/v1/snapshot"))

    def update_policy(self) -> dict[str, Any] | None:
        """The point's update rollout policy (desktop.update.policy); None from an old server without it (404)."""
        try:
            return dict(self._call("GET", "/v1/update/policy"))
        except SyncError as err:
            if err.status == 404:
                return None
            raise

    # --- plumbing ----------------------------------------------------------------------------------

    def _call(self, method: str, path: str, *, auth: bool = True, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {self._token}"} if auth and self._token else {}
        session = self._get if method == "GET" else self._post
        if self._closed.is_set():
            raise BackendUnavailable("sync.link.offline")
        try:
            reply = session.request(
                method, self.base_url + path, headers=headers, timeout=self.timeout, verify=self._verify, **kwargs
            )
        except requests.exceptions.SSLError as exc:
            raise TlsProblem("sync.link.tls_failed") from exc
        except (
            requests.exceptions.InvalidURL,
            requests.exceptions.MissingSchema,
            requests.exceptions.InvalidSchema,
        ) as exc:
            raise NotPickupDesk("sync.link.bad_address") from exc
        except requests.exceptions.Timeout as exc:
            raise BackendUnavailable("sync.link.timeout") from exc
        except requests.exceptions.RequestException as exc:
            raise BackendUnavailable("sync.link.offline") from exc
        return _parse(reply)


def _parse(reply: requests.Response) -> Any:
    if reply.status_code == 200:
        try:
            return reply.json()
        except ValueError:
            raise NotPickupDesk("sync.link.bad_answer") from None
    if reply.status_code == 204:
        return {}
    raise _error_for(reply)


def _error_for(reply: requests.Response) -> SyncError:
    status = reply.status_code
    try:
        body = reply.json()
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {}
    code = body.get("code")
    if code is not None:
        log.info("server answered HTTP %s %s: %s", status, code, body.get("message") or "")
    if status == 429 or status >= 500:
        return BackendUnavailable("sync.link.server_unavailable", status=status, code=code,
                                  retry_after=_retry_after(reply))
    if status == 404 and code is None:
        return NotPickupDesk("sync.link.no_server_here", status=status)
    known = _BY_STATUS.get(status)
    if known is not None:
        return known[0](known[1], status=status, code=code)
    return RequestRefused("sync.link.refused", status=status, code=code, reason=server_reason(code))


_BY_STATUS: dict[int, tuple[type[SyncError], str]] = {
    401: (AuthRejected, "sync.link.auth_rejected"),
    426: (UpgradeRequired, "sync.link.upgrade_required"),
    410: (CursorExpired, "sync.link.cursor_expired"),
}


def _retry_after(reply: requests.Response) -> float | None:
    value = reply.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
