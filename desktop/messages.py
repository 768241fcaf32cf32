"""Domain error texts keyed by code: Russian templates registered by each module, rendered (and translated) here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.translatable import translate

UNKNOWN_CODE = "error.unknown"
CONTEXT = "DomainMessages"  # the .ts context of every template (ui/translations_build.py writes it)
_CATALOG: dict[str, str] = {}


def register(messages: Mapping[str, str]) -> None:
    """Add a module's error texts to the catalog (codes must be unique)."""
    for code, text in messages.items():
        if code in _CATALOG and _CATALOG[code] != text:
            raise ValueError(f"message code registered twice: {code}")
        _CATALOG[code] = text


def catalog() -> dict[str, str]:
    """Every registered code and its Russian template (a copy)."""
    return dict(_CATALOG)


def template(code: str) -> str | None:
    """The Russian template for a code, or None."""
    return _CATALOG.get(code)


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

    known = code in _CATALOG
    text = translate(CONTEXT, _CATALOG[code if known else UNKNOWN_CODE])
    try:
        return text.format(**state_params(code, params)) if known else text.format(code=code)
    except (KeyError, IndexError, ValueError):
        return text


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
