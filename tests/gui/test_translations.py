"""Translations: every visible string has an English translation; the built .qm switches the UI to English."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from desktop import translatable
from desktop.services.staff import StaffService
from protocol.errors import DomainError
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


def _domain_translations() -> dict[str, str]:
    return {m.find("source").text: m.find("translation").text
            for c in ET.parse(TS).iter("context") if c.find("name").text == translations_build.DOMAIN_CONTEXT
            for m in c.iter("message")}


def test_every_registered_domain_message_has_an_english_translation_with_the_same_placeholders():
    translated = _domain_translations()
    catalog = translations_build.domain_catalog()
    assert len(catalog) > 100  # every registering module in desktop/ and ui/ was found and imported
    missing = [code for code, text in catalog.items() if not translated.get(text)]
    assert missing == [], "run python -m ui.translations_build --update and translate the new entries"
    changed = [text for text in catalog.values()
               if sorted(re.findall(r"\{\w*\}", text)) != sorted(re.findall(r"\{\w*\}", translated[text]))]
    assert changed == []


def test_a_domain_error_is_shown_in_english_with_its_parameters(qtbot):
    (qm,) = translations_build.release()
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    translatable.use_translator(QCoreApplication.translate)
    try:
        assert str(DomainError("order.not_found", order="A-17")) == "Order A-17 was not found at this pickup point."
        assert str(DomainError("no.such.code")) == "Error: no.such.code"
    finally:
        app.removeTranslator(translator)
        translatable.use_translator(None)
    assert str(DomainError("order.not_found", order="A-17")) == "Заказ A-17 не найден в этом пункте выдачи."


def _messages(ts: Path) -> dict[tuple[str, str], str | None]:
    return {(c.find("name").text, m.find("source").text): m.find("translation").get("type")
            for c in ET.parse(ts).iter("context") for m in c.iter("message")}


def test_the_committed_catalogue_holds_every_text_of_the_source(tmp_path):
    """lupdate over today's source adds nothing to the committed .ts: no text was marked and left out of it."""
    shutil.copy(TS, tmp_path / TS.name)
    translations_build.update(tmp_path)
    fresh, committed = _messages(tmp_path / TS.name), _messages(TS)
    assert sorted(set(fresh) - set(committed)) == []
    assert [key for key, state in fresh.items() if state == "unfinished"] == []
