"""Photo capture for a warranty intake: the webcam's live picture (Qt Multimedia), a shot kept as JPEG bytes.

Frames come from a `FrameSource` (the webcam through `CameraSource`, or images in tests); «Снять» (Space or Enter)
keeps the newest frame as a JPEG. Without a camera the dialog says so in its picture area and offers a photo file
instead; the intake goes on without photos either way.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut, QShowEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.hardware.frames import CameraSource, FrameSource

PREVIEW_SIZE = (480, 300)  # the dialog fits 1366×768 at 150 % (432 logical pixels high)
JPEG_QUALITY = 85
MAX_SIDE = 1600  # a shot is scaled down to this (a 4K webcam frame would make megabytes per photo)


def jpeg_bytes(image: QImage) -> bytes:
    """The image as JPEG bytes (scaled down to MAX_SIDE)."""
    if max(image.width(), image.height()) > MAX_SIDE:
        image = image.scaled(MAX_SIDE, MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPG", JPEG_QUALITY)  # type: ignore[call-overload]  # the stubs say bytes; Qt takes str
    buffer.close()
    return bytes(data.data())


def thumbnail(photo: bytes, side: int) -> QPixmap:
    """A small picture of a JPEG for the page's strip of photos."""
    image = QImage.fromData(photo)
    return QPixmap.fromImage(image).scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)


class PhotoDialog(QDialog):
    """Live picture and «Снять»: each shot is emitted as `photo_taken(bytes)` (JPEG); the dialog stays open."""

    photo_taken = Signal(bytes)

    def __init__(self, parent: QWidget | None = None, source: FrameSource | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Фото товара"))
        self.source = source or CameraSource(self)
        self.latest: QImage | None = None
        self.taken = 0
        self._build()
        self.source.frame_ready.connect(self._on_frame)
        self.source.failed.connect(self._show_problem)

    def _build(self) -> None:
        self.preview = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(*PREVIEW_SIZE)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("background: #202020; color: #f0f0f0; font-size: 15px; padding: 24px;")
        self.status = QLabel(self.tr("Покажите товар камере и нажмите «Снять» (пробел). Можно несколько снимков."))
        self.status.setWordWrap(True)
        self.shoot = QPushButton(self.tr("Снять"))
        self.shoot.clicked.connect(self.take)
        self.shoot.setEnabled(False)  # until the first frame
        open_file = QPushButton(self.tr("Открыть фото…"))
        open_file.clicked.connect(self._on_open_file)
        close = QPushButton(self.tr("Готово"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.shoot, open_file):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Space), self, self.take)
        reason = self.source.unavailable_reason
        if reason:
            self.preview.setText(reason)
            self.status.setText(self.tr("Без камеры можно открыть снимок с диска или принять товар без фото."))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.source.unavailable_reason:
            self.source.start()

    def done(self, result: int) -> None:
        self.source.stop()
        super().done(result)

    def _on_frame(self, image: QImage) -> None:
        self.latest = image
        self.shoot.setEnabled(True)
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(
            self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))

    def take(self) -> None:
        """Keep the newest frame as a photo (nothing before the first frame)."""
        if self.latest is not None:
            self._keep(self.latest)

    def add_file(self, path: str | Path) -> bool:
        image = QImage(str(path))
        if image.isNull():
            self._show_problem(self.tr("Не удалось открыть снимок: это не изображение или файл повреждён."))
            return False
        self._keep(image)
        return True

    def _keep(self, image: QImage) -> None:
        self.taken += 1
        self.photo_taken.emit(jpeg_bytes(image))
        self.status.setStyleSheet("color: #006400; font-weight: bold;")
        self.status.setText(self.tr("Снимков сделано: {0}. «Готово» — вернуться к приёму.").format(self.taken))

    def _on_open_file(self) -> None:
        images = self.tr("Изображения (*.png *.jpg *.jpeg *.bmp *.webp)")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Фото товара"), "", images)
        if path:
            self.add_file(path)

    def _show_problem(self, text: str) -> None:
        self.status.setStyleSheet("color: #a00000;")
        self.status.setText(text)
