"""Handover (выдача): a durable, guided flow — verify, check documents, scan boxes, refuse, pay, complete."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop import messages
from desktop.db.models import (
    BonusLedgerEntry,
    Box,
    ClubCard,
    Handover,
    ManagerAlert,
    Order,
    OrderLine,
    Payment,
    PickupPoint,
    SmsMessage,
)
from desktop.services.base import Action, Actor, Role, Service, local_point, new_uid, require_role
from desktop.services.orders import amount_due, mask_phone, point_code_params, verify_pickup_token
from protocol.club_rules import points_for
from protocol.errors import DomainError
from protocol.events import BonusAccrual, HandoverCompleted, OrderLocked, OrderUnlocked, SmsRequested
from protocol.money import rub
from protocol.order_states import OrderEvent, OrderStatus, next_status
from protocol.pickup_code import code_matches, is_code_shaped

MAX_CODE_ATTEMPTS = 5
PAYMENT_METHODS = ("cash", "card")

ID_DOCUMENT_TYPES: dict[str, str] = {
    "passport_rf": "Паспорт гражданина РФ",
    "foreign_passport": "Заграничный паспорт",
    "driving_license": "Водительское удостоверение",
    "military_id": "Военный билет",
    "residence_permit": "Вид на жительство",
    "temporary_id": "Временное удостоверение личности",
}

REFUSAL_REASONS: dict[str, str] = {
    "changed_mind": "Передумал(а)",
    "defect": "Брак или неисправность",
    "damaged": "Повреждение при доставке",
    "not_as_described": "Не соответствует описанию",
    "incomplete": "Некомплект",
    "wrong_item": "Привезли не тот товар",
    "other": "Другое",
}

messages.register(
    {
        "handover.not_found": "Выдача не найдена. Начните выдачу заново по номеру заказа.",
        "handover.not_in_progress": "Выдача заказа {order} уже закрыта ({status}). Начните новую выдачу.",
        "handover.not_ready": "Заказ {order} нельзя выдать: статус «{status}». "
        "Выдаются только заказы, готовые к выдаче.",
        "handover.order_locked": "Заказ {order} заблокирован после {attempts} неверных кодов. "
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
    }
)


@dataclass(frozen=True)
class BoxCheck:
    barcode: str
    seq_no: int
    cell_label: str | None
    scanned: bool


@dataclass(frozen=True)
class LineState:
    id: int
    sku: str
    name: str
    quantity: int
    price_kopecks: int
    serial: str | None
    refused_quantity: int
    refusal_reason: str | None

    @property
    def handed_quantity(self) -> int:
        return self.quantity - self.refused_quantity


@dataclass(frozen=True)
class PaymentIntent:
    """Money accepted at the counter; becomes a Payment row when the handover completes."""

    method: str
    due_kopecks: int
    tendered_kopecks: int
    change_kopecks: int


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
    lines: tuple[LineState, ...]
    due_kopecks: int
    payment: PaymentIntent | None
    attempts_left: int
    locked: bool

    @property
    def missing_steps(self) -> tuple[str, ...]:
        """Codes of the steps still needed: verify, id_document, power_of_attorney, boxes, payment."""
        steps = {
            "verify": self.verified_by is None,
            "id_document": self.needs_id_document and self.id_document_type is None,
            "power_of_attorney": self.needs_power_of_attorney and self.power_of_attorney is None,
            "boxes": not all(b.scanned for b in self.boxes),
            "payment": self.due_kopecks > 0 and (self.payment is None or self.payment.due_kopecks != self.due_kopecks),
        }
        return tuple(step for step, missing in steps.items() if missing)

    @property
    def ready_to_complete(self) -> bool:
        return not self.missing_steps


@dataclass(frozen=True)
class BoxScanResult:
    state: HandoverState
    barcode: str
    repeat: bool


@dataclass(frozen=True)
class HandoverResult:
    """What completion did: the order's new status, money, bonus points and the receipt SMS."""

    uid: str
    order_number: str
    result: str  # handed_over | partially_handed_over | refused
    handed_kopecks: int
    refused_kopecks: int
    payment: PaymentIntent | None
    bonus_points: int
    refund_by_centre_kopecks: int  # refused lines of a prepaid order: the centre returns the money
    receipt_sms: str
    notes: tuple[str, ...]


