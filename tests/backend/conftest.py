"""Backend test fixtures: a server on SQLite or on a throwaway PostgreSQL cluster, devices, feeds."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backend.app import create_app
from backend.config import Settings
from backend.db import Database
from tests.support.clock import FakeClock

ADMIN = "test-admin-token"
CHEAP_N = 2**8  # tests use a cheap scrypt cost; production is 2**14
POSTGRES = pytest.param("postgres", marks=pytest.mark.postgres)
BOTH_DBS = pytest.mark.parametrize("db_kind", ["sqlite", POSTGRES])
_db_names = itertools.count(1)


# --- PostgreSQL: a throwaway cluster on a free loopback port ------------------------------------


def _pg_bin() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _migrate(url: str) -> None:
    db = Database(url)
    try:
        db.upgrade()
    finally:
        db.dispose()


@dataclass
class PgCluster:
    """A throwaway cluster; its databases are copies of one migrated template (an Alembic run is made once)."""

    port: int
    template: str | None = None

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, *, blank: bool = False) -> str:
        """A new database at the newest schema (a copy of the template), or `blank` for the migration tests."""
        if not blank and self.template is None:
            self.template = self.create_database(blank=True)
            _migrate(self.url(self.template))
        name = f"t{os.getpid()}_{next(_db_names)}"
        source = "" if blank else f' TEMPLATE "{self.template}"'
        with self._admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"{source}')
        return name

    def _admin(self) -> Any:
        import psycopg

        return psycopg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True)


_SQLITE_TEMPLATE: list[Path] = []


def migrated_sqlite_url(folder: Path, name: str = "backend.sqlite3") -> str:
    """A SQLite database at the newest schema in `folder`: a copy of one migrated per test process."""
    if not _SQLITE_TEMPLATE:
        template = Path(tempfile.mkdtemp(prefix="pickup-backend-template-")) / "backend.sqlite3"
        _migrate(f"sqlite:///{template}")
        _SQLITE_TEMPLATE.append(template)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_SQLITE_TEMPLATE[0], folder / name)
    return f"sqlite:///{folder / name}"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL binaries not found (/usr/lib/postgresql/*/bin): install the postgresql package")
    data = Path(tempfile.mkdtemp(prefix="pickup-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    port = _free_port()
    subprocess.run(
        _as_postgres([str(bindir / "initdb"), "-D", str(data / "db"), "-A", "trust", "-U", "postgres",
                      "-E", "UTF8", "--no-locale"]),
        check=True, capture_output=True,
    )
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
    subprocess.run(
        _as_postgres([str(bindir / "pg_ctl"), "-D", str(data / "db"), "-o", options, "-l", str(data / "log"),
                      "-w", "start"]),
        check=True, capture_output=True,
    )
    try:
        yield PgCluster(port)
    finally:
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data / "db"), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


# --- the server under test ------------------------------------------------------------------------


@pytest.fixture
def db_kind() -> str:
    """Overridden by `BOTH_DBS` for the server-guarantee tests."""
    return "sqlite"


@pytest.fixture
def db_url(db_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A database already at the newest schema (the server's upgrade at start finds nothing to do)."""
    if db_kind == "postgres":
        cluster: PgCluster = request.getfixturevalue("pg_cluster")
        return cluster.url(cluster.create_database())
    return migrated_sqlite_url(tmp_path)


