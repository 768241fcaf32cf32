"""Application entry point: `python -m ui.app` — config, translations, logs, start-up off the GUI thread, login."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from desktop.config import AppConfig, ConfigError, load_config
from desktop.errors import DomainError
from desktop.scan_routing import ScanPatterns
from ui import version_info
from ui.context import AppContext, Services, SessionState
from ui.crash import CrashReporter
from ui.feedback import FeedbackBanner
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.paths import resource
from ui.scanner import ScannerSettings, WedgeScanner
from ui.startup import Started, start
from ui.workers import Failure, run_task, wait_for_idle

log = logging.getLogger("pickup_desk")


def parse_args(argv: Sequence[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="pickup-desk", description="Pickup Desk: программа пункта выдачи")
    parser.add_argument("--config", dest="config_file")
    parser.add_argument("--data-dir", dest="data_dir")
    parser.add_argument("--backend-url", dest="backend_url")
    parser.add_argument("--language", dest="language")
    known, _qt_args = parser.parse_known_args(list(argv))
    return vars(known)


def scanner_settings(config: AppConfig) -> ScannerSettings:
    scanner = config.scanner
    suffix = scanner.suffix.strip("\r\n\t")  # the terminator (Enter/Tab) is detected as a key, not text
    return ScannerSettings(scanner.prefix, suffix, float(scanner.max_interkey_ms), scanner.min_length)


def scan_patterns(config: AppConfig) -> ScanPatterns:
    return ScanPatterns(prefix=config.scanner.prefix, suffix=config.scanner.suffix.strip("\r\n\t"))


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
    """Runs start-up off the GUI thread behind a progress dialog, then shows the main window."""

    def __init__(self, app: QApplication, config: AppConfig, reporter: CrashReporter) -> None:
        self.app = app
        self.config = config
        self.reporter = reporter
        self.window: MainWindow | None = None
        self.started: Started | None = None
        self.scanner = WedgeScanner(scanner_settings(config), app)
        self.splash = QProgressDialog(QCoreApplication.translate("App", "Запуск программы…"), "", 0, 4)
        self.splash.setCancelButton(None)
        self.splash.setWindowTitle("Pickup Desk")
        self.splash.setMinimumDuration(0)
        self.splash.setWindowModality(Qt.WindowModality.ApplicationModal)

    def launch(self) -> None:
        self.splash.show()
        config = self.config
        run_task(lambda progress: start(config, progress), self._on_started, self._on_start_failed,
                 self._on_progress, self._on_start_finished)

    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.splash.setMaximum(total)
        self.splash.setValue(done)
        self.splash.setLabelText(QCoreApplication.translate("Startup", text))

    def _on_start_failed(self, failure: Failure) -> None:
        self.splash.close()
        QMessageBox.critical(None, QCoreApplication.translate("App", "Программа не запустилась"), failure.message)
        self.app.exit(2)

    def _on_start_finished(self) -> None:
        """A bug during start-up was shown by the crash dialog: do not leave the splash up forever."""
        if self.window is None and self.splash.isVisible():
            self.splash.close()
            self.app.exit(3)

    def _on_started(self, started: Started) -> None:
        self.splash.close()
        self.started = started
        feedback = FeedbackBanner()
        patterns = scan_patterns(self.config)
        ctx = AppContext(started.db, Services.create(started.db, patterns=patterns), SessionState(), feedback,
                         patterns, started.sync, self.config)
        self.window = MainWindow(ctx, started.point_name, started.demo_hint, self.config.idle_lock_minutes,
                                 status_point=started.point_short)
        self.scanner.scan_received.connect(self.window.scans.enqueue)
        self.scanner.install(self.app)
        self.app.installEventFilter(self.window.idle)
        self.window.resize(1366, 768)
        self.window.showMaximized() if os.environ.get("PICKUP_DESK_MAXIMIZED") else self.window.show()
        self.window.raise_()
        self.window.activateWindow()  # shortcuts need an active window, also without a window manager

    def shutdown(self) -> None:
        wait_for_idle(10_000)
        started = self.started
        if started is None:
            return
        if started.sync is not None:
            started.sync.stop(10)
        if started.embedded is not None and hasattr(started.embedded, "stop"):
            started.embedded.stop()
        started.db.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the counter app; returns the process exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    app = QApplication.instance() or QApplication([sys.argv[0], *args])
    assert isinstance(app, QApplication)
    app.setApplicationName("PickupDesk")
    app.setOrganizationName("PickupDesk")
    try:
        config = load_config(parse_args(args))
    except (ConfigError, DomainError) as err:
        QMessageBox.critical(None, "Pickup Desk", str(err))
        return 2
    translators = install_translations(app, config.language)
    log_file = setup_logging(config)
    version_info.set_paths(log_file, str(config.data_dir))
    reporter = CrashReporter(log_file, parent=app)
    reporter.install()
    apply_style(app)
    launcher = Launcher(app, config, reporter)
    launcher.launch()
    try:
        return app.exec()
    finally:
        launcher.shutdown()
        del translators


if __name__ == "__main__":
    sys.exit(main())