class HandoverService(Service):
    """The counter's handover workflow; every action is one transaction with an audit entry."""

    # --- reading ---------------------------------------------------------------------------------

    def state(self, uid: str) -> HandoverState:
        with self.reading() as s:
            handover = _get_handover(s, uid)
            return _state(s, handover, handover_order(s, handover))

    def in_progress(self) -> list[HandoverState]:
        """Unfinished handovers (to resume after a restart)."""
        with self.reading() as s:
            rows = s.scalars(select(Handover).where(Handover.status == "in_progress").order_by(Handover.id))
            return [_state(s, h, handover_order(s, h)) for h in rows]

    # --- starting and verifying ------------------------------------------------------------------

    def start(self, actor: Actor | None, order_number: str) -> HandoverState:
        """Begin (or resume the unfinished) handover of a ready, unlocked order of this point."""
        actor = require_role(actor, Role.CLERK, "выдача заказа")
        with self.action(actor) as act:
            handover, order = _start_or_resume(act, actor, order_number.strip())
            return _state(act.session, handover, order)

    def verify_code(self, actor: Actor | None, uid: str, code: str) -> HandoverState:
        """Check the pickup code; a wrong code is counted (and committed) before the error is raised."""
        actor = require_role(actor, Role.CLERK, "выдача заказа")
        code = code.strip()
        with self.reading() as s:
            handover = _get_handover(s, uid)
            order = _open_order(s, handover)
            if handover.verified_by is not None:
                return _state(s, handover, order)
            if not is_code_shaped(code):
                raise DomainError("handover.bad_code_format")
            if order.pickup_code_hash is None:
                raise DomainError("handover.no_code", order=order.number)
            params = point_code_params(local_point(s))
        matches = code_matches(code, order.pickup_code_hash, params)  # slow hash, outside any transaction
        with self.action(actor) as act:
            handover = _get_handover(act.session, uid)
            order = _open_order(act.session, handover)
            if matches:
                return self._mark_verified(act, handover, order, "code")
            error = _count_wrong_code(act, handover, order)
        raise error

    def verify_qr(self, actor: Actor | None, uid: str, token_text: str) -> HandoverState:
        """Verify the customer by the signed QR token from the app instead of the typed code."""
        actor = require_role(actor, Role.CLERK, "выдача заказа")
        with self.action(actor) as act:
            handover = _get_handover(act.session, uid)
            order = _open_order(act.session, handover)
            token = verify_pickup_token(act.session, token_text, act.now)
            if token.order_number != order.number:
                raise DomainError("handover.qr_other_order", token_order=token.order_number, order=order.number)
            return self._mark_verified(act, handover, order, "qr")

    def start_with_qr(self, actor: Actor | None, token_text: str) -> HandoverState:
        """One scan of the customer's QR: start (or resume) that order's handover already verified."""
        actor = require_role(actor, Role.CLERK, "выдача заказа")
        with self.action(actor) as act:
            token = verify_pickup_token(act.session, token_text, act.now)
            handover, order = _start_or_resume(act, actor, token.order_number)
            if handover.verified_by is not None:
                return _state(act.session, handover, order)
            return self._mark_verified(act, handover, order, "qr")

    def _mark_verified(self, act: Action, handover: Handover, order: Order, how: str) -> HandoverState:
        handover.verified_by = how
        order.code_failed_attempts = 0
        act.audit("handover.verified", order.number, handover=handover.uid, by=how)
        return _state(act.session, handover, order)

    def unlock(self, actor: Actor | None, order_number: str) -> None:
        """Manager lifts the lock put on an order by five wrong codes."""
        actor = require_role(actor, Role.MANAGER, "разблокировка заказа")
        with self.action(actor) as act:
            order = _local_order(act.session, order_number.strip())
            if order.locked_at is None:
                raise DomainError("handover.not_locked", order=order.number)
            order.locked_at = None
            order.code_failed_attempts = 0
            act.session.execute(
                update(ManagerAlert)
                .where(
                    ManagerAlert.order_id == order.id,
                    ManagerAlert.kind == "order_locked",
                    ManagerAlert.resolved_at.is_(None),
                )
                .values(resolved_at=act.now, resolved_by=actor.staff_id)
            )
            act.emit(OrderUnlocked(order=order.number, by=actor.login))
            act.audit("order.unlocked", order.number)

    # --- checks, boxes, refusals, payment --------------------------------------------------------

    def record_id_document(self, actor: Actor | None, uid: str, doc_type: str, last4: str) -> HandoverState:
        """Record that an ID document was shown: its type and the last 4 digits of its number only."""
        actor = require_role(actor, Role.CLERK, "выдача заказа")
        last4 = last4.strip()
        if doc_type not in ID_DOCUMENT_TYPES:
            raise DomainError("handover.bad_document_type", allowed=", ".join(ID_DOCUMENT_TYPES.values()))
        if len(last4) != 4 or not last4.isdigit():
            raise DomainError("handover.bad_document_last4")
        with self.action(actor) as act:
            handover, order = _verified(act.session, uid)
            handover.id_document_type, handover.id_document_last4 = doc_type, last4
            act.audit("handover.id_document", order.number, handover=uid, doc_type=doc_type)
            return _state(act.session, handover, order)

    def record_power_of_attorney(self, actor: Actor | None, uid: str, number: str) -> HandoverState:
        """Record the number of the power of attorney shown for a legal-entity order."""
        actor = require_role(actor, Role.CLERK, "выдача заказа")
        number = " ".join(number.split())
        if not 1 <= len(number) <= 64:
            raise DomainError("handover.bad_power_of_attorney")
        with self.action(actor) as act:
            handover, order = _verified(act.session, uid)
            handover.power_of_attorney = number
            act.audit("handover.power_of_attorney", order.number, handover=uid, number=number)
            return _state(act.session, handover, order)

    def scan_box(self, actor: Actor | None, uid: str, barcode: str) -> BoxScanResult:
        """Tick off one box of the order; a repeat is reported and changes nothing."""
        actor = require_role(actor, Role.CLERK, "выдача заказа")
        barcode = barcode.strip().upper()
        with self.action(actor) as act:
            handover, order = _verified(act.session, uid)
            if barcode not in {b.barcode for b in order.boxes}:
                raise _foreign_box_error(act.session, barcode, order.number)
            repeat = barcode in handover.scanned_boxes
            if not repeat:
                handover.scanned_boxes = [*handover.scanned_boxes, barcode]
                act.audit("handover.box_scanned", order.number, handover=uid, box=barcode)
            return BoxScanResult(_state(act.session, handover, order), barcode, repeat)

    def refuse_line(
        self, actor: Actor | None, uid: str, line_id: int, quantity: int, reason: str, note: str = ""
    ) -> HandoverState:
        """Set how many pieces of a line the customer refuses (0 cancels the refusal), with a reason."""
        actor = require_role(actor, Role.CLERK, "выдача заказа")
        note = " ".join(note.split())
        with self.action(actor) as act:
            handover, order = _verified(act.session, uid)
            line = next((x for x in order.lines if x.id == line_id), None)
            if line is None:
                raise DomainError("handover.line_not_found", line=line_id, order=order.number)
            _check_refusal(line, quantity, reason, note)
            line.refused_quantity = quantity
            line.refusal_reason = _reason_text(reason, note) if quantity else None
            payment_reset = handover.payment is not None
            handover.payment = None  # the amount due changed: payment must be taken again
            act.audit(
                "handover.line_refused",
                order.number,
                handover=uid,
                sku=line.sku,
                quantity=quantity,
                reason=reason if quantity else None,
                note=note or None,
                payment_reset=payment_reset,
            )
            return _state(act.session, handover, order)

    def pay(self, actor: Actor | None, uid: str, method: str, tendered_kopecks: int) -> HandoverState:
        """Accept payment of what is due: card must be exact, cash at least the due amount (change given)."""
        actor = require_role(actor, Role.CLERK, "приём оплаты")
        if method not in PAYMENT_METHODS:
            raise DomainError("handover.bad_payment_method")
        if not isinstance(tendered_kopecks, int) or tendered_kopecks <= 0:
            raise DomainError("handover.bad_amount")
        with self.action(actor) as act:
            handover, order = _verified(act.session, uid)
            due = _due(order)
            intent = _payment_intent(method, due, tendered_kopecks)
            handover.payment = {
                "method": method,
                "due": due,
                "tendered": tendered_kopecks,
                "change": intent.change_kopecks,
            }
            act.audit(
                "handover.paid",
                order.number,
                handover=uid,
                method=method,
                due=due,
                tendered=tendered_kopecks,
                change=intent.change_kopecks,
            )
            return _state(act.session, handover, order)

    # --- finishing ------------------------------------------------------------------------------

    def complete(self, actor: Actor | None, uid: str) -> HandoverResult:
        """Finish the handover: order status, boxes, payment, events, bonus accrual and receipt SMS."""
        actor = require_role(actor, Role.CLERK, "выдача заказа")
        with self.action(actor) as act:
            handover = _get_handover(act.session, uid)
            order = _open_order(act.session, handover)
            state = _state(act.session, handover, order)
            _check_complete(state, order)
            return _finish(act, handover, order, state)

    def abort(self, actor: Actor | None, uid: str) -> None:
        """Give up the handover: refusals and accepted payment are discarded, the order stays ready."""
        actor = require_role(actor, Role.CLERK, "выдача заказа")
        with self.action(actor) as act:
            handover = _get_handover(act.session, uid)
            order = handover_order(act.session, handover)
            _require_in_progress(handover, order)
            for line in order.lines:
                line.refused_quantity, line.refusal_reason = 0, None
            handover.status, handover.payment, handover.completed_at = "aborted", None, act.now
            act.audit("handover.aborted", order.number, handover=uid)


