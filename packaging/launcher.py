"""Entry point of the packaged app: headless commands without Qt widgets, otherwise the GUI (ui.app).

``--version`` never imports Qt; ``--self-test`` and ``--enrol`` run before any window exists (the
self-test gets printer and camera lists from Qt probes); anything else starts ``ui.app.main``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from typing import Any

LOGIN_SCREEN_CLASS = "LoginScreen"
QUIT_TIMEOUT_MS = 90_000


def qt_printers() -> list[str]:
    """Printer names as Qt print support sees them."""
    from PySide6.QtPrintSupport import QPrinterInfo

    return [str(name) for name in QPrinterInfo.availablePrinterNames()]


def qt_cameras() -> list[str]:
    """Camera descriptions as Qt Multimedia sees them (needs a QCoreApplication)."""
    from PySide6.QtCore import QCoreApplication, QLoggingCategory
    from PySide6.QtMultimedia import QMediaDevices

    QLoggingCategory.setFilterRules("qt.multimedia.*=false")
    _app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    return [device.description() for device in QMediaDevices.videoInputs()]


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.cli import parse_args, run_command

    arguments = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(arguments)
    code = run_command(args, printers=qt_printers, cameras=qt_cameras)
    if code is not None:
        return code
    if args.quit_after_start:
        watcher = install_quit_after_start(arguments)
    from ui.app import main as gui_main

    code = int(gui_main(arguments) or 0)
    if args.quit_after_start and not getattr(watcher, "reached", False):
        return 3
    return code


def install_quit_after_start(arguments: list[str]) -> Any:
    """Create the QApplication early and quit it once the login screen has painted (or a dialog shows)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication([sys.argv[0], *arguments])

    class QuitWhenLoginShown(QObject):
        reached = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and type(watched).__name__ == LOGIN_SCREEN_CLASS:
                if not self.reached:
                    self.reached = True
                    print(f"login-screen-shown-at {time.time():.6f}", flush=True)
                    QTimer.singleShot(0, app.quit)
            elif event.type() == QEvent.Type.Show and isinstance(watched, QMessageBox):
                print(f"dialog instead of the login screen: {watched.text()}", file=sys.stderr, flush=True)
                QTimer.singleShot(0, lambda: app.exit(3))
            return False

    watcher = QuitWhenLoginShown(app)
    app.installEventFilter(watcher)
    QTimer.singleShot(QUIT_TIMEOUT_MS, lambda: app.exit(3))
    return watcher


def profiled_main() -> int:
    """``PICKUP_PROFILE_STARTUP=FILE``: write a cProfile of the whole run to FILE (diagnosing slow starts)."""
    import os

    target = os.environ.get("PICKUP_PROFILE_STARTUP")
    if not target:
        return main()
    import cProfile

    profiler = cProfile.Profile()
    try:
        return int(profiler.runcall(main))
    finally:
        profiler.dump_stats(target)


if __name__ == "__main__":
    sys.exit(profiled_main())
