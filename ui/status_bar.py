"""The always-visible status bar: sync state, backlog, conflicts, staff member, shift, pickup point.

A manager (not a clerk) also sees an update waiting for the next start and the last rolled-back update.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desktop.point_time import CLOCK, point_time, zone_named
from desktop.services.base import Actor, Role
from desktop.update.notice import UpdateNotice, read_notice

if TYPE_CHECKING:
    from desktop.sync.runner import SyncRunner

UPDATE_READ_EVERY = 10  # ticks (seconds) between reads of the update state file


def local_hhmm(at: datetime | None, zone: tzinfo) -> str:
    """A moment on the point's clock (hours, minutes, seconds)."""
    return point_time(at, zone, CLOCK)


def update_notice(ctx: Any) -> Callable[[], UpdateNotice] | None:
    """The update notice reader of this counter's data directory (None for a shell built without a config)."""
    config = getattr(ctx, "config", None)
    if config is None:
        return None
    data_dir = config.data_dir
    return lambda: read_notice(data_dir)


def short_name(full_name: str) -> str:
    """"Смирнова Анна Сергеевна" → "Смирнова А. С." (fits the status bar at 1366 px)."""
    parts = full_name.split()
    return " ".join(parts[:1] + [f"{p[0]}." for p in parts[1:3]]) if parts else full_name


class CounterStatusBar(QStatusBar):
    """Reads `SyncRunner.status()` (a cheap, thread-safe snapshot) on a timer; never blocks."""

    synced = Signal()  # a sync finished successfully since the last look

    def __init__(
        self, sync: SyncRunner | None = None, point: str = "", parent: QWidget | None = None,
        zone: Callable[[], tzinfo] = lambda: zone_named(None),
        updates: Callable[[], UpdateNotice] | None = None,
    ) -> None:
        super().__init__(parent)
        self._zone = zone  # the point's zone, read when a time is shown
        self.setObjectName("counterStatusBar")
        self.setSizeGripEnabled(False)
        self._sync = sync
        self.online = self._add("online")
        self.pending = self._add("pending")
        self.last_sync = self._add("lastSync")
        self.review = self._add("review")
        self.staff = self._add("staff")
        self.shift = self._add("shift")
        self.point = self._add("point")
        self.update_notice = self._add("update")
        self._updates, self._update_ticks, self._manager = updates, 0, False
        self.set_point(point)
        self.set_actor(None)
        self._synced_at: object = None  # the last successful sync seen (synced fires when it moves)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """On a narrow screen drop the least needed labels (the point: window title; last sync: Синхронизация
        page; the shift; the staff member) rather than cut every text: state, unsent and to-review stay."""
        labels = [self.online, self.pending, self.last_sync, self.review, self.staff, self.shift, self.point]
        labels += [self.update_notice] if self.update_notice.isVisibleTo(self) else []
        optional = (self.point, self.last_sync, self.shift, self.staff)
        shown, room = set(labels), self.width() - 12
        for label in optional:
            if sum(shown_label.sizeHint().width() + 12 for shown_label in shown) > room:
                shown.discard(label)
        for label in optional:
            label.setVisible(label in shown)

    def _add(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(f"status_{name}")
        label.setMinimumWidth(10)
        self.addPermanentWidget(label)
        return label

    def set_point(self, point: str) -> None:
        """The point's short name; the full text (with address) in the tooltip."""
        self.point.setText(self.tr("ПВЗ {0}").format((point or "—")[:32]))
        self.point.setToolTip(point)

    def set_actor(self, actor: Actor | None) -> None:
        self._manager = actor is not None and actor.role.rank >= Role.MANAGER.rank
        self._update_ticks = 0
        self._render_update()
        if actor is None:
            self.staff.setText(self.tr("Вход не выполнен"))
            self.shift.setText(self.tr("Смена: —"))
            return
        self.staff.setText(short_name(actor.full_name))
        self.staff.setToolTip(actor.full_name)
        opened = self.tr("открыта") if actor.shift_id else self.tr("закрыта")
        self.shift.setText(self.tr("Смена: {0}").format(opened))
        self._fit()

    def _render_update(self) -> None:
        """The update notice, for a manager only (read from the state file every few seconds)."""
        if self._update_ticks % UPDATE_READ_EVERY == 0:
            notice = self._updates() if self._updates is not None and self._manager else UpdateNotice()
            parts = []
            if notice.staged:
                parts.append(self.tr("Обновление {0} загружено — установится при следующем запуске")
                             .format(notice.staged))
            if notice.rolled_back:
                parts.append(self.tr("Обновление {0} не прошло самопроверку — работает прежняя версия")
                             .format(notice.rolled_back))
            self.update_notice.setText(" · ".join(parts))
            self.update_notice.setVisible(bool(parts))
        self._update_ticks += 1

    def refresh(self) -> None:
        self._render_update()
        status = self._sync.status() if self._sync is not None else None
        if status is None:
            self._render_offline_only()
            return
        self._render_online(status.online, status.syncing, status.last_error)
        self._render_blocker(status.upgrade_required, status.reenrol_needed)
        self.pending.setText(self.tr("Не отправлено: {0}").format(status.pending_events))
        if status.last_success_at is not None and status.last_success_at != self._synced_at:
            self._synced_at = status.last_success_at
            self.synced.emit()  # a push/pull finished: what the pages show about sync may have changed
        self.last_sync.setText(self.tr("Синхр.: {0}").format(local_hhmm(status.last_success_at, self._zone())))
        self.review.setText(self.tr("К разбору: {0}").format(status.to_review))
        self.review.setStyleSheet("color: #ffcc33; font-weight: bold;" if status.to_review else "")
        self._fit()

    def _render_blocker(self, upgrade_required: bool, reenrol_needed: bool) -> None:
        """What stops sync for good until someone acts: said in red, with what to do (work goes on offline)."""
        if upgrade_required:
            self.online.setText(self.tr("● Обновите программу (работа офлайн)"))
            self.online.setToolTip(self.tr("● Обновите программу (работа офлайн, данные сохраняются)"))
        elif reenrol_needed:
            self.online.setText(self.tr("● Нужна регистрация ПК (офлайн)"))
            self.online.setToolTip(self.tr("● Нужна повторная регистрация ПК (работа офлайн)"))
        else:
            return
        self.online.setStyleSheet("color: #ff6b6b; font-weight: bold;")

    def _render_offline_only(self) -> None:
        self.online.setText(self.tr("● Синхронизация не запущена"))
        self.pending.setText(self.tr("Не отправлено: —"))
        self.last_sync.setText(self.tr("Синхр.: —"))
        self.review.setText(self.tr("К разбору: —"))
        self._fit()

    def _render_online(self, online: bool | None, syncing: bool, error: str | None) -> None:
        if online:
            text, colour = self.tr("● В сети"), "#5fd35f"
        elif online is None:
            text, colour = self.tr("● Подключение…"), "#ffcc33"
        else:
            text, colour = self.tr("● Нет связи"), "#ff6b6b"
        if syncing:
            text += self.tr(" (обмен…)")
        self.online.setText(text)
        self.online.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.online.setToolTip(error or "")
