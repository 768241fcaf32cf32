"""Qt-free translation seam: the core marks texts with translate(context, text); the UI installs Qt's translator.

pyside6-lupdate reads `translate("Context", "текст")` and `QT_TRANSLATE_NOOP("Context", "текст")` calls in
the core modules that import this one (ui/translations_build.py hands them to it), so these texts land in the
.ts file like the UI's own. Until the UI calls `use_translator`, texts stay in Russian (the source language).
"""

from __future__ import annotations

from collections.abc import Callable


def _untranslated(context: str, text: str) -> str:
    del context
    return text


_translator: Callable[[str, str], str] = _untranslated


def use_translator(translator: Callable[[str, str], str]) -> None:
    """Translate core texts with `translator(context, text)` from now on (the UI passes QCoreApplication.translate)."""
    global _translator
    _translator = translator


def translate(context: str, text: str) -> str:
    """`text` in the UI language (unchanged when no translator is installed)."""
    return _translator(context, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark `text` for lupdate without translating it now; the UI translates it where it shows it."""
    del context
    return text


def of_total(part: int, total: int) -> str:
    """A box's place in its order or a count out of a total, as a person reads it: «2 из 3» / "2 of 3"."""
    return translate("Counts", "{0} из {1}").format(part, total)