# --- loading and validating ----------------------------------------------------------------------


def _get_handover(s: Session, uid: str) -> Handover:
    handover = s.scalars(select(Handover).where(Handover.uid == uid)).first()
    if handover is None:
        raise DomainError("handover.not_found", uid=uid)
    return handover


def handover_order(s: Session, handover: Handover) -> Order:
    order = s.get(Order, handover.order_id)
    assert order is not None  # foreign key
    return order


def _require_in_progress(handover: Handover, order: Order) -> None:
    if handover.status != "in_progress":
        raise DomainError("handover.not_in_progress", order=order.number, status=handover.status)


def _require_handable(order: Order) -> None:
    if order.locked_at is not None:
        raise DomainError("handover.order_locked", order=order.number, attempts=order.code_failed_attempts)
    if order.status != OrderStatus.READY:
        raise DomainError("handover.not_ready", order=order.number, status=order.status)


def _open_order(s: Session, handover: Handover) -> Order:
    """The order of an in-progress handover that may still be handed over (ready, not locked)."""
    order = handover_order(s, handover)
    _require_in_progress(handover, order)
    _require_handable(order)
    return order


def _verified(s: Session, uid: str) -> tuple[Handover, Order]:
    handover = _get_handover(s, uid)
    order = _open_order(s, handover)
    if handover.verified_by is None:
        raise DomainError("handover.not_verified")
    return handover, order


