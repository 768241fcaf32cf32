"""Money as integer kopecks; formatting and parsing for Russian roubles."""

from __future__ import annotations

import re

_AMOUNT = re.compile(r"^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*(?:₽|руб\.?|р\.?)?\s*$")


def rub(kopecks: int) -> str:
    """12345678 -> '123 456,78 ₽' (narrow no-break space as thousands separator)."""
    sign = "-" if kopecks < 0 else ""
    whole, frac = divmod(abs(kopecks), 100)
    grouped = f"{whole:,}".replace(",", "\u202f")
    return f"{sign}{grouped},{frac:02d} ₽"


def parse_rub(text: str) -> int | None:
    """'1 500,50' -> 150050 kopecks; None when the text is not an amount."""
    match = _AMOUNT.match(text.replace("\u202f", "").replace(" ", ""))
    if match is None:
        return None
    whole, frac = match.group(1), (match.group(2) or "0").ljust(2, "0")
    return int(whole) * 100 + int(frac)

