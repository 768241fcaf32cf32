"""Make the hardware screenshots in docs/screenshots (hw_*.png): python -m ui.hardware.screenshots [dir].

Runs offscreen: the camera dialog fed with test photos, the scanner wizard after a scan in the Russian
layout, the label dialog, a label sheet, thermal labels and every document rendered to PDF and
rasterised with pdftoppm (poppler-utils).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.decode.wedge_analysis import KeyStroke
from desktop.documents import builders, samples
from desktop.documents.jobs import PrintJournal
from desktop.labels.content import box_relabel, cell_label, cell_range, club_card_label
from desktop.labels.render import render_label, render_sheet
from desktop.labels.templates import A4_SHEET_3x8, THERMAL_58x40, THERMAL_100x150

ROOT = Path(__file__).resolve().parents[2]
PHOTOS = ROOT / "tests" / "fixtures" / "photos"


def _wait(predicate: object, timeout_ms: int = 15000) -> None:
    loop = QEventLoop()
    timer = QTimer(interval=20)
    timer.timeout.connect(lambda: loop.quit() if predicate() else None)  # type: ignore[operator]
    QTimer.singleShot(timeout_ms, loop.quit)
    timer.start()
    loop.exec()
    timer.stop()


def _grab(widget: QWidget, path: Path) -> None:
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(path))


def camera(out: Path) -> None:
    from ui.hardware.camera_dialog import CameraDialog, load_frames
    from ui.hardware.frames import ImageFrameSource

    frames = load_frames([PHOTOS / "33_rot_noise_dim.jpg"])
    dialog = CameraDialog(source=ImageFrameSource(frames, 40))
    codes: list[str] = []
    dialog.code_decoded.connect(codes.append)
    dialog.show()
    _wait(lambda: bool(codes))
    _grab(dialog, out / "hw_camera.png")
    dialog.reject()
    dialog.deleteLater()


def wizard(out: Path) -> None:
    from ui.hardware.scanner_wizard import ScannerWizard

    dialog = ScannerWizard()
    dialog.show()
    for i, ch in enumerate("ЗВеуыею0427"):
        dialog.feed(KeyStroke(ch, ch, i * 9.0 + (i % 3)))
    dialog.feed(KeyStroke("", "Return", 11 * 9.0 + 2))
    _wait(lambda: dialog.analysis is not None, 3000)
    dialog.adjustSize()
    _grab(dialog, out / "hw_scanner_wizard.png")
    dialog.reject()


def label_dialog(out: Path, journal_dir: Path) -> None:
    from ui.hardware.label_dialog import LabelDialog
    from ui.hardware.printing import Printing

    dialog = LabelDialog(Printing(PrintJournal(journal_dir)))
    dialog.stock.setCurrentIndex(dialog.stock.findData(A4_SHEET_3x8.key))
    _grab(dialog, out / "hw_label_dialog.png")
    dialog.reject()


def labels(out: Path) -> None:
    page = render_sheet([cell_label(c) for c in cell_range("CA0101", "CA0410")], A4_SHEET_3x8, outline=True)[0]
    page.save(out / "hw_label_sheet.png", optimize=True)
    thermal = [
        render_label(c, THERMAL_58x40)
        for c in (cell_label("CA0103"), box_relabel("B004250000001202", 3), club_card_label("2000000000015"))
    ]
    tall = render_label(box_relabel("B004250000001202", 3), THERMAL_100x150)
    gap = 24
    width = sum(t.width for t in thermal) + tall.width + gap * 5
    sheet = Image.new("L", (width, tall.height + 2 * gap), 200)
    x = gap
    for image in (*thermal, tall):
        sheet.paste(image, (x, gap))
        x += image.width + gap
    sheet.save(out / "hw_labels_thermal.png", optimize=True)


def documents(out: Path, work: Path) -> None:
    from ui.hardware.documents import render_pdf

    docs = {
        "hw_doc_discrepancy_act": builders.discrepancy_act(samples.discrepancy()),
        "hw_doc_handover_receipt": builders.handover_receipt(samples.receipt()),
        "hw_doc_return_act": builders.return_act(samples.return_act()),
        "hw_doc_shift_report": builders.shift_report(samples.shift()),
    }
    for name, document in docs.items():
        pdf = render_pdf(document, work / f"{name}.pdf")
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf), str(out / name)],
            check=True,
        )


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(argv[:1])
    with tempfile.TemporaryDirectory() as work:
        labels(out)
        documents(out, Path(work))
        camera(out)
        wizard(out)
        label_dialog(out, Path(work) / "jobs")
    del app
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
