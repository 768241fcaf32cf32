"""Wedge scanner detection: bursts become scans, slow typing reaches the text field, queue order."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
        assert scanner._flush.interval() == 80
        configuration.update(max_interkey_ms=250, prefix="~", suffix="#\r")
        assert scanner._flush.interval() == 500  # the flush timer follows the new timing at once
        with qtbot.waitSignal(scanner.scan_received) as blocker:
            scan_keys(window, "~CA0103#")
        assert blocker.args == ["~CA0103#"]
        scan_keys(window, "CA0103")  # without the prefix it is typing now
        qtbot.waitUntil(lambda: edit.text() == "CA0103")
    finally:
        scanner.uninstall(QApplication.instance())
