"""The HTTP client's retry policy and error mapping against a scripted loopback server."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import device_credentials
from desktop.device_credentials import DeviceCredentials
from desktop.sync.client import (
    AuthRejected,
    BackendUnavailable,
    CursorExpired,
    NotPickupDesk,
    RequestRefused,
    SyncClient,
    UpgradeRequired,
)
from desktop.sync.enrolment import check_backend
from protocol.errors import DomainError
from tests.integration.canned_server import CannedServer
from tests.support.tls import self_signed

OK_RESULTS = {"results": [{"event_id": "e1", "status": "applied", "reason": None, "server_seq": 1}]}
EVENT = {"event_id": "e1", "device_seq": 1, "type": "order.arrived", "schema_v": 1, "payload": {},
         "occurred_at": "2026-11-24T09:00:00+00:00"}
HEALTH = {"status": "ok", "version": "0.1.0", "schema_v": 1, "min_schema_v": 1, "min_client_version": "0.1.0"}


@pytest.fixture
def server() -> Iterator[CannedServer]:
    with CannedServer() as srv:
        yield srv


def client(server: CannedServer, read: float = 2.0) -> SyncClient:
    return SyncClient(server.url, "tok", timeout=(1.0, read), backoff_factor=0.01)


def test_get_retries_503_with_retry_after_then_succeeds(server: CannedServer) -> None:
    server.script["GET /v1/changes"] = [(503, {"Retry-After": "1"}, {"code": "busy"}, 0),
                                        (500, {}, {}, 0)]
    server.default["GET /v1/changes"] = (200, {}, {"changes": [], "next_cursor": 5, "has_more": False}, 0)
    page = client(server).changes(5)
    assert page.next_cursor == 5 and server.calls["GET /v1/changes"] == 3


def test_get_429_exhausted_becomes_backend_unavailable(server: CannedServer) -> None:
    server.default["GET /v1/snapshot"] = (429, {"Retry-After": "0"}, {"code": "rate_limited"}, 0)
    with pytest.raises(BackendUnavailable) as err:
        client(server).snapshot()
    assert server.calls["GET /v1/snapshot"] == 4 and err.value.status == 429


def test_post_is_never_retried_by_the_transport(server: CannedServer) -> None:
    server.default["POST /v1/events"] = (503, {"Retry-After": "0"}, {"code": "busy"}, 0)
    with pytest.raises(BackendUnavailable):
        client(server).push_events([EVENT])
    assert server.calls["POST /v1/events"] == 1


@pytest.mark.parametrize("status", [400, 403, 409, 413, 422])
def test_definite_refusals_are_not_retried(server: CannedServer, status: int) -> None:
    server.default["GET /v1/changes"] = (status, {}, {"code": "bad", "message": "нет"}, 0)
    server.default["POST /v1/events"] = (status, {}, {"code": "bad", "message": "нет"}, 0)
    with pytest.raises(RequestRefused):
        client(server).changes(0)
    with pytest.raises(RequestRefused):
        client(server).push_events([EVENT])
    assert server.calls["GET /v1/changes"] == 1 and server.calls["POST /v1/events"] == 1


def test_typed_errors_for_401_410_426(server: CannedServer) -> None:
    server.script["GET /v1/changes"] = [(401, {}, {"code": "unauthorized"}, 0),
                                        (410, {}, {"code": "cursor_expired"}, 0)]
    server.default["POST /v1/events"] = (426, {}, {"code": "schema_too_old", "min_schema_v": 2}, 0)
    c = client(server)
    with pytest.raises(AuthRejected):
        c.changes(0)
    with pytest.raises(CursorExpired):
        c.changes(0)
    with pytest.raises(UpgradeRequired):
        c.push_events([EVENT])


def test_read_timeout_on_post_is_reported_once_not_retried(server: CannedServer) -> None:
    server.default["POST /v1/events"] = (200, {}, OK_RESULTS, 1.0)
    with pytest.raises(BackendUnavailable):
        client(server, read=0.2).push_events([EVENT])
    assert server.calls["POST /v1/events"] == 1


def test_backend_down_is_offline_not_a_crash() -> None:
    with pytest.raises(BackendUnavailable):
        SyncClient("http://127.0.0.1:9", "tok", timeout=(0.5, 0.5), retry_total=1, backoff_factor=0.01).changes(0)


def test_check_backend_messages(server: CannedServer) -> None:
    server.default["GET /v1/health"] = (200, {}, HEALTH, 0)
    assert check_backend(server.url)["schema_v"] == 1
    with pytest.raises(DomainError) as err:
        check_backend("pvz.example.ru")
    assert err.value.code == "sync.bad_url" and "Пример" in str(err.value)
    with pytest.raises(DomainError) as err:
        check_backend("http://127.0.0.1:9")
    assert err.value.code == "sync.unreachable"
    server.default["GET /v1/health"] = (200, {}, {**HEALTH, "min_schema_v": 2}, 0)
    with pytest.raises(DomainError) as err:
        check_backend(server.url)
    assert err.value.code == "sync.upgrade_required" and "Обновите" in str(err.value)
    server.default["GET /v1/health"] = (200, {}, {**HEALTH, "min_client_version": "0.10.0"}, 0)
    with pytest.raises(DomainError) as err:
        check_backend(server.url)
    assert err.value.code == "sync.upgrade_required"
    server.default["GET /v1/health"] = (200, {}, {"hello": "world"}, 0)
    with pytest.raises(DomainError) as err:
        check_backend(server.url)
    assert err.value.code == "sync.not_pickup_desk"


def test_tls_is_verified_and_a_custom_ca_bundle_is_honoured(tmp_path: Path) -> None:
    cert, key = (str(p) for p in self_signed(tmp_path))
    with CannedServer(tls=(cert, key)) as srv:
        srv.default["GET /v1/health"] = (200, {}, HEALTH, 0)
        with pytest.raises(DomainError) as err:
            check_backend(srv.url)
        assert err.value.code == "sync.tls" and "Сертификат" in str(err.value)
        assert check_backend(srv.url, ca_bundle=cert)["status"] == "ok"


def test_not_pickup_desk_on_404(server: CannedServer) -> None:
    with pytest.raises(NotPickupDesk):
        client(server).health()


def test_credentials_file_is_private_and_token_never_in_repr(tmp_path: Path) -> None:
    creds = DeviceCredentials("http://127.0.0.1:1", "dev-1", "s3cret-token", "0042", "cHVi")
    path = device_credentials.save(tmp_path, creds)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert device_credentials.load(tmp_path) == creds
    assert "s3cret" not in repr(creds) and "s3cret" not in repr(SyncClient(creds.backend_url, creds.token))
    device_credentials.delete(tmp_path)
    assert device_credentials.load(tmp_path) is None
