"""Every label kind, on every template, decodes back to its data with pyzbar."""

from __future__ import annotations

import pytest
from pyzbar import pyzbar

from desktop.labels.barcodes import Symbology, render_barcode
from desktop.labels.content import box_relabel, cell_label, cell_range, club_card_label
from desktop.labels.render import render_label, render_roll, render_sheet
from desktop.labels.templates import A4_SHEET_3x8, THERMAL_58x40, THERMAL_100x150

SYMBOLS = [pyzbar.ZBarSymbol.CODE128, pyzbar.ZBarSymbol.EAN13]
CONTENTS = [cell_label("CA0103"), box_relabel("B004250000001202", 3), club_card_label("2000000000015")]


def _read(image) -> list[str]:
    return [d.data.decode() for d in pyzbar.decode(image, symbols=SYMBOLS)]


@pytest.mark.parametrize("template", [THERMAL_58x40, THERMAL_100x150], ids=lambda t: t.key)
@pytest.mark.parametrize("content", CONTENTS, ids=lambda c: c.data)
def test_every_label_kind_decodes_back(content, template):
    image = render_label(content, template)
    assert image.size == template.size_px
    assert _read(image) == [content.data]


def test_bars_are_whole_dots():
    image = render_barcode(Symbology.CODE128, "CA0103", 3, 10)
    row = [image.getpixel((x, 5)) for x in range(image.width)]
    assert set(row) == {0, 255}
    first_bar = row.index(0)
    assert first_bar == 30 and row[first_bar : first_bar + 6] == [0] * 6 and row[first_bar + 6] == 255


def test_cell_range_is_the_rectangle_between_two_cells():
    codes = cell_range("CA0101", "CA0410")
    assert len(codes) == 40 and codes[0] == "CA0101" and codes[9] == "CA0110" and codes[-1] == "CA0410"
    assert cell_range("CA0101", "CB0101") == ["CA0101", "CB0101"]
    with pytest.raises(ValueError):
        cell_range("CA0410", "CA0101")


def test_a_sheet_of_a_cell_range_decodes_every_label():
    codes = cell_range("CA0101", "CA0410")
    pages = render_sheet([cell_label(c) for c in codes], A4_SHEET_3x8)
    assert len(pages) == 2 and pages[0].size == (2480, 3508)
    assert sorted(_read(pages[0]) + _read(pages[1])) == codes


def test_a_roll_has_one_image_per_label():
    images = render_roll([cell_label(c) for c in ("CA0101", "CA0102")], THERMAL_58x40)
    assert len(images) == 2 and images[0].size == render_label(cell_label("CA0101"), THERMAL_58x40).size


@pytest.mark.parametrize(
    "bad",
    [
        lambda: cell_label("XA0101"),
        lambda: box_relabel("B00425000000120", 2),
        lambda: box_relabel("B004250000001204", 3),
        lambda: club_card_label("2000000000016"),
        lambda: club_card_label("4600000000003"),
    ],
)
def test_invalid_label_data_is_refused(bad):
    with pytest.raises(ValueError):
        bad()


def test_labels_render_with_the_bundled_font_when_no_system_font(monkeypatch):
    from desktop.labels import render

    monkeypatch.setattr(render, "_font_candidates", lambda bold: [render._BUNDLED])
    render.font.cache_clear()
    try:
        image = render_label(cell_label("CA0103"), THERMAL_58x40)
    finally:
        render.font.cache_clear()
    assert _read(image) == ["CA0103"]
