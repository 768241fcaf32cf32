"""Qt-free translation seam: the core marks texts with translate(context, text); the UI installs Qt's translator.

pyside6-lupdate reads `translate("Context", "текст")` and `QT_TRANSLATE_NOOP("Context", "текст")` calls in
the core modules that import this one (ui/translations_build.py hands them to it), so these texts land in the
.ts file like the UI's own. Until the UI calls `use_translator`, texts stay in Russian (the source language).

A text where a count meets a noun is a numerus text (Qt's plural forms): write `%n` where the number goes and
pass the number as the keyword `n` — `translate("SelfTest", "… (%n цифр)", n=6)`. The translator picks the
form for that number from the catalogue (Russian: one/few/many in pickup_desk_ru.ts; English: one/other in
pickup_desk_en.ts) and puts the number in place of `%n`. Always pass `n=` as a keyword: lupdate's Python
parser would take a positional `n` for a plain text, so the build writes keyword calls into its generated
lupdate input as numerus texts instead (ui/translations_build.py). Without a translator, `%n` becomes the
number in the Russian source text, as Qt does.
"""

from __future__ import annotations

from collections.abc import Callable

NUMERUS_MARK = "%n"


def _untranslated(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    del context, disambiguation
    return text.replace(NUMERUS_MARK, str(n)) if n >= 0 else text


# QCoreApplication.translate's shape: (context, text) for a plain text, (context, text, None, n) for a numerus one.
_translator: Callable[..., str] = _untranslated


def use_translator(translator: Callable[..., str] | None) -> None:
    """Translate core texts with `translator(context, text[, disambiguation, n])` from now on (the UI passes
    QCoreApplication.translate); None goes back to the Russian source texts."""
    global _translator
    _translator = translator or _untranslated


def translate(context: str, text: str, *, n: int | None = None) -> str:
    """`text` in the UI language (unchanged when no translator is installed); with `n`, its plural form for n."""
    if n is None:
        return _translator(context, text)
    return _translator(context, text, None, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark `text` for lupdate without translating it now; the UI translates it where it shows it."""
    del context
    return text


def of_total(part: int, total: int) -> str:
    """A box's place in its order or a count out of a total, as a person reads it: «2 из 3» / "2 of 3"."""
    return translate("Counts", "{0} из {1}").format(part, total)
