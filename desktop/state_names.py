"""The clerk's words for domain states (order, box, handover) and order events, in the UI language.

One table for the whole app: the pages render statuses through it (ui/pages/terms.py) and
`desktop.messages.describe` renders every state parameter of a domain error through it, so a raw
StrEnum value («ready», «placed», «make_ready») never reaches the screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from desktop.db.models import HandoverStatus
from desktop.translatable import QT_TRANSLATE_NOOP, translate
from protocol.claims import ClaimOutcome, ClaimStatus, ClaimStep, WarrantyCover
from protocol.order_states import OrderEvent, OrderStatus
from protocol.states import BoxStatus

CONTEXT = "Terms"
EMPTY = "—"

ORDER_STATUS: dict[str, str] = {
    OrderStatus.CREATED: QT_TRANSLATE_NOOP("Terms", "создан"),
    OrderStatus.IN_TRANSIT: QT_TRANSLATE_NOOP("Terms", "в пути"),
    OrderStatus.PARTIALLY_ARRIVED: QT_TRANSLATE_NOOP("Terms", "прибыл частично"),
    OrderStatus.ARRIVED: QT_TRANSLATE_NOOP("Terms", "прибыл"),
    OrderStatus.READY: QT_TRANSLATE_NOOP("Terms", "готов к выдаче"),
    OrderStatus.HANDED_OVER: QT_TRANSLATE_NOOP("Terms", "выдан"),
    OrderStatus.PARTIALLY_HANDED_OVER: QT_TRANSLATE_NOOP("Terms", "выдан частично"),
    OrderStatus.REFUSED: QT_TRANSLATE_NOOP("Terms", "отказ"),
    OrderStatus.RETURNED: QT_TRANSLATE_NOOP("Terms", "возвращён"),
    OrderStatus.CANCELLED: QT_TRANSLATE_NOOP("Terms", "отменён"),
}
BOX_STATUS: dict[str, str] = {
    BoxStatus.EXPECTED: QT_TRANSLATE_NOOP("Terms", "ожидается"),
    BoxStatus.RECEIVED: QT_TRANSLATE_NOOP("Terms", "принята"),
    BoxStatus.PLACED: QT_TRANSLATE_NOOP("Terms", "в ячейке"),
    BoxStatus.HANDED_OVER: QT_TRANSLATE_NOOP("Terms", "выдана"),
    BoxStatus.RETURNED: QT_TRANSLATE_NOOP("Terms", "возвращена"),
}
ORDER_EVENT: dict[str, str] = {
    OrderEvent.SHIP: QT_TRANSLATE_NOOP("Terms", "отправка"),
    OrderEvent.BOX_ARRIVED: QT_TRANSLATE_NOOP("Terms", "приёмка коробки"),
    OrderEvent.ALL_ARRIVED: QT_TRANSLATE_NOOP("Terms", "приёмка заказа"),
    OrderEvent.ARRIVAL_UNDONE: QT_TRANSLATE_NOOP("Terms", "отмена приёмки коробки"),
    OrderEvent.ALL_ARRIVAL_UNDONE: QT_TRANSLATE_NOOP("Terms", "отмена приёмки заказа"),
    OrderEvent.MAKE_READY: QT_TRANSLATE_NOOP("Terms", "готовность к выдаче"),
    OrderEvent.HAND_OVER: QT_TRANSLATE_NOOP("Terms", "выдача"),
    OrderEvent.HAND_OVER_PARTIALLY: QT_TRANSLATE_NOOP("Terms", "частичная выдача"),
    OrderEvent.REFUSE: QT_TRANSLATE_NOOP("Terms", "отказ"),
    OrderEvent.RETURN: QT_TRANSLATE_NOOP("Terms", "возврат"),
    OrderEvent.CANCEL: QT_TRANSLATE_NOOP("Terms", "отмена"),
}
HANDOVER_STATUS: dict[str, str] = {
    HandoverStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("Terms", "выдача идёт"),
    HandoverStatus.COMPLETED: QT_TRANSLATE_NOOP("Terms", "выдача завершена"),
    HandoverStatus.ABORTED: QT_TRANSLATE_NOOP("Terms", "выдача прервана"),
}
CLAIM_STATUS: dict[str, str] = {
    ClaimStatus.FILED: QT_TRANSLATE_NOOP("Terms", "оформлена, изделие не сдано"),
    ClaimStatus.ACCEPTED: QT_TRANSLATE_NOOP("Terms", "изделие принято, ждёт отправки в сервис"),
    ClaimStatus.SENT: QT_TRANSLATE_NOOP("Terms", "в сервисе"),
    ClaimStatus.RETURNING: QT_TRANSLATE_NOOP("Terms", "возвращается из сервиса"),
    ClaimStatus.AWAITING_PICKUP: QT_TRANSLATE_NOOP("Terms", "ждёт клиента"),
    ClaimStatus.CLOSED: QT_TRANSLATE_NOOP("Terms", "закрыта"),
}
CLAIM_STEP: dict[str, str] = {
    ClaimStep.ACCEPT: QT_TRANSLATE_NOOP("Terms", "приём изделия"),
    ClaimStep.DISPATCH: QT_TRANSLATE_NOOP("Terms", "отправка в сервис"),
    ClaimStep.SERVICE_RESULT: QT_TRANSLATE_NOOP("Terms", "заключение сервиса"),
    ClaimStep.ARRIVE: QT_TRANSLATE_NOOP("Terms", "поступление из сервиса"),
    ClaimStep.ARRIVAL_UNDONE: QT_TRANSLATE_NOOP("Terms", "отмена поступления из сервиса"),
    ClaimStep.HAND_OVER: QT_TRANSLATE_NOOP("Terms", "выдача клиенту"),
}
CLAIM_OUTCOME: dict[str, str] = {
    ClaimOutcome.REPAIRED: QT_TRANSLATE_NOOP("Terms", "отремонтировано"),
    ClaimOutcome.REPLACED: QT_TRANSLATE_NOOP("Terms", "заменено на новое"),
    ClaimOutcome.REPAIR_REFUSED: QT_TRANSLATE_NOOP("Terms", "в ремонте отказано"),
    ClaimOutcome.REFUNDED: QT_TRANSLATE_NOOP("Terms", "деньги возвращены сервисным центром"),
}
WARRANTY_COVER: dict[str, str] = {
    WarrantyCover.IN_WARRANTY: QT_TRANSLATE_NOOP("Terms", "гарантийный ремонт"),
    WarrantyCover.PAID_REPAIR: QT_TRANSLATE_NOOP("Terms", "платный ремонт"),
}
CHECKLIST_NAMES: dict[str, str] = {  # protocol.claims.CHECKLIST: completeness (present), condition (observed)
    "box": QT_TRANSLATE_NOOP("Terms", "коробка"),
    "charger": QT_TRANSLATE_NOOP("Terms", "зарядное устройство"),
    "cable": QT_TRANSLATE_NOOP("Terms", "кабель"),
    "accessories": QT_TRANSLATE_NOOP("Terms", "аксессуары"),
    "manual": QT_TRANSLATE_NOOP("Terms", "документы и инструкция"),
    "scratches": QT_TRANSLATE_NOOP("Terms", "царапины"),
    "cracks": QT_TRANSLATE_NOOP("Terms", "трещины"),
    "dents": QT_TRANSLATE_NOOP("Terms", "вмятины"),
    "liquid_traces": QT_TRANSLATE_NOOP("Terms", "следы жидкости"),
    "seal_broken": QT_TRANSLATE_NOOP("Terms", "нарушены пломбы"),
}
_TABLES: dict[type, dict[str, str]] = {  # keyed by type: «returned» is an order and a box state
    OrderStatus: ORDER_STATUS, BoxStatus: BOX_STATUS, OrderEvent: ORDER_EVENT, HandoverStatus: HANDOVER_STATUS,
    ClaimStatus: CLAIM_STATUS, ClaimStep: CLAIM_STEP, ClaimOutcome: CLAIM_OUTCOME, WarrantyCover: WARRANTY_COVER,
}


# Errors raised in protocol/ carry plain strings (the server logs them as they are): their state parameters by code.
STATE_PARAMS: dict[str, dict[str, type[StrEnum]]] = {
    "order.illegal_transition": {"current": OrderStatus, "event": OrderEvent},
    "claim.illegal_step": {"current": ClaimStatus, "step": ClaimStep},
}


def state_params(code: str, params: Mapping[str, object]) -> dict[str, object]:
    """A domain error's parameters with every state in the clerk's words (StrEnums, and known plain strings)."""
    typed = STATE_PARAMS.get(code, {})
    shown = {}
    for key, value in params.items():
        enum = typed.get(key)
        if enum is not None and isinstance(value, str) and value in enum.__members__.values():
            value = enum(value)
        shown[key] = state_name(value)
    return shown


def state_name(value: object) -> object:
    """A state or event StrEnum in the clerk's words; any other value unchanged (so it formats as before)."""
    table = _TABLES.get(type(value)) if isinstance(value, StrEnum) else None
    source = table.get(value) if table is not None and isinstance(value, StrEnum) else None
    return translate(CONTEXT, source) if source else value


