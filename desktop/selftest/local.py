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
from desktop.db import integrity
from desktop.selftest.report import SelfTestReport, Status
from desktop.translatable import translate


def check_config(config: AppConfig, report: SelfTestReport) -> None:
    sources = ", ".join(config.sources) or translate("SelfTest", "встроенные значения по умолчанию")
    report.add("config", Status.OK, translate("SelfTest", "прочитаны: {0}").format(sources))
    if config.unknown_env:
        unknown = ", ".join(config.unknown_env)
        report.add("environment", Status.WARNING,
                   translate("SelfTest", "неизвестные переменные (опечатка?): {0}").format(unknown))
    if config.ca_bundle is not None and not config.ca_bundle.is_file():
        report.add("certificates", Status.DEGRADED,
                   translate("SelfTest", "файл ca_bundle {0} не найден").format(config.ca_bundle))


def check_directory(name: str, path: Path, report: SelfTestReport) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".selftest-"):
            pass
    except OSError as exc:
        report.add(name, Status.FAILED,
                   translate("SelfTest", "{0}: запись невозможна ({1})").format(path, exc.strerror or exc))
        return
    report.add(name, Status.OK, str(path))


def check_database(config: AppConfig, report: SelfTestReport) -> None:
    path, name = config.cache_path, "database"
    if not path.exists():
        report.add(name, Status.WARNING,
                   translate("SelfTest", "{0} ещё не создана (создастся при первом запуске)").format(path))
        return
    try:
        damage = integrity.check(path, thorough=True, read_only=True)
    except (sqlite3.Error, OSError) as exc:
        report.add(name, Status.FAILED, translate("SelfTest", "{0} не открывается ({1})").format(path, exc))
        return
    if damage is not None:
        detail = translate("SelfTest", "файл {0} повреждён ({1}). Запустите программу: она сохранит "
                                       "неотправленные действия и предложит восстановить базу из резервной "
                                       "копии или загрузить её заново с сервера")
        report.add(name, Status.FAILED, detail.format(path, damage.detail[:200]))
        return
    report.add(name, Status.OK, translate("SelfTest", "{0}: целостность в порядке").format(path))
    check_migrations(path, report)


def check_migrations(path: Path, report: SelfTestReport) -> None:
    """The schema revision, read through a read-only connection: the self-test never migrates or writes."""
    from desktop.db.migrate import _known, head_revision

    name = "schema"
    try:
        current = stored_revision(path)
    except sqlite3.Error as exc:  # damage the integrity check let through still reads as damage, not a traceback
        report.add(name, Status.FAILED, translate("SelfTest", "{0} не читается ({1})").format(path, exc))
        return
    head = head_revision()
    if current == head:
        report.add(name, Status.OK, translate("SelfTest", "ревизия {0} (актуальная)").format(current))
    elif current is not None and not _known(current):
        report.add(name, Status.FAILED,
                   translate("SelfTest", "ревизия {0} новее программы: обновите программу").format(current))
    else:
        detail = translate("SelfTest", "ревизия {0}, актуальная {1}: обновится при запуске (с резервной копией)")
        report.add(name, Status.WARNING, detail.format(current or translate("SelfTest", "нет"), head))


def stored_revision(path: Path) -> str | None:
    """The Alembic revision stored in the database file (None before the first migration), opened read-only."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone()
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone() if has_table else None
    finally:
        conn.close()
    return str(row[0]) if row else None


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
        report.add("enrolment", Status.DEGRADED,
                   translate("SelfTest", "{0} повреждён ({1}); зарегистрируйте заново").format(config.device_file, exc))
        return None
    if device is None:
        if config.uses_embedded_backend:
            report.add("enrolment", Status.OK,
                       translate("SelfTest", "встроенный демо-сервер (регистрация при первом запуске)"))
        else:
            report.add("enrolment", Status.DEGRADED,
                       translate("SelfTest", "компьютер не зарегистрирован: выполните PickupDesk --enrol АДРЕС КОД"))
        return None
    _check_device_fields(config, device, report)
    return device


def _check_device_fields(config: AppConfig, device: dict[str, Any], report: SelfTestReport) -> None:
    missing = [k for k in ("device_id", "token", "point_code") if not device.get(k)]
    name = "enrolment"
    if missing:
        report.add(name, Status.DEGRADED,
                   translate("SelfTest", "в {0} нет полей {1}").format(config.device_file, ", ".join(missing)))
        return
    if config.point_code and config.point_code != device["point_code"]:
        detail = translate("SelfTest", "компьютер зарегистрирован на пункт {0}, а в настройках указан {1}")
        report.add(name, Status.FAILED, detail.format(device["point_code"], config.point_code))
        return
    report.add(name, Status.OK,
               translate("SelfTest", "пункт {0}, устройство {1}").format(device["point_code"], device["device_id"]))
    if os.name == "posix" and stat.S_IMODE(config.device_file.stat().st_mode) & 0o077:
        report.add("device_file_mode", Status.WARNING,
                   translate("SelfTest", "файл доступен другим пользователям (нужно 0600)"))
