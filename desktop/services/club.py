"""Club cards: eligibility by phone, activation against this point's card stock, +190 points once."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop import messages
from desktop.db.models import BonusLedgerEntry, BonusStatus, ClubCard, Customer, ManagerAlert, Order, OrderLine
from desktop.services.base import Action, Actor, Role, Service, local_point, require_role
from desktop.services.money.bonus import account_ids, bonus_balance
from desktop.services.money.model import BonusBalance
from desktop.services.sms_request import request_sms
from desktop.sync.reasons import describe_reason
from desktop.translatable import QT_TRANSLATE_NOOP, translate
from protocol import ean13
from protocol.club_rules import ACTIVATION_POINTS, CITY_MAX, QUALIFYING_KOPECKS, known_city
from protocol.errors import DomainError
from protocol.events import ClubCardActivated
from protocol.order_states import OrderStatus
from protocol.phone import BadPhoneError, canonical_phone
from protocol.phone import mask_for_log as mask_phone
from protocol.states import CardStatus

CARD_PREFIX = "2"
CARD_LENGTH = 13  # EAN-13
HOLDING_STATUSES = (CardStatus.PENDING, CardStatus.ACTIVE)
STATUS_CONTEXT = "ClubCardStatus"

messages.register(
    {
        "club.bad_phone": "Телефон «{phone}» не похож на российский номер. Введите его как +7XXXXXXXXXX.",
        "club.bad_card_number": "Номер карты {card} неверен (13 цифр, начинается с 2, контрольная цифра). "
        "Отсканируйте карту ещё раз.",
        "club.city_required": "Укажите город клиента: без него карту не активировать.",
        "club.unknown_city": "Города «{city}» нет в списке городов клуба. Выберите город из списка.",
        "club.card_not_in_stock": "Карты {card} нет среди карт этого пункта выдачи. Возьмите другую карту.",
        "club.card_already_active": "Карта {card} уже активирована ({status}). Выдайте клиенту другую карту.",
        "club.card_rejected": "Активация карты {card} отклонена центром. Отложите карту для менеджера.",
        "club.wrong_activation_code": "Код активации карты {card} неверен. Сверьте код на обороте карты.",
        "club.extra_code_required": "Для карты {card} нужен дополнительный код с карты. Введите его.",
        "club.wrong_extra_code": "Дополнительный код карты {card} неверен. Сверьте его с картой.",
        "club.not_eligible": "Карту выдать нельзя: {reason}",
        "club.card_not_pending": "Карта {card} не ожидает подтверждения (состояние: {status}).",
        "alert.club_activation_rejected": "Центр отклонил активацию карты {card}: {reason}",
        "club.card_unknown": "Карта {card} не выдана клиенту или неизвестна этому пункту. Проверьте номер.",
        "club.customer_unknown": "Клиент с телефоном {phone} не найден в этом пункте выдачи.",
        "alert.club_activation_rejected_no_reason": "Центр отклонил активацию карты {card}: причина не указана",
    }
)

# Why a customer may not get a card: in the message catalogue, so the text is translated with the errors.
messages.register(
    {
        "club.reason.customer_not_found": "клиент с телефоном {phone} не найден в этом пункте выдачи.",
        "club.reason.phone_has_card": "у клиента с телефоном {phone} уже есть клубная карта {card}.",
        "club.reason.no_qualifying_order": "нет заказа на сумму от 5 000 ₽ "
        "(выданного или готового к выдаче в этом пункте).",
        "club.reason.welcome_bonus_received": "клиент с телефоном {phone} уже получал 190 баллов за активацию "
        "карты: приветственные баллы начисляются один раз.",
    }
)
_STATUS_TEXT = {
    CardStatus.STOCK: QT_TRANSLATE_NOOP("ClubCardStatus", "на складе пункта"),
    CardStatus.PENDING: QT_TRANSLATE_NOOP("ClubCardStatus", "ожидает подтверждения центром"),
    CardStatus.ACTIVE: QT_TRANSLATE_NOOP("ClubCardStatus", "активна"),
    CardStatus.REJECTED: QT_TRANSLATE_NOOP("ClubCardStatus", "отклонена"),
}


def status_text(status: str) -> str:
    """A card status in the clerk's language."""
    return translate(STATUS_CONTEXT, _STATUS_TEXT[CardStatus(status)])


