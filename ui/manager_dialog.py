"""A manager's permission at the counter: badge (scanned or typed), PIN and, where the journal wants a reason, a note.

One dialog for every place a clerk needs a manager (the handover's code-guess limit, a warranty serial that does not
match its order); the service checks the badge, the PIN and the role, never the dialog. While it is open the
keyboard-wedge scanner is paused, so a badge scan fills the field instead of being routed as a scan.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget


class ManagerDialog(QDialog):
    """Why a manager is needed, then the badge, the PIN and (with `note_max`) a required note; OK only when all are
    filled, Enter moves down the fields, Esc cancels."""

    def __init__(self, parent: QWidget, reason: str, title: str, note_max: int = 0, note_hint: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        form.addRow(self.reason)
        self.badge = QLineEdit()
        self.badge.setPlaceholderText(QCoreApplication.translate("ManagerDialog", "пропуск менеджера"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("ManagerDialog", "Пропуск:"), self.badge)
        form.addRow(QCoreApplication.translate("ManagerDialog", "PIN:"), self.pin)
        self.note: QLineEdit | None = None
        if note_max:
            self.note = QLineEdit()
            self.note.setMaxLength(note_max)
            self.note.setPlaceholderText(note_hint)
            form.addRow(QCoreApplication.translate("ManagerDialog", "Пометка:"), self.note)
            self.pin.returnPressed.connect(self.note.setFocus)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.badge.returnPressed.connect(self.pin.setFocus)
        for field in self._fields():
            field.textChanged.connect(self._on_changed)
        self._on_changed()
        self.badge.setFocus()

    def _fields(self) -> list[QLineEdit]:
        return [self.badge, self.pin] + ([self.note] if self.note is not None else [])

    def _on_changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(all(field.text().strip() for field in self._fields()))

    def answer(self) -> tuple[str, str, str]:
        """(badge in capitals, PIN, note — empty without one)."""
        note = self.note.text().strip() if self.note is not None else ""
        return self.badge.text().strip().upper(), self.pin.text(), note


def ask_manager(dialog: ManagerDialog) -> tuple[str, str, str] | None:
    """Run `dialog` with the scanner's wedge paused; its answer, or None when cancelled."""
    parent = dialog.parentWidget()
    wedge, app = _wedge_of(parent) if parent is not None else None, QCoreApplication.instance()
    if wedge is not None and app is not None:
        wedge.uninstall(app)
    try:
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        if wedge is not None and app is not None:
            wedge.install(app)


def _wedge_of(widget: QWidget) -> Any:
    hardware = getattr(widget.window(), "hardware", None)
    return getattr(hardware, "wedge", None) if hardware is not None else None
