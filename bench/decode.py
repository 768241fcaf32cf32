"""Decode benchmark on the photo-like set: each engine alone, the pipeline on stills and on live video.

Run: .venv/bin/python bench/decode.py [--steps] [--repeat=3] [--original]  (images from tests/fixtures/photos,
see make_photos.py; --original: only the first 42, the set issue 14 measured). Prints reads and CPU ms per
image (p50/p95/max; the best of ``repeat`` runs per image, other processes share the CPU), and for live video
the CPU ms per frame with the same picture held for up to 10 frames. Floor: one plain zbar pass over the
frame (what any decoder must at least spend); ratio = ours / floor at p95.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
PHOTOS = ROOT / "tests" / "fixtures" / "photos"
ORIGINAL = 42  # the set issue 14 measured (35/42 before)
Reader = Callable[[Image.Image], list[str]]


def load(limit: int | None = None) -> list[tuple[str, str, Image.Image]]:
    manifest = json.loads((PHOTOS / "manifest.json").read_text())[:limit]
    out = []
    for entry in manifest:
        with Image.open(PHOTOS / entry["file"]) as image:
            out.append((entry["file"], entry["expected"], image.convert("RGB")))
    return out


def readers() -> dict[str, Reader]:
    import zxingcpp
    from pyzbar import pyzbar

    from desktop.decode.engines import SYMBOLS, ZXING_FORMATS
    from desktop.decode.pipeline import decode

    return {
        "pipeline": lambda im: [d.text for d in decode(im)],
        "zbar alone": lambda im: [s.data.decode("utf-8", "replace") for s in pyzbar.decode(im, symbols=SYMBOLS)],
        "zxing alone": lambda im: [r.text for r in zxingcpp.read_barcodes(im, formats=ZXING_FORMATS)],
    }


def measure(read: Reader, images: list, repeat: int) -> tuple[list[float], list[bool]]:
    """Per-image CPU ms (best of ``repeat``) and whether the expected text was read."""
    times, hits = [], []
    for _file, expected, image in images:
        best = float("inf")
        for _ in range(repeat):
            start = time.process_time()
            texts = read(image)
            best = min(best, (time.process_time() - start) * 1000)
        times.append(best)
        hits.append(expected in texts)
    return times, hits


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def live(images: list, max_frames: int = 10) -> tuple[list[float], list[bool], list[int]]:
    """The same picture as consecutive frames through one FrameDecoder: CPU ms per frame, read or not,
    and how many frames each read took."""
    from desktop.decode.pipeline import FrameDecoder

    frame_ms, hits, frames = [], [], []
    for _file, expected, image in images:
        decoder, hit = FrameDecoder(), False
        for n in range(1, max_frames + 1):
            start = time.process_time()
            texts = [d.text for d in decoder.decode(image)]
            frame_ms.append((time.process_time() - start) * 1000)
            if expected in texts:
                hit = True
                frames.append(n)
                break
        hits.append(hit)
    return frame_ms, hits, frames


def as_720p(image: Image.Image) -> Image.Image:
    """The 640×480 photo as a 1280×720 webcam frame (2× up, centre crop)."""
    return image.resize((1280, 960), Image.Resampling.BICUBIC).crop((0, 120, 1280, 840))


def row(name: str, times: list[float], hits: list[bool], floor_p95: float) -> str:
    p95 = pct(times, 0.95)
    return (
        f"{name:22s} {sum(hits):3d}/{len(hits):<3d} {pct(times, 0.5):7.1f} {p95:7.1f} {max(times):7.1f}"
        f" {floor_p95:8.1f} {p95 / floor_p95:6.1f}×"
    )


def main() -> None:
    sys.path.insert(0, str(ROOT))
    images = load(ORIGINAL if "--original" in sys.argv else None)
    repeat = int(next((a.split("=")[1] for a in sys.argv if a.startswith("--repeat=")), "3"))
    print(f"{len(images)} photo-like images ({PHOTOS.relative_to(ROOT)}), CPU ms, best of {repeat} per image")
    print(f"{'reader':22s} {'read':>7s} {'p50':>7s} {'p95':>7s} {'max':>7s} {'floor95':>8s} {'ratio':>7s}")
    results: dict[str, list[bool]] = {}
    measured = {name: measure(read, images, repeat) for name, read in readers().items()}
    floor_p95 = pct(measured["zbar alone"][0], 0.95)
    for name, (times, hits) in measured.items():
        results[name] = hits
        print(row(f"{name} (still)" if name == "pipeline" else name, times, hits, floor_p95))
    webcam = [(file, expected, as_720p(image)) for file, expected, image in images]
    for label, frames in (("pipeline live 640×480", images), ("pipeline live 720p", webcam)):
        frame_ms, hits, needed = live(frames)
        print(
            row(label, frame_ms, hits, floor_p95),
            f" per frame, ≤10 frames a picture, {statistics.mean(needed):.1f} to read",
        )
    if "--steps" in sys.argv:
        print_steps(images, results)


def print_steps(images: list, results: dict[str, list[bool]]) -> None:
    from desktop.decode.pipeline import decode

    steps: Counter[str] = Counter()
    for (file, _expected, image), *marks in zip(images, *results.values(), strict=True):
        found = decode(image)
        steps[found[0].step if found else "-"] += 1
        shown = " ".join(f"{name.split()[0]}={'+' if hit else '.'}" for name, hit in zip(results, marks, strict=True))
        print(f"  {file:26s} {shown}  step={found[0].step if found else '-'}")
    print("decoded at step:", dict(steps))


if __name__ == "__main__":
    main()
