"""Key event helpers: scanner-speed bursts and hand typing (with a fake clock, never a sleep)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def focus_target(fallback: QWidget) -> QWidget:
    """Where a real keyboard would send the keys: the focus widget, else the window."""
    return QApplication.focusWidget() or fallback.window()


def _click_char(target: QWidget, ch: str) -> None:
    modifier = Qt.KeyboardModifier.ShiftModifier if ch.isupper() else Qt.KeyboardModifier.NoModifier
    QTest.keyClick(target, ch, modifier)


def scan_keys(window: QWidget, text: str, terminator: Qt.Key = Qt.Key.Key_Return) -> None:
    """Type `text` plus Enter back to back, as a wedge scanner does (no delay between keys)."""
    for ch in text:
        _click_char(focus_target(window), ch)
    QTest.keyClick(focus_target(window), terminator)


class SteppedClock:
    """A monotonic clock the test moves forward by hand (to simulate slow human typing)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def type_slowly(window: QWidget, text: str, clock: SteppedClock, gap_s: float = 0.2) -> None:
    """Type like a human: `gap_s` between keys on the scanner's clock."""
    for ch in text:
        clock.advance(gap_s)
        _click_char(focus_target(window), ch)
