"""Text of the About dialog: version, commit, where the log and the data live."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.config import AppConfig
from desktop.logs import log_file
from desktop.version import build_info


def about_text(config: AppConfig | None) -> str:
    """The About text for the running configuration (dashes when the window has none, as in tests)."""
    log_path = str(log_file(config)) if config is not None else "—"
    data_dir = str(config.data_dir) if config is not None else "—"
    lines = [
        QCoreApplication.translate("About", "Pickup Desk — программа пункта выдачи заказов."),
        build_info().one_line(),
        QCoreApplication.translate("About", "Журнал программы: {0}").format(log_path),
        QCoreApplication.translate("About", "Данные: {0}").format(data_dir),
    ]
    return "\n".join(lines)
