"""Self-test checks of this PC: configuration, data and log directories, the local database, the device file."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import tempfile
from pathlib import Path
from typing import Any

from desktop.config import AppConfig
from desktop.selftest.report import SelfTestReport, Status


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
