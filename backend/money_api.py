"""Admin HTTP routes of money: import gift certificates, block one, record a customer's return (reversal).

Every refusal is a machine code with an English detail (404 `certificate_not_found` / `order_not_found`, 409
`certificate_not_in_stock` / `order_not_handed_over`, 422 `bad_lines` / `certificate_repeated`); a malformed field
is a 422, never a 500. PINs are hashed at once and never logged.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request

from backend import changes
from backend.auth import require_admin
from backend.db import Database
from backend.errors import ApiError
from backend.money_admin import CertificateItem, MoneyProblem, block_certificate, customer_return, import_certificates
from backend.schemas import (
    CERTIFICATE_NUMBER,
    ApiErrorBody,
    CertificatesIn,
    CertificatesOut,
    CertificateStateOut,
    CustomerReturnIn,
    CustomerReturnOut,
)

ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ApiErrorBody} for code in (400, 403, 404, 409, 413, 422)}
router = APIRouter(prefix="/v1/admin", responses=ERRORS, dependencies=[Depends(require_admin)])
CertificateNumber = Annotated[str, Path(pattern=CERTIFICATE_NUMBER)]
OrderNumber = Annotated[str, Path(pattern=r"^\d{1,16}$")]


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _refused(problem: MoneyProblem) -> ApiError:
    return ApiError(problem.status, problem.code, problem.detail)


@router.post("/certificates", response_model=CertificatesOut)
def import_route(body: CertificatesIn, request: Request) -> dict[str, Any]:
    """Printed certificates into stock (a stock one again: new PIN, face, expiry)."""
    now = request.app.state.settings.clock()
    items = [CertificateItem(c.number, c.pin, c.face, c.expires_at) for c in body.certificates]
    try:
        return changes.transaction(_db(request), lambda session: {
            "imported": import_certificates(session, items, now)}, "certificates import")
    except MoneyProblem as problem:
        raise _refused(problem) from None


@router.post("/certificates/{number}/block", response_model=CertificateStateOut)
def block_route(number: CertificateNumber, request: Request) -> dict[str, Any]:
    now = request.app.state.settings.clock()
    try:
        return changes.transaction(_db(request), lambda session: block_certificate(session, number, now),
                                   "certificate block")
    except MoneyProblem as problem:
        raise _refused(problem) from None


@router.post("/orders/{number}/customer-return", response_model=CustomerReturnOut)
def customer_return_route(number: OrderNumber, body: CustomerReturnIn, request: Request) -> dict[str, Any]:
    """Goods returned after the handover: their share of the order's accrual is reversed."""
    now = request.app.state.settings.clock()
    lines = [(line.sku, line.quantity) for line in body.lines]
    try:
        return changes.transaction(
            _db(request), lambda session: customer_return(session, number, body.reference, lines, now),
            "customer return")
    except MoneyProblem as problem:
        raise _refused(problem) from None
