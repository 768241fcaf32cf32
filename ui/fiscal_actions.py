"""The cash register in the shell: X report with the register's state, its shift, pending receipts, settings.

«Смена → X-отчёт кассы» asks the register off the GUI thread and shows the slip; «Смена → Открыть смену на
кассе» / «Z-отчёт на кассе» retry what the app's shift open/close could not do on the register; at start the
receipts a crash left pending are asked of the register (`reconcile`); «Оборудование → Касса…»
edits [fiscal] mode / url of config.toml (the register is reached through ATOL's driver web server on this PC);
a change applies at the next start, when `Services.create` builds the fiscal service from the configuration.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from desktop.fiscal.model import FiscalMode, FiscalReceiptView, RegisterStatus
from desktop.services.base import Role
from desktop.settings_store import update_section
from ui.context import AppContext
from ui.workers import Failure

DEFAULT_ATOL_URL = "http://127.0.0.1:16732"  # ATOL driver v10 web server's default address
SHIFT_STATES = {
    "opened": QT_TRANSLATE_NOOP("FiscalActions", "АТОЛ, смена на кассе открыта"),
    "closed": QT_TRANSLATE_NOOP("FiscalActions", "АТОЛ, смена на кассе закрыта"),
    "expired": QT_TRANSLATE_NOOP("FiscalActions", "АТОЛ, смена на кассе длится больше 24 часов — закройте её"),
    "": QT_TRANSLATE_NOOP("FiscalActions", "без кассы (документы нефискальные)"),
}
log = logging.getLogger(__name__)


def _tr(text: object) -> str:
    return QCoreApplication.translate("FiscalActions", str(text))


class FiscalSettingsDialog(QDialog):
    """Mode (no register / ATOL) and the web server's URL; `chosen` holds them once saved."""

    def __init__(self, parent: QWidget | None, mode: str, url: str | None) -> None:
        from ui.pages.money_widgets import key_button, line_field, status_label

        super().__init__(parent)
        self.setObjectName("FiscalSettingsDialog")
        self.setWindowTitle(self.tr("Касса (54-ФЗ)"))
        self.setMinimumWidth(560)
        self.chosen: dict[str, str] | None = None
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Без кассы (демо, пункт без приёма денег)"), FiscalMode.NONE.value)
        self.mode.addItem(self.tr("АТОЛ: драйвер ККТ 10, веб-сервер на этом ПК"), FiscalMode.ATOL.value)
        self.mode.setCurrentIndex(max(self.mode.findData(mode), 0))
        self.url = line_field(DEFAULT_ATOL_URL)
        self.url.setText(url or "")
        self.error = status_label()
        note = QLabel(self.tr("Изменения вступят в силу после перезапуска программы."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Режим:"), self.mode)
        form.addRow(self.tr("Адрес веб-сервера драйвера:"), self.url)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(note)
        column.addWidget(self.error)
        column.addWidget(key_button(self.tr("Сохранить"), "F10", self.try_accept, self))
        self.url.returnPressed.connect(self.try_accept)

    def try_accept(self) -> None:
        from ui.pages.money_widgets import show_status

        mode, url = str(self.mode.currentData()), self.url.text().strip()
        if mode == FiscalMode.ATOL.value and not url.startswith(("http://", "https://")):
            show_status(self.error, self.tr("Введите адрес веб-сервера драйвера АТОЛ, например {0}.").format(
                DEFAULT_ATOL_URL), False)
            self.url.setFocus()
            return
        self.chosen = {"mode": mode, "url": url or DEFAULT_ATOL_URL}
        self.accept()


class FiscalActions(QObject):
    """The shell's register actions (manager only)."""

    def __init__(self, ctx: AppContext, window: QWidget, config_file: Callable[[], Path]) -> None:
        super().__init__(window)
        self.ctx, self._window, self._config_file = ctx, window, config_file

    def _manager(self) -> bool:
        if self.ctx.session.has_role(Role.MANAGER):
            return True
        self.ctx.feedback.show_error(self.tr("Нужен менеджер"), self.tr("Кассу настраивает и отчёты снимает "
                                                                        "менеджер."))
        return False

    def x_report(self) -> None:
        """The register's X report (its shift's state and totals) on screen; a copy prints with Ctrl+P."""
        actor, fiscal = self.ctx.session.actor, self.ctx.services.fiscal
        if actor is None or not self._manager():
            return

        def report() -> tuple[RegisterStatus | None, str]:
            status = fiscal.register_status() if fiscal.fiscal else None  # paper, cover, shift: before the report
            return status, fiscal.x_report(actor)

        self.ctx.tasks.run(report, lambda done: self._on_x_report(*done), self._on_failed)

    def _on_x_report(self, status: RegisterStatus | None, text: str) -> None:
        note = self.tr("Касса: {0}.").format(_tr(SHIFT_STATES.get(status.shift if status else "", SHIFT_STATES[""])))
        if status is not None:
            note += " " + (self.tr("Чековая лента есть.") if status.paper else self.tr("Нет чековой ленты!"))
            note += " " + (self.tr("Крышка открыта!") if status.cover_open else self.tr("Крышка закрыта."))
        from ui.pages.receipt_dialog import show_slip

        show_slip(self.ctx, self._window, self.tr("X-отчёт кассы"), "x-report", text, note)

    def open_register_shift(self) -> None:
        """The app's shift is open but the register's is not (it was off): open it now."""
        actor, staff = self.ctx.session.actor, self.ctx.services.staff
        if actor is not None:
            self.ctx.tasks.run(lambda: staff.open_register_shift(actor), lambda _none: self.ctx.feedback.show_ok(
                self.tr("Смена на кассе открыта"), self.tr("Можно принимать оплату.")), self._on_failed)

    def z_report(self) -> None:
        """The app's shift was closed but the register printed no Z report: print it now and show it."""
        actor, staff = self.ctx.session.actor, self.ctx.services.staff
        if actor is not None and self._manager():
            self.ctx.tasks.run(lambda: staff.z_report(actor), self._on_z_report, self._on_failed)

    def _on_z_report(self, text: str) -> None:
        from ui.pages.receipt_dialog import show_slip

        show_slip(self.ctx, self._window, self.tr("Z-отчёт кассы"), "z-report", text)

    def reconcile(self) -> None:
        """At start: receipts a crash left pending are asked of the register (printed → done), in the background.

        Without a register there is nothing to ask (and its service is not built at start)."""
        config = self.ctx.config
        if config is None or config.fiscal_mode == FiscalMode.NONE.value:
            return
        services = self.ctx.services
        self.ctx.tasks.run(lambda: services.fiscal.reconcile(), self._on_reconciled, lambda f: log.warning(
            "fiscal: pending receipts not reconciled at start: %r", f.error))

    def _on_reconciled(self, receipts: list[FiscalReceiptView]) -> None:
        if receipts:
            log.info("fiscal: %d pending receipt(s) reconciled at start", len(receipts))

    def _on_failed(self, failure: Failure) -> None:
        self.ctx.feedback.show_error(self.tr("Касса не ответила"), failure.message)

    def edit_settings(self) -> None:
        if not self._manager():
            return
        config = self.ctx.config
        mode, url = (config.fiscal_mode, config.fiscal_url) if config is not None else (FiscalMode.NONE.value, None)
        dialog = FiscalSettingsDialog(self._window, mode, url)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen is not None:
            update_section(self._config_file(), "fiscal", dialog.chosen)
            QMessageBox.information(self._window, self.tr("Касса"), self.tr(
                "Настройки кассы сохранены. Перезапустите программу, чтобы они вступили в силу."))
        dialog.deleteLater()