def _local_order(s: Session, number: str) -> Order:
    point = local_point(s)
    order = s.scalars(select(Order).where(Order.number == number, Order.point_id == point.id)).first()
    if order is None:
        raise DomainError("order.not_found", order=number)
    return order


def _order_for_handover(s: Session, number: str) -> Order:
    order = _local_order(s, number)
    _require_handable(order)
    return order


def _start_or_resume(act: Action, actor: Actor, number: str) -> tuple[Handover, Order]:
    """The order's unfinished handover, or a new one; journaled either way."""
    order = _order_for_handover(act.session, number)
    handover = act.session.scalars(
        select(Handover).where(Handover.order_id == order.id, Handover.status == "in_progress")
    ).first()
    resumed = handover is not None
    if handover is None:
        handover = Handover(
            uid=new_uid(), order_id=order.id, staff_id=actor.staff_id, started_at=act.now, scanned_boxes=[]
        )
        act.session.add(handover)
        act.session.flush()
    act.audit("handover.resumed" if resumed else "handover.started", order.number, handover=handover.uid)
    return handover, order


def _count_wrong_code(act: Action, handover: Handover, order: Order) -> DomainError:
    """Count a wrong code; the fifth locks the order, alerts the manager and emits OrderLocked."""
    order.code_failed_attempts += 1
    attempts = order.code_failed_attempts
    act.audit("handover.wrong_code", order.number, handover=handover.uid, attempts=attempts)
    if attempts < MAX_CODE_ATTEMPTS:
        return DomainError("handover.wrong_code", order=order.number, attempts_left=MAX_CODE_ATTEMPTS - attempts)
    order.locked_at = act.now
    act.session.add(
        ManagerAlert(
            kind="order_locked",
            order_id=order.id,
            created_at=act.now,
            message=f"Заказ {order.number} заблокирован: {attempts} неверных кодов получения подряд.",
            details={"handover": handover.uid, "staff": act.actor.login if act.actor else None, "attempts": attempts},
        )
    )
    act.emit(OrderLocked(order=order.number, failed_attempts=attempts))
    act.audit("order.locked", order.number, attempts=attempts)
    return DomainError("handover.order_locked", order=order.number, attempts=attempts)


