"""Measuring texts against the room their widgets really have (QFontMetrics against the width minus the style's
margins): buttons, line-edit placeholders, labels that neither wrap nor elide, and wrapped labels' heights."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QStyleOptionFrame,
    QWidget,
)

LINE_EDIT_MARGIN = 2  # QLineEdit's own horizontal margin each side of its text (QLineEditPrivate)


def _advance(fm: QFontMetrics, text: str) -> int:
    return max((fm.horizontalAdvance(line) for line in text.replace("&&", "&").split("\n")), default=0)


def _button(button: QAbstractButton) -> str | None:
    text = button.text().replace("&", "") if "&&" not in button.text() else button.text()
    if not text:
        return None
    need = _advance(button.fontMetrics(), text)
    if isinstance(button, QPushButton):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        room = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button).width()
        if not button.icon().isNull():
            need += button.iconSize().width() + 4
    else:  # check boxes, radio buttons, tool buttons: their size hint is the room their text needs
        need, room = button.sizeHint().width(), button.width()
    return f"«{text}» needs {need} px, has {room}" if need > room else None


def _placeholder(edit: QLineEdit) -> str | None:
    text = edit.placeholderText()
    if not text or edit.text():
        return None
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    rect = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    room = rect.width() - margins.left() - margins.right() - 2 * LINE_EDIT_MARGIN
    need = math.ceil(QFontMetricsF(edit.font()).horizontalAdvance(text))  # elided already at a fraction over
    return f"placeholder «{text}» needs {need} px, has {room}" if need > room else None


def _label(label: QLabel) -> str | None:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    room = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    if label.wordWrap():
        need_h = label.heightForWidth(label.width())
        too_low = need_h > label.height()
        return f"wrapped «{text[:40]}» needs {need_h} px high, has {label.height()}" if too_low else None
    if label.textFormat() == Qt.TextFormat.RichText or (label.textFormat() == Qt.TextFormat.AutoText and "<" in text):
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setHtml(text)
        need = int(document.idealWidth())
    else:
        need = _advance(label.fontMetrics(), text)
    return f"«{text}» needs {need} px, has {room.width()}" if need > room.width() else None


def _list_items(view: QListWidget) -> list[str]:
    """The navigation's items: each line in the bold (selected) font, inside the style sheet's 8 px padding."""
    bold = QFont(view.font())
    bold.setBold(True)
    room = view.viewport().width() - 2 * 8
    lines = [line for row in range(view.count()) if not view.item(row).isHidden()
             for line in view.item(row).text().split("\n")]
    cut = [f"item «{line}» needs {_advance(QFontMetrics(bold), line)} px, has {room}" for line in lines
           if _advance(QFontMetrics(bold), line) > room]
    shown = [view.item(row) for row in range(view.count()) if not view.item(row).isHidden()]
    rects = [view.visualItemRect(item) for item in shown]  # the list may be scrolled to its current item
    height = max((r.bottom() for r in rects), default=0) - min((r.top() for r in rects), default=0) + 1
    if height > view.viewport().height():
        cut.append(f"the items need {height} px high, the list has {view.viewport().height()}")
    return cut


def clipped_texts(root: QWidget) -> list[str]:
    """Every visible text under `root` that does not fit its widget ("" labels and hidden widgets skipped), and
    every area that scrolls sideways (what is off to the right is cut as surely as a clipped text)."""
    found = [f"scrolls sideways: needs {area.widget().minimumSizeHint().width()} px, has {area.viewport().width()}"
             for area in root.findChildren(QScrollArea) if area.isVisible() and area.horizontalScrollBar().isVisible()]
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.property("elides"):  # an eliding widget shows its text in a tooltip
            continue
        if isinstance(widget, QAbstractButton):
            problem = _button(widget)
        elif isinstance(widget, QLineEdit):
            problem = _placeholder(widget)
        elif isinstance(widget, QLabel):
            problem = _label(widget)
        elif isinstance(widget, QListWidget):
            found += [f"{type(widget).__name__}#{widget.objectName()}: {p}" for p in _list_items(widget)]
            continue
        else:
            continue
        if problem:
            found.append(f"{type(widget).__name__}#{widget.objectName()}: {problem}")
    return found
