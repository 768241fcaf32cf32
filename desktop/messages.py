"""Domain error texts keyed by code: Russian templates registered by each module, rendered (and translated) here.

A template is a str.format text with named parameters: `"Заказ {order} не найден …"`. Where a count meets a
noun, the template names its count parameter with the format spec `n` — `"… после {attempts:n} неверных
кодов …"` — and the text becomes a numerus text (Qt's plural forms): describe() translates it with
n=params["attempts"], so the catalogue picks the form for that number (Russian one/few/many in
pickup_desk_ru.ts, English one/other in pickup_desk_en.ts; the Russian template itself is the form for 5).
One count per template (Qt's numerus has one n); register() refuses a second. ui/translations_build.py hands
counted templates to lupdate as numerus texts.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from desktop.translatable import translate

UNKNOWN_CODE = "error.unknown"
CONTEXT = "DomainMessages"  # the .ts context of every template (ui/translations_build.py writes it)
COUNT_SPEC = "n"  # `{name:n}`: the template's count parameter
_CATALOG: dict[str, str] = {}


def register(messages: Mapping[str, str]) -> None:
    """Add a module's error texts to the catalog (codes must be unique)."""
    for code, text in messages.items():
        if code in _CATALOG and _CATALOG[code] != text:
            raise ValueError(f"message code registered twice: {code}")
        if len(_counted_fields(text)) > 1:
            raise ValueError(f"message {code} counts more than one parameter: {_counted_fields(text)}")
        _CATALOG[code] = text


def catalog() -> dict[str, str]:
    """Every registered code and its Russian template (a copy)."""
    return dict(_CATALOG)


def template(code: str) -> str | None:
    """The Russian template for a code, or None."""
    return _CATALOG.get(code)


def _counted_fields(text: str) -> list[str]:
    try:
        return [name for _, name, spec, _ in string.Formatter().parse(text) if name and spec == COUNT_SPEC]
    except ValueError:  # not a valid format text: it has no parameters to count
        return []


def counted_field(text: str) -> str | None:
    """The name of a template's count parameter (written `{name:n}`), or None for a template without a count."""
    fields = _counted_fields(text)
    return fields[0] if fields else None


class Text:
    """A catalogue text rendered when shown, not when made: a parameter of an error raised before the UI
    installs its translator (the configuration is read first) still appears in the UI language."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params

    def __repr__(self) -> str:
        return f"Text({self.code!r}, {self.params!r})"

    def __str__(self) -> str:
        return describe(self.code, self.params)


def describe(code: str, params: Mapping[str, Any]) -> str:
    """The clerk-facing text for a domain error code: the template, translated, with its parameters.

    A state parameter (an order, box or handover status, an order event) reads in the clerk's words."""
    from desktop.state_names import state_params  # imported here: the names table needs the models, this module not

    if code not in _CATALOG:
        return _filled(translate(CONTEXT, _CATALOG[UNKNOWN_CODE]), {"code": code})
    source = _CATALOG[code]
    params = state_params(code, params)
    name, n = _count(source, params)
    if name is not None and n is not None:
        params = {**params, name: n}
    return _filled(translate(CONTEXT, source, n=n), params)


def _filled(text: str, params: Mapping[str, Any]) -> str:
    """`text` with its parameters, or as it is when a (translated) text names a parameter that is not there."""
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError, TypeError):
        return text


def _count(source: str, params: Mapping[str, Any]) -> tuple[str | None, int | None]:
    """The template's count parameter and its number (None when the template counts nothing or it is missing)."""
    name = counted_field(source)
    try:
        return name, int(params[name]) if name is not None else None
    except (KeyError, TypeError, ValueError):
        return name, None


register(
    {
        UNKNOWN_CODE: "Ошибка: {code}",
        "auth.forbidden": "Недостаточно прав: действие «{action}» доступно роли «{required}».",
        "auth.not_logged_in": "Войдите в систему: действие требует авторизованного сотрудника.",
        "auth.shift_closed": "Смена не открыта. Откройте смену, чтобы работать с заказами.",
        "order.illegal_transition": "Заказ {order}: переход «{event}» невозможен из состояния «{current}».",
        "order.not_found": "Заказ {order} не найден в этом пункте выдачи.",
        "db.migration_failed": "Не удалось обновить базу данных ({error}). Восстановлена резервная копия {backup}. "
        "Обратитесь в поддержку; данные не потеряны.",
        "point.not_configured": "Пункт выдачи не настроен на этом компьютере. Выполните регистрацию (enrol).",
        "qr.malformed": "QR-код не распознан как код получения заказа. Попросите клиента открыть код заново.",
        "qr.bad_signature": "QR-код поддельный или повреждён: подпись не сходится. Попросите код из SMS.",
        "qr.expired": "Срок действия QR-кода заказа {order} истёк. Попросите клиента обновить код в приложении.",
        "db.newer_than_app": "База данных создана более новой версией программы (ревизия {revision}). "
        "Обновите программу.",
    }
)
