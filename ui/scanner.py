"""Keyboard-wedge scanner input: an application-wide event filter that tells scans from typing.

A scan is a fast burst of printable keys (each within `max_interkey_ms` of the previous one) of
at least `min_length` characters, ending in Enter/Return/Tab (and starting with the configured
prefix, if any). Printable keys are held back while they might be part of a scan; when the burst
turns out to be typing (a slow key, another key, a short burst) they are replayed, in order, to the
widget Qt would give a key NOW (a keyboard grabber, an open popup such as a completer's list, which
forwards to its field, else the focus widget — of a modal dialog too), so hand typing works wherever
the focus is. No widget is remembered between keys: a Python wrapper of a widget Qt made itself (the
field of `QInputDialog.getText`) can be invalidated once the call that produced it returns.

One ordered queue: a key that comes in while held keys are being replayed (a field's handler turned
the event loop) waits behind them; keys to an open popup are judged like any other, never passed
ahead of keys still held.

The gap between two keys is measured on the window system's clock (each key event's own timestamp:
when the key was pressed), not when the busy app got round to it; events without a timestamp
(synthetic ones) are timed on arrival. Giving up on a burst is counted in turns of the event loop:
a repeating tick, `GIVE_UP_TICKS` of them with no key. A stalled loop fires an overdue timer once,
so a stall of any length counts as one tick, and the keys queued behind it (their timestamps decide)
are read before the burst can be given up: a scan is never split by the app being busy.

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
from shiboken6 import Shiboken

from desktop.scanner_settings import ScannerConfiguration, ScannerSettings

TERMINATORS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})
# Scanners press Shift for capitals (and some send other lone modifiers): never part of a decision.
MODIFIER_KEYS = frozenset(
    {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock}
)
_PLAIN = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
GIVE_UP_TICKS = 4  # a burst is given up after this many loop ticks without a key (2 × max_interkey_ms)


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
        self._outbox: deque[_HeldKey] = deque()  # judged typing, being replayed in order
        self._last_at = 0.0  # the app's clock (seconds) when the last held key arrived
        self._last_stamp = 0  # the window system's timestamp (ms) of that key press; 0 — it had none
        self._ticks = 0  # loop ticks since the last held key
        self._replay_ptr = 0  # the C++ address of the key event being replayed (it passes the filter)
        self._tick = QTimer(self)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.timeout.connect(self._on_tick)
        apply = self._apply
        apply(scanner.settings)
        scanner.subscribe(apply)
        self.destroyed.connect(lambda *_: scanner.unsubscribe(apply))

    @property
    def settings(self) -> ScannerSettings:
        """The live settings (a wizard change is seen by the next key)."""
        return self.configuration.settings

    @property
    def give_up_ms(self) -> int:
        """How long (in loop time, stalls not counted) a burst waits for its next key before it is typing."""
        return self._tick.interval() * GIVE_UP_TICKS

    def _apply(self, settings: ScannerSettings) -> None:
        """New timing reaches the running tick at once."""
        self._tick.setInterval(max(1, settings.max_interkey_ms * 2 // GIVE_UP_TICKS))

    def install(self, app: QCoreApplication) -> None:
        app.installEventFilter(self)

    def uninstall(self, app: QCoreApplication) -> None:
        app.removeEventFilter(self)
        self.release_held()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(obj, QWidget):
            return False  # a key reaches its QWindow first, then the widget: judge it once, at the widget
        assert isinstance(event, QKeyEvent)
        if self._replay_ptr and Shiboken.getCppPointer(event)[0] == self._replay_ptr:
            return False  # our own replay (and its propagation to the parents)
        if self._outbox:  # keys being replayed: this one waits behind them
            return self._behind_replay(event)
        return self._on_key(event)

    def _behind_replay(self, event: QKeyEvent) -> bool:
        if self._is_printable(event) and not event.isAutoRepeat():
            self._outbox.append(_HeldKey(event.key(), event.modifiers(), event.text()))
            return True
        return False

    def _on_key(self, event: QKeyEvent) -> bool:
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
        if self._is_printable(event) and _key_receiver() is not None:
            self._hold(event, now)
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

    def _hold(self, event: QKeyEvent, now: float) -> None:
        self._held.append(_HeldKey(event.key(), event.modifiers(), event.text()))
        self._last_at, self._last_stamp = now, event.timestamp()
        self._ticks = 0
        self._tick.start()

    def _on_terminator(self) -> bool:
        raw = "".join(k.text for k in self._held)
        if self._held and self._looks_like_scan(raw):
            self._held.clear()
            self._tick.stop()
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

    def _on_tick(self) -> None:
        """One more turn of the event loop without a key. After a stall the overdue tick fires once, and
        the keys queued behind the stall are read before enough ticks add up to give the burst up."""
        self._ticks += 1
        if self._ticks * self._tick.interval() >= self.give_up_ms:
            self.release_held()

    def release_held(self) -> None:
        """The held keys were typing after all: replay them, in order, to where a key goes now."""
        self._tick.stop()
        self._outbox.extend(self._held)
        self._held = []
        if self._replay_ptr:
            return  # a replay further up the stack delivers them (a handler turned the event loop)
        try:
            while self._outbox:
                self._replay(self._outbox.popleft())
        finally:
            self._replay_ptr = 0

    def _replay(self, key: _HeldKey) -> None:
        grabber, popup = QWidget.keyboardGrabber(), QApplication.activePopupWidget()
        popup_focus = popup.focusWidget() if popup is not None else None  # `popup` stays referenced meanwhile
        modal = QApplication.activeModalWidget()
        target = grabber or popup_focus or popup or QApplication.focusWidget() or modal
        if target is None:
            return
        press = QKeyEvent(QEvent.Type.KeyPress, key.key, key.modifiers, key.text)
        self._replay_ptr = Shiboken.getCppPointer(press)[0]
        QCoreApplication.sendEvent(target, press)


def _key_receiver() -> QWidget | None:
    """Is there a widget a key can be replayed to (as Qt would pick it: grabber, popup, focus, modal)?"""
    return (
        QWidget.keyboardGrabber()
        or QApplication.activePopupWidget()
        or QApplication.focusWidget()
        or QApplication.activeModalWidget()
    )


def _single_shot(parent: QObject, slot: Callable[[], None], interval: int | None = None) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    if interval is not None:
        timer.setInterval(interval)
    timer.timeout.connect(slot)
    return timer


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
        if self._is_busy() or not _modal_takes_scans():
            self._retry.start()  # re-check soon; a finished call also pokes us
            return
        raw = self._pending.popleft()
        self.scan_dispatched.emit(raw)
        self._handler(raw)
        self.poke()


def _modal_takes_scans() -> bool:
    """No modal dialog is open, or the open one takes scans itself (it has `take_scan`, like the payment dialog)."""
    modal = QApplication.activeModalWidget()
    return modal is None or callable(getattr(modal, "take_scan", None))
