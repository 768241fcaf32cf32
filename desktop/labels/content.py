"""What goes on each label kind: cell labels, box re-labels, club card barcodes, service box labels, cell ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.labels.barcodes import Symbology
from desktop.translatable import translate
from protocol import ean13

_CELL = re.compile(r"C([A-Z])(\d{2})(\d{2})")
_BOX = re.compile(r"B(\d{4})(\d{9})(\d{2})")
SERVICE_LABEL = re.compile(r"SL(W\d{9,10})")  # the service box label: SL + the claim number (no other scan kind)


@dataclass(frozen=True)
class LabelContent:
    """A barcode with a small caption above, large text below and small notes under it."""

    symbology: Symbology
    data: str
    caption: str
    headline: str
    notes: tuple[str, ...] = ()


def cell_label(code: str) -> LabelContent:
    """Storage cell: Code 128 of ``CA0103`` and ``A-01-03`` in large letters."""
    match = _CELL.fullmatch(code)
    if match is None:
        raise ValueError(f"not a storage cell code: {code!r}")
    rack, shelf, slot = match.groups()
    return LabelContent(Symbology.CODE128, code, translate("Labels", "Ячейка хранения"), f"{rack}-{shelf}-{slot}")


def box_relabel(barcode: str, box_count: int) -> LabelContent:
    """Replacement for a damaged box label: box barcode, order number and ``n из m``."""
    match = _BOX.fullmatch(barcode)
    if match is None:
        raise ValueError(f"not a box barcode: {barcode!r}")
    _point, order_number, box_no = match.groups()
    number = int(box_no)
    if not 1 <= number <= box_count:
        raise ValueError(f"box {number} of {box_count} is impossible")
    return LabelContent(
        Symbology.CODE128,
        barcode,
        translate("Labels", "Грузоместо (повторная этикетка)"),
        translate("Labels", "{0} из {1}").format(number, box_count),
        (translate("Labels", "Заказ {0}").format(order_number), barcode),
    )


def club_card_label(number: str) -> LabelContent:
    """Club card: EAN-13 with its digits grouped as printed on the card."""
    if not (ean13.is_valid(number) and number.startswith("2")):
        raise ValueError(f"not a club card number: {number!r}")
    grouped = f"{number[0]} {number[1:7]} {number[7:]}"
    return LabelContent(Symbology.EAN13, number, translate("Labels", "Клубная карта"), grouped)


def service_label_code(claim: str) -> str:
    """The barcode on the box of an item going to service: ``SL`` + its claim number."""
    code = f"SL{claim}"
    if SERVICE_LABEL.fullmatch(code) is None:
        raise ValueError(f"not a claim number: {claim!r}")
    return code


def service_label(code: str, product: str, order: str) -> LabelContent:
    """Service box label: Code 128 of ``SLW…``, the claim number large, the item and its order below."""
    match = SERVICE_LABEL.fullmatch(code)
    if match is None:
        raise ValueError(f"not a service label: {code!r}")
    return LabelContent(
        Symbology.CODE128,
        code,
        translate("Labels", "В сервис по гарантии"),
        match.group(1),
        (product[:40], translate("Labels", "Заказ {0}").format(order)),
    )


def cell_range(first: str, last: str) -> list[str]:
    """Every cell code of the rectangle between two cells, e.g. CA0101..CA0410 → 40 codes."""
    start, end = _CELL.fullmatch(first), _CELL.fullmatch(last)
    if start is None or end is None:
        raise ValueError(f"not a cell range: {first!r}..{last!r}")
    racks = _span(ord(start[1]), ord(end[1]))
    shelves = _span(int(start[2]), int(end[2]))
    slots = _span(int(start[3]), int(end[3]))
    return [f"C{chr(r)}{s:02d}{p:02d}" for r in racks for s in shelves for p in slots]


def _span(a: int, b: int) -> range:
    if b < a:
        raise ValueError("the range must go from the lower cell to the higher one")
    return range(a, b + 1)
