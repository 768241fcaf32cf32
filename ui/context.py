"""What every page works with: the services, who is logged in, the shared feedback banner."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.config import AppConfig
from desktop.db.engine import Database
from desktop.fiscal.model import FiscalMode
from desktop.fiscal.service import FiscalService
from desktop.point_time import counter_zone, zone_named
from desktop.scanner_settings import ScannerConfiguration
from desktop.services.base import Actor, Clock, Role, utc_now
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
from ui.feedback import FeedbackBanner
from ui.workers import TaskRunner, ignore_bug

if TYPE_CHECKING:
    from ui.hardware.wiring import CounterDocuments


@dataclass
class Services:
    """One instance of each workflow service, sharing the local database and the clock."""

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

    @classmethod
    def create(
        cls, db: Database, clock: Clock = utc_now, scanner: ScannerConfiguration | None = None,
        staff: StaffService | None = None, config: AppConfig | None = None,
    ) -> Services:
        """Build every service; `staff` lets tests pass a service with cheap password hashing (it brings its own
        register); `config` [fiscal] mode/url choose the cash register (none without a configuration)."""
        fiscal = register_of(db, clock, config)
        return cls(
            staff=staff or StaffService(db, clock, fiscal=fiscal),
            receiving=ReceivingService(db, clock, scanner),
            cells=StorageCellService(db, clock),
            handover=HandoverService(db, clock, fiscal=fiscal),
            club=ClubService(db, clock),
            orders=OrderService(db, clock),
            returns=ReturnsService(db, clock),
            notification=NotificationService(db, clock),
            review=ReviewService(db, clock),
            journal=JournalService(db, clock),
            waiting=WaitingService(db, clock),
            exceptions=ExceptionsService(db, clock),
            arrivals=ArrivalsService(db, clock),
            activity=ActivityService(db, clock),
            charts=ChartsService(db, clock),
            journal_report=JournalReportService(db, clock),
            warranty=WarrantyService(db, clock),  # photos under the cache's folder (the app's data dir)
            fiscal=fiscal,
            certificates=CertificateService(db, clock, fiscal=fiscal),
        )


def register_of(db: Database, clock: Clock, config: AppConfig | None) -> FiscalService:
    """The one FiscalService from the configuration's [fiscal] mode and url (no register without one)."""
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
