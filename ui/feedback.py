"""Scan feedback: a large colour banner (green OK, amber warning, red error) plus a sound per kind."""

from __future__ import annotations

import logging
import os
from enum import StrEnum

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui.paths import resource

log = logging.getLogger(__name__)


class Kind(StrEnum):
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"
    INFO = "info"


COLOURS = {
    Kind.OK: ("#0b6b2b", "#ffffff"),
    Kind.WARNING: ("#f2a900", "#111111"),
    Kind.ERROR: ("#b00020", "#ffffff"),
    Kind.INFO: ("#24364f", "#ffffff"),
}


class SoundPlayer(QObject):
    """Plays the ok/warning/error WAVs; silently does nothing without audio (or when muted)."""

    def __init__(self, parent: QObject | None = None, muted: bool | None = None) -> None:
        super().__init__(parent)
        self.muted = bool(os.environ.get("PICKUP_DESK_MUTE")) if muted is None else muted
        self._effects: dict[Kind, object] = {}
        self.played: list[Kind] = []  # what would have been heard (kept short; tests read it)

    def play(self, kind: Kind) -> None:
        self.played = [*self.played[-19:], kind]
        if self.muted or kind is Kind.INFO:
            return
        effect = self._effect(kind)
        if effect is not None:
            try:
                effect.play()  # type: ignore[attr-defined]
            except Exception:  # an audio backend failure must never break a scan
                log.warning("Sound %s was not played", kind, exc_info=True)

    def _effect(self, kind: Kind) -> object | None:
        if kind not in self._effects:
            self._effects[kind] = self._load(kind)
        return self._effects[kind]

    def _load(self, kind: Kind) -> object | None:
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError:
            log.warning("QtMultimedia is not available: sound is off")
            return None
        path = resource("sounds", f"{kind.value}.wav")
        if not path.exists():
            log.warning("No sound file %s", path)
            return None
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(0.9)
        return effect


class FeedbackBanner(QFrame):
    """The big coloured line at the top of every page: what just happened and what to do."""

    shown = Signal(str, str)  # kind, text

    def __init__(self, sounds: SoundPlayer | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackBanner")
        self.sounds = sounds or SoundPlayer(self)
        self.kind: Kind = Kind.INFO
        self._title = QLabel(self)
        self._title.setObjectName("feedbackTitle")
        self._title.setWordWrap(True)
        self._detail = QLabel(self)
        self._detail.setObjectName("feedbackDetail")
        self._detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self._title)
        layout.addWidget(self._detail)
        self.setMinimumHeight(84)
        self._fade = QTimer(self, singleShot=True, interval=15000)
        self._fade.timeout.connect(self._on_fade_timeout)
        self.show_info(self.tr("Готово к сканированию"), "")

    @property
    def text(self) -> str:
        return self._detail.text() or self._title.text()

    @property
    def title(self) -> str:
        return self._title.text()

    def show_ok(self, title: str, detail: str = "") -> None:
        self._show(Kind.OK, title, detail)

    def show_warning(self, title: str, detail: str = "") -> None:
        self._show(Kind.WARNING, title, detail)

    def show_error(self, title: str, detail: str = "") -> None:
        self._show(Kind.ERROR, title, detail)

    def show_info(self, title: str, detail: str = "") -> None:
        self._show(Kind.INFO, title, detail, sound=False)

    def _show(self, kind: Kind, title: str, detail: str, sound: bool = True) -> None:
        background, foreground = COLOURS[kind]
        sheet = (f"#feedbackBanner {{ background: {background}; border-radius: 6px; }}"
                 f"#feedbackBanner QLabel {{ color: {foreground}; background: transparent; }}"
                 "#feedbackTitle { font-size: 22pt; font-weight: bold; }"
                 "#feedbackDetail { font-size: 14pt; }")
        if sheet != self.styleSheet():  # setting one re-polishes the banner and relays out the window: only on a change
            self.setStyleSheet(sheet)
        self.kind = kind
        self._title.setText(title)
        self._detail.setText(detail)
        self._detail.setVisible(bool(detail))
        self.setAccessibleName(f"{title}. {detail}")
        if sound:
            self.sounds.play(kind)
        if kind is Kind.OK:
            self._fade.start()
        self.shown.emit(kind.value, f"{title} {detail}".strip())

    def _on_fade_timeout(self) -> None:
        if self.kind is Kind.OK:
            self.show_info(self.tr("Готово к сканированию"), "")

