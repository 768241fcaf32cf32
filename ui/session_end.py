"""Quit cleanly when the system ends the app: SIGTERM (SIGHUP, SIGINT) and the session manager's end of session.

Python runs a signal handler only when the interpreter gets control, and Qt's event loop runs in C++: the
documented pattern is used — the C-level handler writes the signal number to a socket pair
(`signal.set_wakeup_fd`), a `QSocketNotifier` on the other end wakes the loop, Python then runs the handler,
which quits the event loop: the app leaves through the same path as a normal quit (`Launcher.shutdown`).

At the end of a Windows session Qt emits `QGuiApplication.commitDataRequest` (WM_QUERYENDSESSION) and the
process is killed soon after WM_ENDSESSION, so the clean shutdown runs right in that slot (synchronously)
before the loop is asked to quit; the shutdown is idempotent, so the normal path after the loop is a no-op.
"""

from __future__ import annotations

import logging
import signal
import socket
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Qt
from PySide6.QtGui import QSessionManager
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

QUIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))


class SessionEnd(QObject):
    """Installed once by `run_gui`; `uninstall()` gives the previous signal handling back."""

    def __init__(self, app: QApplication, shutdown: Callable[[str], None]) -> None:
        super().__init__(app)
        self._app = app
        self._shutdown = shutdown
        self.reason: str | None = None  # why the app was asked to quit (a signal's name or "end of session")
        self._receiver, self._sender = socket.socketpair()
        for end in (self._receiver, self._sender):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._sender.fileno(), warn_on_full_buffer=False)
        self._previous = {sig: signal.signal(sig, self._on_signal) for sig in QUIT_SIGNALS}
        self._notifier = QSocketNotifier(self._receiver.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_woken)
        app.commitDataRequest.connect(self.on_end_of_session, Qt.ConnectionType.DirectConnection)

    def _on_woken(self) -> None:
        """The loop woke for a signal: drain the bytes; Python has run (or now runs) the handler itself."""
        try:
            while self._receiver.recv(64):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        self.reason = signal.Signals(signum).name
        log.info("%s received: quitting cleanly", self.reason)
        self._app.quit()

    def on_end_of_session(self, manager: QSessionManager) -> None:
        """The operating system's session ends: shut down now (the process may not get another chance)."""
        self.reason = "end of session"
        log.info("the session manager ends the session (%s): quitting cleanly", manager.sessionId() or "no id")
        self._shutdown(self.reason)
        self._app.quit()

    def uninstall(self) -> None:
        self._notifier.setEnabled(False)
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._receiver.close()
        self._sender.close()
