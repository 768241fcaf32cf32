"""Warranty claims at the counter (issue 13): find a claim, take the item in, print its act and label, send it to
service in a dispatch session, and show the claim when its return order is handed over.

`WarrantyService(db, clock, data_dir)` — every method takes the acting staff member first (clerk or manager:
the role is checked here, not only in the UI) and is one clerk action in one transaction:

- ``find(actor, query)`` → `ClaimSearch`: a claim number (W + 9 or 10 digits), an order number (9 digits; the
  search names the order when a new claim can be opened for it), or «phone» / «phone name».
- ``start_intake(actor, claim=None, order=None, sku=None)`` → `IntakeDraft` (nothing stored): a pre-filed claim,
  or a new claim (its number W + point code + 6 random digits) for a handed-over order of this point.
- ``check_serial(actor, draft, serial)`` → draft with the serial matched against the order line;
  ``override_serial(actor, draft, serial, manager, note, sku=None)``: a manager of this point (an `Actor` signed in
  with badge + PIN through StaffService, like the other manager approvals) allows a mismatch, journalled.
- ``cover(actor, draft)`` → `CoverInfo`: purchase date (the handover, point's date), months, last day, the cover.
- ``accept(actor, draft, checklist, condition, fault, photos, paid_repair_consent)`` → `AcceptedClaim` (the claim,
  its service box `label` (LabelContent) and the intake `act` (Document, two copies)): the claim row, the journal
  entry and `claim.accepted` in one transaction; JPEG photos saved under ``<data dir>/claims/<number>/``.
- ``intake_act(actor, number)`` → Document; ``label(actor, number)`` → LabelContent (re-print).
- ``waiting_dispatch(actor)``, ``current_dispatch(actor)`` (resume after a crash), ``open_dispatch(actor)`` → uid,
  ``scan_out(actor, uid, label)``, ``undo_last(actor, uid)``, ``close_dispatch(actor, uid)`` → (act data, Document).
- ``claim_for_order(actor, order_number)`` → the claim a warranty return order brings back, or None.

Every refusal is a DomainError with a registered Russian text (rules.py, photos.py, dispatch.py).
"""

from desktop.services.warranty.acceptance import IntakeForm
from desktop.services.warranty.model import (
    AcceptedClaim,
    ClaimSearch,
    ClaimView,
    CoverInfo,
    DispatchScan,
    IntakeDraft,
    IntakeLine,
    OpenDispatch,
)
from desktop.services.warranty.service import WarrantyService, claim_of_return_order

__all__ = [
    "AcceptedClaim",
    "ClaimSearch",
    "ClaimView",
    "CoverInfo",
    "DispatchScan",
    "IntakeDraft",
    "IntakeForm",
    "IntakeLine",
    "OpenDispatch",
    "WarrantyService",
    "claim_of_return_order",
]
