"""Translations: every visible string has an English translation; the built .qm switches the UI to English."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QCoreApplication, QTranslator

from desktop.services.staff import StaffService
from ui import translations_build
from ui.login_screen import LoginScreen
from ui.pages.receiving_page import ReceivingPage

TS = translations_build.TS_DIR / "pickup_desk_en.ts"


def test_every_source_text_has_a_finished_english_translation():
    unfinished = [m.find("source").text for m in ET.parse(TS).iter("message")
                  if m.find("translation").get("type") == "unfinished" or not m.find("translation").text]
    assert unfinished == []


def test_built_catalog_switches_the_ui_to_english(qtbot, db):
    (qm,) = translations_build.release()
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    try:
        screen = LoginScreen(StaffService(db))
        qtbot.addWidget(screen)
        assert screen.submit.text() == "Log in (Enter)"
        assert ReceivingPage.display_title() == "Receiving"
    finally:
        app.removeTranslator(translator)


def test_every_message_has_a_context_lupdate_can_see():
    """Strings marked with a home-made tr() land in an empty context and never get translated."""
    contexts = [c.find("name").text for c in ET.parse(TS).iter("context")]
    assert all(contexts), "a <context> without a name: use self.tr or QCoreApplication.translate(context, text)"
    assert "EnrolWizard" in contexts
