"""Russian SMS texts per purpose, rendered from a context dict (missing fields are an error).

Every SMS is paid per segment: a text of GSM-7 characters only fits 160 per single SMS (153 per part of a
long one), any Cyrillic letter makes it UCS-2 with 70 (67 per part). The defaults keep the «ready» SMS and
the reminder within two segments for the longest realistic order (9-digit number, the full point address,
hours, a dd.mm.yyyy date: the fields alone are ~80 characters, so one segment cannot carry them), and the
others within one. A retailer may replace any template (backend Settings `sms_templates`); `check_templates`
refuses at start an unknown purpose, an unknown field or a text that would exceed two segments.
"""

from __future__ import annotations

import math
import string
from collections.abc import Mapping
from typing import Any

from protocol.phone import mask_for_log as mask_phone  # noqa: F401  (the SMS code masks with this)
from protocol.states import SmsPurpose

DEFAULT_TEMPLATES: dict[str, str] = {
    SmsPurpose.READY: "Заказ {order} готов. Код получения: {code}. {address}, {hours}. Хранение до {last_day}.",
    SmsPurpose.REMINDER: "Заказ {order} ждёт вас: {address}. Последний день хранения — {last_day}.",
    SmsPurpose.RECEIPT: "Заказ {order} выдан {date}. Сумма: {total}. Спасибо!",
    SmsPurpose.CLUB: "Карта {card} активирована, начислено {points} баллов.",
    SmsPurpose.CORRECTION: "Заказ {order} пока не готов. Пришлём SMS, когда можно забирать.",
    # the «ready» SMS of a warranty return order (protocol/claims.py): it names the claim
    "ready_warranty": "Заявка {claim}: изделие из сервиса готово. Код {code}. {address}, {hours}. До {last_day}.",
}
WARRANTY_READY = "ready_warranty"  # the «ready» template variant used when the context carries a `claim`
TEMPLATES: dict[str, str] = dict(DEFAULT_TEMPLATES)  # the active set: defaults plus the retailer's overrides
REMINDER_CODE = " Код получения: {code}."
FIELDS: dict[str, frozenset[str]] = {
    SmsPurpose.READY: frozenset({"order", "code", "address", "hours", "last_day", "point_code"}),
    SmsPurpose.REMINDER: frozenset({"order", "address", "hours", "last_day", "point_code"}),
    SmsPurpose.RECEIPT: frozenset({"order", "date", "total", "point_code"}),
    SmsPurpose.CLUB: frozenset({"card", "points", "order", "point_code"}),
    SmsPurpose.CORRECTION: frozenset({"order", "address", "hours", "last_day", "point_code"}),
    WARRANTY_READY: frozenset({"claim", "order", "code", "address", "hours", "last_day", "point_code"}),
}
MAX_SEGMENTS = 2
# the widest values a field takes in practice (tests/sms/test_templates.py checks them against demo data)
WIDEST: dict[str, str] = {
    "order": "9" * 9, "code": "9" * 6, "address": "Москва, ул. Тверская, д. 12, стр. 1",
    "hours": "ежедневно 10:00–21:00",
    "last_day": "31.12.2026", "date": "31.12.2026", "total": "9\u202f999\u202f999,99 ₽", "card": "9" * 13,
    "points": "190", "point_code": "0042",
}
WIDEST_CLAIM = "W" + "9" * 10  # a claim number opened at a counter (protocol/claims.py): only the warranty text has it
_GSM7 = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
_GSM7_EXT = set("^{}\\[~]|€\f")  # two septets each


class TemplateError(ValueError):
    """The context lacks a field the template needs, or a configured template is unusable."""


def segments(text: str) -> int:
    """How many SMS segments `text` costs (GSM-7: 160 single / 153 per part; UCS-2: 70 / 67)."""
    if all(ch in _GSM7 or ch in _GSM7_EXT for ch in text):
        units, single, part = len(text) + sum(ch in _GSM7_EXT for ch in text), 160, 153
    else:
        units, single, part = len(text.encode("utf-16-le")) // 2, 70, 67
    return 1 if units <= single else math.ceil(units / part)


def check_templates(overrides: Mapping[str, str]) -> dict[str, str]:
    """Defaults plus `overrides`, each checked (known purpose and fields, ≤ 2 segments at widest values)."""
    merged = dict(DEFAULT_TEMPLATES)
    for purpose, template in overrides.items():
        if purpose not in FIELDS:
            raise TemplateError(f"SMS template for an unknown purpose: {purpose}")
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
        if not names <= FIELDS[purpose]:
            raise TemplateError(f"SMS template {purpose}: unknown fields {sorted(names - FIELDS[purpose])}")
        merged[purpose] = template
    for purpose in merged:
        worst = segments(_render_with(merged, purpose, {**WIDEST, "claim": WIDEST_CLAIM}))
        if worst > MAX_SEGMENTS:
            raise TemplateError(f"SMS template {purpose}: {worst} segments at the widest values (max {MAX_SEGMENTS})")
    return merged


def use_templates(overrides: Mapping[str, str]) -> None:
    """Make the retailer's templates (checked) the active set for `render`."""
    checked = check_templates(overrides)
    TEMPLATES.clear()
    TEMPLATES.update(checked)


def render(purpose: str, context: Mapping[str, Any]) -> str:
    """The SMS text for `purpose`; a reminder carrying a `code` repeats it; a «ready» one with a `claim` names it."""
    if purpose not in TEMPLATES:
        raise TemplateError(f"unknown SMS purpose: {purpose}")
    if purpose == SmsPurpose.READY and context.get("claim"):
        purpose = WARRANTY_READY
    return _render_with(TEMPLATES, purpose, context)


def _render_with(templates: Mapping[str, str], purpose: str, context: Mapping[str, Any]) -> str:
    try:
        text = templates[purpose].format(**context)
    except KeyError as missing:
        raise TemplateError(f"SMS {purpose}: missing field {missing}") from None
    if purpose == SmsPurpose.REMINDER and context.get("code"):
        text += REMINDER_CODE.format(code=context["code"])
    return text
