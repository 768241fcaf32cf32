"""Translations: Russian is the source language; English comes from resources/translations/*.qm.

Our catalogue is installed for Russian too: pickup_desk_ru.qm holds the Russian plural forms of the numerus
texts (a count meeting a noun: «1 коробка», «2 коробки», «5 коробок»), which the source text alone cannot give.
qt_widgets_ru.qm (from the hand-kept resources/translations/qt_widgets_ru.ts) gives Qt's own widgets the Russian
texts Qt's qtbase_ru lacks («Look in:», «Files of type:», «Folder» in the file dialog).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop import translatable
from ui.paths import resource

log = logging.getLogger(__name__)
APP_CATALOG = "pickup_desk"
QT_WIDGETS_CATALOG = "qt_widgets"  # hand-kept: Qt widget texts qtbase_<language> lacks (the file dialog's labels)


def qm_path(language: str) -> Path:
    return resource("translations", f"{APP_CATALOG}_{language}.qm")


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load Qt's own catalog (dialog buttons) and ours for `language`; keep the returned translators alive."""
    QLocale.setDefault(QLocale(QLocale.Language.Russian if language == "ru" else QLocale.Language.English))
    translatable.use_translator(QCoreApplication.translate)
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    widgets = QTranslator(app)
    if widgets.load(str(resource("translations", f"{QT_WIDGETS_CATALOG}_{language}.qm"))):
        app.installTranslator(widgets)  # installed later, asked first: fills the gaps of Qt's own catalogue
        installed.append(widgets)
    ours = QTranslator(app)
    if ours.load(str(qm_path(language))):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("No translation file %s (run ui/translations_build.py)", qm_path(language))
    return installed
