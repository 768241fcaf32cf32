"""Decode benchmark on the photo-like test set: pipeline vs plain pyzbar vs zxing-cpp, ms per image.

Run: .venv/bin/python bench/decode.py [--steps] [--repeat=3]  (images from tests/fixtures/photos, see make_photos.py)
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
sys.path.insert(0, str(ROOT))

from pyzbar import pyzbar  # noqa: E402

from desktop.decode.pipeline import SYMBOLS, FrameDecoder, decode  # noqa: E402

PHOTOS = ROOT / "tests" / "fixtures" / "photos"


def load() -> list[tuple[str, str, Image.Image]]:
    manifest = json.loads((PHOTOS / "manifest.json").read_text())
    out = []
    for entry in manifest:
        with Image.open(PHOTOS / entry["file"]) as image:
            out.append((entry["file"], entry["expected"], image.convert("RGB")))
    return out


def zxing_reader() -> Callable[[Image.Image], list[str]] | None:
    try:
        import zxingcpp
    except ImportError:
        return None
    return lambda image: [r.text for r in zxingcpp.read_barcodes(image)]


def measure(read: Callable[[Image.Image], list[str]], images: list, repeat: int) -> tuple[int, list[float], list[bool]]:
    """Hits and per-image time: the best of ``repeat`` runs (other processes share the CPU)."""
    times, hits = [], []
    for _file, expected, image in images:
        best = float("inf")
        for _ in range(repeat):
            start = time.process_time()
            texts = read(image)
            best = min(best, (time.process_time() - start) * 1000)
        times.append(best)
        hits.append(expected in texts)
    return sum(hits), times, hits


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    images = load()
    repeat = int(next((a.split("=")[1] for a in sys.argv if a.startswith("--repeat=")), "3"))
    readers: dict[str, Callable[[Image.Image], list[str]]] = {
        "pipeline": lambda im: [d.text for d in decode(im)],
        "plain pyzbar": lambda im: [s.data.decode("utf-8", "replace") for s in pyzbar.decode(im, symbols=SYMBOLS)],
    }
    zxing = zxing_reader()
    if zxing is not None:
        readers["zxing-cpp"] = zxing
    print(f"{len(images)} photo-like images ({PHOTOS.relative_to(ROOT)}), CPU time, best of {repeat} runs per image")
    print(f"{'reader':14s} {'read':>7s} {'mean ms':>8s} {'p95 ms':>7s} {'max ms':>7s}")
    results = {}
    for name, read in readers.items():
        count, times, hits = measure(read, images, repeat)
        results[name] = hits
        print(
            f"{name:14s} {count:3d}/{len(images):<3d} {statistics.mean(times):8.1f} {p95(times):7.1f} {max(times):7.1f}"
        )
    _print_live(images)
    _print_live([(f, e, _as_720p(im)) for f, e, im in images], label="live 720p")
    if "--steps" in sys.argv:
        _print_steps(images, results)


def _as_720p(image: Image.Image) -> Image.Image:
    """The 640×480 photo as a 1280×720 webcam frame (2× up, centre crop)."""
    return image.resize((1280, 960), Image.Resampling.BICUBIC).crop((0, 120, 1280, 840))


def _print_live(images: list, max_frames: int = 10, label: str = "live video") -> None:
    """Live video: the same picture as consecutive frames through one FrameDecoder (time-boxed)."""
    frame_ms, frames_needed, read = [], [], 0
    for _file, expected, image in images:
        decoder = FrameDecoder()
        for n in range(1, max_frames + 1):
            start = time.process_time()
            texts = [d.text for d in decoder.decode(image)]
            frame_ms.append((time.process_time() - start) * 1000)
            if expected in texts:
                read, _ = read + 1, frames_needed.append(n)
                break
    print(
        f"{label:14s} {read:3d}/{len(images):<3d} {statistics.mean(frame_ms):8.1f} {p95(frame_ms):7.1f} "
        f"{max(frame_ms):7.1f}  (CPU ms per frame, ≤{max_frames} frames; "
        f"mean {statistics.mean(frames_needed):.1f} frames to read)"
    )


def _print_steps(images: list, results: dict[str, list[bool]]) -> None:
    steps: Counter[str] = Counter()
    for (file, expected, image), *row in zip(images, *results.values(), strict=True):
        found = decode(image)
        steps[found[0].step if found else "-"] += 1
        marks = " ".join(f"{name}={'+' if hit else '.'}" for name, hit in zip(results, row, strict=True))
        print(f"  {file:26s} {marks}  step={found[0].step if found else '-'}  ok={expected in [d.text for d in found]}")
    print("decoded at step:", dict(steps))


if __name__ == "__main__":
    main()
