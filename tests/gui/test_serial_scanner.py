"""A serial (COM) scanner set in the scanner configuration feeds the scan queue (tested on a pseudo-terminal)."""

from __future__ import annotations

import os

import pytest

from desktop.scanner_settings import ScannerConfiguration, ScannerSettings
from ui.serial_scanner import SerialScanner

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")


@pytest.fixture
def pty():
    controller, device = os.openpty()
    yield controller, os.ttyname(device)
    os.close(controller)
    os.close(device)


def test_lines_from_the_configured_port_become_scans(qtbot, pty):
    controller, name = pty
    scanner = SerialScanner(ScannerConfiguration(ScannerSettings(serial_port=name, serial_baud=9600)))
    scanner.start()
    try:
        assert scanner.is_open
        received: list[str] = []
        scanner.scan_received.connect(received.append)
        os.write(controller, b"B004250000001201\r\nCA01")
        qtbot.waitUntil(lambda: received == ["B004250000001201"])
        os.write(controller, b"03\r")
        qtbot.waitUntil(lambda: received == ["B004250000001201", "CA0103"])
    finally:
        scanner.stop()


def test_setting_the_port_in_the_configuration_opens_it_at_once(qtbot, pty):
    controller, name = pty
    configuration = ScannerConfiguration()
    scanner = SerialScanner(configuration)
    scanner.start()
    assert not scanner.is_open  # keyboard wedge only
    configuration.update(serial_port=name, serial_baud=19200)
    try:
        assert scanner.is_open
        with qtbot.waitSignal(scanner.scan_received) as blocker:
            os.write(controller, b"ST000001\n")
        assert blocker.args == ["ST000001"]
        configuration.update(serial_port="")
        assert not scanner.is_open
    finally:
        scanner.stop()


def test_a_port_that_does_not_open_leaves_the_wedge_working(qtbot, tmp_path):
    scanner = SerialScanner(ScannerConfiguration(ScannerSettings(serial_port=str(tmp_path / "no-such-port"))))
    scanner.start()
    assert not scanner.is_open


def test_bytes_are_split_into_lines_and_noise_without_a_line_end_is_dropped(qtbot):
    scanner = SerialScanner(ScannerConfiguration())
    received: list[str] = []
    scanner.scan_received.connect(received.append)
    scanner.feed(b"\x02CA0103\x03\r\n\r\nST0000")
    scanner.feed(b"01\n")
    assert received == ["\x02CA0103\x03", "ST000001"]
    scanner.feed(b"x" * 5000)
    scanner.feed(b"CA0104\r")
    assert received[-1] == "CA0104"
