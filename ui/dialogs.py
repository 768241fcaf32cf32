"""Small keyboard-friendly input dialogs (Enter accepts, Esc cancels); they return values, never call services."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)


class _FormDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.form = QFormLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            self.form.addRow(label)

    def finish(self) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)


def _combo(choices: Mapping[str, str]) -> QComboBox:
    combo = QComboBox()
    for key, text in choices.items():
        combo.addItem(text, key)
    return combo


def ask_refusal(parent: QWidget, line_name: str, max_quantity: int,
                reasons: Mapping[str, str]) -> tuple[int, str, str] | None:
    """(quantity, reason code, note) for a partial refusal of one line, or None."""
    dialog = _FormDialog(parent, parent.tr("Отказ от позиции"), line_name)
    quantity = QSpinBox()
    quantity.setRange(0, max_quantity)
    quantity.setValue(max_quantity)
    reason = _combo(reasons)
    note = QLineEdit()
    dialog.form.addRow(parent.tr("Количество, шт.:"), quantity)
    dialog.form.addRow(parent.tr("Причина:"), reason)
    dialog.form.addRow(parent.tr("Комментарий:"), note)
    dialog.finish()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return quantity.value(), str(reason.currentData()), note.text()


def ask_id_document(parent: QWidget, types: Mapping[str, str]) -> tuple[str, str] | None:
    """(document type code, last 4 digits) or None."""
    dialog = _FormDialog(parent, parent.tr("Документ"),
                         parent.tr("Проверьте документ. Запишите только тип и последние 4 цифры номера."))
    kind = _combo(types)
    last4 = QLineEdit()
    last4.setMaxLength(4)
    last4.setInputMask("9999")
    dialog.form.addRow(parent.tr("Тип документа:"), kind)
    dialog.form.addRow(parent.tr("Последние 4 цифры:"), last4)
    dialog.finish()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return str(kind.currentData()), last4.text()


def ask_text(parent: QWidget, title: str, prompt: str) -> str | None:
    dialog = _FormDialog(parent, title)
    field = QLineEdit()
    dialog.form.addRow(prompt, field)
    dialog.finish()
    return field.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
