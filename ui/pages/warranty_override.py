"""«Разрешение менеджера»: a serial that does not match the order line is taken in only with a manager's badge, PIN
and a note (the service checks the role and journals the note); the wedge scanner pauses so a badge scan fills in."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from desktop.db.claim_models import OVERRIDE_NOTE_MAX


class OverrideDialog(QDialog):
    """Why the serial was refused, then the manager's badge, PIN and note; OK only with all three."""

    def __init__(self, parent: QWidget, reason: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Разрешение менеджера"))
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        form.addRow(self.reason)
        self.badge = QLineEdit()
        self.badge.setPlaceholderText(self.tr("пропуск менеджера"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.note = QLineEdit()
        self.note.setMaxLength(OVERRIDE_NOTE_MAX)
        self.note.setPlaceholderText(self.tr("почему товар принимается"))
        form.addRow(self.tr("Пропуск:"), self.badge)
        form.addRow(self.tr("PIN:"), self.pin)
        form.addRow(self.tr("Пометка:"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.badge.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.note.setFocus)
        for field in (self.badge, self.pin, self.note):
            field.textChanged.connect(self._on_changed)
        self._on_changed()
        self.badge.setFocus()

    def _on_changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(all(f.text().strip() for f in (self.badge, self.pin, self.note)))

    def answer(self) -> tuple[str, str, str]:
        return self.badge.text().strip().upper(), self.pin.text(), self.note.text().strip()


def ask_override(parent: QWidget, reason: str) -> tuple[str, str, str] | None:
    """(badge, PIN, note) from the manager, or None when cancelled."""
    wedge, app = _wedge_of(parent), QCoreApplication.instance()
    if wedge is not None and app is not None:
        wedge.uninstall(app)
    try:
        dialog = OverrideDialog(parent, reason)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        if wedge is not None and app is not None:
            wedge.install(app)


def _wedge_of(widget: QWidget) -> Any:
    hardware = getattr(widget.window(), "hardware", None)
    return getattr(hardware, "wedge", None) if hardware is not None else None
