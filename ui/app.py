"""The counter app's GUI: config, translations, logs, first-run enrolment, start-up off the GUI thread, login.

Every entry point (``python -m ui.app``, ``python -m ui``, ``pickup-desk``, the bundle) goes through
`ui.launcher.main`, which parses the command line once with `desktop.cli` and calls `run_gui`.
``python -m ui.app`` dispatches to the launcher before Qt is imported, so ``--version`` stays Qt-free.

The first paint is the login screen (ui.main_window's shell): this module and what it imports at the top load no
SQLAlchemy, service, sync or keyring module. The start-up work (ui.startup: check and migrate the cache, connect,
build the sync) imports the core on its worker thread while the clerk can already type; its progress shows on the
login screen, and the window gets its workspace when it is done (`MainWindow.attach`).
"""

from __future__ import annotations

import sys

if __name__ == "__main__":  # `python -m ui.app`: the launcher runs headless commands without importing Qt
    from ui.launcher import profiled_main

    sys.exit(profiled_main())

import logging
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import device_credentials
from desktop.config import AppConfig, ConfigError, load_config, user_config_file
from desktop.logs import close_logs
from desktop.scanner_settings import ScannerConfiguration
from desktop.settings_store import migrate_printing_json
from protocol.errors import DomainError
from ui.crash import CrashReporter
from ui.feedback import FeedbackBanner
from ui.i18n import install_translations
from ui.launcher import qt_arguments
from ui.main_window import MainWindow
from ui.paths import resource
from ui.scanner import WedgeScanner
from ui.serial_scanner import SerialScanner
from ui.session_end import SessionEnd
from ui.workers import Failure, TaskRunner

if TYPE_CHECKING:
    from desktop.cli import CliArgs
    from ui.startup import Progress, Repair, Started

EXIT_START_FAILED = 2
EXIT_ENROLMENT_CANCELLED = 2
EXIT_START_BUG = 3
START_UP_WAIT_MS = 60_000  # how long a quit during start-up waits for it to finish (then closes what it opened)
SYNC_QUIT_WAIT_S = 0.2  # a quit waits this long for the sync thread, then leaves it (its events stay queued)

log = logging.getLogger("pickup_desk")


def setup_logging(config: AppConfig) -> str:
    """Rotating log file (phones masked, secrets redacted); returns its path for the crash dialog."""
    from desktop import logs

    return str(logs.setup_logging(config))


def apply_style(app: QApplication) -> None:
    font = QFont(app.font())
    font.setPointSize(13)
    app.setFont(font)
    qss = resource("styles", "counter.qss")
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))


