"""Camera dialog fed by a fake frame source: decodes off the GUI thread, drops frames while busy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fixtures.photos import make_photos

pytestmark = pytest.mark.gui
PHOTOS = Path(make_photos.__file__).parent
MANIFEST = {e["file"]: e["expected"] for e in json.loads((PHOTOS / "manifest.json").read_text())}


def _dialog(qtbot, files, interval_ms=15):
    from ui.hardware.camera_dialog import CameraDialog, load_frames
    from ui.hardware.frames import ImageFrameSource

    source = ImageFrameSource(load_frames([PHOTOS / f for f in files]), interval_ms)
    dialog = CameraDialog(source=source)
    qtbot.addWidget(dialog)
    return dialog


def test_frames_from_the_fake_source_are_decoded(qtbot, tmp_path, caplog):
    dialog = _dialog(qtbot, ["15_noisy.jpg"])
    with qtbot.waitSignal(dialog.code_decoded, timeout=15000) as decoded:
        dialog.show()
    assert decoded.args == [MANIFEST["15_noisy.jpg"]]
    assert "Считан код" in dialog.status.text()
    qtbot.waitUntil(lambda: dialog.frames_dropped > 0, timeout=5000)  # frames kept coming while busy
    assert dialog.frames_seen > dialog.frames_decoded
    assert dialog.grab().save(str(tmp_path / "camera.png"))
    with caplog.at_level("INFO", logger="ui.hardware.camera_dialog"):
        dialog.reject()
    counts = f"{dialog.frames_seen} frames shown, {dialog.frames_decoded} decoded, {dialog.frames_dropped} skipped"
    assert counts in caplog.text  # the log tells support how the camera kept up on this PC


def test_the_same_code_is_emitted_once_and_a_hard_frame_needs_several(qtbot):
    dialog = _dialog(qtbot, ["33_rot_noise_dim.jpg"])
    codes = []
    dialog.code_decoded.connect(codes.append)
    dialog.show()
    qtbot.waitUntil(lambda: bool(codes), timeout=20000)
    qtbot.waitUntil(lambda: dialog.frames_decoded >= len(codes) + 3, timeout=20000)
    assert codes == [MANIFEST["33_rot_noise_dim.jpg"]]
    dialog.reject()


def test_no_camera_is_a_message_in_the_dialog(qtbot):
    from ui.hardware.camera_dialog import CameraDialog
    from ui.hardware.frames import NO_CAMERA, FrameSource

    class NoCamera(FrameSource):
        unavailable_reason = NO_CAMERA

        def start(self):
            raise AssertionError("must not start")

        def stop(self):
            pass

    dialog = CameraDialog(source=NoCamera())
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Камера не найдена" in dialog.preview.text()
    dialog.reject()


def test_decode_from_a_photo_file_and_a_bad_file(qtbot, tmp_path):
    dialog = _dialog(qtbot, [])
    with qtbot.waitSignal(dialog.code_decoded, timeout=15000) as decoded:
        dialog.decode_image_file(PHOTOS / "24_uneven_light.jpg")
    assert decoded.args == [MANIFEST["24_uneven_light.jpg"]]
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"nope")
    dialog.decode_image_file(bad)
    qtbot.waitUntil(lambda: "не изображение" in dialog.status.text(), timeout=5000)
    blank = tmp_path / "blank.png"
    from PIL import Image

    Image.new("L", (200, 100), 230).save(blank)
    dialog.decode_image_file(blank)
    qtbot.waitUntil(lambda: "не найден" in dialog.status.text(), timeout=5000)


def test_the_real_camera_source_without_a_camera_says_so(qapp):
    from ui.hardware.frames import CameraSource

    source = CameraSource()
    assert source.unavailable_reason == "" or "Камера не найдена" in source.unavailable_reason
