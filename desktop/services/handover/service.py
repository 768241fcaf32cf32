"""HandoverService: the one facade the handover page uses, made of the steps' classes."""

from __future__ import annotations

from sqlalchemy import select

from desktop.db.models import Handover, HandoverStatus
from desktop.services.handover.checks import CheckSteps
from desktop.services.handover.completion import CompletionSteps
from desktop.services.handover.lookup import get_handover, handover_order, handover_state
from desktop.services.handover.model import HandoverState
from desktop.services.handover.payment import PaymentSteps
from desktop.services.handover.verification import VerificationSteps


class HandoverService(PaymentSteps, VerificationSteps, CheckSteps, CompletionSteps):
    """The counter's handover workflow; every action is one transaction with an audit entry."""

    def state(self, uid: str) -> HandoverState:
        with self.reading() as s:
            handover = get_handover(s, uid)
            return handover_state(s, handover, handover_order(s, handover))

    def in_progress(self, staff_id: int | None = None) -> list[HandoverState]:
        """Unfinished handovers (to resume after a restart or a lock): all, or those `staff_id` started."""
        with self.reading() as s:
            unfinished = select(Handover).where(Handover.status == HandoverStatus.IN_PROGRESS)
            if staff_id is not None:
                unfinished = unfinished.where(Handover.staff_id == staff_id)
            rows = s.scalars(unfinished.order_by(Handover.id))
            return [handover_state(s, h, handover_order(s, h)) for h in rows]
