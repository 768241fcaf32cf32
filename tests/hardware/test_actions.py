"""The shell's entry point: the hardware menu, camera codes into the scan queue, saved settings, re-print."""

from __future__ import annotations

import tomllib

import pytest

from desktop.decode.wedge_analysis import WedgeSettings
from desktop.documents import samples
from desktop.documents.builders import return_act
from desktop.documents.model import DocumentKind

pytestmark = pytest.mark.gui


@pytest.fixture
def actions(qtbot, tmp_path):
    from PySide6.QtWidgets import QMainWindow

    from desktop.scanner_settings import ScannerConfiguration
    from ui.hardware.actions import HardwareActions
    from ui.scanner import WedgeScanner

    window = QMainWindow()
    qtbot.addWidget(window)
    scans = []
    scanner = ScannerConfiguration()
    built = HardwareActions(
        window, scans.append, tmp_path, {"document": f"pdf:{tmp_path / 'doc.pdf'}"}, WedgeScanner(scanner, window),
        tmp_path / "config.toml", scanner=scanner,
    )
    built.scans, built.window = scans, window
    return built


def test_menu_has_every_hardware_action(actions):
    menu = actions.install_menu(actions.window.menuBar())
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "Сканировать камерой…" and "Настройка сканера…" in texts and "Настройки печати…" in texts


def test_camera_codes_go_to_the_scan_queue(actions, qtbot):
    dialog = actions.open_camera()
    assert actions.open_camera() is dialog  # one camera window at a time
    dialog.code_decoded.emit("CA0103")
    assert actions.scans == ["CA0103"]
    dialog.reject()
    qtbot.waitUntil(lambda: actions._camera is None)


def test_scanner_settings_are_saved_and_applied(actions, tmp_path):
    actions.save_scanner_settings(WedgeSettings("]C1", "#", 28, True, "\t"))
    saved = tomllib.loads((tmp_path / "config.toml").read_text())["scanner"]
    assert saved == {"prefix": "]C1", "suffix": "#\t", "max_interkey_ms": 28, "layout_fix": True}
    assert actions.wedge.settings.prefix == "]C1" and actions.wedge.settings.max_interkey_ms == 28
    assert actions.wedge.give_up_ms == 56  # the running detector gives a burst up on the new timing


def test_print_and_reprint_through_the_journal(actions, qtbot, tmp_path):
    from ui.hardware.reprint_dialog import ReprintDialog

    doc = return_act(samples.return_act())
    assert actions.print_document(doc).status == "printed"
    (tmp_path / "doc.pdf").unlink()
    assert actions.reprint(DocumentKind.RETURN_ACT, doc.key).status == "printed"
    assert (tmp_path / "doc.pdf").exists()
    assert actions.reprint(DocumentKind.SHIFT_REPORT, "nope") is None
    dialog = ReprintDialog(actions.printing.journal, actions.reprint)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    dialog._on_print()
    assert "Отправлено на печать" in dialog.result_label.text()