def _foreign_box_error(s: Session, barcode: str, order_number: str) -> DomainError:
    other = s.execute(select(Order.number).join(Box, Box.order_id == Order.id).where(Box.barcode == barcode)).scalar()
    if other is None:
        return DomainError("handover.box_unknown", box=barcode)
    return DomainError("handover.box_other_order", box=barcode, other_order=other, order=order_number)


def _check_refusal(line: OrderLine, quantity: int, reason: str, note: str) -> None:
    if not isinstance(quantity, int) or not 0 <= quantity <= line.quantity:
        raise DomainError("handover.bad_refuse_quantity", max=line.quantity)
    if quantity == 0:
        return
    if reason not in REFUSAL_REASONS:
        raise DomainError("handover.bad_refusal_reason")
    if reason == "other" and not note:
        raise DomainError("handover.refusal_note_required")


def _reason_text(reason: str, note: str) -> str:
    return f"{reason}: {note}"[:300] if note else reason


def _due(order: Order) -> int:
    return amount_due(order.prepaid, ((x.quantity, x.refused_quantity, x.price_kopecks) for x in order.lines))


def _payment_intent(method: str, due: int, tendered: int) -> PaymentIntent:
    if due <= 0:
        raise DomainError("handover.nothing_due")
    if method == "card" and tendered != due:
        raise DomainError(
            "handover.card_amount_mismatch",
            due=rub(due),
            tendered=rub(tendered),
            due_kopecks=due,
            tendered_kopecks=tendered,
        )
    if method == "cash" and tendered < due:
        raise DomainError(
            "handover.cash_insufficient",
            due=rub(due),
            tendered=rub(tendered),
            missing=rub(due - tendered),
            due_kopecks=due,
            tendered_kopecks=tendered,
        )
    return PaymentIntent(method, due, tendered, tendered - due)


