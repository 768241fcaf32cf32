"""Admin HTTP routes of warranty claims: pre-file a claim, record the service centre's result, read a claim.

Every refusal is a machine code with an English detail (404 `claim_unknown` / `order_not_found`, 409 with the
contract's reason code: `claim_not_purchased`, `claim_serial_mismatch`, `claim_duplicate_item`, `claim_closed`,
`claim_illegal_step`); a malformed field is a 422, never a 500.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request

from backend import changes
from backend.auth import require_admin
from backend.claims import ClaimProblem, load_claim, prefile_claim, record_service_result
from backend.db import Database
from backend.errors import ApiError
from backend.models import Point
from backend.schemas import ApiErrorBody, ClaimIn, ClaimOut, ServiceResultIn
from backend.serialize import claim_dict

ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ApiErrorBody} for code in (400, 403, 404, 409, 413, 422)}
router = APIRouter(prefix="/v1/admin/claims", responses=ERRORS, dependencies=[Depends(require_admin)])
ClaimNumber = Annotated[str, Path(pattern=r"^W\d{9,10}$")]


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def api_error(problem: ClaimProblem) -> ApiError:
    status = 404 if problem.not_found else 409
    return ApiError(status, problem.code, f"Claim step refused: {problem.reason}")


@router.post("", response_model=ClaimOut, status_code=201)
def prefile(body: ClaimIn, request: Request) -> dict[str, Any]:
    """A claim filed online by the customer (status `filed`): number W + 9 digits."""
    now = request.app.state.settings.clock()
    try:
        return changes.transaction(_db(request), lambda session: _out(
            session, prefile_claim(session, now, body.order, body.sku, body.serial, body.fault)), "claim")
    except ClaimProblem as problem:
        raise api_error(problem) from None


@router.post("/{number}/service-result", response_model=ClaimOut)
def service_result(number: ClaimNumber, body: ServiceResultIn, request: Request) -> dict[str, Any]:
    """SENT → RETURNING: the conclusion, and the return order in the point's next truck."""
    now = request.app.state.settings.clock()
    try:
        return changes.transaction(_db(request), lambda session: _out(session, record_service_result(
            session, now, number, body.outcome, body.conclusion, body.repair_kopecks)), "claim service result")
    except ClaimProblem as problem:
        raise api_error(problem) from None


@router.get("/{number}", response_model=ClaimOut)
def read_claim(number: ClaimNumber, request: Request) -> dict[str, Any]:
    with _db(request).read() as session:
        claim = load_claim(session, number)
        if claim is None:
            raise ApiError(404, "claim_unknown", f"Claim {number} not found")
        return _out(session, claim)


def _out(session: Any, claim: Any) -> dict[str, Any]:
    point = session.get(Point, claim.point_id)
    return claim_dict(claim, point.code)