def normalise_phone(text: str) -> str:
    """'8 (916) 123-45-67', '+7 916 1234567', '9161234567' → '+79161234567'; DomainError otherwise."""
    try:
        return canonical_phone(text)
    except BadPhoneError:
        raise DomainError("club.bad_phone", phone=(text or "").strip()) from None


@dataclass(frozen=True)
class Eligibility:
    """Whether a customer (by phone) may get a club card, and why not in Russian."""

    eligible: bool
    phone: str
    code: str | None = None  # customer_not_found | phone_has_card | welcome_bonus_received | no_qualifying_order
    reason: str | None = None
    customer_name: str | None = None
    qualifying_order: str | None = None


@dataclass(frozen=True)
class ActivationResult:
    """A card activated at the counter; `status` stays 'pending' until the backend confirms."""

    card_number: str
    status: str
    points: int
    customer_name: str
    phone_masked: str
    city: str
    qualifying_order: str
    sms_uid: str


class ClubService(Service):
    """Eligibility check, activation and the backend's confirmation of activations."""

    hasher = PasswordHasher()

    def check_eligibility(self, phone: str) -> Eligibility:
        """May the customer with this phone get a card? (order ≥ 5,000 ₽ here; one card per phone)."""
        normalised = normalise_phone(phone)
        with self.reading() as session:
            return _eligibility(session, normalised)

    def activate(
        self,
        actor: Actor,
        card_number: str,
        activation_code: str,
        city: str,
        phone: str,
        extra_code: str | None = None,
    ) -> ActivationResult:
        """Activate a card from this point's stock for the customer; +190 points pending confirmation."""
        require_role(actor, Role.CLERK, QT_TRANSLATE_NOOP("Actions", "активация клубной карты"))
        number, city, normalised = _validated_input(card_number, city, phone)
        with self.action(actor) as act:
            outcome = self._activate(act, number, activation_code, extra_code, city, normalised)
        if isinstance(outcome, DomainError):  # a wrong code is journalled (committed) before refusing
            raise outcome
        return outcome

    def _activate(
        self, act: Action, number: str, code: str, extra: str | None, city: str, phone: str
    ) -> ActivationResult | DomainError:
        point = local_point(act.session)
        card = act.session.scalars(
            select(ClubCard).where(ClubCard.number == number, ClubCard.point_id == point.id)
        ).first()
        _check_card_state(card, number)
        assert card is not None
        wrong = self._wrong_codes(card, code, extra)
        if wrong is not None:
            act.audit("club.activation_code_failed", number, which=wrong)
            return DomainError(f"club.{wrong}", card=number)
        verdict = _eligibility(act.session, phone)
        if not verdict.eligible:
            raise DomainError("club.not_eligible", reason=verdict.reason, why=verdict.code)
        return _record_activation(act, card, city, phone, verdict)

    def _wrong_codes(self, card: ClubCard, code: str, extra: str | None) -> str | None:
        if not self._matches(card.activation_code_hash, code):
            return "wrong_activation_code"
        if card.extra_code_hash is None:
            return None
        if not (extra or "").strip():
            return "extra_code_required"
        return None if self._matches(card.extra_code_hash, extra or "") else "wrong_extra_code"

    def _matches(self, stored: str, given: str) -> bool:
        try:
            return bool(given.strip()) and self.hasher.verify(stored, given.strip())
        except (VerificationError, InvalidHashError):
            return False

    def balance(self, actor: Actor | None, card_or_phone: str) -> BonusBalance:
        """A customer's bonus account by club card number or phone: confirmed, pending, reserved, the entries."""
        require_role(actor, Role.CLERK, QT_TRANSLATE_NOOP("Actions", "просмотр бонусного счёта"))
        with self.reading() as session:
            return bonus_balance(session, _account_holders(session, card_or_phone))

    def confirm_activation(
        self, card_number: str, accepted: bool, reason: str | None = None, phone: str | None = None,
        customer: str | None = None,
    ) -> str:
        """The backend's answer to an activation (called by the sync engine); returns the card's new status.

        pending → active (ledger confirmed) or rejected (ledger rejected, manager alerted). Repeating
        the same answer is a no-op, so a replayed change-feed entry is harmless. `phone` names the
        activation answered: an answer about another PC's activation of the card never settles this one's;
        `customer` (the holder's external id, when the server names it) is who holds the card then.
        """
        with self.action(None) as act:
            card = act.session.scalars(select(ClubCard).where(ClubCard.number == card_number)).first()
            if card is not None and phone is not None and not _held_by(act.session, card, phone):
                return _other_activation(act, card, accepted, phone, customer)
            target = CardStatus.ACTIVE if accepted else CardStatus.REJECTED
            if card is not None and card.status == target:
                return target
            if card is None or card.status != CardStatus.PENDING:
                shown = status_text(card.status) if card else translate("ClubCardStatus", "нет")
                raise DomainError("club.card_not_pending", card=card_number, status=shown)
            _settle(act, card, target, reason)
            return target


