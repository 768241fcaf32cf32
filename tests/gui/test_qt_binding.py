"""The Qt binding in use keeps Python's None alive: PySide6 6.12.0 dropped a reference to None on every
Qt call returning a null object (focusWidget(), parent(), …), which aborts a long-running counter app with
"none_dealloc". The wedge scanner makes such calls on every key press."""

from __future__ import annotations

import sys

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget


def test_null_returning_qt_calls_do_not_leak_references_to_none(qtbot):
    orphan = QWidget()
    qtbot.addWidget(orphan)
    calls = (QApplication.focusWidget, QApplication.activeWindow, QGuiApplication.focusObject, orphan.parent)
    before = sys.getrefcount(None)
    for call in calls:
        for _ in range(200):
            call()
    assert sys.getrefcount(None) - before > -50  # the 6.12.0 bug gives -800 here
