"""What the clerk and the manager call each journal action and outbox event type (the order timeline, the Sync page)."""

from __future__ import annotations

from desktop.translatable import QT_TRANSLATE_NOOP, translate

ACTION_NAMES = {
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
    "handover.credit_agreement": QT_TRANSLATE_NOOP("Terms", "кредитный договор записан"),
    "certificate.pin_wrong": QT_TRANSLATE_NOOP("Terms", "неверный PIN-код сертификата"),
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
    "bonus.redeemed": QT_TRANSLATE_NOOP("Terms", "оплата баллами"),
    "certificate.sold": QT_TRANSLATE_NOOP("Terms", "продажа подарочного сертификата"),
    "certificate.redeemed": QT_TRANSLATE_NOOP("Terms", "оплата подарочным сертификатом"),
    "receiving.scan_undone": QT_TRANSLATE_NOOP("Terms", "приёмка коробки отменена"),
    "shift.opened": QT_TRANSLATE_NOOP("Terms", "смена открыта"),
    "fiscal.pending": QT_TRANSLATE_NOOP("Terms", "документ отправлен на кассу"),
    "fiscal.done": QT_TRANSLATE_NOOP("Terms", "касса напечатала документ"),
    "fiscal.failed": QT_TRANSLATE_NOOP("Terms", "касса не напечатала документ"),
    "fiscal.not_fiscal": QT_TRANSLATE_NOOP("Terms", "документ записан без кассы"),
    "shift.closed": QT_TRANSLATE_NOOP("Terms", "смена закрыта"),
    "receiving.opened": QT_TRANSLATE_NOOP("Terms", "приёмка начата"),
    "receiving.unexpected_box": QT_TRANSLATE_NOOP("Terms", "лишняя или чужая коробка"),
    "receiving.closed": QT_TRANSLATE_NOOP("Terms", "приёмка закрыта"),
    "club.card_activated": QT_TRANSLATE_NOOP("Terms", "активация клубной карты"),
    "return.opened": QT_TRANSLATE_NOOP("Terms", "возврат начат"),
    "return.closed": QT_TRANSLATE_NOOP("Terms", "возврат закрыт"),
    "claim.accepted": QT_TRANSLATE_NOOP("Terms", "изделие принято по гарантии"),
    "service.opened": QT_TRANSLATE_NOOP("Terms", "отправка в сервис начата"),
    "claim.dispatched": QT_TRANSLATE_NOOP("Terms", "изделие отправлено в сервис"),
    "service.closed": QT_TRANSLATE_NOOP("Terms", "отправка в сервис закрыта"),
    "service.resumed": QT_TRANSLATE_NOOP("Terms", "отправка в сервис продолжена"),
    "service.scanned": QT_TRANSLATE_NOOP("Terms", "изделие отсканировано в отправку в сервис"),
    "service.undone": QT_TRANSLATE_NOOP("Terms", "изделие убрано из отправки в сервис"),
    "claim.serial_override": QT_TRANSLATE_NOOP("Terms", "менеджер разрешил приём с другим серийным номером"),
    "auth.login_failed": QT_TRANSLATE_NOOP("Terms", "неудачный вход"),
    "club.activation_code_failed": QT_TRANSLATE_NOOP("Terms", "неверный код активации карты"),
    "journal.verified": QT_TRANSLATE_NOOP("Terms", "журнал проверен"),
    "receiving.open": QT_TRANSLATE_NOOP("Terms", "приёмка начата"),
    "receiving.close": QT_TRANSLATE_NOOP("Terms", "приёмка закрыта"),
    "receiving.handed_over": QT_TRANSLATE_NOOP("Terms", "приёмка передана следующей смене"),
    "return.handed_over": QT_TRANSLATE_NOOP("Terms", "возврат передан следующей смене"),
    "service.handed_over": QT_TRANSLATE_NOOP("Terms", "отправка в сервис передана следующей смене"),
    "return.resumed": QT_TRANSLATE_NOOP("Terms", "возврат продолжен"),
    "review.closed": QT_TRANSLATE_NOOP("Terms", "отмечено как разобранное"),
    "auth.login": QT_TRANSLATE_NOOP("Terms", "вход в программу"),
    "auth.login_refused": QT_TRANSLATE_NOOP("Terms", "вход отклонён"),
    "auth.locked": QT_TRANSLATE_NOOP("Terms", "учётная запись заблокирована"),
    "club.activation_confirmed": QT_TRANSLATE_NOOP("Terms", "активация карты подтверждена"),
    "club.activation_rejected": QT_TRANSLATE_NOOP("Terms", "активация карты отклонена"),
    "handover.code_lookup_wrong": QT_TRANSLATE_NOOP("Terms", "поиск по коду: неверный код"),
    "handover.code_lookup_locked": QT_TRANSLATE_NOOP("Terms", "поиск по коду закрыт до разрешения управляющего"),
    "handover.code_lookup_refused": QT_TRANSLATE_NOOP("Terms", "поиск по коду отклонён"),
    "handover.code_lookup_authorised": QT_TRANSLATE_NOOP("Terms", "поиск по коду разрешён управляющим"),
    "handover.code_lookup_not_authorised": QT_TRANSLATE_NOOP("Terms", "разрешение поиска по коду отклонено"),
    "receiving.received_elsewhere": QT_TRANSLATE_NOOP("Terms", "коробка принята на другом рабочем месте"),
}


def action_name(key: str) -> str | None:
    """The words for a journal action or an event type, in the UI language; None when the key has none."""
    source = ACTION_NAMES.get(key)
    return translate("Terms", source) if source else None


def event_name(event_type: str) -> str:
    """An outbox event type in words; an unknown type still reads as an event, never as a bare code."""
    return action_name(event_type) or translate("Terms", "событие {0}").format(event_type)
