"""Barcode symbols as Pillow images with whole-pixel modules (python-barcode's ImageWriter).

python-barcode measures everything in millimetres and converts with ``mm * dpi / 25.4`` (floats: a bar
can lose its last pixel column). `_PixelWriter` is its ImageWriter with one "millimetre" = one pixel and
rounded coordinates, so every bar is a whole number of printer dots (no shrunken or anti-aliased bars,
which thermal printers and pyzbar both dislike). The caller chooses the module width in dots for the
target printer's resolution.
"""

from __future__ import annotations

from enum import StrEnum

import barcode
from barcode.writer import ImageWriter
from PIL import Image, ImageDraw

from protocol import ean13

_ONE_PX_PER_MM = 25.4


class _PixelWriter(ImageWriter):
    """ImageWriter whose unit is the pixel, with coordinates rounded to whole pixels."""

    def __init__(self) -> None:
        super().__init__(format="PNG", mode="L", dpi=_ONE_PX_PER_MM)

    def _init(self, code: list[str]) -> None:
        width, height = self.calculate_size(len(code[0]), 1)
        self._image = Image.new(self.mode, (round(width), round(height)), self.background)
        self._draw = ImageDraw.Draw(self._image)

    def _paint_module(self, xpos: float, ypos: float, width: float, color: str) -> None:
        left, top = round(xpos), round(ypos)
        box = (left, top, round(xpos + width) - 1, round(ypos + self.module_height) - 1)
        self._draw.rectangle(box, outline=color, fill=color)


class Symbology(StrEnum):
    CODE128 = "code128"
    EAN13 = "ean13"


def render_barcode(
    symbology: Symbology, data: str, module_px: int, height_px: int, quiet_modules: int = 10
) -> Image.Image:
    """Bars only (no text), black on white, greyscale; ``module_px`` dots per narrowest bar."""
    if module_px < 1 or height_px < 1:
        raise ValueError("module and height must be at least one pixel")
    writer = _PixelWriter()
    options = {
        "module_width": float(module_px),
        "module_height": float(height_px),
        "quiet_zone": float(quiet_modules * module_px),
        "write_text": False,
        "text_distance": 0.0,
        "font_size": 0,
        "margin_top": 0.0,
        "margin_bottom": 0.0,
        "background": "white",
        "foreground": "black",
    }
    code = barcode.get(symbology.value, _payload(symbology, data), writer=writer)
    image: Image.Image = code.render(options)
    return _trim_height(image, height_px)


def _payload(symbology: Symbology, data: str) -> str:
    """EAN-13 takes 12 digits (the library adds the check digit); a full number must be valid."""
    if symbology is Symbology.EAN13:
        if not ean13.is_valid(data):
            raise ValueError(f"not a valid EAN-13 number: {data!r}")
        return data[:12]
    return data


def _trim_height(image: Image.Image, height_px: int) -> Image.Image:
    """The writer pads around the bars (margins, text area); keep exactly the bars."""
    if image.height == height_px:
        return image
    return image.crop((0, 0, image.width, height_px))
