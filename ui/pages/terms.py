"""Russian names of domain states (order status, SMS status, sync status) shown on pages; translatable."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

ORDER_STATUS = {
    "created": QT_TRANSLATE_NOOP("Terms", "создан"),
    "in_transit": QT_TRANSLATE_NOOP("Terms", "в пути"),
    "partially_arrived": QT_TRANSLATE_NOOP("Terms", "прибыл частично"),
    "arrived": QT_TRANSLATE_NOOP("Terms", "прибыл"),
    "ready": QT_TRANSLATE_NOOP("Terms", "готов к выдаче"),
    "handed_over": QT_TRANSLATE_NOOP("Terms", "выдан"),
    "partially_handed_over": QT_TRANSLATE_NOOP("Terms", "выдан частично"),
    "refused": QT_TRANSLATE_NOOP("Terms", "отказ"),
    "returned": QT_TRANSLATE_NOOP("Terms", "возвращён"),
    "cancelled": QT_TRANSLATE_NOOP("Terms", "отменён"),
}
SMS_STATUS = {
    "requested": QT_TRANSLATE_NOOP("Terms", "ждёт отправки"),
    "pending": QT_TRANSLATE_NOOP("Terms", "в очереди"),
    "sending": QT_TRANSLATE_NOOP("Terms", "отправляется"),
    "accepted": QT_TRANSLATE_NOOP("Terms", "отправлено"),
    "delivered": QT_TRANSLATE_NOOP("Terms", "доставлено"),
    "failed": QT_TRANSLATE_NOOP("Terms", "не доставлено"),
    "unknown": QT_TRANSLATE_NOOP("Terms", "статус неизвестен"),
}
RETURN_REASON = {
    "expired": QT_TRANSLATE_NOOP("Terms", "срок хранения истёк"),
    "refused": QT_TRANSLATE_NOOP("Terms", "отказ клиента"),
    "cancelled": QT_TRANSLATE_NOOP("Terms", "отменён центром"),
}


def _term(table: dict[str, str], key: str) -> str:
    source = table.get(key)
    return QCoreApplication.translate("Terms", source) if source else key


def order_status(key: str) -> str:
    return _term(ORDER_STATUS, key)


def sms_status(key: str) -> str:
    return _term(SMS_STATUS, key)


def return_reason(key: str) -> str:
    return _term(RETURN_REASON, str(key))
