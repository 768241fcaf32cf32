"""First-run enrolment wizard: server address (health-checked, TLS verified), one-time code, point confirmation.

Network and database work runs off the GUI thread (the given `ui.workers.TaskRunner`); while the first snapshot
downloads and is stored, a progress bar counts the point's orders. Each problem — wrong
address, certificate, unreachable server, wrong or expired code — is shown in plain Russian. The
credential is kept only when the clerk confirms the pickup point; cancelling on the last page
removes it again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop import device_credentials
from desktop.config import AppConfig
from desktop.device_credentials import DeviceCredentials
from ui.workers import Failure, Progress, TaskRunner, ignore_bug

log = logging.getLogger(__name__)
SnapshotProgress = Callable[[int, int], None]  # (orders stored, orders in the snapshot)
Enrol = Callable[[AppConfig, str, str, str, SnapshotProgress], tuple[DeviceCredentials, str]]


def check_server(url: str, ca_bundle: str | None) -> dict[str, Any]:
    """Health call (runs on a pool thread); raises DomainError with a Russian message."""
    from desktop.sync.enrolment import check_backend

    return check_backend(url.strip().rstrip("/"), ca_bundle)


def enrol_and_describe(config: AppConfig, url: str, code: str, device_name: str,
                       progress: SnapshotProgress) -> tuple[DeviceCredentials, str]:
    """Enrol (pool thread): migrate the cache, exchange the code, first snapshot; returns the point text."""
    from desktop.db.migrate import migrate_with_backup
    from desktop.sync.enrolment import enrol

    db = migrate_with_backup(config.cache_path)
    try:
        ca = str(config.ca_bundle) if config.ca_bundle else None
        creds = enrol(url.strip().rstrip("/"), code, config.data_dir, db, device_name, ca, progress)
        return creds, describe_point(db, creds.point_code)
    finally:
        db.dispose()


def describe_point(db: Any, point_code: str) -> str:
    from desktop.services.base import local_point
    from protocol.errors import DomainError

    try:
        with db.read() as session:
            point = local_point(session)
            return f"{point.name} ({point.code})\n{point.city}, {point.address}"
    except DomainError:
        return QCoreApplication.translate(
            "EnrolWizard", "Пункт выдачи {0} (данные придут при первой синхронизации)").format(point_code)


class ServerPage(QWizardPage):
    """Step 1: the backend address, checked with GET /v1/health before Next is allowed."""

    checked = Signal(bool)

    def __init__(self, config: AppConfig, check: Callable[[str, str | None], Any], tasks: TaskRunner) -> None:
        super().__init__()
        self.config = config
        self._check = check
        self._tasks = tasks
        self._ok_url: str | None = None
        self.setTitle(QCoreApplication.translate("EnrolWizard", "Адрес сервера"))
        self.setSubTitle(QCoreApplication.translate(
            "EnrolWizard", "Адрес центрального сервера выдаёт администратор, например https://pvz.example.ru"))
        self.url = QLineEdit(config.backend_url or "")
        self.url.setPlaceholderText("https://")
        self.check_button = QPushButton(QCoreApplication.translate("EnrolWizard", "Проверить подключение"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(QCoreApplication.translate("EnrolWizard", "Адрес:"), self.url)
        form.addRow("", self.check_button)
        form.addRow(self.status)
        self.check_button.clicked.connect(self._on_check_clicked)
        self.url.textChanged.connect(self._on_url_edited)
        self.url.returnPressed.connect(self._on_check_clicked)

    def isComplete(self) -> bool:
        return self._ok_url is not None and self._ok_url == self.url.text().strip()

    def checked_url(self) -> str:
        return self._ok_url or ""

    def _on_url_edited(self) -> None:
        self._ok_url = None
        self.status.clear()
        self.completeChanged.emit()

    def _on_check_clicked(self) -> None:
        url = self.url.text().strip()
        ca = str(self.config.ca_bundle) if self.config.ca_bundle else None
        self.check_button.setEnabled(False)
        self.status.setText(QCoreApplication.translate("EnrolWizard", "Проверка…"))
        self._tasks.run(lambda: self._check(url, ca), lambda health: self._on_checked(url, health), self._on_failed)

    def _on_checked(self, url: str, health: Any) -> None:
        self.check_button.setEnabled(True)
        self._ok_url = url
        version = health.get("version", "?") if isinstance(health, dict) else "?"
        self.status.setText(QCoreApplication.translate("EnrolWizard", "Сервер отвечает (версия {0}).").format(version))
        self.completeChanged.emit()
        self.checked.emit(True)

    def _on_failed(self, failure: Failure) -> None:
        self.check_button.setEnabled(True)
        self._ok_url = None
        self.status.setText(failure.message)
        self.completeChanged.emit()
        self.checked.emit(False)


class CodePage(QWizardPage):
    """Step 2: the one-time enrolment code and this PC's name; Next enrols (off the GUI thread)."""

    enrolled = Signal(bool)

    def __init__(self, config: AppConfig, server: ServerPage, enrol: Enrol, tasks: TaskRunner) -> None:
        super().__init__()
        self.config = config
        self.server = server
        self._enrol = enrol
        self._tasks = tasks
        self.result: tuple[DeviceCredentials, str] | None = None
        self._busy = False
        self.setTitle(QCoreApplication.translate("EnrolWizard", "Код регистрации"))
        self.setSubTitle(QCoreApplication.translate(
            "EnrolWizard", "Одноразовый код (вида ABCD-EFGH-JKLM) выдаёт администратор; он действует 24 часа."))
        self.code = QLineEdit()
        self.code.setPlaceholderText("ABCD-EFGH-JKLM")
        self.device_name = QLineEdit(config.device_name)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()  # the first snapshot: busy while it downloads, then orders stored
        self.progress.setObjectName("enrolProgress")
        self.progress.setVisible(False)
        form = QFormLayout(self)
        form.addRow(QCoreApplication.translate("EnrolWizard", "Код:"), self.code)
        form.addRow(QCoreApplication.translate("EnrolWizard", "Имя компьютера:"), self.device_name)
        form.addRow(self.status)
        form.addRow(self.progress)
        self.code.textChanged.connect(self.completeChanged)
        self.device_name.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return not self._busy and bool(self.code.text().strip()) and bool(self.device_name.text().strip())

    def validatePage(self) -> bool:
        """Next: the first press starts enrolment; the wizard moves on when it has succeeded."""
        if self.result is not None:
            return True
        self._start()
        return False

    def _start(self) -> None:
        self._busy = True
        self.completeChanged.emit()
        self.status.setText(QCoreApplication.translate("EnrolWizard", "Регистрация…"))
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        url, code, name = self.server.checked_url(), self.code.text().strip(), self.device_name.text().strip()
        config, enrol = self.config, self._enrol

        def work(progress: Progress) -> tuple[DeviceCredentials, str]:
            return enrol(config, url, code, name, lambda done, total: progress(done, total))

        self._tasks.run(work, self._on_enrolled, self._on_failed, self._on_progress)

    def _on_progress(self, done: int, total: int, _text: str) -> None:
        """The snapshot is downloaded (`done` 0) or another chunk of its orders is stored."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done if total else 1)
        self.status.setText(QCoreApplication.translate(
            "EnrolWizard", "Загрузка данных пункта: сохранено заказов {0} из {1}…").format(done, total))

    def _on_enrolled(self, result: tuple[DeviceCredentials, str]) -> None:
        self._busy = False
        self.progress.setVisible(False)
        self.result = result
        self.status.setText(QCoreApplication.translate("EnrolWizard", "Компьютер зарегистрирован."))
        self.completeChanged.emit()
        self.enrolled.emit(True)
        self.wizard().next()

    def _on_failed(self, failure: Failure) -> None:
        self._busy = False
        self.progress.setVisible(False)
        self.status.setText(failure.message)
        self.completeChanged.emit()
        self.enrolled.emit(False)


class ConfirmPage(QWizardPage):
    """Step 3: show the pickup point the code belongs to; Finish needs the clerk's confirmation."""

    def __init__(self, codes: CodePage) -> None:
        super().__init__()
        self.codes = codes
        self.setTitle(QCoreApplication.translate("EnrolWizard", "Пункт выдачи"))
        self.setSubTitle(QCoreApplication.translate("EnrolWizard", "Проверьте, что это ваш пункт выдачи."))
        self.point = QLabel()
        self.point.setWordWrap(True)
        self.point.setObjectName("enrolPoint")
        self.confirm = QCheckBox(QCoreApplication.translate("EnrolWizard", "Да, это мой пункт выдачи"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.point)
        layout.addWidget(self.confirm)
        self.confirm.toggled.connect(self.completeChanged)

    def initializePage(self) -> None:
        if self.codes.result is not None:
            self.point.setText(self.codes.result[1])

    def isComplete(self) -> bool:
        return self.confirm.isChecked()


class EnrolWizard(QWizard):
    """The three-step first-run wizard; `credentials` is set when it finished with a confirmed point."""

    def __init__(self, config: AppConfig, parent: QWidget | None = None,
                 check: Callable[[str, str | None], Any] = check_server,
                 enrol: Enrol = enrol_and_describe,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.credentials: DeviceCredentials | None = None
        self.setWindowTitle(QCoreApplication.translate("EnrolWizard", "Регистрация рабочего места Pickup Desk"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        tasks = tasks or TaskRunner(ignore_bug)  # the app passes its runner (bugs → crash dialog)
        self.server_page = ServerPage(config, check, tasks)
        self.code_page = CodePage(config, self.server_page, enrol, tasks)
        self.confirm_page = ConfirmPage(self.code_page)
        for page in (self.server_page, self.code_page, self.confirm_page):
            self.addPage(page)
        self.rejected.connect(self._on_rejected)

    def accept(self) -> None:
        result = self.code_page.result
        self.credentials = result[0] if result is not None else None
        super().accept()

    def _on_rejected(self) -> None:
        """Cancelled after enrolment (wrong point): forget the credential so the app does not sync."""
        if self.code_page.result is not None:
            device_credentials.credentials_path(self.config.data_dir).unlink(missing_ok=True)
            log.warning("enrolment cancelled at the point confirmation; credential removed")


def run_enrol_wizard(config: AppConfig, parent: QWidget | None = None,
                     tasks: TaskRunner | None = None) -> DeviceCredentials | None:
    """Show the wizard modally; the stored credential, or None when the clerk cancelled."""
    wizard = EnrolWizard(config, parent, tasks=tasks)
    wizard.exec()
    return wizard.credentials
