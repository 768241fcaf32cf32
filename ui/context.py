"""What every page works with: the services, who is logged in, the shared feedback banner."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.db.engine import Database
from desktop.scanner_settings import ScannerConfiguration
from desktop.services.base import Actor, Clock, Role, utc_now
from desktop.services.club import ClubService
from desktop.services.handover import HandoverService
from desktop.services.notification import NotificationService
from desktop.services.orders import OrderService
from desktop.services.receiving import ReceivingService
from desktop.services.returns import ReturnsService
from desktop.services.review import ReviewService
from desktop.services.staff import StaffService
from desktop.services.storage_cells import StorageCellService
from ui.feedback import FeedbackBanner


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

    @classmethod
    def create(
        cls, db: Database, clock: Clock = utc_now, scanner: ScannerConfiguration | None = None, **kw: Any
    ) -> Services:
        return cls(
            staff=kw.get("staff") or StaffService(db, clock),
            receiving=ReceivingService(db, clock, scanner),
            cells=StorageCellService(db, clock),
            handover=HandoverService(db, clock),
            club=ClubService(db, clock),
            orders=OrderService(db, clock),
            returns=ReturnsService(db, clock),
            notification=NotificationService(db, clock),
            review=ReviewService(db, clock),
        )


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
    """Passed to every page and to the shell (no globals)."""

    db: Database
    services: Services
    session: SessionState
    feedback: FeedbackBanner
    scanner: ScannerConfiguration = field(default_factory=ScannerConfiguration)  # the one live scanner settings
    sync: Any = None  # a SyncRunner (status() is read-only and thread-safe) or None
    config: Any = None
    extras: dict[str, Any] = field(default_factory=dict)
