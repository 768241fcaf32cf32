"""Scanner set-up wizard: raw keys are captured, analysed and the settings saved; wedge paused meanwhile."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.decode.wedge_analysis import TEST_CODE, KeyStroke

pytestmark = pytest.mark.gui


def type_text(widget, text):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        key = Qt.Key.Key_A + (ord(ch.upper()) - ord("A")) if ch.isascii() and ch.isalpha() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


class FakeWedge:
    def __init__(self):
        self.calls = []

    def install(self, app):
        self.calls.append("install")

    def uninstall(self, app):
        self.calls.append("uninstall")


@pytest.fixture
def wizard(qtbot):
    from ui.hardware.scanner_wizard import ScannerWizard

    saved, serial = [], []

    def save(settings, **port):
        saved.append(settings)
        serial.append(port)

    wedge = FakeWedge()
    dialog = ScannerWizard(wedge=wedge, save=save)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.saved, dialog.serial_saved, dialog.wedge = saved, serial, wedge
    return dialog


def test_typed_keys_in_the_russian_layout_are_detected_and_saved(wizard, qtbot):
    assert wizard.wedge.calls == ["uninstall"]
    with qtbot.waitSignal(wizard.analysed, timeout=3000) as got:
        type_text(wizard.capture, "ЗВеуыею0427")  # QTest.keyClicks only takes Latin-1
        QTest.keyClick(wizard.capture, Qt.Key.Key_Return)
    result = got.args[0]
    assert result.layout == "cyrillic" and result.matched and result.data == TEST_CODE
    assert "русская" in wizard.report.text() and "[Return]" in wizard.capture.toPlainText()
    assert wizard.save_button.isEnabled()
    with qtbot.waitSignal(wizard.settings_saved):
        wizard.save_button.click()
    assert wizard.saved[0].layout_fix and wizard.saved[0].terminator == "\r"
    assert wizard.serial_saved == [{}]  # a keyboard test scan leaves the serial port as it was
    assert wizard.wedge.calls == ["uninstall", "install"]


def test_prefix_suffix_and_timing_from_fed_strokes(wizard, qtbot):
    keys = [KeyStroke(c, c, i * 12.0) for i, c in enumerate("]C1" + TEST_CODE + "#")]
    keys.append(KeyStroke("", "Tab", len(keys) * 12.0))
    with qtbot.waitSignal(wizard.analysed, timeout=3000) as got:
        for key in keys:
            wizard.feed(key)
    settings = got.args[0].settings
    assert (settings.prefix, settings.suffix, settings.terminator, settings.max_interkey_ms) == ("]C1", "#", "\t", 24)
    assert "+12мс" in wizard.capture.toPlainText() and "«Tab»" in wizard.report.text()


def test_a_wrong_read_cannot_be_saved_and_restart_clears(wizard, qtbot):
    with qtbot.waitSignal(wizard.analysed, timeout=3000):
        QTest.keyClicks(wizard.capture, "hello")
    assert not wizard.save_button.isEnabled() and "неправильно" in wizard.report.text()
    wizard.restart()
    assert wizard.strokes == [] and wizard.capture.toPlainText() == ""


def test_serial_scanner_data(wizard):
    wizard.feed_serial(b"\x02" + TEST_CODE.encode() + b"\r\n")
    assert wizard.analysis.matched and wizard.analysis.settings.prefix == "\x02"
    assert "«STX»" in wizard.report.text()


def test_saving_a_serial_test_scan_sets_that_port(wizard, qtbot):
    wizard.feed_serial(TEST_CODE.encode() + b"\r", port="/dev/ttyUSB0", baud=19200)
    with qtbot.waitSignal(wizard.settings_saved):
        wizard.save_button.click()
    assert wizard.serial_saved == [{"serial_port": "/dev/ttyUSB0", "serial_baud": 19200}]


def test_the_wizard_updates_the_one_scanner_configuration(qtbot, tmp_path):
    from PySide6.QtWidgets import QWidget

    from desktop.scanner_settings import ScannerConfiguration
    from ui.hardware.actions import HardwareActions
    from ui.hardware.scanner_wizard import ScannerWizard

    configuration = ScannerConfiguration()
    seen = []
    configuration.subscribe(seen.append)
    window = QWidget()
    qtbot.addWidget(window)
    actions = HardwareActions(window, lambda raw: None, tmp_path, config_file=tmp_path / "config.toml",
                              scanner=configuration)
    dialog = ScannerWizard(save=actions.save_scanner_settings)
    qtbot.addWidget(dialog)
    dialog.feed_serial(b"~" + TEST_CODE.encode() + b"\r", port="/dev/ttyS3", baud=9600)
    dialog.save_button.click()
    settings = configuration.settings
    assert (settings.prefix, settings.suffix, settings.serial_port) == ("~", "\r", "/dev/ttyS3")
    assert seen == [settings]
    text = (tmp_path / "config.toml").read_text("utf-8")
    assert 'serial_port = "/dev/ttyS3"' in text and 'prefix = "~"' in text


def test_serial_group_is_shown_only_with_qt_serial_port(wizard):
    try:
        import PySide6.QtSerialPort  # noqa: F401
    except ImportError:
        assert not hasattr(wizard, "port_combo")
    else:
        assert wizard.port_combo.count() >= 1


def test_the_serial_scanner_is_paused_while_the_wizard_is_open(qtbot):
    from ui.hardware.scanner_wizard import ScannerWizard

    wedge, serial = FakeWedge(), FakeWedge()
    dialog = ScannerWizard(wedge=wedge, serial=serial)
    qtbot.addWidget(dialog)
    dialog.show()
    assert serial.calls == ["uninstall"] and wedge.calls == ["uninstall"]
    dialog.reject()
    assert serial.calls == ["uninstall", "install"] and wedge.calls == ["uninstall", "install"]
