"""Wedge scanner detection: bursts become scans, slow typing reaches the text field, queue order."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from desktop.scanner_settings import ScannerConfiguration, ScannerSettings
from tests.gui.typing import SteppedClock, scan_keys, type_slowly
from ui.scanner import ScanQueue, WedgeScanner


def _window(qtbot):
    window = QWidget()
    layout = QVBoxLayout(window)
    edit = QLineEdit(window)
    layout.addWidget(edit)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    return window, edit


def _scanner(clock=None, **settings):
    kwargs = {"clock": clock} if clock else {}
    scanner = WedgeScanner(ScannerSettings(**settings), **kwargs)
    scanner.install(QApplication.instance())
    return scanner


def test_burst_becomes_a_scan_and_never_reaches_the_field(qtbot):
    window, edit = _window(qtbot)
    scanner = _scanner()
    try:
        with qtbot.waitSignal(scanner.scan_received) as blocker:
            scan_keys(window, "B004250000001201")
        assert blocker.args == ["B004250000001201"]
        assert edit.text() == ""
    finally:
        scanner.uninstall(QApplication.instance())


def test_slow_typing_reaches_the_field_in_order(qtbot):
    window, edit = _window(qtbot)
    clock = SteppedClock()
    scanner = _scanner(clock)
    received: list[str] = []
    scanner.scan_received.connect(lambda raw: received.append(raw))
    try:
        type_slowly(window, "Ivanov", clock)
        qtbot.waitUntil(lambda: edit.text() == "Ivanov")
        QTest.keyClick(edit, Qt.Key.Key_Return)
        assert received == []
    finally:
        scanner.uninstall(QApplication.instance())


def test_short_fast_burst_is_typing_not_a_scan(qtbot):
    window, edit = _window(qtbot)
    scanner = _scanner(min_length=6)
    received: list[str] = []
    scanner.scan_received.connect(lambda raw: received.append(raw))
    try:
        scan_keys(window, "1234")
        assert edit.text() == "1234"
        assert received == []
    finally:
        scanner.uninstall(QApplication.instance())


def test_prefix_is_required_when_configured(qtbot):
    window, edit = _window(qtbot)
    scanner = _scanner(prefix="~")
    received: list[str] = []
    scanner.scan_received.connect(lambda raw: received.append(raw))
    try:
        scan_keys(window, "CA0103")
        scan_keys(window, "~CA0104")
        assert received == ["~CA0104"]
        assert edit.text() == "CA0103"
    finally:
        scanner.uninstall(QApplication.instance())


def test_queue_holds_scans_while_busy_and_hands_them_on_once_in_order(qtbot):
    busy = [True]
    handled: list[str] = []
    queue = ScanQueue(handled.append, lambda: busy[0])
    for raw in ("a1", "a2", "a3"):
        queue.enqueue(raw)
    qtbot.wait(5)  # let the drain timer fire once while busy (event-loop turn, not a sleep)
    assert handled == []
    busy[0] = False
    queue.poke()
    qtbot.waitUntil(lambda: len(handled) == 3)
    assert handled == ["a1", "a2", "a3"]


def test_a_configuration_change_reaches_the_running_detector(qtbot):
    window, edit = _window(qtbot)
    configuration = ScannerConfiguration(ScannerSettings(max_interkey_ms=40, min_length=4))
    scanner = WedgeScanner(configuration)
    scanner.install(QApplication.instance())
    try:
        assert scanner.give_up_ms == 80
        configuration.update(max_interkey_ms=250, prefix="~", suffix="#\r")
        assert scanner.give_up_ms == 500  # the give-up wait follows the new timing at once
        with qtbot.waitSignal(scanner.scan_received) as blocker:
            scan_keys(window, "~CA0103#")
        assert blocker.args == ["~CA0103#"]
        scan_keys(window, "CA0103")  # without the prefix it is typing now
        qtbot.waitUntil(lambda: edit.text() == "CA0103")
    finally:
        scanner.uninstall(QApplication.instance())


# --- the window system's timestamps (issue 17: a scan split into typing on a busy PC) ---------------------

CODE = "B004250000001201"


def _press(widget, ch: str, stamp: int) -> None:
    """One key press as the window system delivers it: with its own timestamp (ms, when it was pressed)."""
    key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch.upper()))
    modifiers = Qt.KeyboardModifier.ShiftModifier if ch.isupper() else Qt.KeyboardModifier.NoModifier
    event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers, ch)
    event.setTimestamp(stamp)
    QCoreApplication.sendEvent(widget, event)


def _scanned(scanner) -> list[str]:
    received: list[str] = []
    scanner.scan_received.connect(received.append)
    return received


def test_keys_pressed_8_ms_apart_are_one_scan_though_the_app_stalled_60_ms_between_them(qtbot):
    _, edit = _window(qtbot)
    scanner = _scanner()  # 35 ms between keys at most, the shipped default
    received = _scanned(scanner)
    try:
        _press(edit, CODE[0], 50_000)
        time.sleep(0.06)  # the app is busy: the next keys wait in the queue (seen 60 ms later, pressed 8 ms later)
        for i, ch in enumerate(CODE[1:] + "\r", start=1):
            _press(edit, ch, 50_000 + 8 * i)
        assert received == [CODE]
        assert edit.text() == ""
    finally:
        scanner.uninstall(QApplication.instance())


def test_a_flush_timeout_that_fires_after_a_stall_waits_for_the_keys_queued_behind_it(qtbot):
    _, edit = _window(qtbot)
    scanner = _scanner()
    received = _scanned(scanner)
    try:
        _press(edit, CODE[0], 80_000)
        time.sleep(0.15)  # a stall longer than the flush timer: it is due when the loop runs again
        QCoreApplication.processEvents()  # the timer is dispatched first, the keys are still queued behind it
        for i, ch in enumerate(CODE[1:] + "\r", start=1):
            _press(edit, ch, 80_000 + 8 * i)
        assert received == [CODE]
        assert edit.text() == ""
    finally:
        scanner.uninstall(QApplication.instance())


def test_keys_pressed_150_ms_apart_are_typing_even_when_the_app_sees_them_back_to_back(qtbot):
    _, edit = _window(qtbot)
    scanner = _scanner()
    received = _scanned(scanner)
    try:
        for i, ch in enumerate("Ivanov\r"):
            _press(edit, ch, 90_000 + 150 * i)  # delivered at once (after a stall), pressed by a slow hand
        assert received == []
        assert edit.text() == "Ivanov"
    finally:
        scanner.uninstall(QApplication.instance())


def test_synthetic_keys_without_a_timestamp_are_timed_on_arrival_as_before(qtbot):
    _, edit = _window(qtbot)
    clock = SteppedClock()
    scanner = _scanner(clock)
    received = _scanned(scanner)
    try:
        for ch in CODE + "\r":
            _press(edit, ch, 0)  # no timestamp, no time passes on the scanner's clock: a scan
        assert received == [CODE]
        for ch in "Ivanov":
            clock.advance(0.2)
            _press(edit, ch, 0)  # no timestamp, 200 ms apart on arrival: typing
        qtbot.waitUntil(lambda: edit.text() == "Ivanov")
        _press(edit, "\r", 0)
        assert received == [CODE]
    finally:
        scanner.uninstall(QApplication.instance())
