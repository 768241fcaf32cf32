"""Accepting the item: every check again, then one transaction — the claim row, the journal, the outbox event.

The photos are written under the data dir inside the same action (the service removes them if it rolls back);
the result carries the service box label and the intake act to print.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.db.claim_models import Claim
from desktop.db.models import Order, PickupPoint
from desktop.documents.claims import IntakeActData, intake_act
from desktop.documents.model import PointInfo
from desktop.labels.content import service_label, service_label_code
from desktop.services.base import Action, Actor
from desktop.services.warranty import intake
from desktop.services.warranty.model import AcceptedClaim, ClaimView, CoverInfo, IntakeDraft
from desktop.services.warranty.photos import checked_photos, save_photos
from desktop.services.warranty.rules import check_length, claim_view, purchased_order, refuse_duplicate
from protocol.claims import CHECKLIST, ClaimStatus, WarrantyCover
from protocol.errors import DomainError
from protocol.events import ClaimAccepted
from protocol.limits import CONDITION_MAX, FAULT_MAX


@dataclass(frozen=True)
class IntakeForm:
    """What the clerk filled in: the checklist, the condition note, the fault, the photos, the paid-repair consent."""

    checklist: tuple[str, ...]
    condition: str
    fault: str
    photos: tuple[bytes, ...]
    paid_repair_consent: bool


def checked_form(form: IntakeForm) -> IntakeForm:
    """The form with its texts trimmed and its checklist in CHECKLIST order; DomainError for what cannot be sent."""
    unknown = [key for key in form.checklist if key not in CHECKLIST]
    if unknown:
        raise DomainError("claim.bad_checklist", key=str(unknown[0])[:40])
    fault, condition = (form.fault or "").strip(), (form.condition or "").strip()
    if not fault:
        raise DomainError("claim.fault_required")
    check_length(fault, FAULT_MAX)
    check_length(condition, CONDITION_MAX)
    ticked = tuple(key for key in CHECKLIST if key in form.checklist)
    return IntakeForm(ticked, condition, fault, form.photos, form.paid_repair_consent)


def recheck_serial(act: Action, point: PickupPoint, draft: IntakeDraft) -> None:
    """The draft's serial is still settled: it matches its line, or an active manager of this point allowed it."""
    line = draft.line()
    if not draft.serial_settled or line is None or draft.serial is None:
        raise DomainError("claim.serial_not_checked")
    if draft.override_by is not None:
        if not intake.is_manager_here(act.session, point, draft.override_by) or not draft.serial_override:
            raise DomainError("claim.override_not_manager", staff=draft.override_by)
        return
    if line.serial and draft.serial != line.serial:  # check_serial keeps a matching serial as the order has it
        raise DomainError("claim.serial_mismatch", serial=draft.serial, order=draft.order, expected=line.serial)


def accept(act: Action, point: PickupPoint, draft: IntakeDraft, form: IntakeForm, data_dir: Path) -> AcceptedClaim:
    """Take the item in: checks first (nothing written before they pass), then the row, the event, the photos."""
    actor = act.actor
    assert actor is not None  # the service requires a clerk
    recheck_serial(act, point, draft)
    order = purchased_order(act.session, point, draft.order)
    form = checked_form(form)
    cover = intake.cover(act.session, point, draft, act.now)
    if cover.expired and not form.paid_repair_consent:
        raise DomainError("claim.consent_required", ended=cover.last_day.strftime("%d.%m.%Y"))
    photos = checked_photos(list(form.photos))
    claim = intake.existing_claim(act.session, point, draft)
    assert draft.serial is not None
    refuse_duplicate(act.session, draft.serial, draft.number)
    claim = _write_claim(act, point, draft, form, cover, claim)
    claim.photos = save_photos(data_dir, claim.number, photos)
    _emit(act, claim, form)
    return _result(act, point, order, claim, actor, cover)


def _write_claim(act: Action, point: PickupPoint, draft: IntakeDraft, form: IntakeForm, cover: CoverInfo,
                 claim: Claim | None) -> Claim:
    line = draft.line()
    assert line is not None and act.actor is not None
    if claim is None:
        claim = Claim(number=draft.number, point_id=point.id, order_number=draft.order, prefiled=False,
                      filed_at=act.now, sku=line.sku, product=line.product)
        act.session.add(claim)
    claim.status = ClaimStatus.ACCEPTED
    claim.serial, claim.serial_override, claim.override_by = draft.serial, draft.serial_override, draft.override_by
    claim.fault, claim.condition, claim.checklist = form.fault, form.condition, list(form.checklist)
    claim.cover = cover.cover.value
    claim.label = service_label_code(claim.number)
    claim.accepted_at, claim.accepted_by, claim.updated_at = act.now, act.actor.staff_id, act.now
    act.session.flush()
    return claim


def _emit(act: Action, claim: Claim, form: IntakeForm) -> None:
    assert claim.serial is not None and claim.label is not None and claim.cover is not None
    act.emit(ClaimAccepted(
        claim=claim.number, order=claim.order_number, sku=claim.sku, serial=claim.serial, prefiled=claim.prefiled,
        cover=claim.cover, checklist=list(form.checklist), condition=form.condition, fault=form.fault,
        photos=[p["sha256"] for p in claim.photos], label=claim.label, serial_override=claim.serial_override,
        override_by=claim.override_by,
    ))
    act.audit("claim.accepted", claim.number, order=claim.order_number, sku=claim.sku, serial=claim.serial,
              cover=claim.cover, label=claim.label, photos=len(claim.photos), override_by=claim.override_by)


def _result(act: Action, point: PickupPoint, order: Order, claim: Claim, actor: Actor,
            cover: CoverInfo) -> AcceptedClaim:
    view = claim_view(act.session, claim)
    assert claim.label is not None
    data = act_data(point, view, cover, actor.full_name, len(claim.photos), claim.serial_override)
    return AcceptedClaim(view, service_label(claim.label, claim.product, order.number), intake_act(data),
                         tuple(p["sha256"] for p in claim.photos))


def act_data(point: PickupPoint, view: ClaimView, cover: CoverInfo, staff_name: str, photos: int,
             override: str | None) -> IntakeActData:
    """The intake act's data from the claim as stored (also for a re-print)."""
    assert view.accepted_at is not None
    return IntakeActData(
        claim=view.number, point=PointInfo(point.code, point.name, point.address, point.timezone), order=view.order,
        customer_name=view.customer_name, masked_phone=view.masked_phone, product=view.product, sku=view.sku,
        serial=view.serial or "", cover=view.cover or WarrantyCover.IN_WARRANTY.value, last_day=cover.last_day,
        checklist=view.checklist, condition=view.condition, fault=view.fault, photos=photos, staff_name=staff_name,
        accepted_at=view.accepted_at, label=view.label or "", serial_override=override,
    )