def _check_complete(state: HandoverState, order: Order) -> None:
    missing = state.missing_steps
    if "verify" in missing:
        raise DomainError("handover.not_verified")
    if "id_document" in missing:
        raise DomainError("handover.id_document_required", order=order.number)
    if "power_of_attorney" in missing:
        raise DomainError("handover.power_of_attorney_required", company=order.legal_entity_name or "")
    if "boxes" in missing:
        left = [b for b in state.boxes if not b.scanned]
        raise DomainError(
            "handover.boxes_not_scanned",
            missing=len(left),
            total=len(state.boxes),
            boxes=", ".join(f"{b.seq_no} из {len(state.boxes)}" for b in left),
        )
    if "payment" in missing:
        raise DomainError("handover.payment_required", due=rub(state.due_kopecks), due_kopecks=state.due_kopecks)


# --- state ---------------------------------------------------------------------------------------


def _point(s: Session, order: Order) -> PickupPoint:
    point = s.get(PickupPoint, order.point_id)
    assert point is not None  # foreign key
    return point


def _state(s: Session, handover: Handover, order: Order) -> HandoverState:
    threshold = _point(s, order).id_check_threshold_kopecks
    scanned = set(handover.scanned_boxes or [])
    payment = handover.payment
    return HandoverState(
        uid=handover.uid,
        order_number=order.number,
        status=handover.status,
        kind=order.kind,
        prepaid=order.prepaid,
        customer_name=order.customer.full_name,
        masked_phone=mask_phone(order.customer.phone),
        legal_entity_name=order.legal_entity_name,
        verified_by=handover.verified_by,
        needs_id_document=order.kind == "credit" or order.total_kopecks > threshold,
        id_document_type=handover.id_document_type,
        id_document_last4=handover.id_document_last4,
        needs_power_of_attorney=order.kind == "legal_entity",
        power_of_attorney=handover.power_of_attorney,
        boxes=tuple(
            BoxCheck(b.barcode, b.seq_no, b.cell.label if b.cell else None, b.barcode in scanned) for b in order.boxes
        ),
        lines=tuple(
            LineState(x.id, x.sku, x.name, x.quantity, x.price_kopecks, x.serial, x.refused_quantity, x.refusal_reason)
            for x in order.lines
        ),
        due_kopecks=_due(order),
        payment=PaymentIntent(payment["method"], payment["due"], payment["tendered"], payment["change"])
        if payment
        else None,
        attempts_left=max(MAX_CODE_ATTEMPTS - order.code_failed_attempts, 0),
        locked=order.locked_at is not None,
    )


# --- completion ----------------------------------------------------------------------------------


def _result_event(state: HandoverState) -> OrderEvent:
    if all(x.handed_quantity == 0 for x in state.lines):
        return OrderEvent.REFUSE
    if any(x.refused_quantity for x in state.lines):
        return OrderEvent.HAND_OVER_PARTIALLY
    return OrderEvent.HAND_OVER


def _finish(act: Action, handover: Handover, order: Order, state: HandoverState) -> HandoverResult:
    """All writes of a completed handover, inside the caller's one transaction."""
    result = next_status(order.number, order.status, _result_event(state)).value
    handed = sum(x.handed_quantity * x.price_kopecks for x in state.lines)
    refused = sum(x.refused_quantity * x.price_kopecks for x in state.lines)
    _update_order_and_boxes(act, order, result)
    payment = state.payment if state.due_kopecks > 0 else None
    if payment is not None:
        act.session.add(
            Payment(
                order_id=order.id,
                handover_id=handover.id,
                method=payment.method,
                due_kopecks=payment.due_kopecks,
                tendered_kopecks=payment.tendered_kopecks,
                change_kopecks=payment.change_kopecks,
                staff_id=_staff_id(act),
                paid_at=act.now,
            )
        )
    act.emit(_completed_event(handover, order, state, result, payment))
    paid_for_handed = payment.due_kopecks if payment else (handed if order.prepaid else 0)
    points = _accrue_bonus(act, order, points_for(paid_for_handed))
    sms_uid = _request_receipt(act, order)
    handover.status, handover.completed_at = "completed", act.now
    refund = refused if order.prepaid else 0
    act.audit(
        "handover.completed",
        order.number,
        handover=handover.uid,
        result=result,
        points=points,
        paid=payment.due_kopecks if payment else 0,
        refund_by_centre=refund,
    )
    return HandoverResult(
        handover.uid, order.number, result, handed, refused, payment, points, refund, sms_uid, _notes(result, refund)
    )


