"""The start dialog for a damaged cache: which file, what can be done, and afterwards what was saved.

The clerk chooses: restore the last good backup (offered only when one passes its check) or load the
data again from the server; in both cases the unsent events are salvaged first and sent. «Закрыть
программу» changes nothing. After the repair `tell_repair_done` says where the damaged file was kept,
how many unsent actions were saved and — named — those that could not be read.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from desktop.db.recovery import RepairReport
from desktop.translatable import translate
from ui.startup import CacheDamaged, Repair

log = logging.getLogger(__name__)
SHOWN_LOST = 10  # event ids named in the message; the log has all of them


class DamagedCacheDialog(QMessageBox):
    """Names the damaged file and offers the repairs; `choice` is the clerk's answer (None: close the app)."""

    def __init__(self, error: CacheDamaged, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(translate("DamagedCache", "База данных повреждена"))
        self.setText(translate("DamagedCache", "Файл базы данных повреждён:\n{0}").format(error.damage.path))
        lines = [translate("DamagedCache", "Что можно сделать:")]
        if error.backup is not None:
            lines.append(translate(
                "DamagedCache", "• восстановить последнюю исправную резервную копию ({0}); действия после неё "
                                "вернутся с сервера при синхронизации;").format(error.backup.name))
        lines.append(translate("DamagedCache", "• загрузить данные заново с сервера."))
        lines.append(translate(
            "DamagedCache", "В обоих случаях программа сначала сохранит все неотправленные действия, которые "
                            "удастся прочитать из повреждённого файла, и отправит их на сервер. Повреждённый файл "
                            "не удаляется: он будет переименован и останется в папке данных."))
        self.setInformativeText("\n".join(lines))
        self.setDetailedText(error.damage.detail)
        self._choices: dict[QAbstractButton, Repair] = {}
        accept = QMessageBox.ButtonRole.AcceptRole
        if error.backup is not None:
            restore = self.addButton(translate("DamagedCache", "Восстановить из резервной копии"), accept)
            self._choices[restore] = Repair.RESTORE
        rebuild = self.addButton(translate("DamagedCache", "Загрузить заново с сервера"), accept)
        self._choices[rebuild] = Repair.REBUILD
        self.quit_button = self.addButton(translate("DamagedCache", "Закрыть программу"),
                                          QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.quit_button)  # Enter in passing repairs nothing
        self.setEscapeButton(self.quit_button)

    def choice(self) -> Repair | None:
        clicked = self.clickedButton()
        return self._choices.get(clicked) if clicked is not None else None


def ask_repair(error: CacheDamaged, parent: QWidget | None = None) -> Repair | None:
    """Show the dialog; the clerk's repair, or None to close the program."""
    dialog = DamagedCacheDialog(error, parent)
    dialog.exec()
    choice = dialog.choice()
    log.warning("damaged cache %s: the clerk chose %s", error.damage.path, choice or "to close the program")
    return choice


def repair_summary(report: RepairReport) -> str:
    """What the repair did, in the clerk's words."""
    if report.backup is not None:
        lines = [translate("DamagedCache", "База данных восстановлена из резервной копии {0}.")
                 .format(report.backup.name)]
    else:
        lines = [translate("DamagedCache", "База данных создана заново; данные загружаются с сервера.")]
    lines.append(translate("DamagedCache", "Повреждённый файл сохранён как {0}.").format(report.kept_as))
    lines.append(translate("DamagedCache", "Неотправленных действий сохранено и поставлено в очередь на отправку: {0}.")
                 .format(report.salvaged))
    if report.lost:
        named = ", ".join(report.lost[:SHOWN_LOST]) + (" …" if len(report.lost) > SHOWN_LOST else "")
        lines.append(translate(
            "DamagedCache", "Не удалось прочитать неотправленных действий: {0} ({1}). Их нужно повторить вручную; "
                            "сообщите администратору, список — в журнале программы.").format(len(report.lost), named))
    if report.outbox_unreadable:
        lines.append(translate(
            "DamagedCache", "Очередь неотправленных действий в повреждённом файле не читается совсем: сколько "
                            "действий не отправлено, узнать нельзя. Сообщите администратору."))
    return "\n".join(lines)


def tell_repair_done(report: RepairReport, parent: QWidget | None = None) -> QMessageBox:
    """The repair's summary over the login screen (window-modal, not blocking the start)."""
    icon = QMessageBox.Icon.Warning if report.lost or report.outbox_unreadable else QMessageBox.Icon.Information
    box = QMessageBox(icon, translate("DamagedCache", "База данных восстановлена"), repair_summary(report),
                      QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
