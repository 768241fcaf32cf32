"""Text of the About dialog: version, commit, where the log and the data live."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.version import build_info

_paths: dict[str, str] = {}


def set_paths(log_file: str, data_dir: str) -> None:
    _paths.update(log=log_file, data=data_dir)


def about_text() -> str:
    lines = [
        QCoreApplication.translate("About", "Pickup Desk — программа пункта выдачи заказов."),
        build_info().one_line(),
        QCoreApplication.translate("About", "Журнал программы: {0}").format(_paths.get("log", "—")),
        QCoreApplication.translate("About", "Данные: {0}").format(_paths.get("data", "—")),
    ]
    return "\n".join(lines)
