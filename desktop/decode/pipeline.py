"""Decode Code 128, EAN-13 and QR from photos: pyzbar behind a preprocessing chain tried cheapest first.

pyzbar reads clean images well but photos poorly. Each step below makes one variant of the frame and
hands it to zbar; the first step that finds a code wins. Order follows cost on a 640×480 frame:
half-size variants first (2×2 averaging is also the cheapest denoiser, and zbar is 4× faster on a
quarter of the pixels), then the plain frame, then light correction (flat-field division by a
max-filtered background, which also tames glare on phone screens), contrast stretch, sharpening,
a global Otsu threshold, a median filter, small-angle rotations (zbar itself scans rows and columns in
both directions, so 90/180/270 need no extra pass; ±15/30/45 cover every angle in between), and
finally a 2× zoom on the centre of the frame for codes held too far away. Only Pillow is used
(numpy is not a dependency of the app).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFilter, ImageMath, ImageOps
from pyzbar import pyzbar

LINEAR = (pyzbar.ZBarSymbol.CODE128, pyzbar.ZBarSymbol.EAN13)
SYMBOLS = (*LINEAR, pyzbar.ZBarSymbol.QRCODE)
MAX_SIDE = 1280
LIVE_MAX_SIDE = 800
ANGLES = (15, -15, 30, -30, 45, -45)


@dataclass(frozen=True)
class Decoded:
    """One code found in a frame: its symbology (``CODE128``, ``EAN13``, ``QRCODE``), text and the step."""

    symbology: str
    text: str
    step: str = ""


@dataclass(frozen=True)
class Step:
    """One preprocessing variant: how to make it and how zbar should scan it."""

    name: str
    make: Callable[[_Frame], Image.Image]
    symbols: tuple[pyzbar.ZBarSymbol, ...] = SYMBOLS  # rotations look for 1D codes only (QR is rotation-free)


class _Frame:
    """The frame in greyscale plus lazily computed, shared intermediate images."""

    def __init__(self, image: Image.Image, max_side: int = MAX_SIDE) -> None:
        grey = image if image.mode == "L" else image.convert("L")
        if max(grey.size) > max_side:
            grey = grey.copy()
            grey.thumbnail((max_side, max_side), Image.Resampling.BOX)
        self.full = grey
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


def flat_field(image: Image.Image) -> Image.Image:
    """Divide by a max-filtered, blurred background estimate: paper becomes white everywhere."""
    small = image.reduce(8) if min(image.size) >= 64 else image
    background = small.filter(ImageFilter.MaxFilter(5)).resize(image.size, Image.Resampling.BILINEAR)
    return ImageMath.lambda_eval(lambda a: a["convert"](a["img"] * 255 / (a["bg"] + 1), "L"), img=image, bg=background)


def otsu_threshold(image: Image.Image) -> int:
    """Otsu's threshold from the 256-bin histogram (pure Python, 256 iterations)."""
    histogram = image.histogram()[:256]
    total = sum(histogram)
    sum_all = sum(i * h for i, h in enumerate(histogram))
    best, best_t, weight_b, sum_b = -1.0, 127, 0, 0
    for t, count in enumerate(histogram):
        weight_b += count
        if weight_b == 0 or weight_b == total:
            continue
        sum_b += t * count
        mean_b, mean_f = sum_b / weight_b, (sum_all - sum_b) / (total - weight_b)
        between = weight_b * (total - weight_b) * (mean_b - mean_f) ** 2
        if between > best:
            best, best_t = between, t
    return best_t


def binarize(image: Image.Image) -> Image.Image:
    threshold = otsu_threshold(image)
    return image.point(lambda v: 255 if v > threshold else 0)


def rotated(image: Image.Image, angle: float) -> Image.Image:
    """Rotated about the centre, same size (the corners are lost; zbar's time grows with pixels)."""
    return image.rotate(angle, Image.Resampling.BILINEAR, expand=False, fillcolor=255)


