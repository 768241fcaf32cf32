"""HTTP client for the backend API: explicit timeouts, verified TLS, retries only where idempotent.

GET calls (health, changes, snapshot) retry with backoff and honour Retry-After; POST calls are never
retried by urllib3 (the engine retries a whole event batch; event ids make that safe). 400/403/409/422
are never retried. Every answer becomes a typed result or a `SyncError` with a Russian message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from desktop.faults import BackendUnreachable
from protocol.version import VERSION

DEFAULT_TIMEOUT = (3.05, 20.0)  # (connect, read) seconds
RETRY_STATUSES = (429, 500, 502, 503, 504)


class SyncError(Exception):
    """A sync call failed; `message` is plain Russian for the status bar."""

    def __init__(
        self, message: str, *, status: int | None = None, code: str | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.retry_after = retry_after


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


class CappedRetry(Retry):
    """urllib3 Retry that never sleeps longer than MAX_RETRY_AFTER for a server's Retry-After."""

    MAX_RETRY_AFTER = 30.0

    def get_retry_after(self, response: Any) -> float | None:
        value = super().get_retry_after(response)
        return None if value is None else min(value, self.MAX_RETRY_AFTER)


def idempotent_retry(total: int = 3, backoff_factor: float = 0.5) -> Retry:
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
        self._get = _session(idempotent_retry(retry_total, backoff_factor), ca_bundle)
        self._post = _session(Retry(total=0, connect=0, read=0, status=0, raise_on_status=False), ca_bundle)

    def __repr__(self) -> str:
        return f"SyncClient({self.base_url!r})"

    def close(self) -> None:
        self._get.close()
        self._post.close()

    # --- API calls ---------------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        body = self._call("GET", "/v1/health", auth=False)
        if not isinstance(body, dict) or body.get("status") != "ok" or "schema_v" not in body:
            raise NotPickupDesk("По этому адресу отвечает не сервер Pickup Desk. Проверьте адрес.")
        return body

    def enrol(self, code: str, device_name: str) -> dict[str, Any]:
        return dict(self._call("POST", "/v1/enrol", json={"code": code, "device_name": device_name}, auth=False))

    def push_events(self, events: list[dict[str, Any]]) -> list[EventResult]:
        body = self._call("POST", "/v1/events", json={"events": events})
        return [
            EventResult(r["event_id"], r["status"], r.get("reason"), r.get("server_seq"))
            for r in body.get("results", [])
        ]

    def changes(self, cursor: int, limit: int = 500) -> ChangesPage:
        body = self._call("GET", "/v1/changes", params={"cursor": cursor, "limit": limit})
        return ChangesPage(list(body["changes"]), int(body["next_cursor"]), bool(body["has_more"]))

    def snapshot(self) -> dict[str, Any]:
        return dict(self._call("GET", "/v1/snapshot"))

    # --- plumbing ----------------------------------------------------------------------------------

    def _call(self, method: str, path: str, *, auth: bool = True, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {self._token}"} if auth and self._token else {}
        session = self._get if method == "GET" else self._post
        try:
            reply = session.request(
                method, self.base_url + path, headers=headers, timeout=self.timeout, verify=self._verify, **kwargs
            )
        except requests.exceptions.SSLError as exc:
            raise TlsProblem(
                "Сертификат сервера не прошёл проверку (TLS). Проверьте адрес сервера "
                "или укажите файл сертификатов организации."
            ) from exc
        except (
            requests.exceptions.InvalidURL,
            requests.exceptions.MissingSchema,
            requests.exceptions.InvalidSchema,
        ) as exc:
            raise NotPickupDesk("Адрес сервера указан неверно. Пример: https://pvz.example.ru") from exc
        except requests.exceptions.Timeout as exc:
            raise BackendUnavailable("Сервер не ответил вовремя. Работаем без связи; данные сохранены.") from exc
        except requests.exceptions.RequestException as exc:
            raise BackendUnavailable("Нет связи с сервером. Работаем без связи; данные сохранены.") from exc
        return _parse(reply)


def _parse(reply: requests.Response) -> Any:
    if reply.status_code == 200:
        try:
            return reply.json()
        except ValueError:
            raise NotPickupDesk("Сервер ответил не в формате Pickup Desk. Проверьте адрес.") from None
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
    server_text = body.get("message") or ""
    retry_after = _retry_after(reply)
    if status == 401:
        return AuthRejected(
            "Компьютер не зарегистрирован на сервере или доступ отозван. "
            "Нужна повторная регистрация (код от администратора).",
            status=status,
            code=code,
        )
    if status == 426:
        return UpgradeRequired(
            "Версия программы устарела для сервера. Обновите программу; "
            "работа без связи продолжается, данные сохранены.",
            status=status,
            code=code,
        )
    if status == 410:
        return CursorExpired("Журнал изменений устарел; загружаем полную копию данных.", status=status, code=code)
    if status == 429 or status >= 500:
        return BackendUnavailable(
            f"Сервер временно недоступен (HTTP {status}). Повторим позже.",
            status=status,
            code=code,
            retry_after=retry_after,
        )
    if status == 404 and code is None:
        return NotPickupDesk("По этому адресу нет сервера Pickup Desk (HTTP 404). Проверьте адрес.", status=status)
    return RequestRefused(
        f"Сервер отклонил запрос (HTTP {status}): {server_text or code or 'без пояснений'}", status=status, code=code
    )


def _retry_after(reply: requests.Response) -> float | None:
    value = reply.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
