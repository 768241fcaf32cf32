"""Intake steps: start (a pre-filed claim or a new one for a purchased order), the serial, the cover, the checks.

Each function takes the open transaction; nothing is written here except the manager's override entry in the
journal (the acceptance itself is in acceptance.py). The draft is the page's: every step returns a new one.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.claim_models import OVERRIDE_NOTE_MAX, Claim
from desktop.db.models import Order, PickupPoint, Staff
from desktop.services.base import Action, Actor, Role, require_role
from desktop.services.returns.rules import point_zone
from desktop.services.warranty.model import CoverInfo, IntakeDraft, IntakeLine
from desktop.services.warranty.rules import (
    check_length,
    claim_by_number,
    clean_serial,
    purchased_order,
    refuse_duplicate,
    same_serial,
)
from desktop.translatable import QT_TRANSLATE_NOOP
from protocol.claims import ClaimStatus, ClaimStep, counter_claim_number, cover_on, next_claim_status, warranty_ends
from protocol.errors import DomainError
from protocol.phone import mask_for_screen

OVERRIDE_SERIAL = QT_TRANSLATE_NOOP("Actions", "приём изделия с другим серийным номером")


def order_lines(order: Order) -> tuple[IntakeLine, ...]:
    """The lines the customer took (a line refused in full was never theirs)."""
    return tuple(
        IntakeLine(x.sku, x.name, x.serial, x.warranty_months) for x in order.lines if x.quantity > x.refused_quantity
    )


def start(s: Session, point: PickupPoint, claim: str | None, order: str | None, sku: str | None) -> IntakeDraft:
    """The draft of a pre-filed claim's intake (`claim`), or of a new claim for a purchased order (`order`)."""
    if claim:
        return _start_prefiled(s, point, claim)
    if not order:
        raise DomainError("claim.bad_query", query="")
    found = purchased_order(s, point, order)
    lines = order_lines(found)
    if sku is not None and sku not in {x.sku for x in lines}:
        raise DomainError("claim.no_line", order=found.number, sku=sku)
    chosen = sku or (lines[0].sku if len(lines) == 1 else None)
    return _draft(found, _new_number(s, point), False, lines, chosen, "")


def _start_prefiled(s: Session, point: PickupPoint, number: str) -> IntakeDraft:
    claim = claim_by_number(s, point, number)
    next_claim_status(claim.number, claim.status, ClaimStep.ACCEPT)  # closed / already taken in: refused here
    order = purchased_order(s, point, claim.order_number)
    # the serial the customer gave online (the server compares with it), else the order line's
    lines = tuple(replace(x, serial=claim.serial or x.serial) for x in order_lines(order) if x.sku == claim.sku)
    if not lines:
        raise DomainError("claim.no_line", order=order.number, sku=claim.sku)
    return _draft(order, claim.number, True, lines, claim.sku, claim.fault)


def _draft(order: Order, number: str, prefiled: bool, lines: tuple[IntakeLine, ...], sku: str | None,
           fault: str) -> IntakeDraft:
    customer = order.customer
    return IntakeDraft(number, prefiled, order.number, customer.full_name, mask_for_screen(customer.phone), lines,
                       fault, sku)


def _new_number(s: Session, point: PickupPoint) -> str:
    """A fresh claim number of this point (the random part is drawn again in the rare case it is taken here)."""
    while True:
        number = counter_claim_number(point.code, secrets.randbelow(10**6))
        if s.scalar(select(Claim.id).where(Claim.number == number)) is None:
            return number


def check_serial(s: Session, draft: IntakeDraft, scanned: str) -> IntakeDraft:
    """The serial scanned from the item against the order line (or, line not chosen yet, any line of the order).

    A match keeps the serial as the order recorded it (case and blanks as read do not count); a line that recorded
    no serial takes the one scanned (there is nothing to compare it with, the server does the same).
    """
    serial = clean_serial(scanned)
    line = draft.line()
    if line is not None and line.serial and not same_serial(serial, line.serial):
        raise DomainError("claim.serial_mismatch", serial=serial, order=draft.order, expected=line.serial)
    if line is None:
        line = next((x for x in draft.lines if same_serial(serial, x.serial)), None)
    if line is None:
        raise DomainError("claim.serial_unknown", serial=serial, order=draft.order)
    refuse_duplicate(s, serial, draft.number)
    return draft.with_serial(line.sku, line.serial or serial)


