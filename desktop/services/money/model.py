"""Money values at the counter: tenders as the clerk enters them, the bonus balance, certificates, payment options.

The clerk-facing errors of the money rules (`money.*`) are registered here with their Russian texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from desktop import messages

if TYPE_CHECKING:
    from desktop.fiscal.model import FiscalReceiptView

messages.register(
    {
        "money.bad_tender": "Неизвестный способ оплаты «{kind}». Выберите наличные, карту, баллы или сертификат.",
        "money.bad_tender_amount": "Сумма части оплаты должна быть больше нуля (способ: {kind}).",
        "money.no_tenders": "Добавьте хотя бы один способ оплаты: к оплате {due}.",
        "money.tenders_mismatch": "Части оплаты дают {total}, а к оплате {due}. Разница: {difference}.",
        "money.tender_repeated": "Наличные и баллы указываются одной строкой каждый. Объедините суммы.",
        "money.certificate_repeated": "Сертификат {certificate} указан дважды. Оставьте одну строку на сертификат.",
        "money.points_not_whole": "Баллами можно оплатить только целое число рублей.",
        "money.points_over_share": "Баллами можно оплатить не больше {cap} ₽ ({share} % суммы к оплате), "
        "указано {points}.",
        "money.points_over_balance": "На бонусном счёте доступно {available} баллов, указано {points}. "
        "Уменьшите оплату баллами.",
        "money.no_active_card": "У клиента нет активной клубной карты: оплатить баллами нельзя.",
        "money.points_not_for_credit": "Кредитный заказ оплачен банком: на кассе ничего не принимается.",
        "money.nothing_to_pay_credit": "Кредитный заказ: оплату не принимаем, подтвердите кредитный договор.",
        "money.bad_certificate_number": "Номер сертификата «{number}» неверен: GC и 12 цифр. Отсканируйте ещё раз.",
        "money.certificate_unknown": "Сертификат {number} не найден. Проверьте номер; если сертификат новый — "
        "синхронизируйтесь с сервером.",
        "money.certificate_pending": "Сертификат {number} продан, но сервер ещё не подтвердил продажу: "
        "оплатить им пока нельзя. Синхронизируйтесь и повторите.",
        "money.certificate_not_sold": "Сертификат {number} не продан (на складе): оплатить им нельзя.",
        "money.certificate_expired": "Срок действия сертификата {number} истёк {date}. Оплатить им нельзя.",
        "money.certificate_blocked": "Сертификат {number} заблокирован. Оплатить им нельзя; клиенту — в центр.",
        "money.certificate_spent": "Сертификат {number} полностью использован: остаток 0 ₽.",
        "money.certificate_over_balance": "На сертификате {number} доступно {available}, указано {amount}.",
        "money.bad_pin": "PIN-код сертификата — 8 цифр под защитным слоем. Попытка не засчитана.",
        "money.wrong_pin": "Неверный PIN-код сертификата {number}. Осталось попыток: {attempts_left}.",
        "money.pin_locked": "Сертификат {number}: {attempts} неверных PIN-кодов за {minutes} мин. "
        "Повторите через {minutes} мин. или позовите менеджера.",
        "money.pin_required": "Введите PIN-код сертификата {number}.",
        "money.certificate_not_for_sale": "Сертификат {number} нельзя продать: его состояние — «{status}».",
        "money.bad_face": "Номинал {face} не из списка: {allowed}.",
        "money.face_mismatch": "Номинал сертификата {number} — {face}. Продайте его по номиналу.",
        "money.sale_money_only": "Сертификат оплачивается только наличными или картой.",
        "money.credit_not_credit": "Заказ {order} не кредитный: договор не нужен.",
        "money.bad_agreement": "Номер кредитного договора «{agreement}» неверен: от 6 до 30 букв, цифр, «/» или «-».",
        "money.agreement_not_signed": "Подтвердите, что клиент подписал кредитный договор.",
        "money.credit_agreement_required": "Кредитный заказ {order}: внесите номер подписанного кредитного договора.",
        "money.sell_receipt_differs": "Касса уже напечатала чек этой выдачи на {total} (до сбоя). Примите оплату "
        "так же, как в напечатанном чеке.",
        "money.due_changed": "Сумма к оплате изменилась, пока принималась оплата. Примите оплату заново.",
        "money.paid_already": "Оплата уже проведена и пробита на кассе. Чтобы изменить её, отмените отказ "
        "или позовите менеджера.",
    }
)


@dataclass(frozen=True)
class TenderInput:
    """One part of a payment as the clerk entered it (amounts in kopecks; points: 100 kopecks a point)."""

    kind: str  # Tender value
    amount_kopecks: int
    tendered_kopecks: int | None = None  # cash: what the customer handed over
    certificate: str | None = None  # certificate number
    pin: str | None = None  # certificate PIN (checked, never stored)


@dataclass(frozen=True)
class LedgerEntryView:
    """One bonus ledger entry as the clerk sees it."""

    at: datetime
    reason: str  # LedgerReason
    points: int  # signed
    order: str | None
    status: str  # pending | confirmed | rejected


@dataclass(frozen=True)
class BonusBalance:
    """A customer's bonus account on this counter: the server's confirmed entries plus this PC's pending ones."""

    confirmed: int  # sum of confirmed entries
    pending: int  # unconfirmed accruals (+)
    reserved: int  # unconfirmed redemptions (≥ 0)
    available: int  # confirmed − reserved: what may be spent now
    entries: tuple[LedgerEntryView, ...]


@dataclass(frozen=True)
class CertificateView:
    """A gift certificate as the counter knows it."""

    number: str
    status: str  # CertificateStatus (expired when its date passed)
    face_kopecks: int | None
    balance_kopecks: int  # the sum of its confirmed entries
    available_kopecks: int  # balance − this PC's pending spends (0 unless active)
    expires_at: datetime | None


@dataclass(frozen=True)
class PaymentOptions:
    """What the payment dialog may offer for a handover."""

    due_kopecks: int
    credit: bool
    balance: BonusBalance | None  # None: the customer has no active club card
    points_cap: int  # the share of the amount due points may pay
    points_usable: int  # min(cap, available); 0 without an active card


@dataclass(frozen=True)
class CertificateSale:
    """A certificate sold at the counter: pending until the server confirms the sale."""

    certificate: CertificateView
    sale: str  # uid
    receipt: FiscalReceiptView | None
