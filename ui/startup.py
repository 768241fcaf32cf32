"""Start-up work run off the GUI thread: migrate the cache, connect to (or start) the backend, build sync.

Order: migrate the local database with a backup; use the stored device credential, or — with no
backend configured or enrolled — start the embedded default backend and enrol against it on first run
(only in a demo or fresh data dir, which the first run marks: `device_credentials.mark_demo`). Only
for that embedded default, when its backend cannot start, the demo point is loaded straight into
the cache so the demo still works offline. A configured central server is never filled with demo
data: a counter PC without a credential enrols first (ui.app runs the enrolment wizard on the GUI
thread before this start-up work).

Before all that the cache file is checked (quick_check, desktop.db.integrity): a damaged file stops the
start with `CacheDamaged`; ui.app asks the clerk what to do (ui.damaged_cache_dialog) and starts again with
a `Repair`: the unsent events are salvaged and the damaged file kept aside (desktop.db.recovery), the last
good backup or a new empty cache takes its place, the salvaged events go into its outbox, and a new cache
takes the server's snapshot at once.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop import device_credentials, messages
from desktop.config import AppConfig
from desktop.db import recovery
from desktop.db.engine import Database
from desktop.db.integrity import Damage
from desktop.db.migrate import migrate_with_backup
from desktop.device_credentials import DeviceCredentials
from desktop.translatable import QT_TRANSLATE_NOOP
from protocol.errors import DomainError

if TYPE_CHECKING:  # the server is an optional extra: typing only, never imported here at run time
    from backend.embedded import EmbeddedBackend
    from desktop.sync.engine import SyncEngine
    from desktop.sync.runner import SyncRunner
    from desktop.update.service import UpdateService

Progress = Callable[[int, int, str], None]

log = logging.getLogger(__name__)

messages.register({
    "device_not_enrolled": "Этот компьютер не зарегистрирован на сервере {backend}. Запустите программу снова "
                           "и пройдите регистрацию с кодом от администратора (или pickup-desk --enrol АДРЕС КОД).",
    "db.damaged": "Файл базы данных {path} повреждён ({detail}).",
})


class Repair(StrEnum):
    """What the clerk chose for a damaged cache (the unsent events are salvaged first in both cases)."""

    RESTORE = "restore"  # the last good backup
    REBUILD = "rebuild"  # a new cache from the server's snapshot


class CacheDamaged(DomainError):
    """The cache file failed its check at start: the clerk chooses a `Repair`."""

    def __init__(self, damage: Damage, backup: Path | None) -> None:
        super().__init__("db.damaged", path=str(damage.path), detail=damage.detail[:200])
        self.damage = damage
        self.backup = backup


@dataclass
class Started:
    """What the GUI needs once start-up work is done."""

    db: Database
    point_name: str
    sync: SyncRunner | None = None
    embedded: EmbeddedBackend | None = None  # stopped at exit
    demo_hint: str = ""
    point_short: str = ""
    repair: recovery.RepairReport | None = None  # a damaged cache was repaired in this start
    updates: UpdateService | None = None  # the background update check (an enrolled PC of a real server)


STEP = 100  # each of the STEPS start-up steps is this many units of the bar: the demo point's orders move it
STEPS = 4
DEMO_TEXT = QT_TRANSLATE_NOOP("Startup", "Создание демонстрационного пункта выдачи…")


def start(config: AppConfig, progress: Progress | None = None, repair: Repair | None = None) -> Started:
    """Check, migrate, connect, build the sync runner; `progress(done, total, text)` reports each step."""
    report = progress or (lambda *_: None)
    demo = config.uses_embedded_backend  # decided once: the demo's own first steps create files in the dir
    if demo:
        device_credentials.mark_demo(config.data_dir)
    report(0, STEPS * STEP, QT_TRANSLATE_NOOP("Startup", "Обновление базы данных…"))
    repaired = check_cache(config.cache_path, repair)
    db = migrate_with_backup(config.cache_path)
    recovery.requeue_salvaged(config.cache_path, db)  # also the rest of a repair a crash interrupted
    report(1 * STEP, STEPS * STEP, QT_TRANSLATE_NOOP("Startup", "Подключение к серверу…"))
    creds = device_credentials.load(config.data_dir)
    embedded = None
    if demo:
        creds, embedded = _embedded_first_run(config, db, report)
    report(3 * STEP, STEPS * STEP, QT_TRANSLATE_NOOP("Startup", "Запуск синхронизации…"))
    if repaired is not None and repaired.backup is None and creds is not None:  # a new, empty cache
        _rebuild_from_snapshot(config, db, creds)
    sync = _sync_runner(config, db, creds) if creds is not None else None
    if demo and embedded is None:
        _ensure_demo_cache(db, demo_progress(report, 3))
    elif creds is None:
        db.dispose()
        raise DomainError("device_not_enrolled", backend=config.backend_url or "—")
    report(STEPS * STEP, STEPS * STEP, QT_TRANSLATE_NOOP("Startup", "Готово"))
    hint = demo_hint() if demo else ""
    bundle = getattr(sys, "frozen", False)  # a checkout never updates itself to a bundle
    updates = _update_service(config, creds) if creds is not None and bundle and not demo else None
    return Started(db, _point_name(db), sync, embedded, hint, _point_name(db, short=True), repaired, updates)


def check_cache(path: Path, repair: Repair | None) -> recovery.RepairReport | None:
    """Raise `CacheDamaged` for a damaged cache file, or repair it as the clerk chose; None when it is sound."""
    damage = recovery.damage_at_start(path)
    if damage is None:
        return None
    log.error("the cache %s is damaged: %s", path, damage.detail)
    backup = recovery.last_good_backup(path)
    if repair is None:
        raise CacheDamaged(damage, backup)
    return recovery.repair(path, backup if repair is Repair.RESTORE else None)


def _rebuild_from_snapshot(config: AppConfig, db: Database, creds: DeviceCredentials) -> None:
    """A new cache: the server's snapshot now (offline: the first sync takes it), the salvaged events wait."""
    from desktop.sync.enrolment import first_snapshot

    first_snapshot(creds, db, str(config.ca_bundle) if config.ca_bundle else None)


