"""The staff login screen: scan a badge then type the PIN, or type login and password.

It is the first thing the app paints, before the core (database, services) is loaded: while the start-up work
runs it shows its progress, the clerk can already type, and a login submitted meanwhile runs once the start-up is
done (`set_ready`). This module imports no SQLAlchemy, service or sync module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.scan_routing import Scan, ScanKind
from ui.widgets.common import fit_placeholders, scroll_area
from ui.workers import Failure, TaskRunner, ignore_bug

if TYPE_CHECKING:
    from desktop.services.base import Actor
    from desktop.services.staff import StaffService

BADGE = re.compile(r"^ST\d{6}$")


class LoginScreen(QWidget):
    """Shown when nobody is logged in (start-up, logout, idle lock)."""

    login_succeeded = Signal(object)  # Actor
    login_failed = Signal(str)

    def __init__(
        self,
        staff: StaffService | Callable[[], StaffService],
        point_name: str = "",
        hint: str = "",
        parent: QWidget | None = None,
        tasks: TaskRunner | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("LoginScreen")
        self._staff = staff  # or how to get it: the staff service is built at the first login, off the GUI thread
        self._tasks = tasks or TaskRunner(ignore_bug)  # the window passes the app's runner (bugs → crash dialog)
        self.busy = False
        self._login_waits = False
        self._build(point_name, hint)

    def _build(self, point_name: str, hint: str) -> None:
        card = QFrame(self)
        card.setObjectName("loginCard")
        card.setFixedWidth(640)
        card.setMinimumHeight(500)  # word-wrapped labels make the hinted height too small
        title = QLabel(self.tr("Пункт выдачи заказов"), card)
        title.setObjectName("loginTitle")
        self.point_label = self._wrapped_label(point_name, "loginPoint", card)
        prompt = self._wrapped_label(
            self.tr("Отсканируйте пропуск и введите PIN — или введите логин и пароль."), "loginPrompt", card
        )
        form = self._build_fields(card)
        self.progress = QProgressBar(card)  # the start-up's steps, shown only while it runs
        self.progress.setObjectName("loginProgress")
        self.progress.setVisible(False)
        self.message = self._wrapped_label("", "loginMessage", card)
        self.hint = self._wrapped_label(hint, "loginHint", card)
        self.hint.setVisible(bool(hint))
        self.hint.setMinimumHeight(90)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.setSpacing(12)
        for label in (title, self.point_label, prompt):
            inner.addWidget(label)
        inner.addLayout(form)
        for widget in (self.submit, self.progress, self.message, self.hint):
            inner.addWidget(widget)
        centred = QWidget(self)
        centred.setObjectName("pageContent")
        column = QVBoxLayout(centred)
        column.addStretch(1)
        column.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_area(centred, self))  # a small logical screen scrolls the card, never cuts it
        fit_placeholders(card)

    @staticmethod
    def _wrapped_label(text: str, name: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setObjectName(name)
        label.setWordWrap(True)
        return label

    def _build_fields(self, card: QFrame) -> QFormLayout:
        """The identifier and secret fields and the submit button; returns the form holding the fields."""
        self.identifier = QLineEdit(card)
        self.identifier.setPlaceholderText(self.tr("пропуск ST…… или логин"))
        self.secret = QLineEdit(card)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(self.tr("PIN или пароль"))
        for field in (self.identifier, self.secret):
            field.setMinimumHeight(46)
        self.identifier.returnPressed.connect(self.secret.setFocus)
        self.secret.returnPressed.connect(self._on_submit)
        self.submit = QPushButton(self.tr("Войти (Enter)"), card)
        self.submit.clicked.connect(self._on_submit)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        form.addRow(self.tr("Пропуск / логин:"), self.identifier)
        form.addRow(self.tr("PIN / пароль:"), self.secret)
        return form

    def reset(self, message: str = "") -> None:
        self.identifier.clear()
        self.secret.clear()
        self.message.setText(message)
        self.identifier.setFocus()

    @property
    def ready(self) -> bool:
        """False from `starting` to `set_ready` (the start-up runs: a login waits); the dynamic property «ready»,
        which `--quit-after-start` (ui.launcher) also watches."""
        return self.property("ready") is not False

    def starting(self) -> None:
        """The start-up work begins: its progress shows here; the fields take typing, a login waits for it."""
        self.setProperty("ready", False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)

    def set_progress(self, done: int, total: int, text: str) -> None:
        """One start-up step (from the start-up worker): the bar moves, its text says what is being done."""
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(text)  # the step's text on the bar (the message line stays the clerk's)
        self.progress.setTextVisible(True)

    def set_ready(self, point_name: str, hint: str) -> None:
        """The start-up is done: the point and the demo hint show, and a login submitted meanwhile runs now."""
        self.point_label.setText(point_name)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.progress.setVisible(False)
        self.setProperty("ready", True)
        if self._login_waits:
            self._login_waits = False
            self._on_submit()
        else:
            self._show("", error=False)

    def handle_scan(self, scan: Scan) -> bool:
        """A staff badge fills the badge field and moves on to the PIN; anything else needs a login first."""
        if scan.kind is not ScanKind.STAFF_BADGE:
            self._show(self.tr("Сначала войдите: отсканируйте свой пропуск и введите PIN."), error=True)
            return True
        self.identifier.setText(scan.value)
        self.secret.clear()
        self.secret.setFocus()
        self._show(self.tr("Пропуск считан. Введите PIN и нажмите Enter."), error=False)
        return True

    def _on_submit(self) -> None:
        if self.busy:
            return
        if not self.ready:
            self._login_waits = True
            self._show(self.tr("Программа ещё запускается: вход выполнится, как только она будет готова."),
                       error=False)
            return
        identifier, secret = self.identifier.text().strip(), self.secret.text()
        staff = self._staff_service
        if BADGE.match(identifier.upper()):
            call = lambda: staff().login_badge(identifier.upper(), secret)  # noqa: E731
        else:
            call = lambda: staff().login_password(identifier, secret)  # noqa: E731
        self.busy = True
        self._show(self.tr("Проверка…"), error=False)
        self._tasks.run(call, self._on_login_done, self._on_login_failed, on_finished=self._on_finished)

    def _staff_service(self) -> StaffService:
        return self._staff() if callable(self._staff) else self._staff

    def _on_login_done(self, actor: Actor) -> None:
        self.reset()
        self.login_succeeded.emit(actor)

    def _on_login_failed(self, failure: Failure) -> None:
        self.secret.clear()
        self.secret.setFocus()
        self._show(failure.message, error=True)
        self.login_failed.emit(failure.message)

    def _on_finished(self) -> None:
        self.busy = False

    def _show(self, text: str, error: bool) -> None:
        self.message.setProperty("error", error)
        self.message.setStyleSheet("color: #b00020;" if error else "color: #0b6b2b;")
        self.message.setText(text)
