"""Scanner set-up: analyse the raw keystrokes of a test scan (prefix, suffix, timing, keyboard layout).

The set-up wizard shows a known test barcode; the clerk scans it and the wizard records every key
the scanner "typed" with its time. From that we can tell what the scanner adds before and after the
data, which key ends a scan, how fast it types (the wedge detector's inter-key limit) and whether
the PC's Russian keyboard layout turned the letters into Cyrillic (``ЫЕ000001`` for ``ST000001``:
the scanner presses the keys of the QWERTY letters, and the ЙЦУКЕН layout types what is on them).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from desktop import messages

TEST_CODE = "PDtest.0427"  # upper and lower case, a dot and digits: layout, Caps Lock and NumLock show
TERMINATOR_KEYS = {"Return": "\r", "Enter": "\r", "Tab": "\t"}
_RU = 'ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁйцукенгшщзхъфывапролджэячсмитьбюё.,"№;:?'
_EN = "QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>~qwertyuiop[]asdfghjkl;'zxcvbnm,.`/?@#$^&"
RU_TO_EN = str.maketrans(_RU, _EN)
MIN_INTERKEY_MS = 20
MAX_INTERKEY_MS = 200

messages.register(
    {
        "wedge.russian_layout": "Сканер печатает в русской раскладке: вместо «{expected}» пришло «{typed}». "
        "Программа это исправит сама (настройка «исправлять раскладку» включена); лучше переключить раскладку "
        "по умолчанию на английскую или настроить сканер на ввод кодами Alt.",
        "wedge.caps_lock": "Включён Caps Lock: большие и маленькие буквы перепутаны. Выключите Caps Lock.",
        "wedge.no_enter": "Сканер не нажимает Enter после кода. Включите в настройках сканера суффикс Enter (CR) "
        "по инструкции к сканеру — иначе программа не поймёт, где кончается код.",
        "wedge.nothing_sent": "Сканер ничего не передал. Проверьте кабель или режим клавиатуры (HID) "
        "и отсканируйте ещё раз.",
        "wedge.numlock_off": "Пришло «{raw}» без цифр: сканер, вероятно, набирает цифры на цифровой клавиатуре "
        "при выключенном NumLock. Включите NumLock и отсканируйте ещё раз.",
        "wedge.mismatch": "Пришло «{raw}» вместо «{expected}». Отсканируйте тестовый код ещё раз; "
        "если снова не так — сбросьте сканер к заводским настройкам.",
        "wedge.too_slow": "Сканер печатает медленно (пауза до {slowest} мс между символами): такой ввод трудно "
        "отличить от ручного. Уменьшите в настройках сканера задержку между символами (inter-character delay).",
    }
)


@dataclass(frozen=True)
class KeyStroke:
    """One key the scanner typed: its text (empty for Enter/Tab/…), Qt key name and time in ms."""

    text: str
    key: str
    at_ms: float


@dataclass(frozen=True)
class WedgeSettings:
    """What the wedge detector needs (maps onto the app's [scanner] settings)."""

    prefix: str = ""
    suffix: str = ""
    max_interkey_ms: int = 35
    layout_fix: bool = True
    terminator: str = "\r"


@dataclass(frozen=True)
class WedgeAnalysis:
    """What a test scan showed, the problems (Russian, with what to do) and the settings to save."""

    raw: str
    data: str  # the typed text with the layout fixed, prefix and suffix removed
    matched: bool
    layout: str  # latin | cyrillic | unknown
    intervals_ms: tuple[float, ...]
    problems: tuple[str, ...]
    settings: WedgeSettings

    @property
    def max_interval_ms(self) -> float:
        return max(self.intervals_ms, default=0.0)


def analyse(strokes: Sequence[KeyStroke], expected: str = TEST_CODE) -> WedgeAnalysis:
    """Analyse one test scan of ``expected``."""
    body, terminator = _split_terminator(strokes)
    raw = "".join(s.text for s in body)
    intervals = tuple(b.at_ms - a.at_ms for a, b in pairwise(strokes))
    layout, text, start, caps = _locate(raw, expected)
    problems: list[str] = []
    if start < 0:
        problems.append(_not_found(raw, expected))
        prefix = suffix = ""
    else:
        prefix, suffix = raw[:start], raw[start + len(expected) :]
    if layout == "cyrillic":
        problems.append(_layout_problem(expected, raw[start : start + len(expected)]))
    if caps:
        problems.append(messages.describe("wedge.caps_lock", {}))
    if not terminator:
        problems.append(messages.describe("wedge.no_enter", {}))
    problems += _timing_problems(intervals)
    # layout_fix stays on whatever we saw: the layout is switched per window and may be Russian tomorrow
    settings = WedgeSettings(prefix, suffix, suggested_interkey_ms(intervals), True, terminator or "\r")
    data = text[start : start + len(expected)] if start >= 0 else text
    return WedgeAnalysis(raw, data, start >= 0 and not caps, layout, intervals, tuple(problems), settings)


def _layout_problem(expected: str, typed: str) -> str:
    return messages.describe("wedge.russian_layout", {"expected": expected, "typed": typed})


def _split_terminator(strokes: Sequence[KeyStroke]) -> tuple[list[KeyStroke], str]:
    body = list(strokes)
    terminator = ""
    while body and body[-1].key in TERMINATOR_KEYS:
        terminator = TERMINATOR_KEYS[body.pop().key] + terminator
    return [s for s in body if s.text], terminator


def _locate(raw: str, expected: str) -> tuple[str, str, int, bool]:
    """(layout, text in that layout, start of the code or -1, caps inverted)."""
    for layout, text in (("latin", raw), ("cyrillic", raw.translate(RU_TO_EN))):
        for caps, wanted in ((False, expected), (True, expected.swapcase())):
            start = text.find(wanted)
            if start >= 0:
                return layout, text, start, caps
    return "unknown", raw, -1, False


def _not_found(raw: str, expected: str) -> str:
    if not raw:
        return messages.describe("wedge.nothing_sent", {})
    if any(c.isdigit() for c in expected) and not any(c.isdigit() for c in raw):
        return messages.describe("wedge.numlock_off", {"raw": raw})
    return messages.describe("wedge.mismatch", {"raw": raw, "expected": expected})


def _timing_problems(intervals: tuple[float, ...]) -> list[str]:
    slowest = max(intervals, default=0.0)
    if slowest > MAX_INTERKEY_MS:
        return [messages.describe("wedge.too_slow", {"slowest": f"{slowest:.0f}"})]
    return []


def suggested_interkey_ms(intervals: Sequence[float]) -> int:
    """Twice the slowest observed gap (USB polling jitter), at least 20 ms, at most 200 ms."""
    slowest = max(intervals, default=0.0)
    return int(min(MAX_INTERKEY_MS, max(MIN_INTERKEY_MS, math.ceil(slowest * 2))))


def fix_layout(text: str) -> str:
    """Re-key text typed in the Russian layout as the QWERTY keys the scanner pressed."""
    return text.translate(RU_TO_EN)


def analyse_serial(data: bytes, expected: str = TEST_CODE) -> WedgeAnalysis:
    """A serial (COM) scanner sends bytes, not keys: no layout or timing issue, only framing."""
    text = data.decode("utf-8", errors="replace")
    terminator = ""
    while text and text[-1] in "\r\n":
        terminator, text = text[-1] + terminator, text[:-1]
    start = text.find(expected)
    prefix, suffix = (text[:start], text[start + len(expected) :]) if start >= 0 else ("", "")
    problems = () if start >= 0 else (_not_found(text, expected),)
    settings = WedgeSettings(prefix, suffix, 35, False, terminator or "\r")
    return WedgeAnalysis(text, expected if start >= 0 else text, start >= 0, "latin", (), problems, settings)
