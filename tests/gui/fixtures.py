"""Building the real shell on a test database: a point with staff, services with cheap hashing."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QApplication

from desktop.db.engine import Database
from desktop.db.models import PickupPoint, Staff
from desktop.scanner_settings import ScannerConfiguration, ScannerSettings
from desktop.services.base import Role
from desktop.services.staff import StaffService
from tests.support.factories import FAST_HASHER, make_point, make_staff
from ui.context import AppContext, Services, SessionState
from ui.feedback import FeedbackBanner, SoundPlayer
from ui.main_window import MainWindow
from ui.scanner import WedgeScanner


@dataclass
class Shell:
    window: MainWindow
    ctx: AppContext
    scanner: WedgeScanner
    point: PickupPoint
    clerk: Staff
    manager: Staff

    def close(self) -> None:
        self.scanner.uninstall(QApplication.instance())
        QApplication.instance().removeEventFilter(self.window.idle)


def seed_point(db: Database) -> tuple[PickupPoint, Staff, Staff]:
    with db.write() as s:
        point = make_point(s)
        clerk = make_staff(s, point, Role.CLERK, pin="1111", login="kassir", badge_code="ST000001",
                           full_name="Смирнова Анна Сергеевна")
        manager = make_staff(s, point, Role.MANAGER, pin="2222", login="manager", badge_code="ST000002",
                             full_name="Кузнецова Ольга Викторовна")
    return point, clerk, manager


def build_shell(qtbot, db: Database, clock=None, idle_minutes: float = 10, sync=None,
                seeded: tuple[PickupPoint, Staff, Staff] | None = None) -> Shell:
    """The shell over `db`; `seeded` reuses a point and staff already there (a restart over the same file)."""
    point, clerk, manager = seeded or seed_point(db)
    kwargs = {"clock": clock} if clock else {}
    scanner_settings = ScannerConfiguration(ScannerSettings(max_interkey_ms=1000))
    services = Services.create(db, staff=StaffService(db, hasher=FAST_HASHER, **kwargs), scanner=scanner_settings,
                               **kwargs)
    ctx = AppContext(db, services, SessionState(), FeedbackBanner(SoundPlayer(muted=True)), scanner_settings,
                     sync=sync)
    window = MainWindow(ctx, "ПВЗ 0042", "", idle_minutes)
    qtbot.addWidget(window)
    scanner = WedgeScanner(ctx.scanner)
    scanner.scan_received.connect(window.scans.enqueue)
    scanner.install(QApplication.instance())
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return Shell(window, ctx, scanner, point, clerk, manager)


def log_in(qtbot, shell: Shell, login: str = "kassir", password: str = "secret-1111", open_shift: bool = True):
    """Log in through the login screen (password path) and open the shift without the question box."""
    window = shell.window
    window.shifts.offer_to_open = (lambda: window.shifts.open_shift()) if open_shift else (lambda: None)
    window.login.identifier.setText(login)
    window.login.secret.setText(password)
    window.login.submit.click()
    qtbot.waitUntil(lambda: shell.ctx.session.actor is not None, timeout=5000)
    if open_shift:
        qtbot.waitUntil(lambda: shell.ctx.session.actor.shift_id is not None, timeout=5000)
