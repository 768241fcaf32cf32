"""The two decoding engines behind the pipeline: zbar (pyzbar) and zxing-cpp, both answering `Decoded`.

zbar is the cheapest on a clean, upright frame and its scan lines run in every direction after a
small rotation; zxing-cpp (C++, no Python per pixel) binarizes locally and finds codes under
perspective, skew and uneven light that zbar misses, in 2–5 ms on a 640×480 frame when told which
three symbologies to look for. A clerk shows one code at a time, so each engine answers at most one
result per symbology: the best-confirmed one.
"""

from __future__ import annotations

from dataclasses import dataclass

import zxingcpp
from PIL import Image
from pyzbar import pyzbar

LINEAR = (pyzbar.ZBarSymbol.CODE128, pyzbar.ZBarSymbol.EAN13)
SYMBOLS = (*LINEAR, pyzbar.ZBarSymbol.QRCODE)
ZXING_FORMATS = zxingcpp.BarcodeFormats(
    (zxingcpp.BarcodeFormat.Code128, zxingcpp.BarcodeFormat.EAN13, zxingcpp.BarcodeFormat.QRCode)
)
ZXING_NAMES = {"Code128": "CODE128", "EAN13": "EAN13", "QRCode": "QRCODE"}  # zbar's names, used app-wide


@dataclass(frozen=True)
class Decoded:
    """One code found in a frame: its symbology (``CODE128``, ``EAN13``, ``QRCODE``), text and the step."""

    symbology: str
    text: str
    step: str = ""


def zbar(image: Image.Image, symbols: tuple[pyzbar.ZBarSymbol, ...], step: str) -> list[Decoded]:
    """One zbar pass; of several codes of one symbology the one with the most agreeing scan lines.

    A second, weaker EAN-13 or Code 128 in the same frame is almost always half of the real code
    read with the wrong other half (seen on rotated photos).
    """
    best: dict[str, pyzbar.Decoded] = {}
    for symbol in pyzbar.decode(image, symbols=symbols):
        kept = best.get(symbol.type)
        if kept is None or symbol.quality > kept.quality:
            best[symbol.type] = symbol
    return [Decoded(symbol.type, _text(symbol.data), step) for symbol in best.values()]


def zxing(image: Image.Image, step: str) -> list[Decoded]:
    """One zxing-cpp pass (local-average binarizer, any 90° orientation); checksum-valid codes only."""
    found: dict[str, Decoded] = {}
    for barcode in zxingcpp.read_barcodes(image, formats=ZXING_FORMATS):
        symbology = ZXING_NAMES.get(barcode.format.name)
        if symbology is not None and barcode.valid and symbology not in found:
            found[symbology] = Decoded(symbology, barcode.text, step)
    return list(found.values())


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")
