"""Russian texts for domain error codes; each service module registers its own codes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_CATALOG: dict[str, str] = {
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


def register(messages: Mapping[str, str]) -> None:
    """Add a module's error texts to the catalog (codes must be unique)."""
    for code, text in messages.items():
        if code in _CATALOG and _CATALOG[code] != text:
            raise ValueError(f"message code registered twice: {code}")
        _CATALOG[code] = text


def template(code: str) -> str | None:
    """The Russian template for a code, or None."""
    return _CATALOG.get(code)


def describe(code: str, params: Mapping[str, Any]) -> str:
    """Render the Russian text for a domain error code."""
    text = _CATALOG.get(code)
    if text is None:
        return f"Ошибка: {code}"
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text
