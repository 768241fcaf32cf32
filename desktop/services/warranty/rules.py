"""The counter's rules for warranty claims (the server checks the same ones): lookups, the point, serials, texts.

Every refusal is a DomainError with a Russian text registered here; nothing is written before the checks pass.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import messages
from desktop.db.claim_models import Claim
from desktop.db.models import Order, PickupPoint
from desktop.services.warranty.model import ClaimView
from protocol.claims import OPEN, ClaimStatus, is_claim_number
from protocol.errors import DomainError
from protocol.limits import SERIAL_MAX
from protocol.order_states import OrderStatus
from protocol.phone import mask_for_screen

PURCHASED = (OrderStatus.HANDED_OVER, OrderStatus.PARTIALLY_HANDED_OVER)  # the customer has the goods
_BLANKS = re.compile(r"[\s\-]+")

messages.register(
    {
        "claim.bad_query": "«{query}» — это не номер заявки, не номер заказа и не телефон. Введите номер заявки "
        "(W и цифры), номер заказа (9 цифр) или телефон клиента (можно с именем).",
        "claim.bad_number": "«{number}» — это не номер гарантийной заявки (буква W и 9 или 10 цифр). Проверьте номер.",
        "claim.not_found": "Заявка {claim} не найдена в этом пункте выдачи. Проверьте номер; если клиент оформил "
        "её только что, дождитесь обмена с сервером или примите изделие по номеру заказа.",
        "claim.foreign": "Заявка {claim} оформлена в другой пункт выдачи: изделие по ней принимает тот пункт.",
        "claim.foreign_order": "Заказ {order} выдан в другом пункте выдачи: гарантийную заявку по нему здесь "
        "принять нельзя. Клиент может сдать изделие в пункт, где получил заказ.",
        "claim.order_not_found": "Заказ {order} не найден в этом пункте выдачи. Проверьте номер заказа.",
        "claim.not_purchased": "Заказ {order} ещё не выдан клиенту (состояние: {status}): по нему нельзя "
        "принять изделие по гарантии.",
        "claim.no_line": "В заказе {order} нет товара {sku}. Выберите товар из заказа.",
        "claim.choose_line": "В заказе {order} несколько товаров: выберите, какой из них сдаёт клиент.",
        "claim.closed": "Заявка {claim} закрыта: изделие уже выдано клиенту. При новой неисправности оформите "
        "новую заявку.",
        "claim.illegal_step": "Заявка {claim}: «{step}» невозможно в состоянии «{current}».",
        "claim.duplicate_item": "Изделие с серийным номером {serial} уже сдано по заявке {claim} "
        "(состояние: {status}). Повторно принять то же изделие нельзя.",
        "claim.prefiled_exists": "На изделие с серийным номером {serial} клиент уже оформил заявку {claim}: "
        "примите изделие по ней (найдите её по номеру заявки).",
        "claim.not_taken_in": "Изделие по заявке {claim} ещё не принято в пункте: акта и этикетки у неё нет.",
        "claim.serial_empty": "Отсканируйте серийный номер или IMEI изделия (он на корпусе или под батареей).",
        "claim.serial_mismatch": "Серийный номер {serial} не совпадает с номером товара в заказе {order} "
        "(в заказе: {expected}). "
        "Проверьте номер на изделии. Принять изделие с другим номером может только менеджер, с пометкой.",
        "claim.serial_unknown": "Серийный номер {serial} не найден среди товаров заказа {order}. Проверьте номер "
        "на изделии. Принять изделие с другим номером может только менеджер, с пометкой.",
        "claim.override_not_manager": "Разрешить приём изделия с другим серийным номером может только менеджер "
        "этого пункта выдачи (сейчас: {staff}).",
        "claim.override_note_required": "Напишите, почему менеджер разрешает приём изделия с другим серийным номером.",
        "claim.serial_not_checked": "Сначала проверьте серийный номер изделия: отсканируйте его.",
        "claim.consent_required": "Гарантия на изделие закончилась {ended}. Принять его можно только в платный "
        "ремонт — с согласия клиента. Спросите клиента и отметьте согласие.",
        "claim.bad_checklist": "Неизвестный пункт проверки изделия: «{key}». Обновите программу.",
        "claim.fault_required": "Опишите неисправность со слов клиента.",
        "claim.text_too_long": "Слишком длинный текст ({length} симв., допустимо не больше {limit}). Сократите его.",
    }
)


def clean_number(text: str) -> str:
    """A typed or scanned claim number as stored (upper case, no blanks); DomainError for any other shape."""
    number = _BLANKS.sub("", text or "").upper()
    if not is_claim_number(number):
        raise DomainError("claim.bad_number", number=(text or "").strip()[:24])
    return number


def clean_serial(text: str | None) -> str:
    """A scanned serial or IMEI as compared and stored (blanks trimmed); DomainError when empty or too long."""
    serial = (text or "").strip()
    if not serial:
        raise DomainError("claim.serial_empty")
    check_length(serial, SERIAL_MAX)
    return serial


def same_serial(scanned: str, recorded: str | None) -> bool:
    """Serials compared as people read them: case and blanks or dashes do not count."""
    if not recorded:
        return False
    return _BLANKS.sub("", scanned).upper() == _BLANKS.sub("", recorded).upper()


def check_length(text: str, limit: int) -> None:
    if len(text) > limit:
        raise DomainError("claim.text_too_long", length=len(text), limit=limit)


def claim_by_number(s: Session, point: PickupPoint, number: str) -> Claim:
    """The point's claim with this number (cleaned first), or DomainError."""
    number = clean_number(number)
    claim = s.scalars(select(Claim).where(Claim.number == number)).first()
    if claim is None:
        raise DomainError("claim.not_found", claim=number)
    if claim.point_id != point.id:
        raise DomainError("claim.foreign", claim=number)
    return claim


