"""Compose labels with Pillow: caption, barcode with whole-dot bars, large text; sheets of labels; PNG."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import barcode
from PIL import Image, ImageDraw, ImageFont

from desktop.labels.barcodes import render_barcode
from desktop.labels.content import LabelContent
from desktop.labels.templates import LabelTemplate, SheetTemplate

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_BUNDLED = Path(barcode.__file__).parent / "fonts" / "DejaVuSansMono.ttf"
QUIET_MODULES = 10

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class _Rows:
    """Heights (pixels) of the label's bands, top to bottom."""

    caption: int
    bars: int
    headline: int
    notes: int


def _font_candidates(bold: bool) -> list[Path]:
    """Fonts with Cyrillic: DejaVu (Linux), Arial (Windows), python-barcode's bundled DejaVu Sans Mono."""
    windows = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    return [
        _DEJAVU / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"),
        windows / ("arialbd.ttf" if bold else "arial.ttf"),
        _BUNDLED,
    ]


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> Font:
    """The first available Cyrillic-capable font at ``size`` pixels; Pillow's default as a last resort."""
    for path in _font_candidates(bold):
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def render_label(content: LabelContent, template: LabelTemplate) -> Image.Image:
    """One label at the template's pixel size (greyscale, black on white)."""
    width, height = template.size_px
    image = Image.new("L", (width, height), 255)
    pad = max(4, round(min(width, height) * 0.04))
    rows = _rows(height - 2 * pad, bool(content.notes))
    draw = ImageDraw.Draw(image)
    y = pad
    _text_centered(draw, content.caption, (pad, y, width - 2 * pad, rows.caption), bold=False)
    y += rows.caption
    bars = _bars(content, width - 2 * pad, rows.bars)
    image.paste(bars, ((width - bars.width) // 2, y))
    y += rows.bars
    _text_centered(draw, content.headline, (pad, y, width - 2 * pad, rows.headline), bold=True)
    y += rows.headline
    for i, note in enumerate(content.notes):
        line = rows.notes // len(content.notes)
        _text_centered(draw, note, (pad, y + i * line, width - 2 * pad, line), bold=False)
    return image


def _rows(usable: int, with_notes: bool) -> _Rows:
    shares = (0.12, 0.40, 0.28, 0.20) if with_notes else (0.12, 0.48, 0.40, 0.0)
    caption, bars, headline, notes = (round(usable * s) for s in shares)
    return _Rows(caption, bars - round(usable * 0.03), headline, notes)


def _bars(content: LabelContent, max_width: int, height: int) -> Image.Image:
    """The widest whole-dot module that fits, quiet zones included."""
    modules = render_barcode(content.symbology, content.data, 1, 1, QUIET_MODULES).width
    module = max(1, max_width // modules)
    return render_barcode(content.symbology, content.data, module, height, QUIET_MODULES)


def _text_centered(draw: ImageDraw.ImageDraw, text: str, box: tuple[int, int, int, int], bold: bool) -> None:
    x, y, w, h = box
    face = _fit(draw, text, w, h, bold)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=face)
    draw.text((x + (w - (right - left)) / 2 - left, y + (h - (bottom - top)) / 2 - top), text, font=face, fill=0)


def _fit(draw: ImageDraw.ImageDraw, text: str, width: int, height: int, bold: bool) -> Font:
    """The largest font whose rendering of ``text`` fits ``width × height``."""
    size = max(6, int(height * 0.9))
    while size > 6:
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font(size, bold))
        if right - left <= width and bottom - top <= height * 0.9:
            break
        size = max(6, int(size * 0.92))
    return font(size, bold)


def render_sheet(contents: Sequence[LabelContent], sheet: SheetTemplate, outline: bool = False) -> list[Image.Image]:
    """Pages of labels laid out row by row; ``outline`` draws the label borders (preview only)."""
    pages: list[Image.Image] = []
    for index, content in enumerate(contents):
        if index % sheet.per_page == 0:
            pages.append(Image.new("L", sheet.page_px, 255))
        label = render_label(content, sheet.label)
        origin = sheet.origin_px(index)
        pages[-1].paste(label, origin)
        if outline:
            box = (*origin, origin[0] + label.width - 1, origin[1] + label.height - 1)
            ImageDraw.Draw(pages[-1]).rectangle(box, outline=170)
    return pages


def render_roll(contents: Sequence[LabelContent], template: LabelTemplate) -> list[Image.Image]:
    """One image per label for a thermal roll printer."""
    return [render_label(content, template) for content in contents]

