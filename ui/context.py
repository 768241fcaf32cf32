"""What every page works with: the services, who is logged in, the shared feedback banner."""

from __future__ import annotations

import importlib
import threading
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop.config import AppConfig
from desktop.db.engine import Database
from desktop.point_time import counter_zone, zone_named
from desktop.scanner_settings import ScannerConfiguration
from desktop.services.base import Actor, Clock, Role, utc_now
from ui.feedback import FeedbackBanner
from ui.workers import TaskRunner, ignore_bug

if TYPE_CHECKING:
    from desktop.fiscal.service import FiscalService
    from desktop.services.club import ClubService
    from desktop.services.handover import HandoverService
    from desktop.services.journal_service import JournalService
    from desktop.services.manager.activity import ActivityService
    from desktop.services.manager.arrivals import ArrivalsService
    from desktop.services.manager.charts import ChartsService
    from desktop.services.manager.exceptions import ExceptionsService
    from desktop.services.manager.journal_report import JournalReportService
    from desktop.services.manager.waiting import WaitingService
    from desktop.services.money import CertificateService
    from desktop.services.notification import NotificationService
    from desktop.services.orders import OrderService
    from desktop.services.receiving import ReceivingService
    from desktop.services.returns import ReturnsService
    from desktop.services.review import ReviewService
    from desktop.services.staff import StaffService
    from desktop.services.storage_cells import StorageCellService
    from desktop.services.warranty import WarrantyService
    from desktop.sync.runner import SyncRunner
    from ui.hardware.wiring import CounterDocuments

# Each service's module and class: imported and built the first time the service is used (not at start).
SERVICE_CLASSES: dict[str, tuple[str, str]] = {
    "staff": ("desktop.services.staff", "StaffService"),
    "receiving": ("desktop.services.receiving", "ReceivingService"),
    "cells": ("desktop.services.storage_cells", "StorageCellService"),
    "handover": ("desktop.services.handover", "HandoverService"),
    "club": ("desktop.services.club", "ClubService"),
    "orders": ("desktop.services.orders", "OrderService"),
    "returns": ("desktop.services.returns", "ReturnsService"),
    "notification": ("desktop.services.notification", "NotificationService"),
    "review": ("desktop.services.review", "ReviewService"),
    "journal": ("desktop.services.journal_service", "JournalService"),
    "waiting": ("desktop.services.manager.waiting", "WaitingService"),
    "exceptions": ("desktop.services.manager.exceptions", "ExceptionsService"),
    "arrivals": ("desktop.services.manager.arrivals", "ArrivalsService"),
    "activity": ("desktop.services.manager.activity", "ActivityService"),
    "charts": ("desktop.services.manager.charts", "ChartsService"),
    "journal_report": ("desktop.services.manager.journal_report", "JournalReportService"),
    "warranty": ("desktop.services.warranty", "WarrantyService"),  # photos under the cache's folder
    "certificates": ("desktop.services.money", "CertificateService"),
}
WITH_REGISTER = frozenset({"staff", "handover", "certificates"})  # they print receipts on the one register


