"""The warranty page's intake form: the item and its check, the warranty line, the checklist, notes and photos.

The form only shows and collects; the page makes the service calls. `checklist()` is the ticked keys of
protocol.claims.CHECKLIST, `photos` the JPEG shots in the order taken.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.state_names import checklist_name
from protocol.claims import COMPLETENESS, CONDITION
from protocol.limits import CONDITION_MAX, FAULT_MAX
from ui.hardware.photo_dialog import thumbnail
from ui.widgets.wrap_grid import WrapGrid

THUMB_SIDE = 72
MAX_PHOTOS = 8
OK_STYLE = "color: #0b6b2b; font-weight: bold;"
ALARM_STYLE = "color: #b00020; font-weight: bold;"


def _wrapped(object_name: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if object_name:
        label.setObjectName(object_name)
    return label


class IntakeForm(QWidget):
    """What the clerk checks and writes at intake; `reset()` empties it for the next customer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = _wrapped("stepLabel")
        self.serial = QLineEdit()
        self.serial.setPlaceholderText(self.tr("отсканируйте с товара"))
        self.serial_verdict = _wrapped()
        self.cover = _wrapped()
        self.paid_consent = QCheckBox(self.tr("Клиент согласен на платный ремонт"))
        self.checks = {key: QCheckBox(checklist_name(key)) for key in (*COMPLETENESS, *CONDITION)}
        self.condition = QLineEdit()
        self.condition.setMaxLength(CONDITION_MAX)
        self.condition.setPlaceholderText(self.tr("внешний вид своими словами"))
        self.fault = QPlainTextEdit()
        self.fault.setPlaceholderText(self.tr("неисправность со слов клиента"))
        self.fault.setTabChangesFocus(True)
        self.fault.setFixedHeight(64)
        self.photo_note = _wrapped()
        self.thumbs = QHBoxLayout()
        self.photos: list[bytes] = []
        self._lay_out()
        self.reset()

    def _lay_out(self) -> None:
        serial_row = QHBoxLayout()
        serial_row.addWidget(QLabel(self.tr("Серийный номер:")))
        serial_row.addWidget(self.serial, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for part in (self.item, serial_row, self.serial_verdict, self.cover, self.paid_consent):
            column.addLayout(part) if isinstance(part, QHBoxLayout) else column.addWidget(part)
        boxes = QHBoxLayout()
        boxes.addWidget(self._group(self.tr("Комплектность (есть)"), COMPLETENESS), 1)
        boxes.addWidget(self._group(self.tr("Внешний вид (замечено)"), CONDITION), 1)
        column.addLayout(boxes)
        notes = QGridLayout()
        notes.addWidget(QLabel(self.tr("Состояние:")), 0, 0)
        notes.addWidget(self.condition, 0, 1)
        notes.addWidget(QLabel(self.tr("Неисправность:")), 1, 0, Qt.AlignmentFlag.AlignTop)
        notes.addWidget(self.fault, 1, 1)
        column.addLayout(notes)
        photos = QHBoxLayout()
        photos.addWidget(self.photo_note, 1)
        photos.addLayout(self.thumbs)
        column.addLayout(photos)
        chain = [self.serial, self.paid_consent, *self.checks.values(), self.condition, self.fault]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)  # Tab goes down the form as it reads

    def _group(self, title: str, keys: tuple[str, ...]) -> QGroupBox:
        """The ticks of one kind, in as many columns as the group's width allows (never cut, never too wide)."""
        group = QGroupBox(title)
        grid = WrapGrid(group, "checklist")
        for key in keys:
            grid.add(self.checks[key])
        column = QVBoxLayout(group)
        column.addWidget(grid)
        return group

    # --- what the page shows -------------------------------------------------------------------

    def reset(self) -> None:
        self.item.setText(self.tr("Найдите заявку или откройте новую по заказу (F3)."))
        for field in (self.serial, self.condition):
            field.clear()
        self.fault.clear()
        for box in self.checks.values():
            box.setChecked(False)
        self.set_serial_verdict("", ok=True)
        self.set_cover("", expired=False)
        self.photos.clear()
        self._show_photos()
        self.setEnabled(False)

    def set_serial_verdict(self, text: str, ok: bool) -> None:
        self.serial_verdict.setText(text)
        self.serial_verdict.setStyleSheet(OK_STYLE if ok else ALARM_STYLE)

    def set_cover(self, text: str, expired: bool) -> None:
        """The warranty line; an ended warranty is red and shows the paid-repair consent."""
        self.cover.setText(text)
        self.cover.setStyleSheet(ALARM_STYLE if expired else OK_STYLE)
        self.paid_consent.setVisible(expired)
        self.paid_consent.setChecked(False)

    def set_camera_note(self, note: str) -> None:
        self._camera_note = note
        self._show_photos()

    def add_photo(self, photo: bytes) -> bool:
        """Keep a shot (False when there are already MAX_PHOTOS)."""
        if len(self.photos) >= MAX_PHOTOS:
            return False
        self.photos.append(photo)
        self._show_photos()
        return True

    def _show_photos(self) -> None:
        while self.thumbs.count():
            item = self.thumbs.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for photo in self.photos:
            label = QLabel()
            label.setObjectName("photoThumb")
            label.setPixmap(thumbnail(photo, THUMB_SIDE))
            self.thumbs.addWidget(label)
        count = self.tr("Фото: %n", "", len(self.photos))
        note = getattr(self, "_camera_note", "")
        self.photo_note.setText(f"{count}. {note}" if note else count + ". " + self.tr("F4 — снять товар камерой."))

    # --- what the page reads -------------------------------------------------------------------

    def checklist(self) -> list[str]:
        return [key for key, box in self.checks.items() if box.isChecked()]

    def fault_text(self) -> str:
        return self.fault.toPlainText().strip()[:FAULT_MAX]
