"""Self-test checks of the server: health, minimum client version and the device credential."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests

from desktop import messages
from desktop.config import AppConfig
from desktop.selftest.report import SelfTestReport, Status
from desktop.translatable import translate
from protocol.errors import DomainError
from protocol.version import VERSION, client_too_old

HEALTH_TIMEOUT = (5.0, 10.0)

messages.register(
    {
        "backend.tls": "Сертификат сервера {url} не прошёл проверку ({detail}). Проверьте адрес, дату и время "
        "на компьютере или укажите корневой сертификат организации (ca_bundle).",
        "backend.unreachable": "Сервер {url} недоступен ({detail}). Проверьте адрес и подключение к сети.",
        "backend.not_pickup_desk": "По адресу {url} отвечает не сервер Pickup Desk ({detail}). "
        "Проверьте адрес: обычно он выглядит как https://сервер/ без /v1.",
        "backend.not_health": "По адресу {url} отвечает не сервер Pickup Desk: ответ не похож на /v1/health. "
        "Проверьте адрес: обычно он выглядит как https://сервер/ без /v1.",
        "backend.client_too_old": "Версия программы {version} устарела: сервер требует не ниже {required}. "
        "Обновите программу; до обновления работа идёт офлайн, очередь событий сохраняется.",
    }
)


@dataclass(frozen=True)
class BackendHealth:
    """What ``GET /v1/health`` answered."""

    url: str
    version: str
    schema_v: int
    min_client_version: str
    min_schema_v: int = 0


def verify_setting(config: AppConfig) -> bool | str:
    """`verify=` for requests: the configured CA bundle, else the system/certifi store (always verified)."""
    return str(config.ca_bundle) if config.ca_bundle else True


def check_backend_health(url: str, verify: bool | str = True, session: Any = None) -> BackendHealth:
    """Call the health endpoint; raises DomainError backend.tls / unreachable / not_pickup_desk."""
    http = session or requests
    base = url.rstrip("/")
    try:
        response = http.get(f"{base}/v1/health", timeout=HEALTH_TIMEOUT, verify=verify)
    except requests.exceptions.SSLError as exc:
        raise DomainError("backend.tls", url=base, detail=_short(exc)) from exc
    except requests.exceptions.RequestException as exc:
        raise DomainError("backend.unreachable", url=base, detail=_short(exc)) from exc
    return _parse_health(base, response)


def _parse_health(base: str, response: requests.Response) -> BackendHealth:
    if response.status_code != 200:
        raise DomainError("backend.not_pickup_desk", url=base, detail=f"HTTP {response.status_code}")
    try:
        body = response.json()
        return BackendHealth(base, str(body["version"]), int(body["schema_v"]),
                             str(body.get("min_client_version", "0")), int(body.get("min_schema_v", 0)))
    except (ValueError, KeyError, TypeError) as exc:
        raise DomainError("backend.not_health", url=base) from exc


def _short(exc: Exception) -> str:
    text = str(exc)
    for marker in ("CERTIFICATE_VERIFY_FAILED", "Name or service not known", "Connection refused",
                   "timed out", "hostname mismatch", "certificate has expired", "self-signed certificate"):
        if marker in text:
            return marker
    return type(exc).__name__


def check_backend(config: AppConfig, device: dict[str, Any] | None, report: SelfTestReport) -> None:
    url = (device or {}).get("backend_url") or config.backend_url
    if url is None or (config.uses_embedded_backend and _is_loopback(url)):
        report.add("server", Status.SKIPPED,
                   translate("SelfTest", "встроенный демо-сервер запускается вместе с программой"))
        return
    try:
        health = check_backend_health(url, verify_setting(config))
    except DomainError as exc:
        _report_unhealthy(exc, report)
        return
    from protocol.events import SCHEMA_V

    if client_too_old(health.min_client_version) or health.min_schema_v > SCHEMA_V:
        report.add("server", Status.DEGRADED,
                   str(DomainError("backend.client_too_old", version=VERSION, required=_required(health))))
        return
    report.add("server", Status.OK,
               translate("SelfTest", "{0} отвечает, версия сервера {1}").format(health.url, health.version))
    if device is not None and device.get("token"):
        check_credential(health.url, str(device["token"]), verify_setting(config), report)


def _report_unhealthy(exc: DomainError, report: SelfTestReport) -> None:
    """Degraded, never «cannot work»: the counter works offline and keeps its queue until the server answers."""
    offline = translate("SelfTest", "Программа работает офлайн.")
    report.add("server", Status.DEGRADED, f"{exc} {offline}")


def _required(health: BackendHealth) -> str:
    return translate("SelfTest", "{0} (схема событий {1})").format(health.min_client_version, health.min_schema_v)


def _is_loopback(url: str) -> bool:
    host = url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
    return host in ("127.0.0.1", "localhost", "[::1]")


def check_credential(url: str, token: str, verify: bool | str, report: SelfTestReport) -> None:
    try:
        response = requests.get(f"{url}/v1/changes", params={"cursor": 0, "limit": 1}, timeout=HEALTH_TIMEOUT,
                                headers={"Authorization": f"Bearer {token}"}, verify=verify)
    except requests.exceptions.RequestException as exc:
        report.add("device_key", Status.DEGRADED,
                   translate("SelfTest", "не удалось проверить ({0})").format(_short(exc)))
        return
    title = "device_key"
    if response.status_code in (401, 403):  # revoked for good: this PC's work would never reach the server
        report.add(title, Status.FAILED, translate(
            "SelfTest", "сервер не принимает ключ (регистрация отозвана?): зарегистрируйте компьютер заново"))
    elif response.status_code >= 500:
        report.add(title, Status.DEGRADED,
                   translate("SelfTest", "сервер ответил HTTP {0}").format(response.status_code))
    else:
        report.add(title, Status.OK, translate("SelfTest", "сервер принимает ключ"))
