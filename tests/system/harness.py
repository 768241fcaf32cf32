"""The whole system on loopback: the real backend (uvicorn, SQLite or PostgreSQL), the SMSC.ru gateway fake
with the backend's SMS worker, two counter cores with their own SQLite caches and sync engines, one clock."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select

from backend import changes, importer
from backend.app import create_app
from backend.config import Settings
from backend.worker import BackgroundWorker
from desktop.db.engine import Database
from desktop.db.models import Staff
from desktop.services.base import Actor
from desktop.services.club import ClubService
from desktop.services.handover import HandoverService
from desktop.services.receiving import ReceivingService
from desktop.services.returns import ReturnsService
from desktop.services.review import ReviewService
from desktop.services.staff import StaffService
from desktop.services.storage_cells import StorageCellService
from desktop.sync.client import SyncClient, SyncError
from desktop.sync.engine import SyncEngine
from desktop.sync.enrolment import enrol
from protocol.demo_data import generate_point
from protocol.pickup_code import CodeHashParams
from tests.integration.live import free_port
from tests.sms.fake_gateways import FakeGatewayServer
from tests.support.clock import FakeClock
from tests.support.factories import actor_for
from tests.support.served import Served

ADMIN = "system-admin-token"
CHEAP_N = 2**8  # the demo's default point, with a cheap pickup-code hash cost so a day runs in seconds
DAY_START = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)  # 10:00 in Moscow, the point's time zone
CODE_IN_SMS = re.compile(r"\b(\d{6})\b")


def backend_settings(db_url: str, workdir: Path, clock: Callable[[], datetime], gateway_url: str) -> Settings:
    """The backend's settings in the system tests (also for a backend run as its own process)."""
    return Settings(
        database_url=db_url, admin_token=ADMIN, code_hash_n=CHEAP_N, clock=clock, run_sms_dispatcher=False,
        sms_gateway="smsc", sms_options={"login": "demo", "password": "secret", "base_url": f"{gateway_url}/sys",
                                         "timeout": (2, 2)},
        sms_log_path=workdir / "sms.log", qr_key_path=workdir / "qr-signing.key")


class Backend:
    """`create_app` served by uvicorn on a fixed loopback port; `stop()`/`start()` keep its database."""

    def __init__(self, db_url: str, workdir: Path, clock: FakeClock, gateway: FakeGatewayServer) -> None:
        self.settings = backend_settings(db_url, workdir, clock, gateway.url)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app: Any = None
        self.worker: BackgroundWorker | None = None
        self._served: Served | None = None

    @property
    def up(self) -> bool:
        return self._served is not None

    def start(self) -> Backend:
        self.app = create_app(self.settings)
        self._served = Served(self.app, self.port)
        self.worker = BackgroundWorker(self.app.state.db, self.settings)  # driven step by step: run_sms()
        return self

    def stop(self) -> None:
        """The backend goes down: its port refuses connections until `start()`."""
        if self._served is not None:
            self._served.stop()
            self._served = None
            self.worker = None

    @property
    def db(self) -> Any:
        return self.app.state.db

    def run_sms(self) -> None:
        """One pass of the backend's SMS worker (dispatch, reconcile, reminders) at the shared clock's time."""
        assert self.worker is not None, "the backend is down"
        self.worker.run_once()

    def import_point(self, feed: dict[str, Any]) -> None:
        changes.transaction(self.db, lambda session: importer.import_feed(session, feed, CHEAP_N,
                                                                           self.settings.clock()))

    def enrolment_code(self, point_code: str) -> str:
        reply = requests.post(self.url + "/v1/admin/enrolment-codes", json={"point_code": point_code},
                              headers={"X-Admin-Token": ADMIN}, timeout=30)
        assert reply.status_code == 200, reply.text
        return str(reply.json()["code"])


