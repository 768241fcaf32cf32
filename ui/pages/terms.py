"""Russian names of domain states (order, box, SMS, sync status) shown on pages; translatable.

Order and box statuses come from the core's table (desktop/state_names.py), which domain errors use too."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.action_names import action_name, event_name
from desktop.state_names import box_status_name, order_status_name
from desktop.translatable import of_total

SMS_STATUS = {
    "requested": QT_TRANSLATE_NOOP("Terms", "ждёт отправки"),
    "pending": QT_TRANSLATE_NOOP("Terms", "в очереди"),
    "sending": QT_TRANSLATE_NOOP("Terms", "отправляется"),
    "accepted": QT_TRANSLATE_NOOP("Terms", "отправлено"),
    "delivered": QT_TRANSLATE_NOOP("Terms", "доставлено"),
    "failed": QT_TRANSLATE_NOOP("Terms", "не доставлено"),
    "unknown": QT_TRANSLATE_NOOP("Terms", "статус неизвестен"),
    "held": QT_TRANSLATE_NOOP("Terms", "ждёт закрытия приёмки"),
    "cancelled": QT_TRANSLATE_NOOP("Terms", "отменено: заказ не готов"),
}
SMS_PURPOSE = {
    "ready": QT_TRANSLATE_NOOP("Terms", "код получения"),
    "reminder": QT_TRANSLATE_NOOP("Terms", "напоминание"),
    "receipt": QT_TRANSLATE_NOOP("Terms", "чек"),
    "club": QT_TRANSLATE_NOOP("Terms", "клубная карта"),
    "correction": QT_TRANSLATE_NOOP("Terms", "поправка: заказ не готов"),
}
SYNC_STATUS = {
    "pending": QT_TRANSLATE_NOOP("Terms", "ждёт отправки"),
    "applied": QT_TRANSLATE_NOOP("Terms", "принято сервером"),
    "duplicate": QT_TRANSLATE_NOOP("Terms", "уже было на сервере"),
    "rejected": QT_TRANSLATE_NOOP("Terms", "отклонено сервером"),
    "conflict": QT_TRANSLATE_NOOP("Terms", "конфликт"),
}
ALERT_KIND = {
    "order_locked": QT_TRANSLATE_NOOP("Terms", "заказ заблокирован"),
    "code_guesses": QT_TRANSLATE_NOOP("Terms", "подбор кодов получения"),
    "club_activation_rejected": QT_TRANSLATE_NOOP("Terms", "активация карты отклонена"),
    "order_flagged": QT_TRANSLATE_NOOP("Terms", "заказ требует внимания"),
    "handed_over_after_cancel": QT_TRANSLATE_NOOP("Terms", "выдан после отмены"),
    "conflict": QT_TRANSLATE_NOOP("Terms", "конфликт"),
    "rejected_event": QT_TRANSLATE_NOOP("Terms", "отклонено сервером"),
}
RETURN_REASON = {
    "expired": QT_TRANSLATE_NOOP("Terms", "срок хранения истёк"),
    "refused": QT_TRANSLATE_NOOP("Terms", "отказ клиента"),
    "cancelled": QT_TRANSLATE_NOOP("Terms", "отменён центром"),
    "partial": QT_TRANSLATE_NOOP("Terms", "частичный отказ"),
}


def _term(table: dict[str, object], key: str) -> str:
    """The clerk's word for a state or action (QT_TRANSLATE_NOOP marks the text; it is typed object in the stubs)."""
    source = table.get(key)
    return QCoreApplication.translate("Terms", str(source)) if source else key


def order_status(key: str) -> str:
    return order_status_name(key)


def box_status(key: str) -> str:
    return box_status_name(key)


def sms_status(key: str) -> str:
    return _term(SMS_STATUS, key)


def sms_purpose(key: str) -> str:
    return _term(SMS_PURPOSE, key)


def return_reason(key: str) -> str:
    return _term(RETURN_REASON, str(key))


def timeline_action(key: str) -> str:
    return action_name(key) or key


def event_problem(event_type: str, outcome: str) -> str:
    """A refused or conflicting event in words: «запрос SMS — конфликт»."""
    return f"{event_name(event_type)} — {sync_status(outcome)}"


def alert_kind(key: str) -> str:
    """What a manager alert is about; an unknown server flag still reads as a signal, never as a raw key."""
    return _term(ALERT_KIND, key) if key in ALERT_KIND else QCoreApplication.translate("Terms", "сигнал сервера")


def sync_status(key: str | None) -> str:
    return _term(SYNC_STATUS, key) if key else ""


def box_of(seq_no: int | None, total: int | None) -> str:
    """A box's place in its order as the clerk reads it ("2 of 3"); "—" when unknown."""
    if seq_no is None or total is None:
        return "—"
    return of_total(seq_no, total)
