"""Handover step 1: find the order and verify the customer (pickup code, QR token, phone + name); the unlock."""

from __future__ import annotations

from sqlalchemy import update

from desktop.db.models import ManagerAlert
from desktop.db.pepper import code_hash_matches, pepper_for_session, read_tag_key
from desktop.services.base import Action, Actor, Role, Service, local_point, require_role
from desktop.services.handover import code_guard
from desktop.services.handover.code_lookup import code_candidates, matching_hashes
from desktop.services.handover.lookup import (
    count_wrong_code,
    get_handover,
    handover_state,
    mark_verified,
    open_order,
    start_or_resume,
)
from desktop.services.handover.model import HandoverLookup, HandoverState, clerk_action
from desktop.services.order_summary import OrderSummary
from desktop.services.orders import local_order, orders_by_code_hash, orders_by_phone_and_name
from desktop.services.pickup_checks import point_code_params, verify_pickup_token
from desktop.translatable import QT_TRANSLATE_NOOP
from protocol.errors import DomainError
from protocol.events import OrderUnlocked
from protocol.order_states import OrderStatus
from protocol.pickup_code import hash_like, is_code_shaped

UNLOCK = QT_TRANSLATE_NOOP("Actions", "разблокировка заказа")


def _the_one(found: list[OrderSummary]) -> OrderSummary | None:
    """The order to hand over: the only one found, else the only ready one among them, else none."""
    if len(found) == 1:
        return found[0]
    ready = [o for o in found if o.status == OrderStatus.READY]
    return ready[0] if len(ready) == 1 else None


class VerificationSteps(Service):
    """Starting a handover and checking that the person at the counter is the customer."""

    def start(self, actor: Actor | None, order_number: str) -> HandoverState:
        """Begin (or resume the unfinished) handover of a ready, unlocked order of this point."""
        actor = require_role(actor, Role.CLERK, clerk_action())
        with self.action(actor) as act:
            handover, order = start_or_resume(act, actor, order_number.strip())
            return handover_state(act.session, handover, order)

    def verify_code(self, actor: Actor | None, uid: str, code: str) -> HandoverState:
        """Check the pickup code; a wrong code is counted (and committed) before the error is raised."""
        actor = require_role(actor, Role.CLERK, clerk_action())
        code = code.strip()
        with self.reading() as s:
            handover = get_handover(s, uid)
            order = open_order(s, handover)
            if handover.verified_by is not None:
                return handover_state(s, handover, order)
            if not is_code_shaped(code):
                raise DomainError("handover.bad_code_format")
            if order.pickup_code_hash is None:
                raise DomainError("handover.no_code", order=order.number)
            params = point_code_params(local_point(s))
            stored, pepper = order.pickup_code_hash, pepper_for_session(s)
        matches = code_hash_matches(pepper, hash_like(code, stored, params), stored)  # slow, outside a transaction
        with self.action(actor) as act:
            handover = get_handover(act.session, uid)
            order = open_order(act.session, handover)
            if matches:
                return mark_verified(act, handover, order, "code")
            error = count_wrong_code(act, handover, order)
        raise error

    def verify_qr(self, actor: Actor | None, uid: str, token_text: str) -> HandoverState:
        """Verify the customer by the signed QR token from the app instead of the typed code."""
        actor = require_role(actor, Role.CLERK, clerk_action())
        with self.action(actor) as act:
            handover = get_handover(act.session, uid)
            order = open_order(act.session, handover)
            token = verify_pickup_token(act.session, token_text, act.now)
            if token.order_number != order.number:
                raise DomainError("handover.qr_other_order", token_order=token.order_number, order=order.number)
            return mark_verified(act, handover, order, "qr")

    def start_with_qr(self, actor: Actor | None, token_text: str) -> HandoverState:
        """One scan of the customer's QR: start (or resume) that order's handover already verified."""
        actor = require_role(actor, Role.CLERK, clerk_action())
        with self.action(actor) as act:
            token = verify_pickup_token(act.session, token_text, act.now)
            return _start_verified(act, actor, token.order_number, "qr")

    def start_with_code(self, actor: Actor | None, code: str) -> HandoverLookup:
        """A pickup code typed with no handover open: find its order and start its handover verified.

        When the code fits several orders and only one of them is ready, that one is started; otherwise
        the orders found (none or several) come back for the clerk to choose by number.
        """
        actor = require_role(actor, Role.CLERK, clerk_action())
        code = code.strip()
        if not is_code_shaped(code):
            raise DomainError("orders.bad_pickup_code")
        self._require_code_lookups_allowed(actor)
        with self.reading() as s:
            params, pepper, stored = point_code_params(local_point(s)), pepper_for_session(s), code_candidates(s)
            tag_key = read_tag_key(s)
        matched = matching_hashes(code, stored, params, pepper, tag_key)  # slow on purpose; no transaction is held
        with self.action(actor) as act:
            found = orders_by_code_hash(act.session, matched)
            if not found:
                code_guard.count_wrong_guess(act, actor)  # a guess: counted for this PC, not for any order
            chosen = _the_one(found)
            if chosen is None:
                return HandoverLookup(None, tuple(found))
            return HandoverLookup(_start_verified(act, actor, chosen.number, "code"))

    def _require_code_lookups_allowed(self, actor: Actor) -> None:
        """Refuse (journalled, committed) a code-only lookup while this PC waits for a manager (code_guard)."""
        with self.action(actor) as act:
            refused = code_guard.refusal(act)
        if refused is not None:
            raise refused

    def authorise_code_lookups(self, actor: Actor | None, manager: Actor) -> None:
        """A manager's badge and PIN (signed in by the staff service) let this PC look orders up by code again."""
        actor = require_role(actor, Role.CLERK, clerk_action())
        with self.action(manager) as act:
            refused = code_guard.authorise(act, actor, manager)
        if refused is not None:
            raise refused

    def find_by_phone(self, actor: Actor | None, last4: str, name: str) -> HandoverLookup:
        """Phone's last 4 digits + name: the only ready order found is started (still to verify)."""
        actor = require_role(actor, Role.CLERK, clerk_action())
        with self.action(actor) as act:
            found = orders_by_phone_and_name(act.session, last4, name)
            ready = [o for o in found if o.status == OrderStatus.READY]
            if len(ready) != 1:
                return HandoverLookup(None, tuple(found))
            handover, order = start_or_resume(act, actor, ready[0].number)
            return HandoverLookup(handover_state(act.session, handover, order))

    def unlock(self, actor: Actor | None, order_number: str) -> None:
        """Manager lifts the lock put on an order by five wrong codes."""
        actor = require_role(actor, Role.MANAGER, UNLOCK)
        with self.action(actor) as act:
            order = local_order(act.session, order_number.strip())
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


def _start_verified(act: Action, actor: Actor, number: str, how: str) -> HandoverState:
    """Start (or resume) the order's handover and mark it verified `how`, unless it already is."""
    handover, order = start_or_resume(act, actor, number)
    if handover.verified_by is not None:
        return handover_state(act.session, handover, order)
    return mark_verified(act, handover, order, how)