class Services:
    """One instance of each workflow service, sharing the local database and the clock.

    A service (and its module) is built the first time it is used, from any thread: the login screen shows
    without importing the services of pages nobody has opened yet."""

    staff: StaffService
    receiving: ReceivingService
    cells: StorageCellService
    handover: HandoverService
    club: ClubService
    orders: OrderService
    returns: ReturnsService
    notification: NotificationService
    review: ReviewService
    journal: JournalService
    waiting: WaitingService
    exceptions: ExceptionsService
    arrivals: ArrivalsService
    activity: ActivityService
    charts: ChartsService
    journal_report: JournalReportService
    warranty: WarrantyService
    fiscal: FiscalService  # the point's cash register (one for every service that prints receipts)
    certificates: CertificateService

    def __init__(self, db: Database, clock: Clock, scanner: ScannerConfiguration | None,
                 config: AppConfig | None, **given: Any) -> None:
        self._db, self._clock, self._scanner, self._config = db, clock, scanner, config
        self._lock = threading.RLock()  # the staff service builds the register under it
        self.__dict__.update(given)

    @classmethod
    def create(
        cls, db: Database, clock: Clock = utc_now, scanner: ScannerConfiguration | None = None,
        staff: StaffService | None = None, config: AppConfig | None = None,
    ) -> Services:
        """Every service, each built when first used; `staff` lets tests pass a service with cheap password
        hashing (it brings its own register); `config` [fiscal] mode/url choose the cash register (none without
        a configuration)."""
        return cls(db, clock, scanner, config, **({"staff": staff} if staff is not None else {}))

    def __getattr__(self, name: str) -> Any:
        """A service not built yet (only called for a missing attribute)."""
        if name != "fiscal" and name not in SERVICE_CLASSES:
            raise AttributeError(name)
        with self._lock:
            if name not in self.__dict__:
                self.__dict__[name] = self._build(name)
            return self.__dict__[name]

    def _build(self, name: str) -> Any:
        if name == "fiscal":
            return register_of(self._db, self._clock, self._config)
        module, class_name = SERVICE_CLASSES[name]
        service_class = getattr(importlib.import_module(module), class_name)
        if name == "receiving":
            return service_class(self._db, self._clock, self._scanner)
        if name in WITH_REGISTER:
            return service_class(self._db, self._clock, fiscal=self.fiscal)
        return service_class(self._db, self._clock)


def register_of(db: Database, clock: Clock, config: AppConfig | None) -> FiscalService:
    """The one FiscalService from the configuration's [fiscal] mode and url (no register without one)."""
    from desktop.fiscal.model import FiscalMode
    from desktop.fiscal.service import FiscalService

    if config is None:
        return FiscalService(db, clock, FiscalMode.NONE)
    return FiscalService(db, clock, FiscalMode(config.fiscal_mode), config.fiscal_url)


class SessionState(QObject):
    """Who is at the counter: the logged-in actor (with shift id) or nobody (locked)."""

    logged_in = Signal(object)
    logged_out = Signal()
    actor_changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.actor: Actor | None = None

    def log_in(self, actor: Actor) -> None:
        self.actor = actor
        self.logged_in.emit(actor)
        self.actor_changed.emit(actor)

    def update(self, actor: Actor) -> None:
        """Same person, new shift state."""
        self.actor = actor
        self.actor_changed.emit(actor)

    def log_out(self) -> None:
        if self.actor is None:
            return
        self.actor = None
        self.logged_out.emit()
        self.actor_changed.emit(None)

    def has_role(self, role: Role) -> bool:
        return self.actor is not None and self.actor.role.rank >= role.rank


@dataclass
class AppContext:
    """Passed to every page and to the shell (no globals).

    `config` is None only for a shell built without a configuration file (tests): then it has no hardware menu
    and no printing. `documents` (the pages' printing handle) is set once by `ui.hardware.wiring.install_hardware`.
    """

    db: Database
    services: Services
    session: SessionState
    feedback: FeedbackBanner
    scanner: ScannerConfiguration = field(default_factory=ScannerConfiguration)  # the one live scanner settings
    sync: SyncRunner | None = None  # status() is read-only and thread-safe
    config: AppConfig | None = None
    documents: CounterDocuments | None = None
    # background work; the app passes the runner whose bug handler is its crash reporter
    tasks: TaskRunner = field(default_factory=lambda: TaskRunner(ignore_bug))

    point_zone: tzinfo | None = None  # read once the point is set up (the status bar asks every second)

    def zone(self) -> tzinfo:
        """The pickup point's time zone: every time a page shows is in it, whatever the PC's zone."""
        if self.point_zone is None:
            self.point_zone = counter_zone(self.db)
        return self.point_zone or zone_named(None)
