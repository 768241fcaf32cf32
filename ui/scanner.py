"""Keyboard-wedge scanner input: an application-wide event filter that tells scans from typing.

A scan is a fast burst of printable keys (each within `max_interkey_ms` of the previous one) of
at least `min_length` characters, ending in Enter/Return/Tab (and starting with the configured
prefix, if any). Printable keys are held back while they might be part of a scan; when the burst
turns out to be typing (a slow key, another key, a short burst) they are replayed to the widget
they were meant for, in order, so hand typing still works wherever the focus is.

The gap between two keys is measured on the window system's clock (each key event's own timestamp:
when the key was pressed), not when the busy app got round to it, so a scan handled late is still a
scan; events without a timestamp (synthetic ones) are timed on arrival. The flush timer that gives
up on a burst runs on the app's clock: after a stall it can fire while the next keys of the burst
still wait in the queue behind it, so it decides only after one more turn of the event loop, once
those keys (judged by their own timestamps) have had their chance.

Scans go into `ScanQueue`, which hands them on one at a time only while nothing is busy (no
background call running on the page, no modal dialog open): none is lost or handled twice.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.scanner_settings import ScannerConfiguration, ScannerSettings

TERMINATORS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})
# Scanners press Shift for capitals (and some send other lone modifiers): never part of a decision.
MODIFIER_KEYS = frozenset(
    {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock}
)
_PLAIN = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


@dataclass(frozen=True)
class _HeldKey:
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class WedgeScanner(QObject):
    """Install on the QApplication; emits `scan_received(raw)` for every detected scan."""

    scan_received = Signal(str)

    def __init__(
        self,
        scanner: ScannerConfiguration | ScannerSettings | None = None,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        if not isinstance(scanner, ScannerConfiguration):
            scanner = ScannerConfiguration(scanner or ScannerSettings())
        self.configuration = scanner
        self._clock = clock
        self._held: list[_HeldKey] = []
        self._target: QWidget | None = None
        self._last_at = 0.0  # the app's clock (seconds) when the last held key arrived
        self._last_stamp = 0  # the window system's timestamp (ms) of that key press; 0 — it had none
        self._replaying = False
        self._flush = _single_shot(self, self._on_flush_timeout)
        self._confirm = _single_shot(self, self.release_held)
        apply = self._apply
        apply(scanner.settings)
        scanner.subscribe(apply)
        self.destroyed.connect(lambda *_: scanner.unsubscribe(apply))

    @property
    def settings(self) -> ScannerSettings:
        """The live settings (a wizard change is seen by the next key)."""
        return self.configuration.settings

    def _apply(self, settings: ScannerSettings) -> None:
        """New timing reaches the running flush timer at once."""
        self._flush.setInterval(max(1, settings.max_interkey_ms * 2))
        self._confirm.setInterval(max(1, settings.max_interkey_ms))

    def install(self, app: QCoreApplication) -> None:
        app.installEventFilter(self)

    def uninstall(self, app: QCoreApplication) -> None:
        app.removeEventFilter(self)
        self.release_held()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress or not self._is_first_receiver(obj):
            return False
        assert isinstance(event, QKeyEvent)
        return self._on_key(obj, event)  # type: ignore[arg-type]

    @staticmethod
    def _is_first_receiver(obj: QObject) -> bool:
        """Key events propagate to parents through the filter again; look only at the first receiver."""
        if not isinstance(obj, QWidget):
            return False
        # The window's own focus widget: QApplication.focusWidget() is None while the window is not
        # "active" (e.g. no window manager), yet the keys still arrive.
        focus = obj.window().focusWidget() or QApplication.focusWidget()
        return obj is focus if focus is not None else obj.isWindow()

    def _on_key(self, target: QWidget, event: QKeyEvent) -> bool:
        if event.key() in MODIFIER_KEYS:
            return False
        now = self._clock()
        if self._held and self._gap_ms(now, event.timestamp()) > self.settings.max_interkey_ms:
            self.release_held()
        if event.isAutoRepeat():
            self.release_held()
            return False
        if event.key() in TERMINATORS and not (event.modifiers() & ~_PLAIN):
            return self._on_terminator()
        if self._is_printable(event):
            self._hold(target, event, now)
            return True
        self.release_held()
        return False

    def _gap_ms(self, now: float, stamp: int) -> float:
        """Milliseconds since the last held key: between the presses when both carry the window system's
        timestamp, else between their arrivals (synthetic events; a timestamp that went back)."""
        if stamp and self._last_stamp and stamp >= self._last_stamp:
            return float(stamp - self._last_stamp)
        return (now - self._last_at) * 1000

    @staticmethod
    def _is_printable(event: QKeyEvent) -> bool:
        text = event.text()
        return len(text) == 1 and text.isprintable() and not (event.modifiers() & ~_PLAIN)

    def _hold(self, target: QWidget, event: QKeyEvent, now: float) -> None:
        if not self._held:
            self._target = target
        self._held.append(_HeldKey(event.key(), event.modifiers(), event.text()))
        self._last_at, self._last_stamp = now, event.timestamp()
        self._confirm.stop()
        self._flush.start()

    def _on_terminator(self) -> bool:
        raw = "".join(k.text for k in self._held)
        if self._held and self._looks_like_scan(raw):
            self._held.clear()
            self._flush.stop()
            self._confirm.stop()
            self.scan_received.emit(raw)
            return True
        self.release_held()
        return False

    def _looks_like_scan(self, raw: str) -> bool:
        s = self.settings
        prefix, suffix = s.prefix, s.data_suffix
        if prefix and not raw.startswith(prefix):
            return False
        if suffix and not raw.endswith(suffix):
            return False
        return len(raw) - len(prefix) - len(suffix) >= s.min_length

    def _on_flush_timeout(self) -> None:
        """No key came for two gaps on the app's clock. After a stall the next keys may still be queued behind
        this timeout: give them one more turn of the event loop (their timestamps decide), then give up."""
        self._confirm.start()

    def release_held(self) -> None:
        """The held keys were typing after all: deliver them, in order, to the widget they were for."""
        held, target = self._held, self._target
        self._held, self._target = [], None
        self._flush.stop()
        self._confirm.stop()
        if not held or target is None or not _alive(target):
            return
        self._replaying = True
        try:
            for key in held:
                press = QKeyEvent(QEvent.Type.KeyPress, key.key, key.modifiers, key.text)
                QCoreApplication.sendEvent(target, press)
        finally:
            self._replaying = False


def _single_shot(parent: QObject, slot: Callable[[], None], interval: int | None = None) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    if interval is not None:
        timer.setInterval(interval)
    timer.timeout.connect(slot)
    return timer


def _alive(widget: QWidget) -> bool:
    try:
        widget.objectName()
    except RuntimeError:  # the C++ widget is gone
        return False
    return True


class ScanQueue(QObject):
    """Scans waiting to be handled, handed on one at a time while nothing is busy."""

    scan_queued = Signal(str)
    scan_dispatched = Signal(str)

    def __init__(self, handler: Callable[[str], None], is_busy: Callable[[], bool], parent: QObject | None = None):
        super().__init__(parent)
        self._handler = handler
        self._is_busy = is_busy
        self._pending: deque[str] = deque()
        self._drain = _single_shot(self, self._on_drain, 0)
        self._retry = _single_shot(self, self._on_drain, 100)

    def __len__(self) -> int:
        return len(self._pending)

    def enqueue(self, raw: str) -> None:
        self._pending.append(raw)
        self.scan_queued.emit(raw)
        self.poke()

    def poke(self) -> None:
        """Something became idle (a call finished, a dialog closed): try to hand on the next scan."""
        if self._pending and not self._drain.isActive():
            self._drain.start()

    def clear(self) -> None:
        self._pending.clear()

    def _on_drain(self) -> None:
        if not self._pending:
            return
        if self._is_busy() or QApplication.activeModalWidget() is not None:
            self._retry.start()  # re-check soon; a finished call also pokes us
            return
        raw = self._pending.popleft()
        self.scan_dispatched.emit(raw)
        self._handler(raw)
        self.poke()