def centre_zoom(image: Image.Image) -> Image.Image:
    """The middle half of the frame enlarged 2× (a code held too far from the camera)."""
    w, h = image.size
    box = (w // 4, h // 4, w - w // 4, h - h // 4)
    return image.crop(box).resize(((box[2] - box[0]) * 2, (box[3] - box[1]) * 2), Image.Resampling.BICUBIC)


def _rotation(angle: int) -> Callable[[_Frame], Image.Image]:
    """Rotations work on the full-size frame: small modules do not survive halving plus rotating."""
    return lambda frame: rotated(frame.flat_full, angle)


def _steps() -> list[Step]:
    steps = [
        Step("half", lambda f: f.half),
        Step("plain", lambda f: f.full),
        Step("flat_field", lambda f: f.flat),
        Step("stretch", lambda f: ImageOps.autocontrast(f.half, cutoff=2)),
        Step("median", lambda f: f.flat.filter(ImageFilter.MedianFilter(3))),
        Step("sharpen", lambda f: f.flat.filter(ImageFilter.UnsharpMask(2, 200, 2))),
        Step("otsu", lambda f: binarize(f.flat)),
        Step("zoom_centre", lambda f: ImageOps.autocontrast(centre_zoom(f.full), cutoff=1)),
    ]
    steps += [Step(f"rotate_{angle}", _rotation(angle), LINEAR) for angle in ANGLES]
    steps += [
        Step("zoom_centre_sharpen", lambda f: centre_zoom(f.full).filter(ImageFilter.UnsharpMask(2, 200, 2))),
        Step("downscale", lambda f: ImageOps.autocontrast(f.half.reduce(2), cutoff=1)),
    ]
    return steps


STEPS: tuple[Step, ...] = tuple(_steps())
STEP_NAMES = tuple(step.name for step in STEPS)


def scan(image: Image.Image, symbols: tuple[pyzbar.ZBarSymbol, ...], step: str) -> list[Decoded]:
    """One zbar pass over one preprocessed variant."""
    return _decoded(pyzbar.decode(image, symbols=symbols), step)


def _decoded(symbols: list[pyzbar.Decoded], step: str) -> list[Decoded]:
    """One result per symbology: the best-confirmed one (zbar's quality = agreeing scan lines).

    A clerk shows one code at a time; a second, weaker EAN-13 or Code 128 in the same frame is
    almost always half of the real code read with the wrong other half (seen on rotated photos).
    """
    best: dict[str, pyzbar.Decoded] = {}
    for symbol in symbols:
        kept = best.get(symbol.type)
        if kept is None or symbol.quality > kept.quality:
            best[symbol.type] = symbol
    return [Decoded(symbol.type, _text(symbol.data), step) for symbol in best.values()]


def decode(image: Image.Image, budget_ms: float | None = None, steps: Iterable[Step] = STEPS) -> list[Decoded]:
    """Codes in a photo or frame; [] when none. ``budget_ms`` stops the chain early (live video)."""
    frame = _Frame(image)
    deadline = None if budget_ms is None else time.perf_counter() + budget_ms / 1000
    for step in steps:
        found = _run(step, frame)
        if found:
            return found
        if deadline is not None and time.perf_counter() > deadline:
            break
    return []


class FrameDecoder:
    """Live video: each frame gets the cheap steps, the expensive ones take turns across frames.

    A code held in front of the camera stays in view for many frames, so a frame does not need the
    whole chain: every frame runs the first ``cheap`` steps, then continues the chain where the
    previous frame stopped until ``budget_ms`` is spent. Frames are reduced to ``max_side`` pixels
    (a 1280×720 webcam frame to 800×450: codes held for scanning still have 2+ px modules) so a
    frame's cost does not grow with the camera's resolution. Not thread-safe: one per camera worker.
    """

    def __init__(
        self, budget_ms: float = 25.0, cheap: int = 2, steps: tuple[Step, ...] = STEPS, max_side: int = LIVE_MAX_SIDE
    ) -> None:
        self.budget_ms = budget_ms
        self.max_side = max_side
        self._cheap, self._rest = steps[:cheap], steps[cheap:]
        self._cursor = 0

    def decode(self, image: Image.Image) -> list[Decoded]:
        frame = _Frame(image, self.max_side)
        deadline = time.perf_counter() + self.budget_ms / 1000
        for step in self._cheap:
            found = _run(step, frame)
            if found:
                return found
        for n in range(len(self._rest)):
            if n and time.perf_counter() > deadline:
                break  # at least one expensive step per frame, so the chain always moves on
            step = self._rest[self._cursor]
            self._cursor = (self._cursor + 1) % len(self._rest)
            found = _run(step, frame)
            if found:
                return found
        return []


def _run(step: Step, frame: _Frame) -> list[Decoded]:
    return scan(step.make(frame).convert("L"), step.symbols, step.name)


def decode_file(path: str | Path) -> list[Decoded]:
    """Codes in an image file (a photo of a damaged label); OSError/ValueError if it is not an image."""
    with Image.open(path) as image:
        image.load()
        return decode(ImageOps.exif_transpose(image) or image)


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")
