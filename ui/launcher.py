"""The one entry point of every way to start Pickup Desk: headless commands first, then the GUI (ui.app).

``python -m ui``, ``python -m ui.app``, the ``pickup-desk`` console script and the PyInstaller bundle
(packaging/launcher.py) all call `main`. The command line is parsed once by `desktop.cli`:
``--version`` prints without importing Qt, ``--self-test`` and ``--enrol URL CODE`` run before any
window exists (the self-test gets the printer and camera lists from Qt probes); anything else starts
the counter app with the configuration overrides and the remaining arguments for QApplication.
This module imports no Qt at import time.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from typing import Any

LOGIN_SCREEN_CLASS = "LoginScreen"
QUIT_TIMEOUT_MS = 90_000
EXIT_QUIT_NOT_REACHED = 3


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


def qt_platform() -> list[str]:
    """The QPA plugin the GUI will use, loaded as Qt loads it (raises with Qt's reason when it cannot load)."""
    import os
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QPluginLoader

    wanted = os.environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0] or DEFAULT_QPA.get(sys.platform, "xcb")
    folders = [str(Path(folder, "platforms")) for folder in
               (*QCoreApplication.libraryPaths(), QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))]
    if os.environ.get("QT_QPA_PLATFORM_PLUGIN_PATH"):  # Qt looks there first
        folders.insert(0, os.environ["QT_QPA_PLATFORM_PLUGIN_PATH"])
    folders = list(dict.fromkeys(folders))
    found = [file for folder in folders for file in sorted(Path(folder).glob(f"*q{wanted}.*"))]
    if not found:
        raise RuntimeError(f"no '{wanted}' platform plugin in {', '.join(folders)}")
    loader = QPluginLoader(str(found[0]))
    if not loader.load():
        raise RuntimeError(loader.errorString())
    return [f"{wanted} ({found[0].name})"]


DEFAULT_QPA = {"win32": "windows", "darwin": "cocoa"}


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line once; run a headless command or the GUI; returns the exit code."""
    from desktop.cli import parse_args, run_command

    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    code = run_command(args, printers=qt_printers, cameras=qt_cameras, qt_platform=qt_platform)
    if code is not None:
        return code
    handed_over = update_at_start(args)
    if handed_over is not None:
        return handed_over
    without_pyside_feature_hook()
    watcher = install_quit_after_start(args.qt_argv) if args.quit_after_start else None
    from ui.app import run_gui

    code = int(run_gui(args) or 0)
    if watcher is not None and not watcher.reached:
        return EXIT_QUIT_NOT_REACHED
    return code


def without_pyside_feature_hook() -> None:
    """Load Qt and put the interpreter's own `__import__` back in place of PySide6's `__feature__` import hook.

    The hook serves ``from __feature__ import snake_case, true_property``, which this app never uses (a test checks
    that no module of it does). For every module imported after Qt it reads the module's whole source
    (`inspect.getsource`, kept in `linecache`) to look for the word «PySide6»: in a checkout that is about 8 MB of
    source text and 25 MiB of memory for the core imported after the login screen shows. A module the hook never saw
    is treated as it treats a module without PySide (feature id −1, «ignore this module»), which is also what a
    bundle gets (it has no sources), so nothing else changes."""
    import builtins

    import PySide6.QtCore  # noqa: F401  (installs the hook)

    original = getattr(builtins, "__orig_import__", None)
    if original is not None:
        builtins.__import__ = original


def update_at_start(args: Any) -> int | None:
    """A bundle installs a staged update and hands the start to the newest good version, before the database
    is opened (desktop.update.install); returns the handed-over run's exit code (Windows) or None: go on."""
    if not getattr(sys, "frozen", False):
        return None
    from desktop.cli import load_config_for
    from desktop.config import ConfigError
    from desktop.logs import setup_logging
    from desktop.update.install import at_start
    from desktop.update.layout import UpdateLayout
    from protocol.version import VERSION

    try:
        config = load_config_for(args)
    except ConfigError:
        return None  # ui.app says what is wrong with the configuration
    if UpdateLayout.for_data_dir(config.data_dir).state_file.exists():
        setup_logging(config)  # the install and a rollback go into the log file
    return at_start(config.data_dir, VERSION, sys.argv[1:], sys.platform == "win32")


