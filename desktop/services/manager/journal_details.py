"""A journal entry's details as the manager reads them: each key in words, each known value in words.

The journal stores details as canonical JSON with machine keys (``{"handover": "<uid>", "attempts": 2}``);
the console shows «выдача: 3f2a9c1e; попыток: 2». Keys and values not in the tables are shown as stored
(so a new kind of entry is never hidden); uids are cut to their first 8 characters (enough to tell two
sessions apart on one screen); kopeck amounts read as roubles; an empty value is left out.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, tzinfo
from typing import Any

from desktop.point_time import point_time
from desktop.services.handover.model import ID_DOCUMENT_TYPES, LABEL_CONTEXT, REFUSAL_REASONS
from desktop.state_names import claim_outcome_name, cover_name, order_status_name
from desktop.translatable import QT_TRANSLATE_NOOP, translate
from protocol.claims import ClaimOutcome
from protocol.money import rub

CONTEXT = "JournalDetails"
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")  # an ISO 8601 moment, e.g. a storage extension's «until»
_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MONEY_KEYS = frozenset({"due", "paid", "tendered", "change", "refund_by_centre", "face", "total"})

KEY_NAMES: dict[str, str] = {
    "handover": QT_TRANSLATE_NOOP("JournalDetails", "выдача"),
    "session": QT_TRANSLATE_NOOP("JournalDetails", "сессия"),
    "order": QT_TRANSLATE_NOOP("JournalDetails", "заказ"),
    "orders": QT_TRANSLATE_NOOP("JournalDetails", "заказов"),
    "box": QT_TRANSLATE_NOOP("JournalDetails", "коробка"),
    "boxes": QT_TRANSLATE_NOOP("JournalDetails", "коробок"),
    "card": QT_TRANSLATE_NOOP("JournalDetails", "карта"),
    "phone": QT_TRANSLATE_NOOP("JournalDetails", "телефон"),
    "city": QT_TRANSLATE_NOOP("JournalDetails", "город"),
    "attempts": QT_TRANSLATE_NOOP("JournalDetails", "попыток"),
    "outcome": QT_TRANSLATE_NOOP("JournalDetails", "итог"),
    "result": QT_TRANSLATE_NOOP("JournalDetails", "итог"),
    "reason": QT_TRANSLATE_NOOP("JournalDetails", "причина"),
    "method": QT_TRANSLATE_NOOP("JournalDetails", "способ"),
    "by": QT_TRANSLATE_NOOP("JournalDetails", "чем подтверждено"),
    "doc_type": QT_TRANSLATE_NOOP("JournalDetails", "документ"),
    "number": QT_TRANSLATE_NOOP("JournalDetails", "номер"),
    "sku": QT_TRANSLATE_NOOP("JournalDetails", "артикул"),
    "quantity": QT_TRANSLATE_NOOP("JournalDetails", "количество"),
    "due": QT_TRANSLATE_NOOP("JournalDetails", "к оплате"),
    "paid": QT_TRANSLATE_NOOP("JournalDetails", "оплачено"),
    "tendered": QT_TRANSLATE_NOOP("JournalDetails", "внесено"),
    "change": QT_TRANSLATE_NOOP("JournalDetails", "сдача"),
    "refund_by_centre": QT_TRANSLATE_NOOP("JournalDetails", "вернёт центр"),
    "points": QT_TRANSLATE_NOOP("JournalDetails", "баллов"),
    "kept_box": QT_TRANSLATE_NOOP("JournalDetails", "оставлена коробка"),
    "note": QT_TRANSLATE_NOOP("JournalDetails", "примечание"),
    "shipment": QT_TRANSLATE_NOOP("JournalDetails", "накладная"),
    "expected": QT_TRANSLATE_NOOP("JournalDetails", "ожидалось"),
    "days": QT_TRANSLATE_NOOP("JournalDetails", "дней"),
    "until": QT_TRANSLATE_NOOP("JournalDetails", "до"),
    "shift": QT_TRANSLATE_NOOP("JournalDetails", "смена"),
    "staff": QT_TRANSLATE_NOOP("JournalDetails", "сотрудник"),
    "clerk": QT_TRANSLATE_NOOP("JournalDetails", "кассир"),
    "manager": QT_TRANSLATE_NOOP("JournalDetails", "менеджер"),
    "kind": QT_TRANSLATE_NOOP("JournalDetails", "вид"),
    "checked": QT_TRANSLATE_NOOP("JournalDetails", "проверено записей"),
    "first_broken": QT_TRANSLATE_NOOP("JournalDetails", "первая нарушенная запись"),
    "which": QT_TRANSLATE_NOOP("JournalDetails", "что неверно"),
    "claim": QT_TRANSLATE_NOOP("JournalDetails", "заявка"),
    "claims": QT_TRANSLATE_NOOP("JournalDetails", "изделий"),
    "label": QT_TRANSLATE_NOOP("JournalDetails", "этикетка"),
    "cover": QT_TRANSLATE_NOOP("JournalDetails", "ремонт"),
    "serial": QT_TRANSLATE_NOOP("JournalDetails", "серийный номер"),
    "photos": QT_TRANSLATE_NOOP("JournalDetails", "фото"),
    "override_by": QT_TRANSLATE_NOOP("JournalDetails", "разрешил"),
    "tenders": QT_TRANSLATE_NOOP("JournalDetails", "способы оплаты"),
    "receipt": QT_TRANSLATE_NOOP("JournalDetails", "чек"),
    "return_receipt": QT_TRANSLATE_NOOP("JournalDetails", "чек возврата"),
    "uuid": QT_TRANSLATE_NOOP("JournalDetails", "чек"),
    "document": QT_TRANSLATE_NOOP("JournalDetails", "ФД"),
    "error": QT_TRANSLATE_NOOP("JournalDetails", "код ошибки кассы"),
    "total": QT_TRANSLATE_NOOP("JournalDetails", "сумма"),
    "sale": QT_TRANSLATE_NOOP("JournalDetails", "продажа"),
    "face": QT_TRANSLATE_NOOP("JournalDetails", "номинал"),
    "agreement": QT_TRANSLATE_NOOP("JournalDetails", "кредитный договор"),
}

VALUE_NAMES: dict[str, str] = {  # values of «outcome», «method», «by»… (order statuses come from state_names)
    "received": QT_TRANSLATE_NOOP("JournalDetails", "принята"),
    "repeat": QT_TRANSLATE_NOOP("JournalDetails", "повторное сканирование"),
    "surplus": QT_TRANSLATE_NOOP("JournalDetails", "лишняя"),
    "foreign": QT_TRANSLATE_NOOP("JournalDetails", "чужого пункта"),
    "other_shipment": QT_TRANSLATE_NOOP("JournalDetails", "из другой поставки"),
    "elsewhere": QT_TRANSLATE_NOOP("JournalDetails", "принята на другом ПК"),
    "unknown-format": QT_TRANSLATE_NOOP("JournalDetails", "неизвестный штрихкод"),
    "cash": QT_TRANSLATE_NOOP("JournalDetails", "наличные"),
    "card": QT_TRANSLATE_NOOP("JournalDetails", "карта"),
    "code": QT_TRANSLATE_NOOP("JournalDetails", "код выдачи"),
    "qr": QT_TRANSLATE_NOOP("JournalDetails", "QR-код"),
    "expired": QT_TRANSLATE_NOOP("JournalDetails", "истёк срок хранения"),
    "points": QT_TRANSLATE_NOOP("JournalDetails", "баллы"),
    "certificate": QT_TRANSLATE_NOOP("JournalDetails", "подарочный сертификат"),
    "mixed": QT_TRANSLATE_NOOP("JournalDetails", "несколькими способами"),
    "sell": QT_TRANSLATE_NOOP("JournalDetails", "чек прихода"),
    "sellReturn": QT_TRANSLATE_NOOP("JournalDetails", "чек возврата прихода"),
    "openShift": QT_TRANSLATE_NOOP("JournalDetails", "открытие смены на кассе"),
    "closeShift": QT_TRANSLATE_NOOP("JournalDetails", "Z-отчёт"),
    "reportX": QT_TRANSLATE_NOOP("JournalDetails", "X-отчёт"),
    "badge": QT_TRANSLATE_NOOP("JournalDetails", "бейдж и PIN"),  # how staff signed in (desktop/services/staff.py)
    "password": QT_TRANSLATE_NOOP("JournalDetails", "логин и пароль"),
    "locked": QT_TRANSLATE_NOOP("JournalDetails", "вход заблокирован"),  # why a sign-in was refused
    "inactive": QT_TRANSLATE_NOOP("JournalDetails", "сотрудник отключён"),
    "unknown": QT_TRANSLATE_NOOP("JournalDetails", "нет такого сотрудника"),
}
_WORDED_VALUES = frozenset({"outcome", "result", "method", "by", "reason", "kind", "which", "doc_type", "tenders"})


def details_text(data: Any, raw: str, zone: tzinfo = UTC) -> str:
    """`data` (the parsed details) in words, its moments on the point's clock `zone`; `raw` when it is not an object."""
    if not isinstance(data, dict):
        return raw
    return "; ".join(f"{_key(key)}: {_value(key, value, zone)}" for key, value in data.items() if value is not None)


