"""Scan routing: what a scanned string is (order, box, cell, card, badge, QR token, code, waybill, claim, certificate).

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
from desktop.decode.wedge_analysis import fix_layout
from desktop.scanner_settings import DEFAULT, ScannerSettings, ScanPatterns
from desktop.translatable import translate
from protocol import ean13
from protocol.errors import DomainError

__all__ = ["DEFAULT", "GS", "Scan", "ScanKind", "ScanPatterns", "ScannerSettings", "clean", "mask_sample", "route_scan"]

GS = "\x1d"  # GS1 group separator (FNC1 in the data)

messages.register(
    {
        "scan.empty": "Сканер ничего не передал. Отсканируйте штрихкод ещё раз.",
        "scan.too_long": "Считано слишком много символов ({length}, допустимо не больше {limit}). "
        "Похоже, отсканировано несколько кодов подряд — отсканируйте один код ещё раз.",
        "scan.bad_check_digit": "Номер клубной карты {sample} считан с ошибкой: "
        "не сходится контрольная цифра. Отсканируйте карту ещё раз или введите номер вручную.",
        "scan.unknown": "Код «{sample}» не распознан: это не заказ, не коробка, не ячейка, не клубная карта, "
        "не бейдж, не код получения, не накладная, не заявка и не сертификат. Проверьте, тот ли штрихкод "
        "отсканирован.",
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
    WAYBILL = auto()
    CLAIM = auto()  # a warranty claim number (protocol.claims shapes): the warranty page
    SERVICE_LABEL = auto()  # the box label of an item going to service (SL + claim number): service dispatch
    CERTIFICATE = auto()  # a gift certificate (GC + 12 digits, protocol.money_rules): pay or sell it


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
    ScanKind.WAYBILL,
    ScanKind.CLAIM, ScanKind.SERVICE_LABEL, ScanKind.CERTIFICATE,
    ScanKind.ORDER_NUMBER,
    ScanKind.PICKUP_CODE,
)
_CONTROL = re.compile(r"[\x00-\x1c\x1e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_AIM_ID = re.compile(r"^\][A-Za-z][0-9A-Za-z]")


def route_scan(raw: str, settings: ScannerSettings = DEFAULT) -> Scan:
    """Clean a scanned string and classify it; DomainError('scan.*') when it is not a known code.

    The one classification of a scan in the app: the dispatcher calls it once per scan with the
    live scanner settings and hands the typed `Scan` on.
    """
    patterns = settings.patterns
    if len(raw) > patterns.max_length * 4:
        raise DomainError("scan.too_long", length=len(raw), limit=patterns.max_length)
    text = clean(raw, settings)
    if not text:
        raise DomainError("scan.empty")
    if len(text) > patterns.max_length:
        raise DomainError("scan.too_long", length=len(text), limit=patterns.max_length)
    for candidate, exact in _candidates(text, settings.layout_fix):
        scan = _classify(candidate, patterns, allow_token=exact)
        if scan is not None:
            return scan
    raise DomainError("scan.unknown", sample=mask_sample(text.replace(GS, "")), length=len(text))


def clean(raw: str, settings: ScannerSettings = DEFAULT) -> str:
    """Strip control characters (keeping inner GS1 separators), the AIM id, prefix, suffix and blanks."""
    text = _CONTROL.sub("", raw).strip().strip(GS).strip()
    if settings.patterns.strip_aim_id and _AIM_ID.match(text):
        text = text[3:]
    prefix, suffix = settings.prefix, settings.data_suffix
    if prefix and text.startswith(prefix):
        text = text[len(prefix) :]
    if suffix and text.endswith(suffix):
        text = text[: -len(suffix)]
    return text.strip().strip(GS).strip()


def _candidates(text: str, layout_fix: bool) -> list[tuple[str, bool]]:
    """The text as read, without GS1 separators, then upper-cased / re-keyed from Cyrillic (inexact)."""
    plain = text.replace(GS, "")
    out = {text: True}
    out.setdefault(plain, True)
    out.setdefault(plain.upper(), False)
    if layout_fix:
        out.setdefault(fix_layout(plain).upper(), False)
    return list(out.items())


def _classify(text: str, patterns: ScanPatterns, allow_token: bool) -> Scan | None:
    """The first kind whose pattern matches; a case-changed text is never taken as a signed QR token."""
    for kind in _KIND_ORDER:
        if kind is ScanKind.PICKUP_TOKEN and not allow_token:
            continue
        if patterns.pattern(kind.value).fullmatch(text):
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
    return translate("ScanRouting", "{head}…{tail} ({length} симв.)").format(
        head=printable[:keep_head], tail=printable[-keep_tail:], length=len(printable)
    )
