"""Translations: every visible string has an English translation; the built .qm switches the UI to English;
every numerus text (a count meeting a noun) has its plural forms in both catalogues (Russian 3, English 2)."""

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

TS = translations_build.catalogue("en")
RU_TS = translations_build.catalogue(translations_build.SOURCE_LANGUAGE)
PLACEHOLDER = re.compile(r"\{\w*(?::\w+)?\}")


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


def _forms(message: ET.Element) -> list[str]:
    """A message's translation: its one text, or each of its plural forms (empty ones included)."""
    translation = message.find("translation")
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def _domain_translations() -> dict[str, list[str]]:
    return {m.find("source").text: _forms(m)
            for c in ET.parse(TS).iter("context") if c.find("name").text == translations_build.DOMAIN_CONTEXT
            for m in c.iter("message")}


def test_every_registered_domain_message_has_an_english_translation_with_the_same_placeholders():
    translated = _domain_translations()
    catalog = translations_build.domain_catalog()
    assert len(catalog) > 100  # every registering module in desktop/ and ui/ was found and imported
    missing = [code for code, text in catalog.items() if not all(translated.get(text, [""]))]
    assert missing == [], "run python -m ui.translations_build --update and translate the new entries"
    changed = [form for text in catalog.values() for form in translated[text]
               if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(form))]
    assert changed == []


def _numerus(ts: Path) -> dict[tuple[str, str], list[str]]:
    return {(c.find("name").text, m.find("source").text): _forms(m)
            for c in ET.parse(ts).iter("context") for m in c.iter("message") if m.get("numerus") == "yes"}


def test_every_numerus_text_has_all_its_plural_forms_in_both_catalogues():
    """Russian needs three forms (1 коробка, 2 коробки, 5 коробок), English two (1 box, 2 boxes); the Russian
    catalogue holds exactly the numerus texts, and each form keeps the text's count and placeholders."""
    russian, english = _numerus(RU_TS), _numerus(TS)
    assert len(english) >= 14 and sorted(russian) == sorted(english)
    assert [key for key, forms in russian.items() if len(forms) != 3 or not all(forms)] == []
    assert [key for key, forms in english.items() if len(forms) != 2 or not all(forms)] == []
    plain = [m for m in ET.parse(RU_TS).iter("message") if m.get("numerus") != "yes"]
    assert plain == [], "the Russian catalogue is plural-only (lupdate -pluralonly)"
    changed = [(key, form) for catalogue in (russian, english) for key, forms in catalogue.items() for form in forms
               if ("%n" in key[1]) != ("%n" in form)
               or sorted(PLACEHOLDER.findall(key[1])) != sorted(PLACEHOLDER.findall(form))]
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
    """lupdate over today's source adds nothing to the committed .ts files: no text was marked and left out."""
    for ts in (TS, RU_TS):
        shutil.copy(ts, tmp_path / ts.name)
    translations_build.update(tmp_path)
    for ts in (TS, RU_TS):
        fresh, committed = _messages(tmp_path / ts.name), _messages(ts)
        assert sorted(set(fresh) - set(committed)) == []
        assert [key for key, state in fresh.items() if state == "unfinished"] == []
    assert _numerus(tmp_path / TS.name).keys() == _numerus(TS).keys()  # numerus texts stay numerus


def test_rebuilding_a_catalogue_leaves_a_loaded_translator_reading_the_old_file_whole():
    """A .qm is swapped in whole, never rewritten in place: a running app (or a test on another worker) that has it
    loaded keeps translating, and no half-written file is left beside it."""
    (qm,) = translations_build.release()
    translator = QTranslator()
    assert translator.load(str(qm))
    before = qm.stat().st_ino
    (rebuilt,) = translations_build.release()
    assert rebuilt == qm and qm.stat().st_ino != before
    assert translator.translate("LoginScreen", "Войти (Enter)") == "Log in (Enter)"
    assert sorted(p.name for p in qm.parent.iterdir() if p.name.startswith(".")) == []
