"""«Разрешение менеджера»: a serial that does not match the order line is taken in only with a manager's badge, PIN
and a note (the service checks the role and journals the note); the shared manager dialog (ui/manager_dialog.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.db.claim_models import OVERRIDE_NOTE_MAX
from ui.manager_dialog import ManagerDialog, ask_manager


class OverrideDialog(ManagerDialog):
    """Why the serial was refused, then the manager's badge, PIN and note; OK only with all three."""

    def __init__(self, parent: QWidget, reason: str) -> None:
        super().__init__(parent, reason, QCoreApplication.translate("OverrideDialog", "Разрешение менеджера"),
                         OVERRIDE_NOTE_MAX, QCoreApplication.translate("OverrideDialog", "почему товар принимается"))


def ask_override(parent: QWidget, reason: str) -> tuple[str, str, str] | None:
    """(badge, PIN, note) from the manager, or None when cancelled."""
    return ask_manager(OverrideDialog(parent, reason))
