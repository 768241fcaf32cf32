"""Handover values: the steps' constants and messages, and the state and result data classes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop import messages
from desktop.documents.model import PointInfo
from desktop.services.order_card import LineInfo
from desktop.services.order_summary import OrderSummary
from desktop.translatable import QT_TRANSLATE_NOOP, translate
from protocol.money_rules import MONEY_TENDERS, Tender, TenderLine, money_paid, points_paid, tenders_of

if TYPE_CHECKING:
    from desktop.fiscal.model import FiscalReceiptView

MAX_CODE_ATTEMPTS = 5
CREDIT_ORDER = "credit"  # an order's kind when a bank loan paid it


PAYMENT_METHODS = ("cash", "card")  # the one-method `pay` of earlier versions

LABEL_CONTEXT = "HandoverChoices"  # the .ts context of the document types and refusal reasons
ID_DOCUMENT_TYPES: dict[str, str] = {
    "passport_rf": QT_TRANSLATE_NOOP("HandoverChoices", "Паспорт гражданина РФ"),
    "foreign_passport": QT_TRANSLATE_NOOP("HandoverChoices", "Заграничный паспорт"),
    "driving_license": QT_TRANSLATE_NOOP("HandoverChoices", "Водительское удостоверение"),
    "military_id": QT_TRANSLATE_NOOP("HandoverChoices", "Военный билет"),
    "residence_permit": QT_TRANSLATE_NOOP("HandoverChoices", "Вид на жительство"),
    "temporary_id": QT_TRANSLATE_NOOP("HandoverChoices", "Временное удостоверение личности"),
}

REFUSAL_REASONS: dict[str, str] = {
    "changed_mind": QT_TRANSLATE_NOOP("HandoverChoices", "Передумал(а)"),
    "defect": QT_TRANSLATE_NOOP("HandoverChoices", "Брак или неисправность"),
    "damaged": QT_TRANSLATE_NOOP("HandoverChoices", "Повреждение при доставке"),
    "not_as_described": QT_TRANSLATE_NOOP("HandoverChoices", "Не соответствует описанию"),
    "incomplete": QT_TRANSLATE_NOOP("HandoverChoices", "Некомплект"),
    "wrong_item": QT_TRANSLATE_NOOP("HandoverChoices", "Привезли не тот товар"),
    "other": QT_TRANSLATE_NOOP("HandoverChoices", "Другое"),
}


def labels(choices: dict[str, str]) -> dict[str, str]:
    """Codes and their texts in the clerk's language (for ID_DOCUMENT_TYPES and REFUSAL_REASONS)."""
    return {code: translate(LABEL_CONTEXT, text) for code, text in choices.items()}


def clerk_action() -> str:
    """The handover's name in auth.forbidden, in the clerk's language."""
    return QT_TRANSLATE_NOOP("Actions", "выдача заказа")


def refusal_text(stored: str) -> str:
    """A line's stored refusal ("code" or "code: note") as the clerk reads it: the reason's label and the note."""
    code, colon, note = stored.partition(": ")
    label = translate(LABEL_CONTEXT, REFUSAL_REASONS[code]) if code in REFUSAL_REASONS else code
    return f"{label}: {note}" if colon else label