def demo_progress(report: Progress, step: int) -> Callable[[int, int], None]:
    """The demo generator's `progress(done, total)` as the bar's move through start-up step `step`."""
    shown = [-1]

    def orders_made(done: int, total: int) -> None:
        value = step * STEP + done * STEP // max(total, 1)
        if value != shown[0]:  # one signal per unit, not per order
            shown[0] = value
            report(value, STEPS * STEP, DEMO_TEXT)

    return orders_made


def _embedded_first_run(
    config: AppConfig, db: Database, report: Progress
) -> tuple[DeviceCredentials | None, EmbeddedBackend | None]:
    """Start the embedded backend (a new loopback port each run); enrol against it on the first run."""
    server = _start_embedded(config.data_dir, demo_progress(report, 1))
    if server is None:
        return None, None
    report(2 * STEP, STEPS * STEP, QT_TRANSLATE_NOOP("Startup", "Регистрация рабочего места…"))
    creds = device_credentials.load(config.data_dir)
    if creds is not None:
        return replace(creds, backend_url=server.url), server
    from desktop.sync.enrolment import enrol
    from protocol.demo_data import DEMO_POINT_CODE

    code = server.create_enrolment_code(config.point_code or DEMO_POINT_CODE)
    return enrol(server.url, code, config.data_dir, db, config.device_name), server


def _start_embedded(data_dir: Path, progress: Callable[[int, int], None]) -> EmbeddedBackend | None:
    """The embedded demo backend, or None when this build has no server (the `server` extra) or it fails."""
    try:
        from backend.embedded import start_embedded  # the one import of the server (import-linter allows it)
    except ImportError as exc:
        log.warning("This build has no embedded server (%s): offline demo data without sync", exc)
        return None
    try:
        return start_embedded(data_dir, progress=progress)
    except (RuntimeError, OSError):
        log.warning("The embedded server did not start: offline demo data without sync", exc_info=True)
        return None


def _sync_runner(config: AppConfig, db: Database, creds: DeviceCredentials) -> SyncRunner:
    """The sync runner, not started: the GUI starts it once the login screen shows (no network before that); its
    engine, the HTTP client and requests are made (imported) by the sync thread then, not before the login."""
    from desktop.sync.runner import SyncRunner

    ca = str(config.ca_bundle) if config.ca_bundle else None

    def make_engine() -> SyncEngine:
        from desktop.sync.engine import SyncEngine
        from desktop.sync.enrolment import client_for

        return SyncEngine(db, client_for(creds, ca))

    return SyncRunner(make_engine, interval=float(config.sync_interval_seconds))


def _update_service(config: AppConfig, creds: DeviceCredentials) -> UpdateService:
    """Check for updates in the background: first after a delay (the start never waits), then daily."""
    import os

    from desktop.sync.enrolment import client_for
    from desktop.update.layout import UpdateLayout
    from desktop.update.service import FIRST_CHECK_DELAY_S, UpdateChecker, UpdateService
    from desktop.update.stamp import bundled_root
    from protocol.version import VERSION

    ca = str(config.ca_bundle) if config.ca_bundle else None
    checker = UpdateChecker(UpdateLayout.for_data_dir(config.data_dir), VERSION, config.update_url,
                            client_for(creds, ca).update_policy, bundled_root(), ca)
    delay = float(os.environ.get("PICKUP_UPDATE_FIRST_CHECK_S", FIRST_CHECK_DELAY_S))  # the rehearsal: 0
    service = UpdateService(checker, first_delay=delay)
    service.start()
    return service


def _ensure_demo_cache(db: Database, progress: Callable[[int, int], None]) -> None:
    """No backend at all: fill an empty cache with the demo point (offline demo)."""
    from desktop.demo.loader import load_demo
    from protocol.demo_data import generate_point

    if _point_name(db):
        return
    load_demo(db, generate_point(progress=progress))


def _point_name(db: Database, short: bool = False) -> str:
    from desktop.services.base import local_point

    try:
        with db.read() as session:
            point = local_point(session)
            if short:
                return f"{point.code}, {point.city}"
            return f"{point.name} ({point.code}), {point.address}"
    except DomainError:
        return ""


def demo_hint() -> str:
    """The demo staff line shown on the login screen (only for the demo point)."""
    try:
        from protocol.demo_data import DEMO_STAFF
    except ImportError:
        return ""
    person = QCoreApplication.translate("Startup", "{login} / {password} (пропуск {badge}, PIN {pin})")
    people = "; ".join(person.format(login=login, password=password, badge=badge, pin=pin)
                       for login, _name, _role, badge, pin, password in DEMO_STAFF[:3])
    return QCoreApplication.translate("Startup", "Демо: {people}").format(people=people)

