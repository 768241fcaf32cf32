"""Russian SMS texts per purpose, rendered from a context dict (missing fields are an error)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from protocol.phone import mask_for_log as mask_phone  # noqa: F401  (the SMS code masks with this)
from protocol.states import SmsPurpose

TEMPLATES: dict[str, str] = {
    SmsPurpose.READY: (
        "Заказ {order} ждёт вас в пункте выдачи: {address}, часы работы {hours}. "
        "Код получения: {code}. Заберите до {last_day} включительно."
    ),
    SmsPurpose.REMINDER: (
        "Напоминаем: заказ {order} ждёт вас по адресу {address} ({hours}). "
        "Последний день хранения — {last_day}, затем заказ вернётся на склад."
    ),
    SmsPurpose.RECEIPT: "Заказ {order} выдан {date}. Сумма: {total}. Спасибо за покупку!",
    SmsPurpose.CLUB: "Клубная карта {card} активирована. На бонусный счёт начислено {points} баллов.",
    SmsPurpose.CORRECTION: (
        "Заказ {order} пока не готов к выдаче: приходить за ним рано. "
        "Когда заказ будет готов, мы пришлём новое SMS."
    ),
}


class TemplateError(ValueError):
    """The context lacks a field the template needs."""


def render(purpose: str, context: Mapping[str, Any]) -> str:
    """The SMS text for `purpose`; a reminder carrying a `code` repeats it."""
    template = TEMPLATES.get(purpose)
    if template is None:
        raise TemplateError(f"unknown SMS purpose: {purpose}")
    try:
        text = template.format(**context)
    except KeyError as missing:
        raise TemplateError(f"SMS {purpose}: missing field {missing}") from None
    if purpose == SmsPurpose.REMINDER and context.get("code"):
        text += f" Код получения: {context['code']}."
    return text