@pytest.fixture
def blank_db_url(db_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """An empty database, for the tests that run the migrations themselves."""
    if db_kind == "postgres":
        cluster: PgCluster = request.getfixturevalue("pg_cluster")
        return cluster.url(cluster.create_database(blank=True))
    return f"sqlite:///{tmp_path / 'backend.sqlite3'}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(db_url: str, clock: FakeClock, tmp_path: Path) -> Settings:
    return Settings(database_url=db_url, admin_token=ADMIN, code_hash_n=CHEAP_N, clock=clock,
                    run_sms_dispatcher=False, sms_log_path=tmp_path / "sms.log", demo_mode=True,
                    qr_key_path=tmp_path / "qr-signing.key")


@pytest.fixture
def server(settings: Settings) -> Iterator[Server]:
    app = create_app(settings)
    with TestClient(app) as client:
        yield Server(client, app)


class Device:
    """An enrolled counter PC talking to the server through a test client."""

    def __init__(self, client: TestClient, device_id: str, token: str, point: dict[str, Any], public_key: str):
        self.client = client
        self.device_id = device_id
        self.token = token
        self.point = point
        self.public_key = public_key
        self._seq = itertools.count(1)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def event(self, type_: str, payload: dict[str, Any], *, schema_v: int = 1, event_id: str | None = None
              ) -> dict[str, Any]:
        return {"event_id": event_id or str(uuid.uuid4()), "device_seq": next(self._seq), "type": type_,
                "schema_v": schema_v, "payload": payload, "occurred_at": "2026-11-24T09:00:00+00:00"}

    def push_raw(self, events: list[dict[str, Any]]) -> Any:
        return self.client.post("/v1/events", json={"events": events}, headers=self.headers)

    def push(self, *events: dict[str, Any]) -> list[dict[str, Any]]:
        reply = self.push_raw(list(events))
        assert reply.status_code == 200, reply.text
        return reply.json()["results"]

    def send(self, type_: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Push one new event; its result."""
        return self.push(self.event(type_, payload))[0]

    def changes(self, cursor: int = 0, limit: int = 1000) -> Any:
        return self.client.get("/v1/changes", params={"cursor": cursor, "limit": limit}, headers=self.headers)

    def all_changes(self, cursor: int = 0) -> list[dict[str, Any]]:
        reply = self.changes(cursor)
        assert reply.status_code == 200, reply.text
        return reply.json()["changes"]

    def snapshot(self) -> Any:
        return self.client.get("/v1/snapshot", headers=self.headers)


class Server:
    """The app under test plus admin helpers."""

    def __init__(self, client: TestClient, app: Any) -> None:
        self.client = client
        self.app = app

    @property
    def db(self) -> Any:
        return self.app.state.db

    def admin(self, method: str, path: str, **kw: Any) -> Any:
        return self.client.request(method, path, headers={"X-Admin-Token": ADMIN}, **kw)

    def import_feed(self, feed: dict[str, Any]) -> dict[str, Any]:
        reply = self.admin("POST", "/v1/admin/import", json=feed)
        assert reply.status_code == 200, reply.text
        return reply.json()

    def enrolment_code(self, point_code: str) -> str:
        reply = self.admin("POST", "/v1/admin/enrolment-codes", json={"point_code": point_code})
        assert reply.status_code == 200, reply.text
        return str(reply.json()["code"])

    def enrol(self, point_code: str = "0042", name: str = "COUNTER-1", client: TestClient | None = None) -> Device:
        code = self.enrolment_code(point_code)
        reply = self.client.post("/v1/enrol", json={"code": code, "device_name": name})
        assert reply.status_code == 200, reply.text
        body = reply.json()
        return Device(client or self.client, body["device_id"], body["token"], body["point"], body["public_key"])

    def cancel(self, number: str) -> Any:
        return self.admin("POST", f"/v1/admin/orders/{number}/cancel")


# --- feeds ------------------------------------------------------------------------------------------


def order_feed(number: str, point_code: str = "0042", boxes: int = 2, total: int = 1_250_000,
               shipment: str | None = "R0001", phone: str = "+79161234567") -> dict[str, Any]:
    return {
        "number": number, "point_code": point_code, "kind": "retail", "status": "in_transit",
        "total_kopecks": total, "prepaid": True, "boxes_total": boxes, "legal_entity_name": None,
        "created_at": "2026-11-20T10:00:00+00:00", "storage_until": None, "pickup_code_hash": None,
        "customer": {"external_id": f"C{number}", "full_name": "Иванова Мария Сергеевна", "phone": phone,
                     "email": "m@example.ru"},
        "lines": [{"sku": "SKU-1", "name": "Смартфон", "quantity": 1, "price_kopecks": total, "serial": "SN1"}],
        "boxes": [{"barcode": box_barcode(point_code, number, n), "seq_no": n, "size_class": "S",
                   "weight_grams": 500, "shipment": shipment} for n in range(1, boxes + 1)],
    }


def box_barcode(point_code: str, number: str, n: int) -> str:
    return f"B{point_code}{number}{n:02d}"


def point_feed(code: str = "0042", orders: int = 3, cards: int = 2) -> dict[str, Any]:
    prefix = f"{int(code):03d}"
    return {
        "point": {"code": code, "name": f"ПВЗ {code}", "city": "Москва", "address": "ул. Тверская, 12",
                  "hours": "10:00–21:00", "timezone": "Europe/Moscow", "storage_days": 7,
                  "id_check_threshold_kopecks": 10_000_000},
        "shipments": [{"number": f"R{code}", "point_code": code, "status": "in_transit",
                       "expected_at": "2026-11-24T12:00:00+00:00", "carrier": "ТК"}],
        "cells": [{"code": "CA0101", "label": "A-01-01", "size_class": "S", "capacity": 4, "active": True}],
        "orders": [order_feed(f"{prefix}{n:06d}", code, shipment=f"R{code}") for n in range(1, orders + 1)],
        "cards": [{"number": card_number(code, n), "point_code": code, "activation_code_hash": "$argon2id$x",
                   "status": "stock"} for n in range(1, cards + 1)],
        "staff": [{"login": "kassir", "full_name": "Смирнова Анна", "role": "clerk", "badge_code": "ST000001",
                   "pin_hash": "$argon2id$p", "password_hash": "$argon2id$w", "active": True}],
    }


def order_number(code: str, n: int) -> str:
    return f"{int(code):03d}{n:06d}"


def card_number(code: str, n: int) -> str:
    from protocol import ean13

    return str(ean13.complete(f"2{int(code):04d}{7_000_000 + n:07d}"))
