"""Every page's F-key buttons read in full at the app's default window size (1366×768), in Russian and English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication, QPushButton

from tests.gui.fixtures import build_shell, log_in
from ui import translations_build
from ui.app import apply_style
from ui.pages.receiving_page import ReceivingPage

PADDING = 8  # the style sheet's horizontal padding of an action button (4 px each side)


@pytest.fixture
def styled():
    app = QApplication.instance()
    font, sheet = app.font(), app.styleSheet()
    apply_style(app)
    yield app
    app.setStyleSheet(sheet)
    app.setFont(font)


def _cut_buttons(qtbot, shell) -> list[str]:
    window = shell.window
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    log_in(qtbot, shell, login="manager", password="secret-2222")  # a manager sees every page
    cut = []
    for page in window.pages:
        window.show_page(page)
        qtbot.wait(1)  # let the layout give the buttons their widths
        for button in page.findChildren(QPushButton, "actionButton"):
            need = button.fontMetrics().horizontalAdvance(button.text()) + PADDING
            if need > button.width():
                cut.append(f"{type(page).__name__}: «{button.text()}» needs {need} px, has {button.width()}")
    return cut


def test_every_action_button_reads_in_full_in_russian(qtbot, shell, styled):
    cut = _cut_buttons(qtbot, shell)
    assert not cut, "\n".join(cut)


def test_every_action_button_reads_in_full_in_english(qtbot, db, styled):
    (qm,) = translations_build.release()
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    try:
        shell = build_shell(qtbot, db)  # built under the translator: the buttons carry English texts
        try:
            assert ReceivingPage.display_title() == "Receiving"
            cut = _cut_buttons(qtbot, shell)
            assert not cut, "\n".join(cut)
        finally:
            shell.close()
    finally:
        app.removeTranslator(translator)