class Launcher:
    """Shows the login screen at once, runs the start-up off the GUI thread, then gives the window its workspace."""

    def __init__(self, app: QApplication, config: AppConfig, reporter: CrashReporter) -> None:
        self.app = app
        self.config = config
        self.reporter = reporter
        self.tasks = TaskRunner(reporter.report_failure)
        self.window: MainWindow | None = None  # the login screen from launch(); its workspace once started
        self.started: Started | None = None
        self._made: Started | None = None  # set by the start-up worker
        self._answered = False  # the start-up's result or failure reached the GUI thread
        self._shut_down = False
        self.repair: Repair | None = None  # the clerk's choice for a damaged cache (then start-up runs again)
        self.scanner_settings = ScannerConfiguration(config.scanner)  # the one live scanner configuration
        self.scanner = WedgeScanner(self.scanner_settings, app)
        self.serial_scanner = SerialScanner(self.scanner_settings, app)

    def launch(self) -> bool:
        """First run against a configured server: the enrolment wizard (GUI thread); then the login screen shows
        and the start-up runs off the GUI thread.

        False when the clerk cancelled the enrolment (the app then exits).
        """
        if needs_enrolment(self.config):
            from ui.enrol_wizard import run_enrol_wizard

            if run_enrol_wizard(self.config, tasks=self.tasks) is None:
                tell_enrolment_cancelled()
                return False
        self.window = MainWindow(tasks=self.tasks)
        room = self.window.screen().availableGeometry().size()  # 1366×768 at 150 % has 910×512 logical px
        self.window.resize(min(1366, room.width()), min(768, room.height()))
        self.window.showMaximized() if os.environ.get("PICKUP_DESK_MAXIMIZED") else self.window.show()
        self.window.raise_()
        self.window.activateWindow()  # shortcuts need an active window, also without a window manager
        self.window.login.reset()
        self._run_start()
        return True

    def _run_start(self) -> None:
        assert self.window is not None
        self._answered = False
        self.window.login.starting()
        self.tasks.run(self._start, self._on_started, self._on_start_failed, self._on_progress,
                       self._on_start_finished)

    def _start(self, progress: Progress) -> Started:
        """The start-up work (worker thread: the core is imported here); its result is also kept for a shutdown
        that comes before the GUI takes it (SIGTERM or the end of the session during start-up: the loop no longer
        delivers it)."""
        from ui.startup import start

        self._made = start(self.config, progress, self.repair)
        return self._made

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.window is not None and not self.window.login.ready:  # a late report after the start is ignored
            self.window.login.set_progress(done, total, QCoreApplication.translate("Startup", text))

    def _on_start_failed(self, failure: Failure) -> None:
        from ui.startup import CacheDamaged

        self._answered = True
        if isinstance(failure.error, CacheDamaged) and self.repair is None:
            from ui.damaged_cache_dialog import ask_repair

            self.repair = ask_repair(failure.error)
            if self.repair is not None:  # start again once this task's «finished» has been delivered
                QTimer.singleShot(0, self._run_start)
            else:
                self.app.exit(EXIT_START_FAILED)
            return
        QMessageBox.critical(self.window, QCoreApplication.translate("App", "Программа не запустилась"),
                             failure.message)
        self.app.exit(EXIT_START_FAILED)

    def _on_start_finished(self) -> None:
        """A bug during start-up was shown by the crash dialog: do not leave a login screen that cannot log in."""
        if not self._answered:
            self.app.exit(EXIT_START_BUG)

    def _on_started(self, started: Started) -> None:
        from ui.context import AppContext, Services, SessionState

        self._answered = True
        self.started = started
        window = self.window
        assert window is not None
        feedback = FeedbackBanner()
        scanner = self.scanner_settings
        services = Services.create(started.db, scanner=scanner, config=self.config)  # the register from [fiscal]
        ctx = AppContext(started.db, services, SessionState(), feedback,
                         scanner, started.sync, self.config, tasks=self.tasks)
        window.attach(ctx, started.point_name, started.demo_hint, self.config.idle_lock_minutes,
                      status_point=started.point_short)
        if window.hardware is not None:
            window.hardware.set_wedge(self.scanner, self.serial_scanner)  # the wizard pauses them while open
        self.scanner.scan_received.connect(window.scans.enqueue)
        self.serial_scanner.scan_received.connect(window.scans.enqueue)
        self.scanner.install(self.app)
        self.serial_scanner.start()
        self.app.installEventFilter(window.idle)
        log.info("start-up done: the login screen takes logins")
        if started.sync is not None:  # the first sync attempt competes with nothing the login screen needs
            QTimer.singleShot(0, started.sync.start)
        window.fiscal.reconcile()  # receipts left pending by a crash: asked of the register, in the background
        if started.repair is not None:
            from ui.damaged_cache_dialog import tell_repair_done

            tell_repair_done(started.repair, window)

    def shutdown(self, reason: str = "quit") -> None:
        """Stop the sync, close the database (its WAL is checkpointed) and the logs; once, whoever asks first."""
        if self._shut_down:
            return
        self._shut_down = True
        # A start-up still running (the demo point's creation, a slow disk) is waited for: what it opened is closed.
        self.tasks.wait_for_idle(10_000 if self.started is not None else START_UP_WAIT_MS)
        started = self.started or self._made
        closed = "nothing was open yet"
        if started is not None:
            if started.sync is not None and not started.sync.abandon(SYNC_QUIT_WAIT_S):
                log.info("the sync thread was busy at quit: left behind; its unsent events stay queued")
            if started.embedded is not None:
                started.embedded.stop()
            started.db.dispose()
            closed = "sync stopped, database closed"
        log.info("Pickup Desk shut down cleanly (%s): %s", reason, closed)
        close_logs()


def needs_enrolment(config: AppConfig) -> bool:
    """A configured central server and no device credential yet: this counter PC must enrol first."""
    return not config.uses_embedded_backend and device_credentials.load(config.data_dir) is None


def tell_enrolment_cancelled() -> None:
    text = QCoreApplication.translate(
        "App", "Рабочее место не зарегистрировано: регистрация отменена. Программа закрывается.\n"
               "Запустите её снова, когда получите код регистрации у администратора.")
    log.warning("enrolment wizard cancelled; exiting")
    print(text, file=sys.stderr, flush=True)
    QMessageBox.information(None, "Pickup Desk", text)


def run_gui(args: CliArgs) -> int:
    """Run the counter app for parsed arguments (no headless command); returns the process exit code."""
    app = QApplication.instance() or QApplication(qt_arguments(args.qt_argv))
    assert isinstance(app, QApplication)
    app.setApplicationName("PickupDesk")
    app.setOrganizationName("PickupDesk")
    try:
        config = load_config(args.overrides)
    except (ConfigError, DomainError) as err:
        print(str(err), file=sys.stderr, flush=True)
        QMessageBox.critical(None, "Pickup Desk", str(err))
        return EXIT_START_FAILED
    if migrate_printing_json(config.data_dir, user_config_file()):
        config = load_config(args.overrides)  # printing.json (older versions) is now [printing] in config.toml
    translators = install_translations(app, config.language)
    log_file = setup_logging(config)
    reporter = CrashReporter(log_file, parent=app)
    reporter.install()
    apply_style(app)
    launcher = Launcher(app, config, reporter)
    session_end = SessionEnd(app, launcher.shutdown)
    try:
        if not launcher.launch():
            return EXIT_ENROLMENT_CANCELLED
        return app.exec()
    finally:
        launcher.shutdown(session_end.reason or "quit")
        session_end.uninstall()
        del translators


def main(argv: Sequence[str] | None = None) -> int:
    """Run Pickup Desk (kept for callers of `ui.app.main`; the same as `ui.launcher.main`)."""
    from ui.launcher import main as launcher_main

    return launcher_main(argv)
