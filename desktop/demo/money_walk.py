"""The demo walk's money step: the demo customer's order paid with points, a gift certificate and cash.

The balance is shown, an expired certificate is refused with its reason, the active one is checked with its PIN,
the payment is taken (its receipt printed by the register — mode `none` in the demo: not fiscal, same text),
and the handover completes with its events: handover.completed, bonus.redeemed, certificate.redeemed,
bonus.accrual on the cash part only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.services.base import Actor
from desktop.services.handover import HandoverService
from desktop.services.money import TenderInput
from protocol.demo_data import DEMO_CERTIFICATES
from protocol.errors import DomainError
from protocol.money import rub
from protocol.money_rules import KOPECKS_PER_POINT, CertificateStatus

if TYPE_CHECKING:
    from desktop.demo.headless import Demo


def _certificate(status: str) -> tuple[str, str, int | None]:
    number, (pin, face, _) = next((n, v) for n, v in DEMO_CERTIFICATES.items() if v[2] == status)
    return number, pin, face


def _start(demo: Demo, service: HandoverService, actor: Actor, number: str) -> str:
    state = service.start(actor, number)
    state = service.verify_code(actor, state.uid, demo.secrets.pickup_codes[number])
    for box in state.boxes:
        service.scan_box(actor, state.uid, box.barcode)
    return state.uid


def _tenders(demo: Demo, service: HandoverService, actor: Actor, uid: str) -> list[TenderInput]:
    options = service.payment_options(actor, uid)
    balance = options.balance
    if balance is not None:
        demo.say(f"  бонусный счёт: подтверждено {balance.confirmed}, ожидает {balance.pending}, "
                 f"доступно {balance.available}; баллами можно до {options.points_cap} ₽")
    expired, expired_pin, _ = _certificate(CertificateStatus.EXPIRED)
    try:
        service.check_certificate(actor, uid, expired, expired_pin)
    except DomainError as error:
        demo.say(f"  сертификат {expired}: {error}")
    number, pin, _ = _certificate(CertificateStatus.ACTIVE)
    view = service.check_certificate(actor, uid, number, pin)
    demo.say(f"  сертификат {number}: PIN верный, остаток {rub(view.balance_kopecks)}")
    points = min(options.points_usable, options.due_kopecks // 4 // KOPECKS_PER_POINT)
    on_certificate = min(view.available_kopecks, (options.due_kopecks - points * KOPECKS_PER_POINT) // 2)
    cash = options.due_kopecks - points * KOPECKS_PER_POINT - on_certificate
    tendered = (cash // 500_000 + 1) * 500_000
    demo.say(f"  оплата: {points} баллов + {rub(on_certificate)} сертификатом + {rub(cash)} наличными "
             f"(получено {rub(tendered)})")
    return [TenderInput("points", points * KOPECKS_PER_POINT), TenderInput("certificate", on_certificate,
                                                                           certificate=number, pin=pin),
            TenderInput("cash", cash, tendered)]


def pay_with_money(demo: Demo, actor: Actor) -> dict[str, Any]:
    """Hand over the demo customer's order paid with points + a certificate + cash; print its receipt."""
    number = demo.secrets.money_order
    if number is None:
        demo.say("  (демо-данные слишком малы для оплаты баллами и сертификатом)")
        return {}
    demo.step(f"Выдача заказа {number}: оплата баллами, подарочным сертификатом и наличными")
    service = HandoverService(demo.db, demo.clock)
    uid = _start(demo, service, actor, number)
    state = service.pay(actor, uid, _tenders(demo, service, actor, uid))
    assert state.payment is not None
    demo.say(f"  сдача {rub(state.payment.change_kopecks)}; чек пробит")
    result = service.complete(actor, uid)
    demo.say(f"  выдан: {result.result}, начислено баллов (только за наличные): {result.bonus_points}")
    if result.receipt is not None:
        demo.say("  --- чек ---")
        for line in result.receipt.text.splitlines():
            demo.say(f"  {line}")
        demo.say("  -----------")
    return {"order": number, "result": result.result, "points": result.bonus_points,
            "tenders": [t.kind.value for t in state.payment.tenders], "events": demo.show_outbox(),
            "receipt": result.receipt.text if result.receipt else ""}
