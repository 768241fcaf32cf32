"""Russian names of domain states (order status, SMS status, sync status) shown on pages; translatable."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.translatable import of_total

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
TIMELINE = {
    "receiving.scan": QT_TRANSLATE_NOOP("Terms", "коробка принята"),
    "receiving.undo": QT_TRANSLATE_NOOP("Terms", "приёмка коробки отменена"),
    "receiving.damaged": QT_TRANSLATE_NOOP("Terms", "отмечено повреждение"),
    "cell.place": QT_TRANSLATE_NOOP("Terms", "коробка размещена"),
    "sms.resend": QT_TRANSLATE_NOOP("Terms", "SMS отправлено повторно"),
    "sms.reminders": QT_TRANSLATE_NOOP("Terms", "напоминание о сроке"),
    "handover.started": QT_TRANSLATE_NOOP("Terms", "выдача начата"),
    "handover.resumed": QT_TRANSLATE_NOOP("Terms", "выдача продолжена"),
    "handover.verified": QT_TRANSLATE_NOOP("Terms", "код получения подтверждён"),
    "handover.wrong_code": QT_TRANSLATE_NOOP("Terms", "неверный код получения"),
    "handover.id_document": QT_TRANSLATE_NOOP("Terms", "документ проверен"),
    "handover.power_of_attorney": QT_TRANSLATE_NOOP("Terms", "доверенность записана"),
    "handover.box_scanned": QT_TRANSLATE_NOOP("Terms", "коробка отсканирована при выдаче"),
    "handover.line_refused": QT_TRANSLATE_NOOP("Terms", "отказ от позиции"),
    "handover.paid": QT_TRANSLATE_NOOP("Terms", "оплата принята"),
    "handover.completed": QT_TRANSLATE_NOOP("Terms", "заказ выдан"),
    "handover.aborted": QT_TRANSLATE_NOOP("Terms", "выдача прервана"),
    "order.locked": QT_TRANSLATE_NOOP("Terms", "заказ заблокирован"),
    "order.unlocked": QT_TRANSLATE_NOOP("Terms", "заказ разблокирован"),
    "order.arrived": QT_TRANSLATE_NOOP("Terms", "заказ прибыл"),
    "order.returned": QT_TRANSLATE_NOOP("Terms", "заказ возвращён"),
    "storage.extended": QT_TRANSLATE_NOOP("Terms", "хранение продлено"),
    "return.box": QT_TRANSLATE_NOOP("Terms", "коробка в возврат"),
    "box.received": QT_TRANSLATE_NOOP("Terms", "коробка принята"),
    "box.placed": QT_TRANSLATE_NOOP("Terms", "коробка размещена"),
    "box.damaged": QT_TRANSLATE_NOOP("Terms", "отмечено повреждение"),
    "box.returned": QT_TRANSLATE_NOOP("Terms", "коробка в возврат"),
    "sms.requested": QT_TRANSLATE_NOOP("Terms", "запрос SMS"),
    "bonus.accrual": QT_TRANSLATE_NOOP("Terms", "начисление баллов"),
    "receiving.scan_undone": QT_TRANSLATE_NOOP("Terms", "приёмка коробки отменена"),
}
SYNC_STATUS = {
    "pending": QT_TRANSLATE_NOOP("Terms", "ждёт отправки"),
    "applied": QT_TRANSLATE_NOOP("Terms", "принято сервером"),
    "duplicate": QT_TRANSLATE_NOOP("Terms", "уже было на сервере"),
    "rejected": QT_TRANSLATE_NOOP("Terms", "отклонено сервером"),
    "conflict": QT_TRANSLATE_NOOP("Terms", "конфликт"),
}
RETURN_REASON = {
    "expired": QT_TRANSLATE_NOOP("Terms", "срок хранения истёк"),
    "refused": QT_TRANSLATE_NOOP("Terms", "отказ клиента"),
    "cancelled": QT_TRANSLATE_NOOP("Terms", "отменён центром"),
}


def _term(table: dict[str, object], key: str) -> str:
    """The clerk's word for a state or action (QT_TRANSLATE_NOOP marks the text; it is typed object in the stubs)."""
    source = table.get(key)
    return QCoreApplication.translate("Terms", str(source)) if source else key


def order_status(key: str) -> str:
    return _term(ORDER_STATUS, key)


def sms_status(key: str) -> str:
    return _term(SMS_STATUS, key)


def return_reason(key: str) -> str:
    return _term(RETURN_REASON, str(key))


def timeline_action(key: str) -> str:
    return _term(TIMELINE, key)


def sync_status(key: str | None) -> str:
    return _term(SYNC_STATUS, key) if key else ""


def box_of(seq_no: int | None, total: int | None) -> str:
    """A box's place in its order as the clerk reads it ("2 of 3"); "—" when unknown."""
    if seq_no is None or total is None:
        return "—"
    return of_total(seq_no, total)