messages.register(
    {
        "handover.not_found": "Выдача не найдена. Начните выдачу заново по номеру заказа.",
        "handover.not_in_progress": "Выдача заказа {order} уже закрыта ({status}). Начните новую выдачу.",
        "handover.not_ready": "Заказ {order} нельзя выдать: статус «{status}». "
        "Выдаются только заказы, готовые к выдаче.",
        "handover.order_locked": "Заказ {order} заблокирован после {attempts:n} неверных кодов. "
        "Позовите менеджера для разблокировки.",
        "handover.wrong_code": "Неверный код получения. Осталось попыток: {attempts_left}. "
        "Попросите клиента проверить SMS.",
        "handover.bad_code_format": "Код получения — 6 цифр. Попытка не засчитана, введите код ещё раз.",
        "handover.no_code": "Код получения для заказа {order} ещё не пришёл с сервера. "
        "Синхронизируйтесь или проверьте QR-код клиента.",
        "handover.qr_other_order": "QR-код относится к заказу {token_order}, а выдаётся заказ {order}. "
        "Проверьте, тот ли заказ открыт.",
        "handover.not_verified": "Сначала проверьте код получения или QR-код клиента.",
        "handover.bad_document_type": "Выберите тип документа из списка: {allowed}.",
        "handover.bad_document_last4": "Введите последние 4 цифры номера документа (ровно 4 цифры). "
        "Документ не фотографируется.",
        "handover.bad_power_of_attorney": "Введите номер доверенности (от 1 до 64 символов).",
        "handover.id_document_required": "Для заказа {order} нужна проверка документа: "
        "отметьте тип документа и последние 4 цифры номера.",
        "handover.power_of_attorney_required": "Заказ юрлица {company}: внесите номер доверенности получателя.",
        "handover.box_other_order": "Коробка {box} из другого заказа ({other_order}). "
        "Для заказа {order} нужны только его коробки.",
        "handover.box_unknown": "Коробка {box} не найдена. Проверьте штрихкод и отсканируйте ещё раз.",
        "handover.boxes_not_scanned": "Отсканированы не все коробки: не хватает {missing} из {total} "
        "({boxes}). Отсканируйте их перед выдачей.",
        "handover.line_not_found": "Позиции {line} нет в заказе {order}.",
        "handover.bad_refuse_quantity": "Количество отказа должно быть от 0 до {max} шт.",
        "handover.bad_refusal_reason": "Выберите причину отказа из списка.",
        "handover.refusal_note_required": "Для причины «Другое» опишите причину отказа.",
        "handover.bad_payment_method": "Способ оплаты — наличные или карта.",
        "handover.nothing_due": "К оплате ничего нет: заказ оплачен заранее или от всех позиций отказались.",
        "handover.bad_amount": "Введите сумму больше нуля.",
        "handover.card_amount_mismatch": "Сумма по карте {tendered} не равна сумме к оплате {due}. "
        "Проведите оплату ровно на {due}.",
        "handover.cash_insufficient": "Получено {tendered}, к оплате {due}: не хватает {missing}.",
        "handover.payment_required": "Примите оплату: к оплате {due}.",
        "handover.not_locked": "Заказ {order} не заблокирован — разблокировать нечего.",
        "alert.order_locked": "Заказ {order} заблокирован: {attempts:n} неверных кодов получения подряд.",
    }
)


@dataclass(frozen=True)
class BoxCheck:
    """One box of the order and whether it was scanned at the counter."""

    barcode: str
    seq_no: int
    cell_label: str | None
    scanned: bool


@dataclass(frozen=True)
class PaymentIntent:
    """The accepted tenders of a handover (kept on it until completion; money tenders become Payment rows).

    `method` is the one tender's kind, or "mixed"; `tendered_kopecks` the money handed over (cash given + card);
    `change_kopecks` the cash change; `receipt` the sell receipt's uuid once the register printed it.
    """

    method: str
    due_kopecks: int
    tendered_kopecks: int
    change_kopecks: int
    tenders: tuple[TenderLine, ...] = ()
    receipt: str | None = None

    def __post_init__(self) -> None:
        if not self.tenders and self.method in MONEY_TENDERS:  # the one-method shape of earlier versions
            line = TenderLine(Tender(self.method), self.due_kopecks, self.tendered_kopecks, self.change_kopecks)
            object.__setattr__(self, "tenders", (line,) if self.method == Tender.CASH else
                               (TenderLine(Tender.CARD, self.due_kopecks),))

    @classmethod
    def of(cls, due: int, tenders: Sequence[TenderLine], receipt: str | None = None) -> PaymentIntent:
        """The intent of validated tenders."""
        method = tenders[0].kind.value if len(tenders) == 1 else "mixed"
        given = sum(t.tendered if t.kind is Tender.CASH else t.amount for t in tenders if t.kind in MONEY_TENDERS)
        return cls(method, due, given, sum(t.change for t in tenders), tuple(tenders), receipt)

    @classmethod
    def from_wire(cls, payment: dict[str, Any]) -> PaymentIntent:
        """The intent stored on a handover (either wire shape, protocol.money_rules)."""
        return cls.of(int(payment["due"]), tenders_of(payment), payment.get("receipt"))

    def wire(self) -> dict[str, Any]:
        """The `HandoverCompleted.payment` shape."""
        return {"due": self.due_kopecks, "tenders": [_tender_wire(t) for t in self.tenders], "receipt": self.receipt}

    @property
    def points(self) -> int:
        return points_paid(self.tenders)

    @property
    def money_kopecks(self) -> int:
        return money_paid(self.tenders)


