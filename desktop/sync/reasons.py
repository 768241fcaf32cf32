"""The server's verdict reasons and flags in words: rendered by code through the DomainMessages catalogue.

The server answers machine reasons such as `box_not_in_storage:placed` (backend/rules); the manager's
Sync page shows them translated, and a reason this version does not know as a readable fallback, never raw.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from desktop import messages
from desktop.action_names import event_name
from protocol.states import EventOutcome

log = logging.getLogger(__name__)
UNKNOWN_REASON = "sync.reason.unknown"
UNKNOWN_FLAG = "sync.flag.unknown"
SMS_GATEWAY_UNKNOWN = "sync.sms_gateway.unknown"
# alert kinds raised by the sync (desktop/sync/apply.py): their text is rendered from the stored details
EVENT_ALERTS = ("conflict", "rejected_event")

messages.register(
    {
        "sync.problem": "{type} ({verdict}): {reason}. Проверьте и решите вручную.",
        "sync.verdict.conflict": "конфликт",
        "sync.verdict.rejected": "отклонено сервером",
        UNKNOWN_REASON: "причина не распознана этой версией программы (подробности в журнале программы)",
        "sync.reason.none": "причина не указана",
        "sync.reason.unknown_order": "заказ {detail} неизвестен серверу",
        "sync.reason.foreign_order": "заказ {detail} относится к другому пункту выдачи",
        "sync.reason.unknown_box": "коробка {detail} неизвестна серверу",
        "sync.reason.foreign_box": "коробка {detail} относится к другому пункту выдачи",
        "sync.reason.box_order_mismatch": "коробка {detail} принадлежит другому заказу",
        "sync.reason.box_already_received": "коробка уже принята",
        "sync.reason.box_not_received": "коробка не была принята",
        "sync.reason.order_cancelled": "заказ отменён центром",
        "sync.reason.order_already_arrived": "заказ уже поступил",
        "sync.reason.unknown_cell": "ячейка {detail} неизвестна серверу",
        "sync.reason.box_not_in_storage": "коробка уже не на хранении (состояние: {detail})",
        "sync.reason.invalid_extension": "неверный срок продления хранения",
        "sync.reason.order_not_in_storage": "заказ уже не на хранении (состояние: {detail})",
        "sync.reason.invalid_sms_request": "неверный запрос SMS ({detail})",
        "sync.reason.order_not_ready": "заказ не готов к выдаче (состояние: {detail})",
        "sync.reason.no_active_card": "у клиента нет активной клубной карты ({detail})",
        "sync.reason.invalid_result": "неверный итог выдачи ({detail})",
        "sync.reason.handover_already_recorded": "выдача уже записана",
        "sync.reason.order_already_closed": "заказ уже закрыт (состояние: {detail})",
        "sync.reason.order_not_handed_over": "заказ не выдан (состояние: {detail})",
        "sync.reason.invalid_points": "неверное число баллов ({detail})",
        "sync.reason.bonus_already_credited": "баллы уже начислены",
        "sync.reason.unknown_card": "карта {detail} неизвестна серверу",
        "sync.reason.foreign_card": "карта {detail} относится к другому пункту выдачи",
        "sync.reason.activation_bonus_already_credited": "баллы за активацию уже начислены",
        "sync.reason.card_already_active": "карта уже активирована",
        "sync.reason.unknown_city": "города клиента нет в списке городов клуба",
        "sync.reason.customer_not_found": "клиент с этим телефоном неизвестен центру",
        "sync.reason.phone_has_card": "у клиента с этим телефоном уже есть активная карта {detail}",
        "sync.reason.no_qualifying_order": "у клиента нет заказа на сумму от 5 000 ₽",
        "sync.reason.points_exceed_paid": "баллов больше, чем рублей оплачено за выданные товары ({detail})",
        "sync.reason.order_already_returned": "заказ уже возвращён",
        "sync.reason.order_handed_over": "заказ уже выдан клиенту",
        "sync.reason.schema_too_new": "событие записано более новой версией программы",
        "sync.reason.invalid_payload": "данные события не прошли проверку сервера",
        "sync.reason.internal_error": "внутренняя ошибка сервера",
        "sync.reason.text_too_long": "текст в поле «{detail}» длиннее, чем сервер может сохранить",
        "sync.reason.text_has_nul": "в поле «{detail}» недопустимый символ (нулевой байт)",
        "sync.reason.number_out_of_range": "число в поле «{detail}» слишком велико для сервера",
        "sync.reason.value_not_storable": "сервер не смог сохранить значение события",
        "sync.reason.server_error": "сервер не смог обработать событие (HTTP {detail}), остальные события отправлены",
        "sync.reason.request_refused": "сервер не принял событие (HTTP {detail})",
        "sync.reason.sms_resend_too_soon": "SMS по этому заказу уже отправлялось менее 10 минут назад",
        "sync.reason.sms_daily_limit": "по этому заказу сегодня уже отправлено предельное число SMS (3 в день)",
        "sync.reason.payload_too_large": "данные события больше, чем сервер принимает (1 МБ)",
        "sync.reason.event_id_reused": "номер события уже занят другим событием",
        "sync.reason.event_id_reused_with_different_payload": "номер события уже занят другим событием",
        "sync.reason.claim_foreign_order": "гарантийная заявка по заказу другого пункта выдачи {detail}",
        "sync.reason.claim_not_purchased": "заказ не выдан клиенту или в нём нет такого товара {detail}",
        "sync.reason.claim_serial_mismatch": "серийный номер изделия не совпадает с товаром заказа {detail}",
        "sync.reason.claim_override_not_manager": "приём с другим серийным номером разрешил не менеджер "
        "этого пункта {detail}",
        "sync.reason.claim_duplicate_item": "изделие уже сдано по другой открытой заявке {detail}",
        "sync.reason.claim_unknown": "гарантийная заявка неизвестна серверу {detail}",
        "sync.reason.claim_closed": "гарантийная заявка уже закрыта {detail}",
        "sync.reason.claim_illegal_step": "шаг невозможен в текущем состоянии гарантийной заявки {detail}",
        "sync.reason.claim_already_dispatched": "изделие по заявке уже отправлено в сервис {detail}",
        "sync.reason.claim_warranty_expired": "по расчёту сервера гарантия уже закончилась, возможен только "
        "платный ремонт {detail}",
        "sync.reason.claim_bad_checklist": "неизвестный пункт проверки изделия {detail}",
        "sync.reason.claim_bad_number": "неверный номер гарантийной заявки {detail}",
        "sync.reason.claim_label_mismatch": "этикетка изделия не та, что выдана при приёме {detail}",
        "sync.reason.bad_tenders": "оплата не сходится с суммой к оплате или нарушает правила оплаты ({detail})",
        "sync.reason.credit_agreement_missing": "кредитный заказ выдан без номера подписанного кредитного договора",
        "sync.reason.points_overdraft": "баллов на счёте не хватило: на счёте и к списанию {detail} — баллы "
        "уже потрачены на другом компьютере",
        "sync.reason.handover_not_recorded": "выдача, к которой относится оплата, не записана на сервере",
        "sync.reason.redemption_already_recorded": "списание уже записано",
        "sync.reason.redemption_not_in_payment": "списание не совпадает с оплатой, записанной при выдаче",
        "sync.reason.unknown_certificate": "сертификат {detail} неизвестен серверу",
        "sync.reason.certificate_not_in_stock": "сертификат уже не на складе (состояние: {detail}) — возможно, "
        "продан на другом компьютере",
        "sync.reason.certificate_face_mismatch": "номинал сертификата другой ({detail} коп.)",
        "sync.reason.certificate_face_invalid": "недопустимый номинал сертификата ({detail} коп.)",
        "sync.reason.certificate_sale_already_recorded": "продажа сертификата уже записана",
        "sync.reason.certificate_not_active": "сертификат не активен (состояние: {detail})",
        "sync.reason.certificate_expired": "срок действия сертификата истёк",
        "sync.reason.certificate_blocked": "сертификат заблокирован",
        "sync.reason.certificate_overdraft": "на сертификате не хватило денег: остаток и к списанию {detail} коп. "
        "— сертификат уже потрачен на другом компьютере",
        "sync.reason.invalid_amount": "неверная сумма ({detail} коп.)",
        UNKNOWN_FLAG: "Заказ {order}: сервер отметил его для разбора. Свяжитесь с центром.",
        "sync.flag.handed_over_after_cancel": "Заказ {order} был отменён, но выдан клиенту. "
        "Свяжитесь с клиентом и оформите возврат товара или оплату.",
        SMS_GATEWAY_UNKNOWN: "SMS не отправляются: шлюз отказал по учётной записи. Проверьте настройки шлюза.",
        "sync.sms_gateway.auth": "SMS не отправляются: неверный пароль шлюза",
        "sync.sms_gateway.funds": "SMS не отправляются: нет денег на счёте",
        "sync.sms_gateway.ip_blocked": "SMS не отправляются: IP заблокирован шлюзом",
        "sync.sms_gateway.config": "SMS не отправляются: ошибка настроек учётной записи шлюза",
        "sync.sms_gateway.daily_limit": "SMS не отправляются: исчерпан дневной лимит учётной записи шлюза",
    }
)


# What to do about a refused or conflicting event: one text per family of reason codes (`sync.remedy.<family>`),
# and a code may register its own `sync.remedy.<code>` that wins over its family's. Every `sync.reason.<code>`
# above has a family here (tests/unit/test_manager_exceptions.py checks it); an unknown code gets the fallback.
UNKNOWN_REMEDY = "sync.remedy.unknown"
REMEDY_FAMILIES: dict[str, tuple[str, ...]] = {
    "centre_data": ("unknown_order", "foreign_order", "unknown_box", "foreign_box", "box_order_mismatch",
                    "unknown_cell", "unknown_card", "foreign_card", "unknown_city", "customer_not_found"),
    "already_done": ("box_already_received", "order_already_arrived", "handover_already_recorded",
                     "bonus_already_credited", "activation_bonus_already_credited", "card_already_active",
                     "order_already_returned", "redemption_already_recorded", "certificate_sale_already_recorded"),
    "money": ("bad_tenders", "credit_agreement_missing", "points_overdraft", "handover_not_recorded",
              "unknown_certificate", "certificate_not_in_stock", "certificate_face_mismatch",
              "certificate_face_invalid", "certificate_not_active", "certificate_expired", "certificate_blocked",
              "certificate_overdraft", "invalid_amount", "redemption_not_in_payment"),
    "order_state": ("order_cancelled", "order_not_ready", "order_not_in_storage", "order_already_closed",
                    "order_not_handed_over", "order_handed_over", "box_not_received", "box_not_in_storage"),
    "club_rules": ("no_active_card", "phone_has_card", "no_qualifying_order", "points_exceed_paid",
                   "invalid_points"),
    "bad_data": ("invalid_extension", "invalid_sms_request", "invalid_result", "invalid_payload", "text_too_long",
                 "text_has_nul", "number_out_of_range", "value_not_storable", "schema_too_new",
                 "payload_too_large"),
    "server_fault": ("internal_error", "server_error", "request_refused", "event_id_reused",
                     "event_id_reused_with_different_payload"),
    "sms_limit": ("sms_resend_too_soon", "sms_daily_limit"),
    "claims": ("claim_foreign_order", "claim_not_purchased", "claim_serial_mismatch", "claim_override_not_manager",
               "claim_duplicate_item", "claim_unknown", "claim_closed", "claim_illegal_step",
               "claim_already_dispatched", "claim_warranty_expired", "claim_bad_checklist", "claim_bad_number",
               "claim_label_mismatch"),
}
REMEDY_FAMILY = {code: family for family, codes in REMEDY_FAMILIES.items() for code in codes}

messages.register(
    {
        UNKNOWN_REMEDY: "Откройте карточку заказа, сверьте её с тем, что было на самом деле, и сообщите в центр "
        "код события.",
        "sync.remedy.none": "Сообщите в центр код события: сервер не назвал причину.",
        "sync.remedy.centre_data": "Сверьте номер с накладной и с коробкой. Если он верный — данные пункта и центра "
        "расходятся: сообщите в центр код события и не повторяйте действие.",
        "sync.remedy.already_done": "Ничего делать не нужно: сервер уже знает об этом (например, с другого "
        "компьютера). Отметьте «Разобрано».",
        "sync.remedy.order_state": "Откройте карточку заказа и сверьте, где на самом деле коробки и выдан ли заказ; "
        "расхождение решите с центром.",
        "sync.remedy.order_cancelled": "Заказ отменён центром. Если товар уже у клиента — свяжитесь с центром и "
        "клиентом, оформите возврат товара или оплату; если нет — отправьте заказ в возврат.",
        "sync.remedy.club_rules": "Сервер не подтвердил операцию клуба: баллы или карта не засчитаны. Объясните "
        "клиенту причину; при споре — обращение в центр.",
        "sync.remedy.bad_data": "Сервер не принял данные события. Повторите действие, проверив введённое; если "
        "повторяется — обновите программу и сообщите в поддержку код события.",
        "sync.remedy.server_fault": "Сбой на стороне сервера, данные на этом компьютере сохранены. Сообщите в "
        "поддержку код события и время.",
        "sync.remedy.claims": "Сервер не принял шаг гарантийной заявки. Найдите заявку на странице «Гарантия», "
        "сверьте изделие, серийный номер и заказ; изделие держите в пункте и решите вопрос с центром.",
        "sync.remedy.money": "Сервер не принял оплату баллами или сертификатом (или её запись): клиент уже ушёл "
        "с товаром. Сверьте чек и оплату; недостающую сумму решите с клиентом и центром. Списание, которое сервер "
        "не принял, на этом компьютере снято.",
        "sync.remedy.sms_limit": "Сервер не отправил лишнее SMS: повторять можно не чаще раза в 10 минут и не "
        "больше трёх раз в день. Код получения у клиента прежний; при необходимости повторите отправку позже.",
    }
)


def describe_remedy(reason: str | None) -> str:
    """What the manager does about an event refused or in conflict for `reason` (`code` or `code:detail`)."""
    if not reason:
        return messages.describe("sync.remedy.none", {})
    code = reason.partition(":")[0].strip()
    for key in (f"sync.remedy.{code}", f"sync.remedy.{REMEDY_FAMILY.get(code, '-')}"):
        if messages.template(key) is not None:
            return messages.describe(key, {})
    return messages.describe(UNKNOWN_REMEDY, {})


def describe_reason(reason: str | None) -> str:
    """A server reason (`code` or `code:detail`) in words; a readable fallback for a code this version does not know."""
    if not reason:
        return messages.describe("sync.reason.none", {})
    code, _, detail = reason.partition(":")
    key = f"sync.reason.{code.strip()}"
    if messages.template(key) is None:
        log.info("unknown server reason %r", reason)
        key = UNKNOWN_REASON
    return messages.describe(key, {"detail": detail.strip()})


def describe_problem(event_type: str, status: str, reason: str | None) -> str:
    """The manager's text for an event the server refused (`rejected`) or found in conflict."""
    key = "sync.verdict.conflict" if status == EventOutcome.CONFLICT else "sync.verdict.rejected"
    verdict = messages.describe(key, {})
    return messages.describe("sync.problem", {"type": event_name(event_type), "verdict": verdict,
                                               "reason": describe_reason(reason)})


def describe_flag(flag: str, order: str) -> str:
    """The manager's text for an order the server flagged (`order.flagged`)."""
    key = f"sync.flag.{flag}"
    return messages.describe(key if messages.template(key) is not None else UNKNOWN_FLAG, {"order": order})


def describe_alert(kind: str, message: str, details: Mapping[str, Any] | None) -> str:
    """An alert's text in the current language when the sync raised it (rendered from its details), else as stored."""
    details = details or {}
    if kind in EVENT_ALERTS and "status" in details:
        return describe_problem(str(details.get("type") or ""), str(details["status"]), details.get("reason"))
    if "sms_gateway" in details:
        return describe_sms_gateway(str(details["sms_gateway"]))
    if "flag" in details and details.get("order_number"):
        return describe_flag(str(details["flag"]), str(details["order_number"]))
    return message


def describe_sms_gateway(reason: str) -> str:
    """The manager's text for a paused SMS gateway (`sms.gateway`: auth | funds | ip_blocked)."""
    key = f"sync.sms_gateway.{reason}"
    return messages.describe(key if messages.template(key) is not None else SMS_GATEWAY_UNKNOWN, {})