def _account_holders(session: Session, card_or_phone: str) -> list[int]:
    """The customer rows of the account asked for (one account per phone, as the server keeps it)."""
    typed = (card_or_phone or "").strip()
    if typed.isdigit() and len(typed) == CARD_LENGTH:
        card = session.scalars(select(ClubCard).where(ClubCard.number == typed)).first()
        if card is None or card.customer_id is None:
            raise DomainError("club.card_unknown", card=typed)
        return account_ids(session, card.customer_id)
    phone = normalise_phone(typed)
    customers = _customers(session, phone)
    if not customers:
        raise DomainError("club.customer_unknown", phone=mask_phone(phone))
    return [c.id for c in customers]


def _held_by(session: Session, card: ClubCard, phone: str) -> bool:
    customer = session.get(Customer, card.customer_id) if card.customer_id is not None else None
    return customer is not None and customer.phone == phone


def _other_activation(act: Action, card: ClubCard, accepted: bool, phone: str, customer: str | None) -> str:
    """Another PC's activation of this card: its win makes the card that customer's (this PC's pending
    activation lost the race); its refusal changes nothing here. Two customers may share the phone: the
    server names the holder; an older server's answer without the name falls back to the phone's first."""
    if not accepted:
        return str(card.status)
    if card.status == CardStatus.PENDING:
        _settle(act, card, CardStatus.REJECTED, "card_already_active")
    holders = _customers(act.session, phone)
    named = [c for c in holders if customer is not None and c.external_id == customer]
    holder = next(iter(named or holders), None)
    card.status, card.customer_id = CardStatus.ACTIVE, holder.id if holder else None
    return CardStatus.ACTIVE


def _validated_input(card_number: str, city: str, phone: str) -> tuple[str, str, str]:
    number = (card_number or "").strip()
    if not (number.startswith(CARD_PREFIX) and ean13.is_valid(number)):
        raise DomainError("club.bad_card_number", card=number)
    typed = " ".join((city or "").split())
    if not typed:
        raise DomainError("club.city_required")
    listed = known_city(typed[:CITY_MAX])
    if listed is None or len(typed) > CITY_MAX:
        raise DomainError("club.unknown_city", city=_shortened(typed))
    return number, listed, normalise_phone(phone)