def order_status_name(value: str) -> str:
    """An order status stored as text (a cache column) in the clerk's words; an unknown value as it is."""
    return str(state_name(OrderStatus(value))) if value in OrderStatus.__members__.values() else value


def box_status_name(value: str) -> str:
    """A box status stored as text in the clerk's words; an unknown value as it is."""
    return str(state_name(BoxStatus(value))) if value in BoxStatus.__members__.values() else value


def _named(enum: type[StrEnum], value: str | None) -> str:
    if value is None:
        return EMPTY
    return str(state_name(enum(value))) if value in enum.__members__.values() else value


def claim_status_name(value: str) -> str:
    """A claim status stored as text in the clerk's words; an unknown value as it is."""
    return _named(ClaimStatus, value)


def claim_outcome_name(value: str | None) -> str:
    """The service's outcome in the clerk's words ("—" while there is none)."""
    return _named(ClaimOutcome, value)


def cover_name(value: str | None) -> str:
    """Warranty or paid repair in the clerk's words ("—" before the cover is known)."""
    return _named(WarrantyCover, value)


def checklist_name(key: str) -> str:
    """An intake checklist item (protocol.claims.CHECKLIST) in the clerk's words."""
    source = CHECKLIST_NAMES.get(key)
    return translate(CONTEXT, source) if source else key
