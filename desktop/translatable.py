"""Qt-free marker for texts the UI shows translated: lupdate reads `QT_TRANSLATE_NOOP(context, text)` here too."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Return `text` unchanged; the UI translates it with QCoreApplication.translate(context, text)."""
    del context
    return text
