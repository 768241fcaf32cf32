"""Give the keyboard back to the main window after any dialog closes, so the next scan and F-key reach the page.

One application-wide event filter instead of a fix per dialog: every dialog (QMessageBox, the form dialogs,
the wizards, the camera window, print errors) is a top-level QDialog, and when one hides the window waits
for the event loop to settle, then — once no modal dialog is left open — activates itself and lets
`restore` put the focus back where the current page scans (Qt alone leaves no active window behind on
some window managers, and then the wedge scanner's keys and the WindowShortcut F-keys go nowhere).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget


class FocusReturn(QObject):
    """Install on the QApplication with the main window; `restore()` runs after each dialog closes."""

    def __init__(self, window: QWidget, restore: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._restore = restore
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self._on_settled)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and isinstance(obj, QDialog) and obj.isWindow() \
                and obj is not self._window:
            self._later.start()
        return False

    def _on_settled(self) -> None:
        if QApplication.activeModalWidget() is not None or not self._window.isVisible():
            return  # another dialog is still open (a retry loop, a nested box): wait for it to close
        if QApplication.activeWindow() is not self._window:
            self._window.activateWindow()
        self._restore()
