"""Camera scanning dialog: live preview, frames decoded off the GUI thread, decode from a photo file.

Frames arrive from a `FrameSource` (the webcam, or images in tests). Decoding runs in the dialog's
own one-thread QThreadPool with the pipeline's time-boxed `FrameDecoder`; while one frame is being decoded, new
frames are only shown, not queued (dropped), so a slow PC never builds a backlog. A decoded code is
emitted once as `code_decoded(text)`; the caller feeds it through the same scan routing as the wedge
scanner. No camera is a message inside the dialog, never an error box.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.decode.pipeline import Decoded, FrameDecoder, decode_file
from ui.hardware.frames import CameraSource, FrameSource, qimage_to_pil

log = logging.getLogger(__name__)

REPEAT_GUARD_S = 2.0
PREVIEW_SIZE = (640, 480)


class NoCodeInPhoto(ValueError):
    """The photo opened fine but holds no readable code."""


class _Signals(QObject):
    done = Signal(object)  # list[Decoded]
    failed = Signal(str)


class _DecodeTask(QRunnable):
    def __init__(self, work: Callable[[], list[Decoded]], signals: _Signals) -> None:
        super().__init__()
        self._work, self._signals = work, signals

    def run(self) -> None:
        try:
            result = self._work()
        except NoCodeInPhoto as exc:
            self._signals.failed.emit(str(exc))
            return
        except (OSError, ValueError):  # not an image / damaged file: the environment's fault, not a bug
            self._signals.failed.emit(
                QCoreApplication.translate(
                    "CameraDialog", "Не удалось открыть снимок: это не изображение или файл повреждён."
                )
            )
            return
        self._signals.done.emit(result)


class CameraDialog(QDialog):
    """Shows the camera and emits `code_decoded(str)` for each newly read code."""

    code_decoded = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        source: FrameSource | None = None,
        close_on_decode: bool = False,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Сканирование камерой"))
        self.source = source or CameraSource(self)
        self.close_on_decode = close_on_decode
        self.frames_seen = self.frames_decoded = self.frames_dropped = 0
        self._pool = pool or _single_thread_pool(self)
        self._decoder = FrameDecoder()
        self._busy = False
        self._last: tuple[str, float] = ("", 0.0)
        self._signals = _Signals()  # no parent: a task still running after the dialog closes keeps it alive
        self._signals.done.connect(self._on_decoded)
        self._signals.failed.connect(self._show_problem)
        self._build()
        self.source.frame_ready.connect(self._on_frame)
        self.source.failed.connect(self._show_problem)

    def _build(self) -> None:
        self.preview = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(*PREVIEW_SIZE)
        self.preview.setStyleSheet("background: #202020; color: #f0f0f0; font-size: 15px; padding: 24px;")
        self.preview.setWordWrap(True)
        self.status = QLabel(self.tr("Поднесите штрихкод или QR-код к камере."))
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-size: 16px; padding: 6px;")
        open_file = QPushButton(self.tr("Открыть фото…"))
        open_file.clicked.connect(self._on_open_file)
        close = QPushButton(self.tr("Закрыть"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(open_file)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        reason = self.source.unavailable_reason
        if reason:
            self.preview.setText(reason)
            self.status.setText(self.tr("Можно открыть фотографию кода с диска."))

    # --- lifecycle ---------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.source.unavailable_reason:
            self.source.start()

    def done(self, result: int) -> None:
        self.source.stop()
        self._pool.clear()
        self._pool.waitForDone()  # a running decode (≤ ~0.1 s) must not outlive the dialog
        log.info("camera closed: %d frames shown, %d decoded, %d skipped while decoding (a slow PC skips many)",
                 self.frames_seen, self.frames_decoded, self.frames_dropped)
        super().done(result)

    # --- frames ------------------------------------------------------------------------------------
    def _on_frame(self, image: QImage) -> None:
        self.frames_seen += 1
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(
                self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        if self._busy:
            self.frames_dropped += 1
            return
        self._busy = True
        frame = qimage_to_pil(image)
        self._pool.start(_DecodeTask(lambda: self._decoder.decode(frame), self._signals))

    def decode_image_file(self, path: str | Path) -> None:
        """Decode a photo (off the GUI thread); the result arrives like a camera frame's."""
        self.status.setText(self.tr("Читаю код на снимке {0}…").format(Path(path).name))
        self._pool.start(_DecodeTask(lambda: _file_or_message(path), self._signals))

    def _on_open_file(self) -> None:
        images = self.tr("Изображения (*.png *.jpg *.jpeg *.bmp *.webp)")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Фото кода"), "", images)
        if path:
            self.decode_image_file(path)

    def _on_decoded(self, found: list[Decoded]) -> None:
        self._busy = False
        self.frames_decoded += 1
        if not found:
            return
        text = found[0].text
        now = time.monotonic()
        if text == self._last[0] and now - self._last[1] < REPEAT_GUARD_S:
            return
        self._last = (text, now)
        self.status.setStyleSheet("font-size: 16px; padding: 6px; color: #006400; font-weight: bold;")
        self.status.setText(self.tr("Считан код: {0}").format(_short(text)))
        self.code_decoded.emit(text)
        if self.close_on_decode:
            self.accept()

    def _show_problem(self, text: str) -> None:
        self._busy = False
        self.status.setStyleSheet("font-size: 16px; padding: 6px; color: #a00000;")
        self.status.setText(text)


def _single_thread_pool(parent: QObject) -> QThreadPool:
    """The dialog's own worker thread: one decode at a time, and nothing left running after close."""
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(1)
    return pool


def _file_or_message(path: str | Path) -> list[Decoded]:
    found = decode_file(path)
    if not found:
        raise NoCodeInPhoto(
            QCoreApplication.translate(
                "CameraDialog",
                "На снимке не найден штрихкод или QR-код. Снимите код ближе, без бликов, и попробуйте снова.",
            )
        )
    return found


def _short(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:24]}…{text[-8:]}"


def load_frames(paths: list[Path]) -> list[QImage]:
    """Photos as QImages (for ImageFrameSource)."""
    from ui.hardware.frames import pil_to_qimage

    frames = []
    for path in paths:
        with Image.open(path) as image:
            frames.append(pil_to_qimage(image))
    return frames