def _staff_id(act: Action) -> int:
    assert act.actor is not None  # require_role guarantees it
    return act.actor.staff_id


def _update_order_and_boxes(act: Action, order: Order, result: str) -> None:
    order.status = result
    if result == OrderStatus.REFUSED:
        return  # the boxes stay on the shelf for the return
    order.handed_over_at = act.now
    act.session.execute(
        update(Box)
        .where(Box.order_id == order.id)
        .values(status="handed_over", cell_id=None)
        .execution_options(synchronize_session="fetch")
    )


def _completed_event(
    handover: Handover, order: Order, state: HandoverState, result: str, payment: PaymentIntent | None
) -> HandoverCompleted:
    lines = [
        {"sku": x.sku, "quantity": x.quantity, "refused": x.refused_quantity, "reason": x.refusal_reason}
        for x in state.lines
    ]
    pay: dict[str, Any] | None = None
    if payment is not None:
        pay = {
            "method": payment.method,
            "due": payment.due_kopecks,
            "tendered": payment.tendered_kopecks,
            "change": payment.change_kopecks,
        }
    return HandoverCompleted(
        handover=handover.uid,
        order=order.number,
        result=result,
        verified_by=handover.verified_by or "",
        lines=lines,
        payment=pay,
        id_document_type=handover.id_document_type,
        id_document_last4=handover.id_document_last4,
        power_of_attorney=handover.power_of_attorney,
    )


def _accrue_bonus(act: Action, order: Order, points: int) -> int:
    """A pending accrual of 1 point per rouble paid for the handed-over lines (nothing when 0)."""
    if points <= 0:
        return 0
    card_id = act.session.scalars(
        select(ClubCard.id)
        .where(ClubCard.customer_id == order.customer_id, ClubCard.status.in_(("active", "pending")))
        .order_by(ClubCard.id)
    ).first()
    act.session.add(
        BonusLedgerEntry(
            customer_id=order.customer_id,
            card_id=card_id,
            order_id=order.id,
            reason="accrual",
            points=points,
            status="pending",
            created_at=act.now,
        )
    )
    act.emit(BonusAccrual(order=order.number, points=points))
    return points


def _request_receipt(act: Action, order: Order) -> str:
    """A 'receipt' SMS request for the backend to send."""
    attempt = (
        1
        + act.session.execute(
            select(func.coalesce(func.max(SmsMessage.attempt), 0)).where(
                SmsMessage.order_id == order.id, SmsMessage.purpose == "receipt"
            )
        ).scalar_one()
    )
    uid = new_uid()
    act.session.add(
        SmsMessage(
            uid=uid,
            order_id=order.id,
            purpose="receipt",
            attempt=attempt,
            status="requested",
            requested_at=act.now,
            requested_by=_staff_id(act),
            updated_at=act.now,
            timeline=[{"status": "requested", "at": act.now.isoformat()}],
        )
    )
    act.emit(SmsRequested(sms=uid, order=order.number, purpose="receipt", attempt=attempt))
    return uid


def _notes(result: str, refund: int) -> tuple[str, ...]:
    notes: list[str] = []
    if result == OrderStatus.REFUSED:
        notes.append("Клиент отказался от всего заказа: коробки остаются на хранении до возврата.")
    if refund > 0:
        notes.append(f"Заказ оплачен заранее: деньги за отказанные товары ({rub(refund)}) вернёт центр.")
    return tuple(notes)
