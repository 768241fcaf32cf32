"""Decode Code 128, EAN-13 and QR from photos: two engines behind a preprocessing chain, cheapest first.

Each step below makes one variant of the frame and hands it to one engine (`desktop.decode.engines`:
zbar or zxing-cpp); the first step that finds a code wins. The order follows cost per read on a
640×480 frame (measured with bench/decode.py on tests/fixtures/photos): zbar on the half-size frame
(2×2 averaging is also the cheapest denoiser, and zbar is 4× faster on a quarter of the pixels),
zxing-cpp on the full frame (2–5 ms: perspective, skew, uneven light), zbar on light-corrected
variants (flat-field division by a max-filtered background, which also tames glare on phone screens;
sharpening, contrast stretch, a global Otsu threshold), zxing-cpp on the frame turned by 15/30/45°
(4 ms a turn; it reads a clean code up to ~25° off a right angle, a noisy one far less), zbar on
the plain frame and a 2× zoom on the centre (codes held too far away), then the rescue passes: zxing-cpp on the frame
sharpened across the bars, deconvolution for a blurred frame (half size for zbar, full size for a
blurred QR code), the centre enlarged 4× with Lanczos (1–1.5 px modules: a small code on a phone
under glare), and last zbar's own small-angle rotations (zbar scans rows and columns in both
directions, so ±15/30/45 cover every angle in between), a median filter and a downscale. Only
Pillow is used (numpy is not a dependency of the app).

Live video (`FrameDecoder`) runs the cheap steps on every frame and spreads the others across frames
within a CPU budget; there the rescue passes look at the middle half of the frame only, so each fits.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFilter, ImageOps
from pyzbar import pyzbar

from desktop.decode import engines
from desktop.decode.engines import LINEAR, SYMBOLS, Decoded
from desktop.decode.variants import (
    BAR_SHARPEN,
    binarize,
    centre,
    centre_zoom,
    deblurred,
    deconvolved,
    enlarged,
    flat_field,
    otsu_threshold,
    rotated,
)

__all__ = ["SYMBOLS", "Decoded", "FrameDecoder", "decode", "decode_file", "flat_field", "otsu_threshold"]

MAX_SIDE = 1280
LIVE_MAX_SIDE = 640
ANGLES = (15, -15, 30, -30, 45, -45)
ZXING_ANGLES = (15, -15, 30, -30, 45)  # zxing-cpp reads every right angle itself: 45 = -45
ZXING = "zxing"


@dataclass(frozen=True)
class Step:
    """One preprocessing variant: how to make it, which engine reads it (zbar: which symbologies).

    ``cost_ms``: the CPU a live 640×480 frame's step takes on a reference PC (bench/decode.py), what the
    live decoder plans with until it has measured the step itself on this PC.
    """

    name: str
    make: Callable[[_Frame], Image.Image]
    symbols: tuple[pyzbar.ZBarSymbol, ...] = SYMBOLS  # rotations look for 1D codes only (QR is rotation-free)
    engine: str = "zbar"
    cost_ms: float = 5.0


class _Frame:
    """The frame in greyscale plus lazily computed, shared intermediate images.

    ``centre_rescue``: the rescue passes look at the middle half of the frame only (live video, where
    a clerk holds the code to the camera; a quarter of the pixels, so they fit in one frame's budget).
    """

    def __init__(self, image: Image.Image, max_side: int = MAX_SIDE, centre_rescue: bool = False) -> None:
        grey = image if image.mode == "L" else image.convert("L")
        if max(grey.size) > max_side:
            grey = grey.copy()
            grey.thumbnail((max_side, max_side), Image.Resampling.BOX)
        self.full = grey
        self.centre_rescue = centre_rescue
        self._half: Image.Image | None = None
        self._flat: Image.Image | None = None
        self._flat_full: Image.Image | None = None

    @property
    def half(self) -> Image.Image:
        if self._half is None:
            self._half = self.full.reduce(2) if min(self.full.size) >= 240 else self.full
        return self._half

    @property
    def flat(self) -> Image.Image:
        """Half-size frame divided by its local background (uneven light, shadows, glare)."""
        if self._flat is None:
            self._flat = ImageOps.autocontrast(flat_field(self.half), cutoff=1)
        return self._flat

    @property
    def flat_full(self) -> Image.Image:
        """Full-size light-corrected frame (small modules do not survive halving and rotating)."""
        if self._flat_full is None:
            self._flat_full = ImageOps.autocontrast(flat_field(self.full), cutoff=1)
        return self._flat_full

    def rescue(self, image: Image.Image) -> Image.Image:
        """What a rescue pass works on: ``image`` whole, or its centre for live video."""
        return centre(image) if self.centre_rescue else image


def _zbar_rotation(angle: int) -> Step:
    """zbar on the full-size frame turned by ``angle``: small modules do not survive halving plus rotating."""
    return Step(f"rotate_{angle}", lambda frame: rotated(frame.flat_full, angle), LINEAR, cost_ms=14)


def _zxing_rotation(angle: int) -> Step:
    """zxing-cpp reads a noisy code only near a right angle: turns of 15° leave it at most 7.5° off one."""
    return Step(f"zxing_rotate_{angle}", lambda frame: rotated(frame.flat_full, angle), engine=ZXING, cost_ms=8)


def _deblur_half(frame: _Frame) -> Image.Image:
    """The half frame deconvolved (a blur of ~2 px at full size), enlarged again for zbar."""
    return enlarged(deconvolved(frame.rescue(frame.flat), passes=1, rounds=15))


def _deconvolve_full(frame: _Frame) -> Image.Image:
    """The full frame deconvolved for a blur of ~2 px (a blurred QR code needs the full resolution)."""
    return deconvolved(frame.rescue(frame.flat_full), passes=4, rounds=10)


def _zoom_4x(frame: _Frame) -> Image.Image:
    """The centre 4× with Lanczos, light-corrected: 1–1.5 px modules (a small code on a phone under glare)."""
    zoomed = enlarged(frame.rescue(centre(frame.full)), 4, Image.Resampling.LANCZOS)
    return ImageOps.autocontrast(flat_field(zoomed), cutoff=1)


def _steps() -> list[Step]:
    steps = [
        Step("half", lambda f: f.half),
        Step("zxing", lambda f: f.full, engine=ZXING),
        Step("flat_field", lambda f: f.flat),
        Step("sharpen", lambda f: f.flat.filter(ImageFilter.UnsharpMask(2, 200, 2))),
        Step("stretch", lambda f: ImageOps.autocontrast(f.half, cutoff=2)),
        Step("otsu", lambda f: binarize(f.flat)),
    ]
    steps += [_zxing_rotation(angle) for angle in ZXING_ANGLES]
    steps += [
        Step("plain", lambda f: f.full, cost_ms=12),
        Step("zoom_centre", lambda f: ImageOps.autocontrast(centre_zoom(f.full), cutoff=1), cost_ms=10),
        Step("zxing_bar_sharpen", lambda f: f.flat_full.filter(BAR_SHARPEN), engine=ZXING, cost_ms=10),
        Step("deblur_half", _deblur_half, cost_ms=8),
        Step("zxing_zoom_4x", _zoom_4x, engine=ZXING, cost_ms=8),
        Step("zxing_deblur", lambda f: deblurred(f.flat_full), engine=ZXING, cost_ms=20),
        Step("zxing_deconvolve", _deconvolve_full, engine=ZXING, cost_ms=30),
    ]
    steps += [_zbar_rotation(angle) for angle in ANGLES]
    steps += [
        Step(
            "zoom_centre_sharpen", lambda f: centre_zoom(f.full).filter(ImageFilter.UnsharpMask(2, 200, 2)), cost_ms=14
        ),
        Step("median", lambda f: f.flat.filter(ImageFilter.MedianFilter(3)), cost_ms=8),
        Step("downscale", lambda f: ImageOps.autocontrast(f.half.reduce(2), cutoff=1)),
    ]
    return steps


STEPS: tuple[Step, ...] = tuple(_steps())
STEP_NAMES = tuple(step.name for step in STEPS)
CHEAP = 2  # zbar on the half frame, zxing-cpp on the full one: every live frame gets both


def decode(image: Image.Image, steps: Iterable[Step] = STEPS) -> list[Decoded]:
    """Codes in a photo (the whole chain); [] when none."""
    frame = _Frame(image)
    for step in steps:
        found = _run(step, frame)
        if found:
            return found
    return []


class FrameDecoder:
    """Live video: each frame gets the cheap steps, the others take turns across frames within a CPU budget.

    A code held in front of the camera stays in view for many frames, so a frame does not need the
    whole chain: every frame runs the first ``cheap`` steps, then continues the chain where the
    previous frame stopped, starting a step only if its CPU cost (measured on its last run here, else
    the step's reference cost) still fits in ``budget_ms`` (the first one always runs, so the chain
    moves on). Time is the decoding thread's
    CPU time, so a busy PC does not shorten the chain. Frames are reduced to ``max_side`` pixels
    (a 1280×720 webcam frame to 640×360: an EAN-13 held for scanning still has 2+ px modules) so a
    frame's cost does not grow with the camera's resolution, and the rescue passes look at the middle
    half of the frame only, so no single step outgrows a frame. Not thread-safe: one per camera worker.
    """

    def __init__(
        self,
        budget_ms: float = 25.0,
        cheap: int = CHEAP,
        steps: tuple[Step, ...] = STEPS,
        max_side: int = LIVE_MAX_SIDE,
    ) -> None:
        self.budget_ms = budget_ms
        self.max_side = max_side
        self._cheap, self._rest = steps[:cheap], steps[cheap:]
        self._cursor = 0
        self.cost_ms: dict[str, float] = {}
        self.ran: list[str] = []  # the steps the last frame ran, in order

    def decode(self, image: Image.Image) -> list[Decoded]:
        frame = _Frame(image, self.max_side, centre_rescue=True)
        start = time.thread_time()
        self.ran = []
        for step in self._cheap:
            found = self._timed(step, frame)
            if found:
                return found
        for n in range(len(self._rest)):
            step = self._rest[self._cursor]
            spent = (time.thread_time() - start) * 1000
            if n and spent + self.cost_ms.get(step.name, step.cost_ms) > self.budget_ms:
                break
            self._cursor = (self._cursor + 1) % len(self._rest)
            found = self._timed(step, frame)
            if found:
                return found
        return []

    def _timed(self, step: Step, frame: _Frame) -> list[Decoded]:
        start = time.thread_time()
        found = _run(step, frame)
        self.cost_ms[step.name] = (time.thread_time() - start) * 1000
        self.ran.append(step.name)
        return found


def _run(step: Step, frame: _Frame) -> list[Decoded]:
    image = step.make(frame).convert("L")
    if step.engine == ZXING:
        return engines.zxing(image, step.name)
    return engines.zbar(image, step.symbols, step.name)


def decode_file(path: str | Path) -> list[Decoded]:
    """Codes in an image file (a photo of a damaged label); OSError/ValueError if it is not an image."""
    with Image.open(path) as image:
        image.load()
        return decode(ImageOps.exif_transpose(image) or image)
