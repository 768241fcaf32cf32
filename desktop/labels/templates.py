"""Label stock: thermal rolls (58×40, 100×150 mm at 203 dpi) and an A4 sheet of labels at 300 dpi."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.translatable import QT_TRANSLATE_NOOP

MM_PER_INCH = 25.4


def mm_to_px(mm: float, dpi: int) -> int:
    return round(mm * dpi / MM_PER_INCH)


@dataclass(frozen=True)
class LabelTemplate:
    """One label's physical size and the printer resolution it is rendered for."""

    key: str
    title: str
    width_mm: float
    height_mm: float
    dpi: int

    @property
    def size_px(self) -> tuple[int, int]:
        return mm_to_px(self.width_mm, self.dpi), mm_to_px(self.height_mm, self.dpi)


@dataclass(frozen=True)
class SheetTemplate:
    """A sheet of pre-cut labels: page size, grid and margins (all millimetres)."""

    key: str
    title: str
    page_mm: tuple[float, float]
    columns: int
    rows: int
    label: LabelTemplate
    margin_mm: tuple[float, float]  # left, top
    gap_mm: tuple[float, float] = (0.0, 0.0)

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def origin_px(self, index: int) -> tuple[int, int]:
        """Top-left pixel of the label at ``index`` (row by row) on its page."""
        column, row = index % self.columns, (index // self.columns) % self.rows
        x = self.margin_mm[0] + column * (self.label.width_mm + self.gap_mm[0])
        y = self.margin_mm[1] + row * (self.label.height_mm + self.gap_mm[1])
        return mm_to_px(x, self.label.dpi), mm_to_px(y, self.label.dpi)

    @property
    def page_px(self) -> tuple[int, int]:
        return mm_to_px(self.page_mm[0], self.label.dpi), mm_to_px(self.page_mm[1], self.label.dpi)


THERMAL_58x40 = LabelTemplate("thermal_58x40", QT_TRANSLATE_NOOP("LabelStocks", "Термоэтикетка 58×40 мм"), 58, 40, 203)
THERMAL_100x150 = LabelTemplate(
    "thermal_100x150", QT_TRANSLATE_NOOP("LabelStocks", "Термоэтикетка 100×150 мм"), 100, 150, 203
)
A4_LABEL_70x37 = LabelTemplate(
    "a4_70x37", QT_TRANSLATE_NOOP("LabelStocks", "Этикетка 70×37 мм на листе A4"), 70, 37, 300
)
A4_SHEET_3x8 = SheetTemplate(
    "a4_3x8",
    QT_TRANSLATE_NOOP("LabelStocks", "Лист A4, 24 этикетки 70×37 мм"),
    (210, 297),
    3,
    8,
    A4_LABEL_70x37,
    (0.0, 0.5),
)

STOCKS: dict[str, LabelTemplate | SheetTemplate] = {t.key: t for t in (THERMAL_58x40, THERMAL_100x150, A4_SHEET_3x8)}
