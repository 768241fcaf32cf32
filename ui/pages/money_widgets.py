"""Small pieces the money dialogs share: amount fields, the loud result line, scans typed into a dialog."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPushButton, QWidget

from protocol.money import parse_rub
from protocol.money_rules import CERTIFICATE_PATTERN
from ui.workers import Failure

# ctx.tasks.run: the dialogs run their service calls off the GUI thread like the pages do
Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[Failure], None]], None]

OK_STYLE = "color: #0b6b2b; font-weight: bold;"
ERROR_STYLE = "color: #b00020; font-weight: bold;"
CERTIFICATE_RE = re.compile(CERTIFICATE_PATTERN)


def amount_text(kopecks: int) -> str:
    """Kopecks as the clerk types them: «1500» or «1500,50» (empty for 0)."""
    if not kopecks:
        return ""
    whole, frac = divmod(kopecks, 100)
    return f"{whole}" + (f",{frac:02d}" if frac else "")


def amount_of(field: QLineEdit) -> int | None:
    """The field's amount in kopecks (0 when empty, None when it is not an amount)."""
    text = field.text().strip()
    return 0 if not text else parse_rub(text)


def line_field(placeholder: str = "", max_length: int = 0) -> QLineEdit:
    field = QLineEdit()
    field.setPlaceholderText(placeholder)
    if max_length:
        field.setMaxLength(max_length)
    return field


def status_label(object_name: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


def show_status(label: QLabel, text: str, ok: bool) -> None:
    """A loud line: green when all is well, red with the reason otherwise."""
    label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
    label.setText(text)


def key_button(text: str, key: str, slot: Callable[[], None], parent: QWidget, bind: bool = True) -> QPushButton:
    """A dialog button showing its key; the key works anywhere in the dialog (`bind`: Esc is the dialog's own).
    Never a default button: Enter moves on from field to field, only the named key accepts."""
    button = QPushButton(f"{key} {text}", parent)
    button.setAutoDefault(False)
    button.setDefault(False)
    button.clicked.connect(slot)
    if bind:
        shortcut_for(parent, key, slot)
    return button


def shortcut_for(parent: QWidget, key: str, slot: Callable[[], None]) -> QShortcut:
    shortcut = QShortcut(QKeySequence(key), parent)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(slot)
    return shortcut


def type_into_focus(dialog: QDialog, text: str) -> bool:
    """A scan into a dialog without a use of its own for it: typed into the focused field, then Enter."""
    focus = QApplication.focusWidget()
    if not isinstance(focus, QLineEdit) or focus.isReadOnly() or focus.window() is not dialog:
        return False
    focus.setText(text)
    focus.returnPressed.emit()
    return True
