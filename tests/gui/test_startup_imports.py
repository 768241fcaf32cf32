"""The login screen imports only what it shows: no page module, no workflow service, no sync engine or HTTP stack;
each is imported when first used (a page opened, a service called, the sync thread started)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from desktop.db.engine import Database
from desktop.sync.runner import SyncRunner
from ui.context import Services

PROBE = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(["probe"])
from desktop.config import AppConfig
from desktop.db.engine import Database
from desktop.device_credentials import DeviceCredentials
from ui.context import AppContext, Services, SessionState
from ui.feedback import FeedbackBanner, SoundPlayer
from ui.main_window import MainWindow
from ui.startup import _sync_runner
import ui.app  # the GUI's own modules (the serial scanner's too)

folder = Path(sys.argv[1])
config = AppConfig(data_dir=folder / "data", log_dir=folder / "logs")
db = Database(folder / "cache.sqlite3")
db.create_all()
sync = _sync_runner(config, db, DeviceCredentials("http://127.0.0.1:9", "dev-1", "token", "0042", "AAAA"))
ctx = AppContext(db, Services.create(db, config=config), SessionState(), FeedbackBanner(SoundPlayer(muted=True)),
                 sync=sync, config=config)
window = MainWindow(ctx, "Пункт 0042")
window.show()
app.processEvents()
window.fiscal.reconcile()  # no register configured: nothing to ask
print(" ".join(sorted(name for name in sys.modules if name.startswith(WATCHED))))
window.close()
db.dispose()
"""
WATCHED = ("ui.pages.", "desktop.services.", "desktop.fiscal.service", "desktop.sync.engine", "desktop.sync.client",
           "requests", "desktop.documents.builders", "PIL", "cryptography.hazmat.primitives",
           "PySide6.QtPrintSupport", "PySide6.QtSerialPort", "ui.hardware.preview", "ui.hardware.print_ui")


def test_the_login_screen_imports_no_page_service_or_sync_engine(tmp_path: Path) -> None:
    """Nor Qt Print Support (the first print or preview) nor Qt Serial Port (a configured serial scanner)."""
    probe = f"WATCHED = {WATCHED!r}\n{PROBE}"
    out = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, timeout=120,
                         check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    imported = out.stdout.split()
    assert imported == ["desktop.services.base", "desktop.services.point_info", "ui.pages.base"], out.stderr[-2000:]


FIRST_PAINT = """
import sys
from PySide6.QtWidgets import QApplication
from ui.launcher import without_pyside_feature_hook
without_pyside_feature_hook()
app = QApplication(["probe"])
import ui.app
from ui.workers import TaskRunner, ignore_bug
window = ui.app.MainWindow(tasks=TaskRunner(ignore_bug))
window.show()
window.login.starting()
app.processEvents()
loaded = [name for name in ("sqlalchemy", "keyring", "cryptography", "requests", "alembic", "ui.context", "ui.startup",
                            "desktop.db.engine", "desktop.services.base", "ui.pages") if name in sys.modules]
print(" ".join(loaded) or "-", window.login.isVisible(), window.login.identifier.isEnabled())
"""


def test_the_login_screen_paints_before_the_core_database_or_credential_store_is_loaded() -> None:
    out = subprocess.run([sys.executable, "-c", FIRST_PAINT], capture_output=True, text=True, timeout=120, check=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, cwd=Path(__file__).parents[2])
    assert out.stdout.split() == ["-", "True", "True"], out.stderr[-2000:]


HOOK = """
import linecache, sys
from ui.launcher import without_pyside_feature_hook
without_pyside_feature_hook()
import sqlalchemy.orm
print(sum(1 for name in linecache.cache if "sqlalchemy" in name and name.endswith(".py")))  # not its own wrappers
"""


def test_modules_imported_after_qt_are_not_read_as_source_by_pysides_feature_hook() -> None:
    out = subprocess.run([sys.executable, "-c", HOOK], capture_output=True, text=True, timeout=120, check=True,
                         cwd=Path(__file__).parents[2])
    assert out.stdout.split() == ["0"], out.stderr[-2000:]  # with the hook: the source of ~100 modules, 8 MB


def test_no_module_of_the_app_selects_a_pyside_feature() -> None:
    root = Path(__file__).parents[2]
    selecting = [str(path.relative_to(root)) for folder in ("desktop", "ui", "protocol", "backend", "packaging")
                 for path in (root / folder).rglob("*.py")
                 if re.search(r"^\s*from\s+__feature__\s+import", path.read_text(encoding="utf-8"), re.MULTILINE)]
    assert selecting == []  # ui.launcher turns PySide6's feature hook off: `from __feature__ import …` would not work


def test_services_are_built_when_first_used_and_share_one_register(db: Database) -> None:
    services = Services.create(db)
    assert "staff" not in vars(services) and "fiscal" not in vars(services)
    staff = services.staff
    assert services.staff is staff  # built once
    assert staff.fiscal is services.fiscal is services.handover.fiscal is services.certificates.fiscal
    assert services.receiving is services.receiving


class CountingEngine:
    made = 0

    def __init__(self) -> None:
        CountingEngine.made += 1
        self.batch_stored = None

    def sync_once(self) -> None:
        return None

    def counts(self) -> tuple[int, int]:
        return 3, 0


def test_a_runner_given_how_to_make_its_engine_makes_it_in_its_thread_not_before() -> None:
    CountingEngine.made = 0
    runner = SyncRunner(CountingEngine, interval=60)
    assert runner.abandon(0.1) and CountingEngine.made == 0  # a quit before the first sync makes no engine
    runner = SyncRunner(CountingEngine, interval=60)
    assert CountingEngine.made == 0
    runner.start()
    try:
        deadline = time.monotonic() + 10
        while runner.status().pending_events != 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert runner.status().pending_events == 3 and CountingEngine.made == 1
        assert runner.engine.batch_stored == runner._update  # the counts follow each stored batch
    finally:
        runner.stop(5)


class SlowToMake(CountingEngine):
    def __init__(self) -> None:
        time.sleep(0.5)  # importing the HTTP stack on a busy PC
        super().__init__()


def test_a_quit_while_the_sync_thread_makes_its_engine_does_not_wait_for_it() -> None:
    runner = SyncRunner(SlowToMake, interval=60)
    runner.start()
    time.sleep(0.05)
    started = time.monotonic()
    runner.abandon(5.0)  # nothing in flight yet: no wait for the import
    assert time.monotonic() - started < 0.3
    runner.stop(5)
    assert runner.status().last_success_at is None  # stopped before its first sync
