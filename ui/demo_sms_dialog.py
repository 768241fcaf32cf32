"""Demo only: the SMS the embedded backend's `log` gateway "sent" and the seeded ready orders' pickup codes.

On the embedded default there is no phone: the gateway appends each SMS as a JSON line to
``<data_dir>/sms-demo.log`` and the seed keeps the plain pickup codes in ``demo-secrets.json``.
This dialog shows both (newest SMS first; the text carries the pickup code — that is the point of
the demo), re-reading the files every 2 s on a worker thread. The main window offers it only when
running on the embedded backend.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.point_time import DAY_CLOCK, point_time, zone_named
from ui.workers import Failure, TaskRunner, ignore_bug

log = logging.getLogger(__name__)

SMS_LOG = "sms-demo.log"
SECRETS_FILE = "demo-secrets.json"
REFRESH_MS = 2000


@dataclass(frozen=True)
class DemoSms:
    """One message as the demo gateway wrote it (phone already masked)."""

    at: str
    phone: str
    text: str


@dataclass(frozen=True)
class DemoData:
    """What the dialog shows: SMS newest first, (order number, pickup code) by order number."""

    sms: list[DemoSms]
    codes: list[tuple[str, str]]


def mask_phone(phone: str) -> str:
    """``+79161234567`` → ``+7 ••• •••-45-67``: only the last four digits stay."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 4:
        return "•••"
    return f"+7 ••• •••-{digits[-4:-2]}-{digits[-2:]}"


def local_time(at: str, zone: tzinfo) -> str:
    """The gateway's ISO timestamp on the point's clock."""
    try:
        return point_time(datetime.fromisoformat(at), zone, DAY_CLOCK)
    except (TypeError, ValueError):
        return at


def read_sms(path: Path, zone: tzinfo) -> list[DemoSms]:
    """The gateway's JSON lines, newest first; unreadable lines are skipped (the file may be mid-write)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    messages: list[tuple[str, DemoSms]] = []
    for line in lines:
        try:
            entry = json.loads(line)
            at, phone, text = str(entry["at"]), str(entry["phone"]), str(entry["text"])
        except (ValueError, KeyError, TypeError):
            continue
        messages.append((at, DemoSms(local_time(at, zone), mask_phone(phone), text)))
    messages.sort(key=lambda pair: pair[0], reverse=True)
    return [sms for _at, sms in messages]


def read_codes(path: Path) -> list[tuple[str, str]]:
    """Seeded ready orders' pickup codes from demo-secrets.json, by order number."""
    try:
        secrets: Any = json.loads(path.read_text(encoding="utf-8"))
        codes = secrets.get("pickup_codes") or {}
        return sorted((str(order), str(code)) for order, code in codes.items())
    except FileNotFoundError:
        return []
    except (ValueError, AttributeError) as exc:
        log.warning("demo-secrets.json unreadable: %s", type(exc).__name__)
        return []


def read_demo(data_dir: Path, zone: tzinfo) -> DemoData:
    """Both files (runs on a worker thread)."""
    return DemoData(read_sms(data_dir / SMS_LOG, zone), read_codes(data_dir / SECRETS_FILE))


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    for column in range(len(headers) - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: Sequence[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(value))
    table.resizeRowsToContents()


class DemoSmsDialog(QDialog):
    """Two tabs — «SMS» and «Коды получения» — refreshed off the GUI thread while the dialog is shown."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None, refresh_ms: int = REFRESH_MS,
                 tasks: TaskRunner | None = None, zone: tzinfo | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.zone = zone or zone_named(None)  # the point's zone: SMS times on its clock
        self._tasks = tasks or TaskRunner(ignore_bug)  # the window passes the app's runner (bugs → crash dialog)
        self.setWindowTitle(self.tr("Демо: SMS и коды получения"))
        self.setObjectName("demoSmsDialog")
        self.resize(1000, 560)
        self.loading = False
        self.loads = 0
        self.sms_table = _table([self.tr("Время"), self.tr("Телефон"), self.tr("Текст SMS")])
        self.codes_table = _table([self.tr("Заказ"), self.tr("Код получения")])
        self.sms_hint = QLabel(self.tr("Демо-сервер ещё не отправил ни одного SMS. Они появятся здесь, когда "
                                  "заказ прибудет в пункт (SMS «заказ готов» с кодом получения)."))
        self.sms_hint.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._sms_tab(), self.tr("SMS"))
        self.tabs.addTab(self._codes_tab(), self.tr("Коды получения"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Только для демонстрации: на настоящем сервере SMS уходят покупателю, а коды "
                         "получения не видны никому."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh)

    def _sms_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.sms_hint)
        layout.addWidget(self.sms_table, 1)
        return tab

    def _codes_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        hint = QLabel(self.tr("Заказы, готовые к выдаче в демо-пункте, и их коды получения (назовите код при выдаче)."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.codes_table, 1)
        return tab

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        """Re-read both files on a worker thread (one read at a time)."""
        if self.loading:
            return
        self.loading = True
        data_dir, zone = self.data_dir, self.zone
        self._tasks.run(lambda: read_demo(data_dir, zone), self._on_loaded, self._on_failed,
                        on_finished=self._on_finished)

    def _on_loaded(self, data: DemoData) -> None:
        self.loads += 1
        _fill(self.sms_table, [(sms.at, sms.phone, sms.text) for sms in data.sms])
        _fill(self.codes_table, data.codes)
        self.sms_hint.setVisible(not data.sms)

    def _on_failed(self, failure: Failure) -> None:
        self.sms_hint.setText(failure.message)
        self.sms_hint.setVisible(True)

    def _on_finished(self) -> None:
        self.loading = False


def show_demo_sms(
    parent: QWidget, data_dir: Path, tasks: TaskRunner | None = None, zone: tzinfo | None = None,
) -> DemoSmsDialog:
    """Show the (single, non-modal) demo dialog of this window, creating it on first use."""
    dialog = parent.findChild(DemoSmsDialog)
    if dialog is None:
        dialog = DemoSmsDialog(data_dir, parent, tasks=tasks, zone=zone)
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
