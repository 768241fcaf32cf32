"""Shared set-up of the warranty GUI tests: a shell that prints to PDF files, a purchase, a pre-filed claim."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.config import AppConfig
from desktop.db.claim_models import Claim
from desktop.db.engine import Database
from desktop.db.models import Order, OrderLine, PickupPoint
from desktop.scanner_settings import ScannerConfiguration, ScannerSettings
from desktop.services.staff import StaffService
from protocol.claims import ClaimStatus
from tests.gui.fixtures import Shell, log_in, seed_point
from tests.support.factories import FAST_HASHER, make_order
from ui.context import AppContext, Services, SessionState
from ui.feedback import FeedbackBanner, SoundPlayer
from ui.main_window import MainWindow
from ui.pages.warranty_page import WarrantyPage
from ui.scanner import WedgeScanner

CLAIM = "W000000777"  # pre-filed online by the customer
SERIAL = "R58N12ABCDE"
ORDER = "500000777"


def printed_shell(qtbot, db: Database, tmp_path: Path, login: str = "kassir", password: str = "secret-1111") -> Shell:
    """The shell with a configuration: A4 documents and labels print to PDF files; the clerk logged in."""
    point, clerk, manager = seed_point(db)
    scanner_settings = ScannerConfiguration(ScannerSettings(max_interkey_ms=1000))
    services = Services.create(db, staff=StaffService(db, hasher=FAST_HASHER), scanner=scanner_settings)
    printers = {"document": f"pdf:{tmp_path / 'document.pdf'}", "label": f"pdf:{tmp_path / 'label.pdf'}",
                "receipt": f"pdf:{tmp_path / 'receipt.pdf'}"}
    config = AppConfig(backend_url="https://backend.test", data_dir=tmp_path / "data", printers=printers)
    ctx = AppContext(db, services, SessionState(), FeedbackBanner(SoundPlayer(muted=True)), scanner_settings,
                     config=config)
    window = MainWindow(ctx, "ПВЗ 0042", "")
    qtbot.addWidget(window)
    assert window.hardware is not None
    window.hardware.config_file = tmp_path / "config.toml"  # never the real user's file
    scanner = WedgeScanner(ctx.scanner)
    window.hardware.set_wedge(scanner)
    scanner.scan_received.connect(window.scans.enqueue)
    scanner.install(QApplication.instance())
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    shell = Shell(window, ctx, scanner, point, clerk, manager)
    log_in(qtbot, shell, login, password)
    return shell


def purchase(db: Database, point: PickupPoint, days_ago: int = 30, months: int = 12, number: str = ORDER,
             serial: str | None = SERIAL) -> str:
    """An order of the point handed over `days_ago` days ago; its one line carries the serial and warranty months."""
    with db.write() as s:
        order = make_order(s, point, status="handed_over", number=number)
        order.handed_over_at = datetime.now(UTC) - timedelta(days=days_ago)
        line = s.query(OrderLine).filter_by(order_id=order.id).one()
        line.serial, line.warranty_months = serial, months
    return number


def prefiled_claim(db: Database, point: PickupPoint, number: str = CLAIM, order: str = ORDER,
                   status: ClaimStatus = ClaimStatus.FILED) -> None:
    """A claim the customer filed online, as the server's claim.upsert left it in the cache."""
    now = datetime.now(UTC)
    with db.write() as s:
        line = s.query(OrderLine).join(Order).filter(Order.number == order).first()
        assert line is not None
        s.add(Claim(number=number, point_id=point.id, order_number=order, sku=line.sku, product=line.name,
                    serial=line.serial, prefiled=True, status=status, fault="Не включается", checklist=[],
                    photos=[], filed_at=now, updated_at=now))


def show_warranty(qtbot, shell: Shell) -> WarrantyPage:
    page = shell.window.page_named("WarrantyPage")
    assert isinstance(page, WarrantyPage)
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    return page


def wait_idle(qtbot, page: WarrantyPage, act: Callable[[], object]) -> None:
    """Do `act` (a key, a scan) and wait until the page's service call finished."""
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        act()


def settle(qtbot, shell: Shell) -> None:
    """Before the shell goes: every page's background call has finished (none answers into deleted widgets)."""
    qtbot.waitUntil(lambda: not any(page.busy for page in shell.window.built_pages()), timeout=5000)
