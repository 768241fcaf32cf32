"""``--self-test``: checks an installation and prints a readable Russian report with an exit code.

Checks: configuration, data and log directories, the local database (integrity_check, migration
state), the device credential, the backend (health, minimum version, credential), the scanner
settings, and — through probes the Qt side passes in, since this module stays Qt-free — the
printer and camera lists. Exit code: 0 all fine, 1 warnings only, 2 at least one failure.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import requests

from desktop import messages
from desktop.config import AppConfig
from desktop.version import build_info
from protocol.errors import DomainError
from protocol.version import VERSION

HEALTH_TIMEOUT = (5.0, 10.0)
TERMINATOR_SUFFIXES = ("\n", "\r", "\r\n", "\t")
SHORTEST_SCAN = 6  # the pickup code

messages.register(
    {
        "backend.tls": "Сертификат сервера {url} не прошёл проверку ({detail}). Проверьте адрес, дату и время "
        "на компьютере или укажите корневой сертификат организации (ca_bundle).",
        "backend.unreachable": "Сервер {url} недоступен ({detail}). Проверьте адрес и подключение к сети.",
        "backend.not_pickup_desk": "По адресу {url} отвечает не сервер Pickup Desk ({detail}). "
        "Проверьте адрес: обычно он выглядит как https://сервер/ без /v1.",
        "backend.client_too_old": "Версия программы {version} устарела: сервер требует не ниже {required}. "
        "Обновите программу; до обновления работа идёт офлайн, очередь событий сохраняется.",
    }
)


class Status(Enum):
    OK = "ok"
    WARNING = "warning"
    FAILED = "failed"
    SKIPPED = "skipped"


LABELS = {Status.OK: "[ OK ]", Status.WARNING: "[ВНИМ]", Status.FAILED: "[ОШИБ]", Status.SKIPPED: "[ -- ]"}


@dataclass(frozen=True)
class CheckResult:
    """One line of the report."""

    name: str
    status: Status
    detail: str


@dataclass
class SelfTestReport:
    """All check results; `exit_code` is 2 with any failure, 1 with warnings only, else 0."""

    results: list[CheckResult] = field(default_factory=list)

    def add(self, name: str, status: Status, detail: str) -> None:
        self.results.append(CheckResult(name, status, detail))

    @property
    def exit_code(self) -> int:
        statuses = {r.status for r in self.results}
        if Status.FAILED in statuses:
            return 2
        return 1 if Status.WARNING in statuses else 0

    def result(self, name: str) -> CheckResult:
        return next(r for r in self.results if r.name == name)

    def render(self) -> str:
        lines = [f"Самопроверка: {build_info().one_line()}", ""]
        lines += [f"{LABELS[r.status]} {r.name}: {r.detail}" for r in self.results]
        summary = {0: "всё в порядке", 1: "есть предупреждения", 2: "есть ошибки — см. [ОШИБ] выше"}
        lines += ["", f"Итог: {summary[self.exit_code]} (код выхода {self.exit_code})", ""]
        return "\n".join(lines)


Probe = Callable[[], list[str]]


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
        raise DomainError("backend.not_pickup_desk", url=base, detail="ответ не похож на /v1/health") from exc


def _short(exc: Exception) -> str:
    text = str(exc)
    for marker in ("CERTIFICATE_VERIFY_FAILED", "Name or service not known", "Connection refused",
                   "timed out", "hostname mismatch", "certificate has expired", "self-signed certificate"):
        if marker in text:
            return marker
    return type(exc).__name__


def version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def client_too_old(min_client_version: str, version: str = VERSION) -> bool:
    return version_tuple(version) < version_tuple(min_client_version)


# --- the checks ---


def check_config(config: AppConfig, report: SelfTestReport) -> None:
    sources = ", ".join(config.sources) or "встроенные значения по умолчанию"
    report.add("Настройки", Status.OK, f"прочитаны: {sources}")
    if config.unknown_env:
        report.add("Переменные окружения", Status.WARNING,
                   f"неизвестные переменные (опечатка?): {', '.join(config.unknown_env)}")
    if config.ca_bundle is not None and not config.ca_bundle.is_file():
        report.add("Сертификаты", Status.FAILED, f"файл ca_bundle {config.ca_bundle} не найден")


def check_directory(name: str, path: Path, report: SelfTestReport) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".selftest-"):
            pass
    except OSError as exc:
        report.add(name, Status.FAILED, f"{path}: запись невозможна ({exc.strerror or exc})")
        return
    report.add(name, Status.OK, str(path))


def check_database(config: AppConfig, report: SelfTestReport) -> None:
    path = config.cache_path
    if not path.exists():
        report.add("База данных", Status.WARNING, f"{path} ещё не создана (создастся при первом запуске)")
        return
    try:
        integrity = _integrity(path)
    except sqlite3.DatabaseError as exc:
        report.add("База данных", Status.FAILED, f"{path} не открывается как SQLite ({exc})")
        return
    if integrity != "ok":
        report.add("База данных", Status.FAILED, f"integrity_check: {integrity[:200]}")
        return
    report.add("База данных", Status.OK, f"{path}: целостность в порядке")
    check_migrations(path, report)


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()
    return "; ".join(str(row[0]) for row in rows)


def check_migrations(path: Path, report: SelfTestReport) -> None:
    from desktop.db.engine import Database
    from desktop.db.migrate import _known, current_revision, head_revision

    db = Database(path)
    try:
        current, head = current_revision(db), head_revision()
    finally:
        db.dispose()
    if current == head:
        report.add("Схема базы", Status.OK, f"ревизия {current} (актуальная)")
    elif current is not None and not _known(current):
        report.add("Схема базы", Status.FAILED, f"ревизия {current} новее программы: обновите программу")
    else:
        report.add("Схема базы", Status.WARNING,
                   f"ревизия {current or 'нет'}, актуальная {head}: обновится при запуске (с резервной копией)")


def read_device_file(config: AppConfig) -> dict[str, Any] | None:
    """The stored device credential, or None when the PC is not enrolled."""
    try:
        data = json.loads(config.device_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return data if isinstance(data, dict) else {}


def check_device(config: AppConfig, report: SelfTestReport) -> dict[str, Any] | None:
    try:
        device = read_device_file(config)
    except (OSError, ValueError) as exc:
        report.add("Регистрация", Status.FAILED, f"{config.device_file} повреждён ({exc}); зарегистрируйте заново")
        return None
    if device is None:
        status = Status.OK if config.uses_embedded_backend else Status.FAILED
        detail = "встроенный демо-сервер (регистрация при первом запуске)" if config.uses_embedded_backend else (
            "компьютер не зарегистрирован: выполните PickupDesk --enrol АДРЕС КОД")
        report.add("Регистрация", status, detail)
        return None
    _check_device_fields(config, device, report)
    return device


def _check_device_fields(config: AppConfig, device: dict[str, Any], report: SelfTestReport) -> None:
    missing = [k for k in ("device_id", "token", "point_code") if not device.get(k)]
    if missing:
        report.add("Регистрация", Status.FAILED, f"в {config.device_file} нет полей {', '.join(missing)}")
        return
    if config.point_code and config.point_code != device["point_code"]:
        report.add("Регистрация", Status.FAILED, f"компьютер зарегистрирован на пункт {device['point_code']}, "
                   f"а в настройках указан {config.point_code}")
        return
    report.add("Регистрация", Status.OK, f"пункт {device['point_code']}, устройство {device['device_id']}")
    if os.name == "posix" and stat.S_IMODE(config.device_file.stat().st_mode) & 0o077:
        report.add("Права на device.json", Status.WARNING, "файл доступен другим пользователям (нужно 0600)")


def check_backend(config: AppConfig, device: dict[str, Any] | None, report: SelfTestReport) -> None:
    url = (device or {}).get("backend_url") or config.backend_url
    if url is None or (config.uses_embedded_backend and _is_loopback(url)):
        report.add("Сервер", Status.SKIPPED, "встроенный демо-сервер запускается вместе с программой")
        return
    try:
        health = check_backend_health(url, verify_setting(config))
    except DomainError as exc:
        status = Status.WARNING if exc.code == "backend.unreachable" else Status.FAILED
        report.add("Сервер", status, str(exc) + (" Программа работает офлайн." if status is Status.WARNING else ""))
        return
    from protocol.events import SCHEMA_V

    if client_too_old(health.min_client_version) or health.min_schema_v > SCHEMA_V:
        report.add("Сервер", Status.FAILED, str(DomainError("backend.client_too_old", version=VERSION,
                                                             required=_required(health))))
        return
    report.add("Сервер", Status.OK, f"{health.url} отвечает, версия сервера {health.version}")
    if device is not None and device.get("token"):
        check_credential(health.url, str(device["token"]), verify_setting(config), report)


def _required(health: BackendHealth) -> str:
    return f"{health.min_client_version} (схема событий {health.min_schema_v})"


def _is_loopback(url: str) -> bool:
    host = url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
    return host in ("127.0.0.1", "localhost", "[::1]")


def check_credential(url: str, token: str, verify: bool | str, report: SelfTestReport) -> None:
    try:
        response = requests.get(f"{url}/v1/changes", params={"cursor": 0, "limit": 1}, timeout=HEALTH_TIMEOUT,
                                headers={"Authorization": f"Bearer {token}"}, verify=verify)
    except requests.exceptions.RequestException as exc:
        report.add("Ключ устройства", Status.WARNING, f"не удалось проверить ({_short(exc)})")
        return
    if response.status_code in (401, 403):
        report.add("Ключ устройства", Status.FAILED,
                   "сервер не принимает ключ (регистрация отозвана?): зарегистрируйте компьютер заново")
    elif response.status_code >= 500:
        report.add("Ключ устройства", Status.WARNING, f"сервер ответил HTTP {response.status_code}")
    else:
        report.add("Ключ устройства", Status.OK, "сервер принимает ключ")


def check_scanner(config: AppConfig, report: SelfTestReport) -> None:
    scanner = config.scanner
    problems = list(_scanner_problems(config))
    detail = (f"суффикс {scanner.suffix!r}, префикс {scanner.prefix!r}, интервал ≤ {scanner.max_interkey_ms} мс, "
              f"длина ≥ {scanner.min_length}")
    report.add("Сканер", Status.WARNING if problems else Status.OK, "; ".join([*problems, detail]))


def _scanner_problems(config: AppConfig) -> Iterator[str]:
    scanner = config.scanner
    if scanner.suffix not in TERMINATOR_SUFFIXES:
        yield "суффикс должен быть Enter или Tab, иначе конец скана не распознаётся"
    if scanner.min_length > SHORTEST_SCAN:
        yield f"минимальная длина {scanner.min_length} больше кода получения ({SHORTEST_SCAN} цифр)"
    if scanner.max_interkey_ms < 10:
        yield "интервал меньше 10 мс: медленный сканер будет принят за ручной ввод"
    if scanner.max_interkey_ms > 100:
        yield "интервал больше 100 мс: быстрый ручной ввод будет принят за скан"


def check_printers(config: AppConfig, probe: Probe | None, report: SelfTestReport) -> None:
    names = _run_probe("Принтеры", probe, report)
    if names is None:
        return
    missing = [f"{kind}: «{name}»" for kind, name in config.printers.items() if name not in names]
    if missing:
        report.add("Принтеры", Status.WARNING, f"не найдены настроенные принтеры {', '.join(missing)}; "
                   f"в системе: {', '.join(names) or 'нет'}")
    elif not names:
        report.add("Принтеры", Status.WARNING, "в системе нет ни одного принтера: этикетки и акты не напечатать")
    else:
        report.add("Принтеры", Status.OK, ", ".join(names))


def check_cameras(probe: Probe | None, report: SelfTestReport) -> None:
    names = _run_probe("Камеры", probe, report)
    if names is None:
        return
    if names:
        report.add("Камеры", Status.OK, ", ".join(names))
    else:
        report.add("Камеры", Status.WARNING, "камер нет: QR-коды можно читать только сканером")


def _run_probe(name: str, probe: Probe | None, report: SelfTestReport) -> list[str] | None:
    if probe is None:
        report.add(name, Status.SKIPPED, "не проверялось (без графической части)")
        return None
    try:
        return sorted(probe())
    except Exception as exc:
        report.add(name, Status.WARNING, f"список не получен ({type(exc).__name__}: {exc})")
        return None


def check_runtime(report: SelfTestReport) -> None:
    """Draw a club-card barcode (python-barcode with its font) and read it back (pyzbar + libzbar)."""
    detail = f"Python {sys.version.split()[0]}, {'сборка' if build_info().frozen else 'исходники'}"
    try:
        problem = _barcode_round_trip()
    except Exception as exc:
        problem = f"{type(exc).__name__}: {exc}"
    if problem:
        report.add("Штрихкоды", Status.WARNING, f"печать/распознавание не работает ({problem}); {detail}")
    else:
        report.add("Штрихкоды", Status.OK, f"печать и распознавание работают (zbar: {_zbar_file()}); {detail}")


def _zbar_file() -> str:
    from pyzbar import wrapper

    return str(getattr(wrapper.LIBZBAR, "_name", "?"))


def _barcode_round_trip() -> str | None:
    try:
        from pyzbar.pyzbar import decode
    except ImportError as exc:
        return f"библиотека zbar не найдена: {exc}"
    from barcode import EAN13
    from barcode.writer import ImageWriter

    number = "2000000000008"
    image = EAN13(number[:12], writer=ImageWriter()).render({"font_size": 8})
    read = [symbol.data.decode() for symbol in decode(image)]
    return None if read == [number] else f"прочитано {read!r} вместо {number}"


def run_self_test(config: AppConfig, printers: Probe | None = None, cameras: Probe | None = None) -> SelfTestReport:
    """Run every check; printer and camera lists come from the caller's (Qt) probes."""
    report = SelfTestReport()
    check_config(config, report)
    check_directory("Каталог данных", config.data_dir, report)
    check_directory("Каталог журналов", config.log_dir, report)
    check_runtime(report)
    check_database(config, report)
    device = check_device(config, report)
    check_backend(config, device, report)
    check_scanner(config, report)
    check_printers(config, printers, report)
    check_cameras(cameras, report)
    return report
