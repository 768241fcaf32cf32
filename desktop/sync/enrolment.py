"""Connecting a counter PC to a backend: check the address, exchange a one-time code, first snapshot."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from desktop import device_credentials, messages
from desktop.db.engine import Database
from desktop.device_credentials import DeviceCredentials
from desktop.sync.client import (
    AuthRejected,
    BackendUnavailable,
    NotPickupDesk,
    RequestRefused,
    SyncClient,
    SyncError,
    TlsProblem,
    server_reason,
)
from desktop.sync.engine import SERVER_KEY, SnapshotProgress, SyncEngine, set_state
from protocol.errors import DomainError
from protocol.events import SCHEMA_V
from protocol.version import client_too_old

messages.register(
    {
        "sync.bad_url": "Адрес сервера указан неверно: «{url}». Пример: https://pvz.example.ru",
        "sync.tls": "Сертификат сервера {url} не прошёл проверку. Проверьте адрес или укажите файл "
        "сертификатов организации (ca_bundle) в настройках.",
        "sync.unreachable": "Сервер {url} не отвечает. Проверьте адрес и подключение к сети.",
        "sync.not_pickup_desk": "По адресу {url} работает не сервер Pickup Desk. Проверьте адрес.",
        "sync.code_invalid": "Код регистрации неверен или уже использован. Попросите новый код у администратора.",
        "sync.code_expired": "Срок действия кода регистрации истёк. Попросите новый код у администратора.",
        "sync.enrol_refused": "Сервер отклонил регистрацию: {detail}",
        "sync.upgrade_required": "Сервер {url} требует более новую версию программы (не ниже {version}). "
        "Обновите программу, затем повторите регистрацию.",
    }
)


def check_backend(url: str, ca_bundle: str | None = None) -> dict[str, Any]:
    """The server's health answer, or a DomainError that says in Russian what is wrong."""
    if not url.startswith(("http://", "https://")):
        raise DomainError("sync.bad_url", url=url)
    client = SyncClient(url, ca_bundle=ca_bundle, retry_total=1)
    try:
        health = client.health()
    except TlsProblem:
        raise DomainError("sync.tls", url=url) from None
    except BackendUnavailable:
        raise DomainError("sync.unreachable", url=url) from None
    except (NotPickupDesk, RequestRefused, AuthRejected):
        raise DomainError("sync.not_pickup_desk", url=url) from None
    finally:
        client.close()
    _check_versions(url, health)
    return health


def _check_versions(url: str, health: dict[str, Any]) -> None:
    """Refuse early when the server no longer accepts this app's events or version."""
    too_old_schema = int(health.get("min_schema_v", 0)) > SCHEMA_V
    minimum = str(health.get("min_client_version") or "0")
    if too_old_schema or client_too_old(minimum):
        raise DomainError("sync.upgrade_required", url=url, version=minimum)


def enrol(url: str, code: str, data_dir: Path | str, db: Database, device_name: str | None = None,
          ca_bundle: str | None = None, progress: SnapshotProgress | None = None) -> DeviceCredentials:
    """Exchange the one-time code for a credential, store it (0600) and the server key, take a snapshot.

    `progress(done, total)` is told how many of the snapshot's orders are stored (the wizard's progress bar).
    """
    check_backend(url, ca_bundle)
    client = SyncClient(url, ca_bundle=ca_bundle)
    try:
        answer = client.enrol(code.strip().upper(), device_name or socket.gethostname())
    except RequestRefused as err:
        if err.code == "enrolment_code_expired":
            raise DomainError("sync.code_expired") from None
        if err.code == "enrolment_code_invalid" or err.status == 403:
            raise DomainError("sync.code_invalid") from None
        raise DomainError("sync.enrol_refused", detail=server_reason(err.code)) from None
    finally:
        client.close()
    creds = DeviceCredentials(url.rstrip("/"), answer["device_id"], answer["token"], answer["point"]["code"],
                              answer["public_key"])
    device_credentials.save(data_dir, creds)
    with db.write() as s:
        set_state(s, SERVER_KEY, creds.public_key)
        set_state(s, "device_id", creds.device_id)
        set_state(s, "point_code", creds.point_code)
    first_snapshot(creds, db, ca_bundle, progress)
    return creds


def first_snapshot(creds: DeviceCredentials, db: Database, ca_bundle: str | None = None,
                   progress: SnapshotProgress | None = None) -> None:
    client = client_for(creds, ca_bundle)
    engine = SyncEngine(db, client)
    if progress is not None:
        engine.snapshot_progress = progress
    try:
        engine.take_snapshot()
    except SyncError:
        pass  # the runner's first sync takes the snapshot when the server is reachable again
    finally:
        client.close()


def client_for(creds: DeviceCredentials, ca_bundle: str | None = None) -> SyncClient:
    """An authenticated client for stored credentials."""
    return SyncClient(creds.backend_url, creds.token, ca_bundle=ca_bundle)