class Counter:
    """One counter PC: its own cache file, enrolled credentials, sync engine and the real services."""

    def __init__(self, name: str, backend: Backend, clock: FakeClock, data_dir: Path, point_code: str) -> None:
        self.name, self.clock, self.data_dir = name, clock, data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / "cache.sqlite3"
        self.db = Database(self.path)
        self.db.create_all()
        creds = enrol(backend.url, backend.enrolment_code(point_code), data_dir, self.db, name)
        self.device_id = creds.device_id
        self.client = SyncClient(backend.url, creds.token, timeout=(0.5, 20.0), backoff_factor=0.01, retry_total=1)
        self.engine = SyncEngine(self.db, self.client, clock)

    def restart(self) -> None:
        """The counter app closes and starts again: the Database is re-opened from its file."""
        self.db.dispose()
        self.db = Database(self.path)
        self.engine = SyncEngine(self.db, self.client, self.clock)

    def sync(self) -> bool:
        """One sync; False when the backend could not be reached (the counter keeps working offline)."""
        try:
            self.engine.sync_once()
        except SyncError:
            return False
        return True

    def actor(self, login: str) -> Actor:
        with self.db.read() as s:
            return actor_for(s.scalars(select(Staff).where(Staff.login == login)).one())

    def receiving(self) -> ReceivingService:
        return ReceivingService(self.db, self.clock)

    def cells(self) -> StorageCellService:
        return StorageCellService(self.db, self.clock)

    def handover(self) -> HandoverService:
        return HandoverService(self.db, self.clock)

    def club(self) -> ClubService:
        return ClubService(self.db, self.clock)

    def returns(self) -> ReturnsService:
        return ReturnsService(self.db, self.clock)

    def review(self) -> ReviewService:
        return ReviewService(self.db, self.clock)

    def staff(self) -> StaffService:
        return StaffService(self.db, self.clock)


@dataclass
class System:
    """Everything of one scripted day: the clock, the gateway fake, the backend, two counters, the demo data."""

    clock: FakeClock
    gateway: FakeGatewayServer
    backend: Backend
    counters: list[Counter]
    demo: dict[str, Any]
    secrets: Any
    card_codes: dict[str, str] = field(default_factory=dict)

    @property
    def point_code(self) -> str:
        return str(self.demo["point"]["code"])

    def sync_all(self, rounds: int = 2) -> None:
        """Every counter pushes and pulls (twice: what one pushed reaches the other), the SMS worker runs."""
        for _ in range(rounds):
            for counter in self.counters:
                assert counter.sync(), f"{counter.name} could not sync"
            self.backend.run_sms()

    def pickup_code(self, order: str) -> str | None:
        """The code the customer holds: the latest «ready» SMS the gateway took for the order, or the demo's."""
        texts = [m["text"] for m in self.gateway.state.messages.values() if order in m["text"]]
        codes = [c for text in texts if "код" in text.lower() for c in CODE_IN_SMS.findall(text) if c != order]
        if codes:
            return str(codes[-1])
        return self.secrets.pickup_codes.get(order)


def demo_point(now: datetime, orders: int = 300) -> dict[str, Any]:
    """The demo's default point (seed 42, 300 orders, two trucks) with a cheap code hash cost."""
    params = CodeHashParams(salt=b"system-test-salt", n=CHEAP_N)
    return generate_point(seed=42, orders=orders, now=now, code_params=params)


def build_system(workdir: Path, db_url: str, gateway: FakeGatewayServer, orders: int = 80) -> System:
    clock = FakeClock(DAY_START)
    demo = demo_point(clock(), orders)
    secrets = demo.pop("secrets")
    backend = Backend(db_url, workdir, clock, gateway).start()
    backend.import_point(demo)
    code = str(demo["point"]["code"])
    counters = [Counter(f"PC-{n}", backend, clock, workdir / f"pc{n}", code) for n in (1, 2)]
    return System(clock, gateway, backend, counters, demo, secrets, dict(secrets.card_codes))