def order_here(s: Session, point: PickupPoint, number: str) -> Order:
    """The order with this number, if it belongs to this point; DomainError for another point's or none."""
    number = number.strip()
    order = s.scalars(select(Order).where(Order.number == number)).first()
    if order is None:
        raise DomainError("claim.order_not_found", order=number)
    if order.point_id != point.id:
        raise DomainError("claim.foreign_order", order=number)
    return order


def purchased_order(s: Session, point: PickupPoint, number: str) -> Order:
    """An order of this point the customer has received (the purchase date is its handover)."""
    order = order_here(s, point, number)
    if order.status not in PURCHASED or order.handed_over_at is None:
        raise DomainError("claim.not_purchased", order=order.number, status=OrderStatus(order.status))
    return order


def open_claim_for_serial(s: Session, serial: str, other_than: str | None = None) -> Claim | None:
    """Another open claim (any point's, as this cache knows them) for the same item: a duplicate intake."""
    query = select(Claim).where(Claim.status.in_([status.value for status in OPEN]), Claim.serial.is_not(None))
    if other_than is not None:
        query = query.where(Claim.number != other_than)
    return next((c for c in s.scalars(query) if c.serial and same_serial(serial, c.serial)), None)


def refuse_duplicate(s: Session, serial: str, number: str) -> None:
    """DomainError when the item has another open claim: taken in already, or pre-filed (take it in by that one)."""
    other = open_claim_for_serial(s, serial, other_than=number)
    if other is not None and other.status == ClaimStatus.FILED:
        raise DomainError("claim.prefiled_exists", serial=serial, claim=other.number)
    if other is not None:
        raise DomainError("claim.duplicate_item", serial=serial, claim=other.number, status=ClaimStatus(other.status))


def claim_view(s: Session, claim: Claim) -> ClaimView:
    """The claim with its customer, as the pages show it."""
    order = s.scalars(select(Order).where(Order.number == claim.order_number)).first()
    customer = order.customer if order is not None else None
    return ClaimView(
        number=claim.number,
        status=claim.status,
        order=claim.order_number,
        sku=claim.sku,
        product=claim.product,
        serial=claim.serial,
        prefiled=claim.prefiled,
        customer_name=customer.full_name if customer else "",
        masked_phone=mask_for_screen(customer.phone) if customer else "",
        fault=claim.fault,
        cover=claim.cover,
        checklist=tuple(claim.checklist or ()),
        condition=claim.condition,
        label=claim.label,
        filed_at=claim.filed_at,
        accepted_at=claim.accepted_at,
        outcome=claim.outcome,
        conclusion=claim.conclusion,
        return_order=claim.return_order,
    )
