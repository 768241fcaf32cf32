"""Scan routing: say what a scanned string is (order, box, cell, card, badge, QR token, pickup code).

A keyboard-wedge scanner types whatever its configuration adds around the data: a prefix, a
suffix, CR/LF/TAB, an AIM symbology identifier (``]C1``…), sometimes in the Russian keyboard
layout. `route_scan` cleans that up and classifies the rest by configurable patterns; anything it
cannot classify is a specific DomainError ("scan.*") with a shortened sample of what was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum, auto

from desktop import messages
from protocol import ean13
from protocol.errors import DomainError

GS = "\x1d"  # GS1 group separator (FNC1 in the data)

messages.register(
    {
        "scan.empty": "Сканер ничего не передал. Отсканируйте штрихкод ещё раз.",
        "scan.too_long": "Считано слишком много символов ({length}, допустимо не больше {limit}). "
        "Похоже, отсканировано несколько кодов подряд — отсканируйте один код ещё раз.",
        "scan.bad_check_digit": "Номер клубной карты {sample} считан с ошибкой: "
        "не сходится контрольная цифра. Отсканируйте карту ещё раз или введите номер вручную.",
        "scan.unknown": "Код «{sample}» не распознан: это не заказ, не коробка, не ячейка, не клубная карта, "
        "не бейдж и не код получения. Проверьте, тот ли штрихкод отсканирован.",
    }
)


class ScanKind(StrEnum):
    """What a scanned string is; each value is the member name in lower case (auto())."""

    ORDER_NUMBER = auto()
    BOX = auto()
    CELL = auto()
    CLUB_CARD = auto()
    STAFF_BADGE = auto()
    PICKUP_TOKEN = auto()
    PICKUP_CODE = auto()


@dataclass(frozen=True)
class ScanPatterns:
    """Configurable full-match regexes per kind plus what the scanner adds around the data."""

    order_number: str = r"\d{9}"
    box: str = r"B\d{4}\d{9}\d{2}"
    cell: str = r"C[A-Z]\d{4}"
    club_card: str = r"2\d{12}"
    staff_badge: str = r"ST\d{6}"
    pickup_token: str = r"PD1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"  # noqa: S105
    pickup_code: str = r"\d{6}"
    prefix: str = ""
    suffix: str = ""
    strip_aim_id: bool = True
    max_length: int = 512

    def compiled(self) -> tuple[tuple[ScanKind, re.Pattern[str]], ...]:
        """(kind, compiled pattern) in classification order."""
        return _compile(self)


DEFAULT = ScanPatterns()


@dataclass(frozen=True)
class Scan:
    """A classified scan: what it is and the cleaned value."""

    kind: ScanKind
    value: str


_KIND_ORDER = (
    ScanKind.PICKUP_TOKEN,
    ScanKind.BOX,
    ScanKind.CELL,
    ScanKind.STAFF_BADGE,
    ScanKind.CLUB_CARD,
    ScanKind.ORDER_NUMBER,
    ScanKind.PICKUP_CODE,
)
_COMPILED: dict[ScanPatterns, tuple[tuple[ScanKind, re.Pattern[str]], ...]] = {}
_CONTROL = re.compile(r"[\x00-\x1c\x1e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_AIM_ID = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
# A wedge scanner typing in the Russian ЙЦУКЕН layout sends the Cyrillic letter on the same key.
_RU_LAYOUT = str.maketrans(
    "ЙЦУКЕНГШЩЗФЫВАПРОЛДЯЧСМИТЬйцукенгшщзфывапролдячсмить",
    "QWERTYUIOPASDFGHJKLZXCVBNMqwertyuiopasdfghjklzxcvbnm",
)


def _compile(patterns: ScanPatterns) -> tuple[tuple[ScanKind, re.Pattern[str]], ...]:
    found = _COMPILED.get(patterns)
    if found is None:
        found = tuple((kind, re.compile(getattr(patterns, kind.value), re.ASCII)) for kind in _KIND_ORDER)
        _COMPILED[patterns] = found
    return found


def route_scan(raw: str, patterns: ScanPatterns = DEFAULT) -> Scan:
    """Clean a scanned string and classify it; DomainError('scan.*') when it is not a known code."""
    if len(raw) > patterns.max_length * 4:
        raise DomainError("scan.too_long", length=len(raw), limit=patterns.max_length)
    text = clean(raw, patterns)
    if not text:
        raise DomainError("scan.empty")
    if len(text) > patterns.max_length:
        raise DomainError("scan.too_long", length=len(text), limit=patterns.max_length)
    for candidate, exact in _candidates(text):
        scan = _classify(candidate, patterns, allow_token=exact)
        if scan is not None:
            return scan
    raise DomainError("scan.unknown", sample=mask_sample(text.replace(GS, "")), length=len(text))


def clean(raw: str, patterns: ScanPatterns = DEFAULT) -> str:
    """Strip control characters (keeping inner GS1 separators), the AIM id, prefix, suffix and blanks."""
    text = _CONTROL.sub("", raw).strip().strip(GS).strip()
    if patterns.strip_aim_id and _AIM_ID.match(text):
        text = text[3:]
    if patterns.prefix and text.startswith(patterns.prefix):
        text = text[len(patterns.prefix) :]
    if patterns.suffix and text.endswith(patterns.suffix):
        text = text[: -len(patterns.suffix)]
    return text.strip().strip(GS).strip()


def _candidates(text: str) -> list[tuple[str, bool]]:
    """The text as read, without GS1 separators, then upper-cased / re-keyed from Cyrillic (inexact)."""
    plain = text.replace(GS, "")
    out = {text: True}
    out.setdefault(plain, True)
    out.setdefault(plain.upper(), False)
    out.setdefault(plain.translate(_RU_LAYOUT).upper(), False)
    return list(out.items())


def _classify(text: str, patterns: ScanPatterns, allow_token: bool) -> Scan | None:
    """The first kind whose pattern matches; a case-changed text is never taken as a signed QR token."""
    for kind, pattern in patterns.compiled():
        if kind is ScanKind.PICKUP_TOKEN and not allow_token:
            continue
        if pattern.fullmatch(text):
            if kind is ScanKind.CLUB_CARD and not ean13.is_valid(text):
                raise DomainError("scan.bad_check_digit", sample=mask_sample(text))
            return Scan(kind, text)
    return None


def mask_sample(text: str, keep_head: int = 4, keep_tail: int = 2) -> str:
    """A short, partly hidden rendering of what was read (safe to show and to log)."""
    printable = "".join(ch if ch.isprintable() else "?" for ch in text)
    if len(printable) <= 4:
        return printable[:1] + "*" * (len(printable) - 1)
    if len(printable) <= keep_head + keep_tail + 2:
        return printable[:2] + "*" * (len(printable) - 3) + printable[-1:]
    return f"{printable[:keep_head]}…{printable[-keep_tail:]} ({len(printable)} симв.)"