def qt_arguments(qt_argv: Sequence[str]) -> list[str]:
    """QApplication's argv: the program name and only the arguments desktop.cli did not recognise."""
    return [sys.argv[0] if sys.argv and sys.argv[0] else "pickup-desk", *qt_argv]


def install_quit_after_start(qt_argv: Sequence[str]) -> Any:
    """Create the QApplication early; print when the login screen first paints and when it takes logins (the
    start-up done, the window's workspace built), with the resident memory at each; then quit. A dialog shown
    instead of the login screen quits with EXIT_QUIT_NOT_REACHED.

    The watcher filters the application's events only until the login screen's first event, then the login screen's
    alone: a Python filter of every object makes PySide6 create the Python type of every Qt class it is handed,
    internal ones too (measured: +4.6 MiB at the first QScrollArea) — the watcher's memory, not the app's. Dialogs
    are found by asking for the active modal widget every 50 ms."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(qt_arguments(qt_argv))
    watcher = _login_watcher(app)
    app.installEventFilter(watcher)
    dialogs = QTimer(watcher)
    dialogs.timeout.connect(watcher.look_for_dialogs)
    dialogs.start(50)
    QTimer.singleShot(QUIT_TIMEOUT_MS, lambda: app.exit(EXIT_QUIT_NOT_REACHED))
    return watcher


def _login_watcher(app: Any) -> Any:
    """The watcher of `install_quit_after_start` (Qt imported here: this module imports none when imported)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

    class QuitWhenLoginReady(QObject):
        watching: QObject | None = None  # the login screen, once seen
        painted = False
        reached = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if self.watching is None:
                if type(watched).__name__ == LOGIN_SCREEN_CLASS:
                    self.watching = watched
                    app.removeEventFilter(self)
                    watched.installEventFilter(self)
            elif event.type() == QEvent.Type.Paint and not self.painted:
                self.painted = True
                print(f"login-screen-shown-at {time.time():.6f}", flush=True)
                print(f"login-screen-rss-kib {resident_kib()}", flush=True)
            elif event.type() == QEvent.Type.DynamicPropertyChange and watched.property("ready") and not self.reached:
                self.reached = True
                print(f"login-ready-at {time.time():.6f}", flush=True)
                print(f"login-ready-rss-kib {resident_kib()}", flush=True)
                QTimer.singleShot(0, app.quit)
            return False

        def look_for_dialogs(self) -> None:
            shown = QApplication.activeModalWidget()
            if isinstance(shown, (QMessageBox, QWizard)) and not self.reached:
                text = shown.text() if isinstance(shown, QMessageBox) else shown.windowTitle()
                print(f"dialog instead of the login screen: {text}", file=sys.stderr, flush=True)
                app.exit(EXIT_QUIT_NOT_REACHED)

    return QuitWhenLoginReady(app)


def resident_kib() -> int:
    """This process's resident memory (KiB) from /proc (Linux); 0 where there is none (the bench reads it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
    except OSError:
        return 0


def exit_now(code: int) -> int:
    """End the process at once with `code`: the GUI has shut down (sync abandoned, database and logs closed).

    Skips the interpreter's teardown (Qt objects, modules, a sync thread left blocked in a network call) that
    took about a second after every quit; everything worth keeping is already on disk. Only the program's entry
    points call this (never `main`, which tests call in-process)."""
    import logging
    import os

    logging.shutdown()  # a headless command's log file (the GUI closed its logs already)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def profiled_main() -> int:
    """``PICKUP_PROFILE_STARTUP=FILE``: write a cProfile of the whole run to FILE (diagnosing slow starts)."""
    import os

    target = os.environ.get("PICKUP_PROFILE_STARTUP")
    if not target:
        return exit_now(main())
    import cProfile

    profiler = cProfile.Profile()
    try:
        return int(profiler.runcall(main))
    finally:
        profiler.dump_stats(target)


if __name__ == "__main__":
    sys.exit(profiled_main())