def _key(key: str) -> str:
    return translate(CONTEXT, KEY_NAMES[key]) if key in KEY_NAMES else key


def _value(key: str, value: Any, zone: tzinfo) -> str:
    if isinstance(value, bool):
        return translate("JournalDetails", "да") if value else translate("JournalDetails", "нет")
    if isinstance(value, list) and key in _WORDED_VALUES:  # e.g. a payment's tenders: each in words
        return ", ".join(_value(key, item, zone) for item in value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if key in MONEY_KEYS and isinstance(value, int):
        return rub(value)
    if isinstance(value, str) and _MOMENT.match(value):
        return _moment(value, zone)
    if isinstance(value, str):
        return _text(key, value)
    return str(value)


def _moment(value: str, zone: tzinfo) -> str:
    """An ISO 8601 moment (stored in UTC) on the point's clock; as stored when it does not parse."""
    try:
        return point_time(datetime.fromisoformat(value), zone)
    except ValueError:
        return value


def _text(key: str, value: str) -> str:
    if _UID.fullmatch(value):
        return value[:8]
    if key == "doc_type" and value in ID_DOCUMENT_TYPES:
        return translate(LABEL_CONTEXT, ID_DOCUMENT_TYPES[value])
    if key == "reason" and value in REFUSAL_REASONS:
        return translate(LABEL_CONTEXT, REFUSAL_REASONS[value])
    if key == "cover":
        return cover_name(value)
    if key == "outcome" and value in ClaimOutcome.__members__.values():
        return claim_outcome_name(value)
    if key in _WORDED_VALUES and value in VALUE_NAMES:
        return translate(CONTEXT, VALUE_NAMES[value])
    return order_status_name(value) if key in ("result", "outcome") else value
