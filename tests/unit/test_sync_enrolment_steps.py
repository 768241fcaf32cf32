"""Connecting a counter PC: the address is checked first (a TLS, offline or foreign server said in words), a server
that no longer accepts this version is refused before the code is spent, the one-time code is exchanged (trimmed,
upper-cased), the credential and server key are stored, and the first snapshot is taken (or left to the runner)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any, ClassVar

import pytest

from desktop import device_credentials
from desktop.db.engine import Database
from desktop.sync import enrolment
from desktop.sync.client import (
    AuthRejected,
    BackendUnavailable,
    NotPickupDesk,
    RequestRefused,
    SyncClient,
    SyncError,
    TlsProblem,
)
from desktop.sync.engine import SERVER_KEY, get_state
from desktop.sync.enrolment import check_backend, client_for, enrol, first_snapshot
from protocol.errors import DomainError
from protocol.events import SCHEMA_V
from protocol.version import VERSION

URL = "https://pvz.example.ru"
HEALTH = {"status": "ok", "schema_v": SCHEMA_V, "min_schema_v": SCHEMA_V, "min_client_version": VERSION}
ANSWER = {"device_id": "dev-7", "token": "secret-token", "point": {"code": "0042"}, "public_key": "PUBKEY"}


class FakeClient:
    """Stands in for SyncClient: records how it was made and what it was asked; answers from class fields."""

    made: ClassVar[list[FakeClient]] = []
    health_answer: Any = HEALTH
    enrol_answer: Any = ANSWER

    def __init__(self, url: str, token: str | None = None, **kwargs: Any) -> None:
        self.url, self.token, self.kwargs = url, token, kwargs
        self.closed = False
        self.enrolled: tuple[str, str] | None = None
        FakeClient.made.append(self)

    def health(self) -> dict[str, Any]:
        if isinstance(self.health_answer, Exception):
            raise self.health_answer
        return dict(self.health_answer)

    def enrol(self, code: str, device_name: str) -> dict[str, Any]:
        self.enrolled = (code, device_name)
        if isinstance(self.enrol_answer, Exception):
            raise self.enrol_answer
        return dict(self.enrol_answer)

    def close(self) -> None:
        self.closed = True


class FakeEngine:
    made: ClassVar[list[FakeEngine]] = []
    fails: SyncError | None = None

    def __init__(self, db: Database, client: FakeClient) -> None:
        self.db, self.client = db, client
        self.snapshot_progress: Any = "unset"
        self.snapshots = 0
        FakeEngine.made.append(self)

    def take_snapshot(self) -> int:
        self.snapshots += 1
        if self.fails is not None:
            raise self.fails
        return 0


@pytest.fixture(autouse=True)
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    FakeClient.made, FakeEngine.made = [], []
    monkeypatch.setattr(FakeClient, "health_answer", HEALTH)
    monkeypatch.setattr(FakeClient, "enrol_answer", ANSWER)
    monkeypatch.setattr(FakeEngine, "fails", None)
    monkeypatch.setattr(enrolment, "SyncClient", FakeClient)
    monkeypatch.setattr(enrolment, "SyncEngine", FakeEngine)


def refused(**kwargs: Any) -> DomainError:
    with pytest.raises(DomainError) as err:
        check_backend(**kwargs)
    return err.value


@pytest.mark.parametrize("url", ["pvz.example.ru", "ftp://pvz.example.ru", "", "httpx://pvz"])
def test_an_address_without_http_or_https_is_refused_before_any_request(url: str) -> None:
    err = refused(url=url)
    assert err.code == "sync.bad_url" and err.params["url"] == url and FakeClient.made == []


@pytest.mark.parametrize("url", ["http://10.0.0.5:8000", URL])
def test_a_pickup_desk_server_answers_its_health_and_the_check_asks_once_with_its_ca_bundle(url: str) -> None:
    assert check_backend(url, ca_bundle="/etc/org-ca.pem") == HEALTH
    client = FakeClient.made[0]
    assert client.url == url and client.kwargs == {"ca_bundle": "/etc/org-ca.pem", "retry_total": 1}
    assert client.closed


@pytest.mark.parametrize(("failure", "code"), [
    (TlsProblem("sync.link.tls_failed"), "sync.tls"),
    (BackendUnavailable("sync.link.offline"), "sync.unreachable"),
    (NotPickupDesk("sync.link.not_pickup_desk"), "sync.not_pickup_desk"),
    (RequestRefused("sync.link.refused", status=400), "sync.not_pickup_desk"),
    (AuthRejected("sync.link.auth_rejected", status=401), "sync.not_pickup_desk"),
])
def test_what_is_wrong_with_the_address_is_said_in_words(failure: SyncError, code: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FakeClient, "health_answer", failure)
    err = refused(url=URL)
    assert err.code == code and err.params == {"url": URL}
    assert err.__suppress_context__  # the HTTP details stay out of the clerk's message
    assert FakeClient.made[0].closed


@pytest.mark.parametrize("health", [
    {**HEALTH, "min_schema_v": SCHEMA_V + 1},
    {**HEALTH, "min_client_version": "999.0.0"},
])
def test_a_server_that_no_longer_accepts_this_version_is_refused_with_its_minimum(
        health: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FakeClient, "health_answer", health)
    err = refused(url=URL)
    assert err.code == "sync.upgrade_required" and err.params == {"url": URL, "version": health["min_client_version"]}


def test_a_server_without_minimums_accepts_any_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FakeClient, "health_answer", {"status": "ok", "schema_v": SCHEMA_V, "min_client_version": None})
    assert check_backend(URL)["status"] == "ok"


def test_the_same_schema_and_version_as_the_servers_minimum_is_accepted() -> None:
    assert check_backend(URL) == HEALTH


def test_enrolment_stores_the_credential_and_the_server_key_and_takes_a_snapshot(db: Database, tmp_path: Path) -> None:
    progress = [].append
    creds = enrol(URL + "/", "  ab12-cd34 ", tmp_path, db, device_name="Counter 1", ca_bundle="/ca.pem",
                  progress=progress)
    assert (creds.backend_url, creds.device_id, creds.token, creds.point_code, creds.public_key) == (
        URL, "dev-7", "secret-token", "0042", "PUBKEY")
    assert device_credentials.load(tmp_path) == creds
    with db.read() as s:
        assert (get_state(s, SERVER_KEY), get_state(s, "device_id"), get_state(s, "point_code")) == (
            "PUBKEY", "dev-7", "0042")
    health, exchange, snapshot = FakeClient.made
    assert exchange.enrolled == ("AB12-CD34", "Counter 1") and exchange.token is None and exchange.closed
    assert exchange.url == URL + "/"
    assert exchange.kwargs == {"ca_bundle": "/ca.pem"} and health.kwargs["ca_bundle"] == "/ca.pem"
    assert (snapshot.url, snapshot.token, snapshot.kwargs) == (URL, "secret-token", {"ca_bundle": "/ca.pem"})
    engine = FakeEngine.made[0]
    assert engine.db is db and engine.client is snapshot and engine.snapshots == 1
    assert engine.snapshot_progress is progress and snapshot.closed


def test_the_device_is_named_after_the_computer_by_default(db: Database, tmp_path: Path) -> None:
    enrol(URL, "code", tmp_path, db)
    assert FakeClient.made[1].enrolled == ("CODE", socket.gethostname())
    assert FakeEngine.made[0].snapshot_progress == "unset"  # the engine's own default


def test_an_unreachable_address_spends_no_code(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FakeClient, "health_answer", BackendUnavailable("sync.link.offline"))
    with pytest.raises(DomainError):
        enrol(URL, "code", tmp_path, db)
    assert len(FakeClient.made) == 1 and device_credentials.load(tmp_path) is None


@pytest.mark.parametrize(("refusal", "code", "params"), [
    (RequestRefused("sync.link.refused", status=400, code="enrolment_code_expired"), "sync.code_expired", {}),
    (RequestRefused("sync.link.refused", status=400, code="enrolment_code_invalid"), "sync.code_invalid", {}),
    (RequestRefused("sync.link.refused", status=403), "sync.code_invalid", {}),
    (RequestRefused("sync.link.refused", status=422, code="invalid_request"), "sync.enrol_refused",
     {"detail": enrolment.server_reason("invalid_request")}),
    (RequestRefused("sync.link.refused", status=409, code="something_new"), "sync.enrol_refused",
     {"detail": enrolment.server_reason(None)}),
])
def test_a_refused_code_says_why_and_stores_nothing(refusal: RequestRefused, code: str, params: dict[str, str],
                                                    db: Database, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FakeClient, "enrol_answer", refusal)
    with pytest.raises(DomainError) as err:
        enrol(URL, "code", tmp_path, db)
    assert err.value.code == code and err.value.params == params and err.value.__suppress_context__
    assert FakeClient.made[1].closed and device_credentials.load(tmp_path) is None
    with db.read() as s:
        assert get_state(s, SERVER_KEY) is None


def test_a_snapshot_that_fails_is_left_to_the_runners_first_sync(db: Database, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FakeEngine, "fails", BackendUnavailable("sync.link.offline"))
    creds = enrol(URL, "code", tmp_path, db)
    assert device_credentials.load(tmp_path) == creds and FakeClient.made[-1].closed


def test_a_bug_in_the_first_snapshot_is_not_swallowed(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    creds = device_credentials.DeviceCredentials(URL, "dev-7", "tok", "0042", "PUBKEY")
    monkeypatch.setattr(FakeEngine, "take_snapshot", lambda self: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        first_snapshot(creds, db)
    assert FakeClient.made[0].closed


def test_the_client_for_stored_credentials_carries_the_token() -> None:
    creds = device_credentials.DeviceCredentials(URL, "dev-7", "tok", "0042", "PUBKEY")
    assert client_for(creds, "/ca.pem").kwargs == {"ca_bundle": "/ca.pem"}  # type: ignore[attr-defined]
    assert (FakeClient.made[0].url, FakeClient.made[0].token) == (URL, "tok")


def test_the_real_client_for_stored_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(enrolment, "SyncClient", SyncClient)
    client = client_for(device_credentials.DeviceCredentials(URL + "/", "d", "tok", "0042", "K"))
    assert client.base_url == URL and client._token == "tok" and client._verify is True
    client.close()


def test_only_trailing_slashes_are_dropped_from_the_stored_address(db: Database, tmp_path: Path) -> None:
    assert enrol("https://pvz.example.ru/deskX//", "code", tmp_path, db).backend_url == "https://pvz.example.ru/deskX"


def test_a_newer_schema_demanded_without_a_minimum_version_names_version_0(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FakeClient, "health_answer", {"status": "ok", "schema_v": 9, "min_schema_v": SCHEMA_V + 1})
    assert refused(url=URL).params == {"url": URL, "version": "0"}