def override_serial(act: Action, point: PickupPoint, draft: IntakeDraft, scanned: str, manager: Actor, note: str,
                    sku: str | None) -> IntakeDraft:
    """A manager of this point allows a serial that does not match (journalled with the note)."""
    serial = clean_serial(scanned)
    require_manager_here(act.session, point, manager)
    text = (note or "").strip()
    if not text:
        raise DomainError("claim.override_note_required")
    check_length(text, OVERRIDE_NOTE_MAX)
    chosen = sku or draft.sku or (draft.lines[0].sku if len(draft.lines) == 1 else None)
    if chosen is None:
        raise DomainError("claim.choose_line", order=draft.order)
    if chosen not in {x.sku for x in draft.lines}:
        raise DomainError("claim.no_line", order=draft.order, sku=chosen)
    refuse_duplicate(act.session, serial, draft.number)
    expected = next(x.serial for x in draft.lines if x.sku == chosen)
    act.audit("claim.serial_override", draft.number, order=draft.order, sku=chosen, serial=serial,
              expected=expected, manager=manager.login, note=text)
    return draft.with_serial(chosen, serial, text, manager.login)


def require_manager_here(s: Session, point: PickupPoint, manager: Actor | None) -> Actor:
    """The signed-in manager (badge + PIN through the staff service) is an active manager of this point."""
    manager = require_role(manager, Role.MANAGER, OVERRIDE_SERIAL)
    if not is_manager_here(s, point, manager.login):
        raise DomainError("claim.override_not_manager", staff=manager.login)
    return manager


def is_manager_here(s: Session, point: PickupPoint, login: str) -> bool:
    staff = s.scalars(select(Staff).where(Staff.login == login)).first()
    manager_roles = {Role.MANAGER.value, Role.ADMIN.value}
    return staff is not None and staff.active and staff.point_id == point.id and staff.role in manager_roles


def cover(s: Session, point: PickupPoint, draft: IntakeDraft, now: datetime) -> CoverInfo:
    """The warranty on the draft's item today (the point's date): from the handover, for the line's months."""
    line = draft.line() or (draft.lines[0] if len(draft.lines) == 1 else None)
    if line is None:
        raise DomainError("claim.choose_line", order=draft.order)
    return cover_of(s, point, draft.order, line.sku, now)


def cover_of(s: Session, point: PickupPoint, order_number: str, sku: str, now: datetime) -> CoverInfo:
    """The warranty on an order line at `now`: bought on the point's date of the handover, for the line's months."""
    order = purchased_order(s, point, order_number)
    line = next((x for x in order.lines if x.sku == sku), None)
    if line is None:
        raise DomainError("claim.no_line", order=order.number, sku=sku)
    zone = point_zone(point)
    assert order.handed_over_at is not None  # purchased_order checked it
    purchased = order.handed_over_at.astimezone(zone).date()
    today = now.astimezone(zone).date()
    months = line.warranty_months
    return CoverInfo(purchased, months, warranty_ends(purchased, months), today, cover_on(purchased, months, today))


def existing_claim(s: Session, point: PickupPoint, draft: IntakeDraft) -> Claim | None:
    """The pre-filed claim of the draft (still to be taken in), or None for a new one (whose number is free)."""
    if draft.prefiled:
        claim = claim_by_number(s, point, draft.number)
        next_claim_status(claim.number, claim.status, ClaimStep.ACCEPT)
        return claim
    taken = s.scalars(select(Claim).where(Claim.number == draft.number)).first()
    if taken is not None:  # the same draft accepted twice
        next_claim_status(taken.number, ClaimStatus(taken.status), ClaimStep.ACCEPT)
    return None
