"""The handover of a warranty return order: its claim and the service's outcome go into the handover's journal entry.

Called by the handover's completion (desktop/services/handover/completion.py) inside its transaction; the claim
here moves to closed as the server will move it on `handover.completed` (its feed then confirms it).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from desktop.db.claim_models import Claim
from desktop.db.models import Order
from desktop.services.base import Action
from protocol.claims import WARRANTY_ORDER_KIND, ClaimStatus, ClaimStep, next_claim_status


def warranty_handover(act: Action, order: Order) -> dict[str, Any]:
    """For a warranty return order: {"claim", "outcome"} for the journal, the claim closed here; {} otherwise."""
    if order.kind != WARRANTY_ORDER_KIND:
        return {}
    claim = act.session.scalars(select(Claim).where(Claim.return_order == order.number)).first()
    if claim is None:
        return {}
    if claim.status == ClaimStatus.AWAITING_PICKUP:
        claim.status = next_claim_status(claim.number, claim.status, ClaimStep.HAND_OVER)
        claim.updated_at = act.now
    return {"claim": claim.number, "outcome": claim.outcome}