def _tender_wire(t: TenderLine) -> dict[str, Any]:
    item: dict[str, Any] = {"kind": t.kind.value, "amount": t.amount}
    if t.kind is Tender.CASH:
        item |= {"tendered": t.tendered, "change": t.change}
    if t.certificate is not None:
        item["certificate"] = t.certificate
    return item


@dataclass(frozen=True)
class HandoverState:
    """Where a handover stands: what is done and what is still missing before completion."""

    uid: str
    order_number: str
    status: str
    kind: str
    prepaid: bool
    customer_name: str
    masked_phone: str
    legal_entity_name: str | None
    verified_by: str | None
    needs_id_document: bool
    id_document_type: str | None
    id_document_last4: str | None
    needs_power_of_attorney: bool
    power_of_attorney: str | None
    boxes: tuple[BoxCheck, ...]
    lines: tuple[LineInfo, ...]
    due_kopecks: int
    payment: PaymentIntent | None
    attempts_left: int
    locked: bool
    credit_agreement: str | None = None  # a credit order: the signed agreement's number

    @property
    def credit(self) -> bool:
        """A credit order: the bank paid; nothing is taken at the counter, the signed agreement is needed."""
        return self.kind == CREDIT_ORDER

    @property
    def missing_steps(self) -> tuple[str, ...]:
        """Codes of the steps still needed: verify, id_document, credit_agreement, power_of_attorney, boxes,
        payment."""
        steps = {
            "verify": self.verified_by is None,
            "id_document": self.needs_id_document and self.id_document_type is None,
            "credit_agreement": self.credit and self.credit_agreement is None,
            "power_of_attorney": self.needs_power_of_attorney and self.power_of_attorney is None,
            "boxes": not all(b.scanned for b in self.boxes),
            "payment": self.due_kopecks > 0 and (self.payment is None or self.payment.due_kopecks != self.due_kopecks),
        }
        return tuple(step for step, missing in steps.items() if missing)


@dataclass(frozen=True)
class BoxScanResult:
    """The state after a box scan; `repeat` when that box was already ticked off."""

    state: HandoverState
    barcode: str
    repeat: bool


@dataclass(frozen=True)
class HandoverResult:
    """What completion did: the order's new status, money, bonus points and notes for the clerk."""

    uid: str
    order_number: str
    result: str  # handed_over | partially_handed_over | refused
    handed_kopecks: int
    refused_kopecks: int
    payment: PaymentIntent | None
    bonus_points: int
    refund_by_centre_kopecks: int  # refused lines of a prepaid order: the centre returns the money
    notes: tuple[str, ...]
    before: HandoverState | None = None  # the state just before completion: the receipt's lines
    completed_at: datetime | None = None
    point: PointInfo | None = None  # this point, for the receipt header
    kept_box: str | None = None  # partial handover: the box that stays at the point with the refused goods
    receipt: FiscalReceiptView | None = None  # the register's receipt (sell, or full settlement when prepaid)
    credit_agreement: str | None = None

    @property
    def left_at_point(self) -> tuple[LineInfo, ...]:
        """The refused lines of a partial handover: goods that stay at the point for the return."""
        if self.kept_box is None or self.before is None:
            return ()
        return tuple(x for x in self.before.lines if x.refused_quantity)


@dataclass(frozen=True)
class HandoverLookup:
    """A find by pickup code or phone: the started handover, or the orders to choose from (maybe none)."""

    state: HandoverState | None
    candidates: tuple[OrderSummary, ...] = ()
