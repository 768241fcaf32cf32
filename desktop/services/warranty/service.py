"""WarrantyService: the facade the warranty pages call; each method is one clerk action in one transaction."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.claim_models import Claim
from desktop.db.engine import Database
from desktop.db.models import Order, PickupPoint, Staff
from desktop.documents.claims import ServiceDispatchAct, intake_act, service_dispatch_act
from desktop.documents.model import Document
from desktop.labels.content import LabelContent, service_label
from desktop.services.base import Actor, Clock, Role, Service, local_point, require_role, utc_now
from desktop.services.warranty import acceptance, dispatch, intake
from desktop.services.warranty.acceptance import IntakeForm
from desktop.services.warranty.model import (
    AcceptedClaim,
    ClaimSearch,
    ClaimView,
    CoverInfo,
    DispatchScan,
    IntakeDraft,
    OpenDispatch,
)
from desktop.services.warranty.photos import remove_photos
from desktop.services.warranty.rules import claim_by_number, claim_view
from desktop.services.warranty.search import find_claims
from desktop.translatable import QT_TRANSLATE_NOOP
from protocol.claims import WARRANTY_ORDER_KIND, ClaimStatus
from protocol.errors import DomainError

log = logging.getLogger(__name__)
WARRANTY_WORK = QT_TRANSLATE_NOOP("Actions", "приём изделий по гарантии")
SERVICE_DISPATCH = QT_TRANSLATE_NOOP("Actions", "отправка изделий в сервис")


class WarrantyService(Service):
    """Warranty claims at the counter: find, intake, documents, service dispatch, the claim of a return order."""

    def __init__(self, db: Database, clock: Clock = utc_now, data_dir: Path | None = None) -> None:
        super().__init__(db, clock)
        self.data_dir = data_dir or db.path.parent  # the cache's folder is the app's data dir

    # --- finding and intake ------------------------------------------------------------------------

    def find(self, actor: Actor | None, query: str) -> ClaimSearch:
        """Claims by claim number, order number, or «phone» / «phone name»; DomainError for a malformed query."""
        require_role(actor, Role.CLERK, WARRANTY_WORK)
        with self.reading() as s:
            return find_claims(s, local_point(s), query)

    def start_intake(self, actor: Actor | None, claim: str | None = None, order: str | None = None,
                     sku: str | None = None) -> IntakeDraft:
        """The draft of a pre-filed claim's intake, or of a new claim for a purchased order of this point."""
        require_role(actor, Role.CLERK, WARRANTY_WORK)
        with self.reading() as s:
            return intake.start(s, local_point(s), claim, order, sku)

    def check_serial(self, actor: Actor | None, draft: IntakeDraft, serial: str) -> IntakeDraft:
        """The serial scanned from the item matches the order line: the draft with it; DomainError otherwise."""
        require_role(actor, Role.CLERK, WARRANTY_WORK)
        with self.reading() as s:
            return intake.check_serial(s, draft, serial)

    def override_serial(self, actor: Actor | None, draft: IntakeDraft, serial: str, manager: Actor, note: str,
                        sku: str | None = None) -> IntakeDraft:
        """A manager of this point (signed in with badge + PIN) allows a serial that does not match, with a note."""
        require_role(actor, Role.CLERK, WARRANTY_WORK)
        with self.action(actor) as act:
            return intake.override_serial(act, local_point(act.session), draft, serial, manager, note, sku)

    def cover(self, actor: Actor | None, draft: IntakeDraft) -> CoverInfo:
        """Purchase date, months, last day and the cover today (the point's date)."""
        require_role(actor, Role.CLERK, WARRANTY_WORK)
        with self.reading() as s:
            return intake.cover(s, local_point(s), draft, self.clock())

    def accept(self, actor: Actor | None, draft: IntakeDraft, checklist: list[str] | tuple[str, ...], condition: str,
               fault: str, photos: list[bytes] | tuple[bytes, ...] = (), paid_repair_consent: bool = False,
               ) -> AcceptedClaim:
        """Take the item in: the claim, its journal entry and claim.accepted in one transaction, photos saved."""
        require_role(actor, Role.CLERK, WARRANTY_WORK)
        form = IntakeForm(tuple(checklist), condition, fault, tuple(photos), paid_repair_consent)
        try:
            with self.action(actor) as act:
                return acceptance.accept(act, local_point(act.session), draft, form, self.data_dir)
        except BaseException:
            self._drop_uncommitted_photos(draft.number)
            raise

    def _drop_uncommitted_photos(self, number: str) -> None:
        """The intake rolled back: photos it may have written go, unless the claim was taken in before (a repeat)."""
        try:
            with self.reading() as s:
                taken_in = s.scalar(select(Claim.label).where(Claim.number == number)) is not None
        except Exception:  # the original error is the one to report; the photos wait for the next intake
            log.exception("could not check claim %s after a failed intake", number)
            return
        if not taken_in:
            remove_photos(self.data_dir, number)

    # --- documents -------------------------------------------------------------------------------------

    def intake_act(self, actor: Actor | None, number: str) -> Document:
        """The intake act of a claim taken in here (two copies), e.g. to print it again."""
        require_role(actor, Role.CLERK, WARRANTY_WORK)
        with self.reading() as s:
            point = local_point(s)
            claim = _taken_in(s, point, number)
            view = claim_view(s, claim)
            cover = intake.cover_of(s, point, claim.order_number, claim.sku, claim.accepted_at or self.clock())
            staff = s.get(Staff, claim.accepted_by) if claim.accepted_by else None
            data = acceptance.act_data(point, view, cover, staff.full_name if staff else "", len(claim.photos or []),
                                       claim.serial_override)
            return intake_act(data)

    def label(self, actor: Actor | None, number: str) -> LabelContent:
        """The service box label of a claim taken in here."""
        require_role(actor, Role.CLERK, WARRANTY_WORK)
        with self.reading() as s:
            claim = _taken_in(s, local_point(s), number)
            assert claim.label is not None
            return service_label(claim.label, claim.product, claim.order_number)

    # --- service dispatch ------------------------------------------------------------------------------

    def waiting_dispatch(self, actor: Actor | None) -> list[ClaimView]:
        """Items taken in and not yet sent (those already scanned into the open session too), oldest first."""
        require_role(actor, Role.CLERK, SERVICE_DISPATCH)
        with self.reading() as s:
            point = local_point(s)
            claims = s.scalars(select(Claim).where(Claim.point_id == point.id, Claim.status == ClaimStatus.ACCEPTED)
                               .order_by(Claim.accepted_at, Claim.id))
            return [claim_view(s, c) for c in claims]

    def current_dispatch(self, actor: Actor | None) -> OpenDispatch | None:
        """The dispatch session still open (e.g. after a crash) with its scans."""
        require_role(actor, Role.CLERK, SERVICE_DISPATCH)
        with self.reading() as s:
            return dispatch.current_dispatch(s, local_point(s))

    def open_dispatch(self, actor: Actor | None) -> str:
        """Start scanning items out to service (or resume the session still open); returns the session uid."""
        actor = require_role(actor, Role.CLERK, SERVICE_DISPATCH)
        with self.action(actor) as act:
            return dispatch.open_dispatch(act, local_point(act.session), actor)

    def scan_out(self, actor: Actor | None, session: str, label: str) -> DispatchScan:
        """One service box label into the session."""
        require_role(actor, Role.CLERK, SERVICE_DISPATCH)
        with self.action(actor) as act:
            return dispatch.scan_out(act, local_point(act.session), session, label)

    def undo_last(self, actor: Actor | None, session: str) -> DispatchScan:
        """Take the last scanned item back out of the session."""
        require_role(actor, Role.CLERK, SERVICE_DISPATCH)
        with self.action(actor) as act:
            return dispatch.undo_last(act, session)

    def close_dispatch(self, actor: Actor | None, session: str) -> tuple[ServiceDispatchAct, Document]:
        """Close the session: the items are sent; returns the act's data and the document to print."""
        actor = require_role(actor, Role.CLERK, SERVICE_DISPATCH)
        with self.action(actor) as act:
            data = dispatch.close_dispatch(act, local_point(act.session), session, actor)
        return data, service_dispatch_act(data)

    # --- handover of the return order -------------------------------------------------------------------

    def claim_for_order(self, actor: Actor | None, order_number: str) -> ClaimView | None:
        """The claim a warranty return order brings back (handover shows it and its outcome); None otherwise."""
        require_role(actor, Role.CLERK, WARRANTY_WORK)
        with self.reading() as s:
            return claim_of_return_order(s, order_number)


def claim_of_return_order(s: Session, order_number: str) -> ClaimView | None:
    """The claim whose return order this is (a warranty order only)."""
    kind = s.scalar(select(Order.kind).where(Order.number == order_number.strip()))
    if kind != WARRANTY_ORDER_KIND:
        return None
    claim = s.scalars(select(Claim).where(Claim.return_order == order_number.strip())).first()
    return claim_view(s, claim) if claim is not None else None


def _taken_in(s: Session, point: PickupPoint, number: str) -> Claim:
    claim = claim_by_number(s, point, number)
    if claim.label is None or claim.accepted_at is None:
        raise DomainError("claim.not_taken_in", claim=claim.number)
    return claim

