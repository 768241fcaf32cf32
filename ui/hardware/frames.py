"""Frame sources for the camera dialog (a real camera through QtMultimedia, or images for tests) and
QImage ⇄ Pillow conversion."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PIL import Image
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QImage

from desktop import platform_help
from desktop.translatable import QT_TRANSLATE_NOOP  # typed str (Qt's marker is typed object)

log = logging.getLogger(__name__)
NO_CAMERA = QT_TRANSLATE_NOOP(
    "CameraSource",
    "Камера не найдена. Подключите веб-камеру и откройте это окно снова — или сфотографируйте код "
    "телефоном и откройте снимок кнопкой «Открыть фото…». {0}",
)


def no_camera_text() -> str:
    """No camera: what to do, with this OS's steps to make the camera visible to the app."""
    return QCoreApplication.translate("CameraSource", NO_CAMERA).format(platform_help.steps("camera_access"))


class FrameSource(QObject):
    """Emits `frame_ready(QImage)` while started; `unavailable_reason` is '' when it can deliver frames."""

    frame_ready = Signal(QImage)
    failed = Signal(str)

    @property
    def unavailable_reason(self) -> str:
        return ""

    @property
    def description(self) -> str:
        return ""

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


class ImageFrameSource(FrameSource):
    """Plays a list of images as frames (tests, demos, screenshots): one every ``interval_ms``, looping."""

    def __init__(self, images: Sequence[QImage], interval_ms: int = 30, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._images = list(images)
        self._index = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_tick)

    @property
    def description(self) -> str:
        return self.tr("Тестовые кадры ({0})").format(len(self._images))

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_tick(self) -> None:
        if self._images:
            self.frame_ready.emit(self._images[self._index % len(self._images)])
            self._index += 1


class CameraSource(FrameSource):
    """The first (or default) video input through QMediaCaptureSession + QVideoSink."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._camera: Any = None
        self._session: Any = None
        self._sink: Any = None
        self._device: Any = None
        self._reason = ""
        self._name = ""
        try:
            from PySide6.QtMultimedia import QMediaDevices
        except ImportError as exc:  # Qt Multimedia missing from the install: treat as "no camera"
            log.warning("Qt Multimedia is not available: %s", exc)
            self._reason = no_camera_text()
            return
        device = QMediaDevices.defaultVideoInput()
        if device.isNull():
            self._reason = no_camera_text()
        else:
            self._name = device.description()
            self._device = device

    @property
    def unavailable_reason(self) -> str:
        return self._reason

    @property
    def description(self) -> str:
        return self._name

    def start(self) -> None:
        if self._reason or self._camera is not None:
            return
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QVideoSink

        self._camera = QCamera(self._device, self)
        formats = sorted(self._device.videoFormats(), key=_distance_to_hd)
        if formats:  # ~1280×720 is plenty for codes and keeps each decode within the frame budget
            self._camera.setCameraFormat(formats[0])
        self._session = QMediaCaptureSession(self)
        self._sink = QVideoSink(self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self._on_frame)
        self._camera.errorOccurred.connect(self._on_error)
        self._camera.start()

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()

    def _on_frame(self, frame: object) -> None:
        image = frame.toImage()  # type: ignore[attr-defined]
        if not image.isNull():
            self.frame_ready.emit(image)

    def _on_error(self, _error: object, text: str) -> None:
        log.warning("camera error: %s", text)
        self.failed.emit(self.tr("Камера сообщила об ошибке: {0}. Закройте другие программы, которые используют "
                                 "камеру. {1}").format(text, platform_help.steps("camera_access")))


def _distance_to_hd(video_format: Any) -> int:
    size = video_format.resolution()
    return abs(size.width() - 1280) + abs(size.height() - 720)


def qimage_to_pil(image: QImage) -> Image.Image:
    """A greyscale Pillow copy of a QImage (safe to hand to another thread)."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = grey.width(), grey.height(), grey.bytesPerLine()
    data = bytes(grey.constBits())[: stride * height]
    return Image.frombuffer("L", (width, height), data, "raw", "L", stride, 1).copy()


def pil_to_qimage(image: Image.Image) -> QImage:
    rgb = image.convert("RGB")
    return QImage(rgb.tobytes(), rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()
