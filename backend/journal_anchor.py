"""The journal anchor: each counter PC reports its newest audit-journal entry with each sync; the server keeps it.

The server moves a device's anchor forward only when the counter proves its chain still holds the anchor it got
back last time (`proof`); otherwise it keeps the older anchor and answers `mismatch` with it, so a counter whose
newest entries were deleted gets the lost head back and its journal check reports the deletion.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.auth import DeviceContext, current_device
from backend.errors import ApiError
from backend.models import JournalHead
from backend.schemas import ApiErrorBody, JournalHeadIn, JournalHeadOut
from backend.serialize import iso

router = APIRouter(prefix="/v1", responses={code: {"model": ApiErrorBody} for code in (400, 401, 413, 422)})
DeviceDep = Annotated[DeviceContext, Depends(current_device)]
ANCHORED, UNCHANGED, MISMATCH = "anchored", "unchanged", "mismatch"


def _utc(moment: datetime | None) -> datetime | None:
    """An aware UTC moment (a naive one is taken as UTC); one out of range is a 422, never a 500."""
    if moment is None:
        return None
    try:
        return moment.astimezone(UTC) if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    except OverflowError:
        raise ApiError(422, "invalid_request", "Invalid request: last_at is out of range") from None


def _held(row: JournalHead) -> dict[str, Any]:
    return {"sequence": row.sequence, "count": row.entry_count, "hash": row.hash, "last_at": iso(row.last_at),
            "anchored_at": iso(row.anchored_at)}


def _decide(row: JournalHead | None, body: JournalHeadIn) -> str:
    if row is None:
        return ANCHORED
    if (row.sequence, row.hash) == (body.sequence, body.hash):
        return UNCHANGED
    if row.sequence == 0:  # an empty journal anchored: there was nothing to lose
        return ANCHORED
    proof = body.proof
    if proof is not None and (proof.sequence, proof.hash) == (row.sequence, row.hash) and body.sequence > row.sequence:
        return ANCHORED
    return MISMATCH


def _anchor(session: Session, device_id: str, body: JournalHeadIn, last_at: datetime | None,
            now: datetime) -> dict[str, Any]:
    row = session.scalars(select(JournalHead).where(JournalHead.device_id == device_id).with_for_update()).first()
    status = _decide(row, body)
    if status == ANCHORED:
        if row is None:
            row = JournalHead(device_id=device_id)
            session.add(row)
        row.sequence, row.entry_count, row.hash = body.sequence, body.count, body.hash
        row.last_at, row.anchored_at = last_at, now
        session.flush()
    assert row is not None
    return {"status": status, "held": _held(row)}


@router.post("/journal/head", response_model=JournalHeadOut)
def post_journal_head(body: JournalHeadIn, request: Request, device: DeviceDep) -> dict[str, Any]:
    """Anchor the counter's journal head; the answer holds the head the server keeps for this device."""
    last_at = _utc(body.last_at)
    now = request.app.state.settings.clock()
    db = request.app.state.db
    try:
        with db.write() as session:
            return _anchor(session, device.device_id, body, last_at, now)
    except IntegrityError:  # the same device's first anchor arrived twice at once: the other one won
        with db.write() as session:
            return _anchor(session, device.device_id, body, last_at, now)