def _shortened(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_card_state(card: ClubCard | None, number: str) -> None:
    if card is None:
        raise DomainError("club.card_not_in_stock", card=number)
    if card.status in HOLDING_STATUSES:
        raise DomainError("club.card_already_active", card=number, status=status_text(card.status))
    if card.status == CardStatus.REJECTED:
        raise DomainError("club.card_rejected", card=number)


def _record_activation(act: Action, card: ClubCard, city: str, phone: str, verdict: Eligibility) -> ActivationResult:
    session = act.session
    order = session.scalars(select(Order).where(Order.number == verdict.qualifying_order)).one()
    # The card goes to the customer whose order qualifies, as the server decides (two customers may share a phone).
    customer = next(c for c in _customers(session, phone) if c.id == order.customer_id)
    card.status, card.customer_id, card.city = CardStatus.PENDING, customer.id, city
    card.activated_at, card.activated_by = act.now, act.actor.staff_id if act.actor else None
    # The activation goes first: the server sends the welcome SMS only for a card it has activated.
    event_id = act.emit(ClubCardActivated(card=card.number, phone=phone, city=city, points=ACTIVATION_POINTS))
    session.add(  # the server's `bonus.entry` for it names this event: it confirms this entry
        BonusLedgerEntry(customer_id=customer.id, card_id=card.id, reason="activation", points=ACTIVATION_POINTS,
                         status=BonusStatus.PENDING, created_at=act.now, event_id=event_id)
    )
    sms = request_sms(act, order.id, order.number, "club", "club")  # the backend finds the phone by the order
    act.audit("club.card_activated", card.number, phone=mask_phone(phone), city=city, order=order.number)
    return ActivationResult(
        card.number, CardStatus.PENDING, ACTIVATION_POINTS, customer.full_name, mask_phone(phone), city, order.number,
        sms.uid,
    )


def _settle(act: Action, card: ClubCard, target: str, reason: str | None) -> None:
    card.status = target
    outcome = BonusStatus.CONFIRMED if target == CardStatus.ACTIVE else BonusStatus.REJECTED
    for entry in act.session.scalars(
        select(BonusLedgerEntry).where(BonusLedgerEntry.card_id == card.id, BonusLedgerEntry.reason == "activation")
    ):
        entry.status = outcome
    if target == CardStatus.REJECTED:
        act.session.add(
            ManagerAlert(
                kind="club_activation_rejected",
                message=_rejection_text(card.number, reason),
                details={"card": card.number, "reason": reason},
                created_at=act.now,
            )
        )
    confirmed = outcome == BonusStatus.CONFIRMED
    act.audit("club.activation_confirmed" if confirmed else "club.activation_rejected", card.number, reason=reason)


def _rejection_text(card: str, reason: str | None) -> str:
    """The manager alert's text, in the language of the counter at the time."""
    if reason:
        return messages.describe("alert.club_activation_rejected", {"card": card, "reason": describe_reason(reason)})
    return messages.describe("alert.club_activation_rejected_no_reason", {"card": card})


def _customers(session: Session, phone: str) -> list[Customer]:
    return list(session.scalars(select(Customer).where(Customer.phone == phone).order_by(Customer.id)))


def _eligibility(session: Session, phone: str) -> Eligibility:
    customers = _customers(session, phone)
    if not customers:
        return _refusal(phone, "customer_not_found")
    ids = [c.id for c in customers]
    card = session.scalars(
        select(ClubCard).where(ClubCard.customer_id.in_(ids), ClubCard.status.in_(HOLDING_STATUSES))
    ).first()
    if card is not None:
        return _refusal(phone, "phone_has_card", customers[0].full_name, card=card.number)
    if _welcome_bonus_received(session, ids):
        return _refusal(phone, "welcome_bonus_received", customers[0].full_name)
    order = _qualifying_order(session, ids, local_point(session).id)
    if order is None:
        return _refusal(phone, "no_qualifying_order", customers[0].full_name)
    return Eligibility(True, phone, customer_name=customers[0].full_name, qualifying_order=order)


def _welcome_bonus_received(session: Session, customer_ids: list[int]) -> bool:
    """+190 once per customer: an activation credit that was not rejected already exists."""
    return session.scalars(
        select(BonusLedgerEntry.id).where(
            BonusLedgerEntry.customer_id.in_(customer_ids),
            BonusLedgerEntry.reason == "activation",
            BonusLedgerEntry.status != BonusStatus.REJECTED,
        )
    ).first() is not None


def _refusal(phone: str, code: str, name: str | None = None, card: str | None = None) -> Eligibility:
    reason = messages.describe(f"club.reason.{code}", {"phone": mask_phone(phone), "card": card})
    return Eligibility(False, phone, code, reason, name)


def _qualifying_order(session: Session, customer_ids: list[int], point_id: int) -> str | None:
    """The first by number of the customer's orders here of ≥ 5,000 ₽ that are ready or handed over (partly: what
    was taken) — the server picks the same one (backend/rules/club.py), so both give the card to its customer."""
    whole = session.scalars(
        select(Order.number)
        .where(
            Order.customer_id.in_(customer_ids),
            Order.point_id == point_id,
            Order.status.in_((OrderStatus.READY.value, OrderStatus.HANDED_OVER.value)),
            Order.total_kopecks >= QUALIFYING_KOPECKS,
        )
        .order_by(Order.number)
    ).first()
    taken = func.sum((OrderLine.quantity - OrderLine.refused_quantity) * OrderLine.price_kopecks)
    partly = session.scalars(
        select(Order.number)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(
            Order.customer_id.in_(customer_ids),
            Order.point_id == point_id,
            Order.status == OrderStatus.PARTIALLY_HANDED_OVER.value,
        )
        .group_by(Order.id)
        .having(taken >= QUALIFYING_KOPECKS)
        .order_by(Order.number)
    ).first()
    return min((n for n in (whole, partly) if n is not None), default=None)
