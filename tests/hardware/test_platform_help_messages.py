"""The printer, camera and scanner messages carry the steps of the OS the app runs on (the platform patched)."""

from __future__ import annotations

import pytest

from desktop import platform_help
from desktop.documents import samples
from desktop.documents.builders import shift_report
from desktop.documents.jobs import PrintJournal
from protocol.errors import DomainError

pytestmark = pytest.mark.gui


@pytest.fixture
def on(monkeypatch: pytest.MonkeyPatch):
    return lambda platform: monkeypatch.setattr(platform_help, "running_platform", lambda: platform)


@pytest.mark.parametrize(("platform", "present", "absent"), [
    ("linux", "lpadmin", "Windows"), ("win32", "Принтеры и сканеры", "lpadmin"), ("darwin", "macOS", "Windows")])
def test_no_printer_error_names_this_os_steps(qapp, tmp_path, on, platform, present, absent) -> None:
    from ui.hardware.printing import Printing

    on(platform)
    printing = Printing(PrintJournal(tmp_path / "jobs"), {}, lambda name: None, lambda: [])
    with pytest.raises(DomainError) as error:
        printing.print_document(shift_report(samples.shift()), "")
    assert error.value.code == "print.no_printer"
    assert present in str(error.value) and absent not in str(error.value)


def test_offline_printer_error_names_the_queue_steps(qapp, on) -> None:
    from desktop import messages
    from desktop.platform_help import Steps

    on("linux")
    text = messages.describe("print.offline", {"printer": "Zebra", "steps": Steps("printer_queue")})
    assert "cupsenable" in text and "Zebra" in text


@pytest.mark.parametrize(("platform", "present"), [("linux", "группе video"), ("win32", "Конфиденциальность")])
def test_no_camera_text_names_this_os_steps(qapp, on, platform, present) -> None:
    from ui.hardware.frames import no_camera_text

    on(platform)
    assert "Камера не найдена" in no_camera_text() and present in no_camera_text()


@pytest.mark.parametrize(("platform", "present", "absent"), [("linux", "lpadmin", "Windows"),
                                                             ("win32", "Windows 11", "CUPS")])
def test_printer_settings_without_printers_name_this_os_steps(qtbot, tmp_path, monkeypatch, on, platform,
                                                               present, absent) -> None:
    from PySide6.QtWidgets import QLabel

    from ui.hardware import print_ui
    from ui.hardware.printing import Printing

    on(platform)
    monkeypatch.setattr(print_ui, "available_printers", lambda: [])
    dialog = print_ui.PrinterSettingsDialog(Printing(PrintJournal(tmp_path / "j"), {}, lambda n: None, lambda: []))
    qtbot.addWidget(dialog)
    warning = next(label.text() for label in dialog.findChildren(QLabel) if "нет ни одного" in label.text())
    assert present in warning and absent not in warning


@pytest.mark.parametrize(("platform", "present"), [("linux", "/dev/ttyACM0"), ("win32", "Диспетчер устройств")])
def test_scanner_wizard_without_serial_ports_names_this_os_steps(qtbot, on, platform, present) -> None:
    from ui.hardware.scanner_wizard import ScannerWizard

    on(platform)
    wizard = ScannerWizard(save=lambda settings, **port: None)
    qtbot.addWidget(wizard)
    if not hasattr(wizard, "port_combo"):
        pytest.skip("Qt Serial Port is not installed")
    wizard.port_combo.clear()
    wizard.port_combo.addItem("none", "")
    wizard._on_serial_connect()
    assert present in wizard.report.text()


def test_camera_error_names_this_os_access_steps(qapp, on) -> None:
    from ui.hardware.frames import CameraSource

    on("linux")
    source = CameraSource()
    seen: list[str] = []
    source.failed.connect(seen.append)
    source._on_error(None, "Permission denied")
    assert "Permission denied" in seen[0] and "группе video" in seen[0]
