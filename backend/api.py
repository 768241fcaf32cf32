"""HTTP endpoints of the contract: health, admin, enrolment, events, changes, snapshot."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request, Response
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend import changes, importer
from backend.auth import (
    DeviceContext,
    current_device,
    hash_secret,
    issue_enrolment_code,
    new_token,
    normalize_code,
    require_admin,
)
from backend.codes import CodeIssuer
from backend.config import MAX_BATCH, MIN_CLIENT_VERSION
from backend.db import Database, rowcount
from backend.errors import ApiError
from backend.ingest import CURRENT_SCHEMA_V, MIN_SCHEMA_V, IncomingEvent, IngestEnv, ingest_batch
from backend.keys import code_tag_key_b64, public_key_b64
from backend.limits import enrol_limiter
from backend.models import Device, EnrolmentCode, Order, Point
from backend.money import money_settings, point_bonus_entries, snapshot_certificates
from backend.schemas import (
    ApiErrorBody,
    CancelOut,
    ChangesOut,
    Document,
    EnrolIn,
    EnrolmentCodeIn,
    EnrolmentCodeOut,
    EnrolOut,
    EventsIn,
    EventsOut,
    Health,
    ImportOut,
    PruneOut,
    SnapshotOut,
    canonical_text,
)
from backend.serialize import iso, point_dict, snapshot
from protocol.errors import IllegalTransition
from protocol.limits import INT_MAX
from protocol.order_states import OrderEvent, OrderStatus, next_status
from protocol.version import VERSION

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ApiErrorBody} for code in (400, 401, 403, 404, 409, 410, 413, 422, 426, 429)
}
router = APIRouter(prefix="/v1", responses=ERRORS)
Admin = Depends(require_admin)
DeviceDep = Annotated[DeviceContext, Depends(current_device)]


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _now(request: Request) -> Any:
    return request.app.state.settings.clock()


@router.get("/health", response_model=Health)
def health() -> dict[str, Any]:
    return {"status": "ok", "version": VERSION, "schema_v": CURRENT_SCHEMA_V, "min_schema_v": MIN_SCHEMA_V,
            "min_client_version": MIN_CLIENT_VERSION}


# --- admin ---------------------------------------------------------------------------------------


@router.post("/admin/enrolment-codes", response_model=EnrolmentCodeOut, dependencies=[Admin])
def create_enrolment_code(body: EnrolmentCodeIn, request: Request) -> dict[str, Any]:
    ttl = request.app.state.settings.enrolment_ttl
    with _db(request).write() as session:
        try:
            code, expires_at = issue_enrolment_code(session, body.point_code, _now(request), ttl)
        except LookupError:
            raise ApiError(404, "point_not_found", f"Pickup point {body.point_code} not found") from None
    return {"code": code, "expires_at": iso(expires_at)}


@router.post("/admin/devices/{device_id}/revoke", status_code=204, dependencies=[Admin])
def revoke_device(device_id: str, request: Request) -> Response:
    with _db(request).write() as session:
        done = rowcount(session.execute(
            update(Device).where(Device.id == device_id, Device.revoked_at.is_(None)).values(revoked_at=_now(request))
        ))
        if not done and session.get(Device, device_id) is None:
            raise ApiError(404, "device_not_found", "Device not found")
    return Response(status_code=204)


@router.post("/admin/import", response_model=ImportOut, dependencies=[Admin])
def import_feed(request: Request, body: Annotated[Document, Body()]) -> dict[str, Any]:
    settings = request.app.state.settings
    now = _now(request)
    try:
        counts = changes.transaction(
            _db(request), lambda session: importer.import_feed(session, body, settings.code_hash_n, now), "import")
    except importer.ImportError_ as exc:
        raise ApiError(422, "invalid_import", f"Invalid import data: {exc}") from None
    return {"imported": counts}


@router.post("/admin/orders/{number}/cancel", response_model=CancelOut, dependencies=[Admin])
def cancel_order(number: str, request: Request) -> dict[str, Any]:
    now = _now(request)
    changes.transaction(_db(request), lambda session: _cancel(session, number, now), "order cancel")
    return {"order": number, "status": OrderStatus.CANCELLED}


def _cancel(session: Session, number: str, now: datetime) -> None:
    """The order's row locked first; its change numbered at the commit (backend/changes.py)."""
    order = session.scalars(select(Order).where(Order.number == number).with_for_update(of=Order)).first()
    if order is None:
        raise ApiError(404, "order_not_found", f"Order {number} not found")
    if order.status != OrderStatus.CANCELLED:
        try:
            order.status = next_status(number, order.status, OrderEvent.CANCEL)
        except IllegalTransition:
            raise ApiError(409, "order_not_cancellable",
                           f"Order {number} cannot be cancelled: status {order.status}") from None
        order.cancelled_at = now
        changes.publish(session, order.point_id, "order.cancelled", {"order": number}, now)


@router.post("/admin/maintenance/prune-changes", response_model=PruneOut, dependencies=[Admin])
def prune_changes(request: Request) -> dict[str, Any]:
    """Drop changes older than the retention window (the server also does this periodically)."""
    settings = request.app.state.settings
    with _db(request).write() as session:
        deleted = changes.prune(session, settings.clock() - settings.change_retention)
        through = changes.pruned_through(session)
    return {"deleted": deleted, "pruned_through": through}


# --- enrolment -------------------------------------------------------------------------------------


@router.post("/enrol", response_model=EnrolOut, responses={403: {"model": ApiErrorBody}})
def enrol(body: EnrolIn, request: Request) -> dict[str, Any]:
    enrol_limiter(request.app.state).check(request.client.host if request.client else "unknown")
    now = _now(request)
    token = new_token()
    device_id = str(uuid.uuid4())
    with _db(request).write() as session:
        code = session.scalars(
            select(EnrolmentCode).where(EnrolmentCode.code_hash == hash_secret(normalize_code(body.code)))
        ).first()
        if code is None or code.used_at is not None:
            raise ApiError(403, "enrolment_code_invalid", "The enrolment code is wrong or already used")
        if code.expires_at <= now:
            raise ApiError(403, "enrolment_code_expired", "The enrolment code has expired: request a new one")
        used = rowcount(session.execute(
            update(EnrolmentCode)
            .where(EnrolmentCode.id == code.id, EnrolmentCode.used_at.is_(None))
            .values(used_at=now, device_id=device_id)
        ))
        if not used:
            raise ApiError(403, "enrolment_code_invalid", "The enrolment code is wrong or already used")
        session.add(Device(id=device_id, point_id=code.point_id, name=body.device_name,
                           token_hash=hash_secret(token), created_at=now))
        point = session.get(Point, code.point_id)
        assert point is not None
        point_data = point_dict(point, money_settings(session))
    return {"device_id": device_id, "token": token, "point": point_data,
            "public_key": public_key_b64(request.app.state.signing_key)}


# --- sync ------------------------------------------------------------------------------------------


@router.post("/events", response_model=EventsOut)
def post_events(body: EventsIn, request: Request, device: DeviceDep) -> dict[str, Any]:
    if len(body.events) > MAX_BATCH:
        raise ApiError(413, "batch_too_large", f"At most {MAX_BATCH} events per request")
    if any(item.schema_v < MIN_SCHEMA_V for item in body.events):
        raise ApiError(426, "schema_too_old", "The app version is too old: update it", min_schema_v=MIN_SCHEMA_V)
    seqs = [item.device_seq for item in body.events]
    if seqs != sorted(seqs):
        raise ApiError(422, "batch_not_ordered", "Events in a batch must be in ascending device_seq order")
    settings = request.app.state.settings
    issuer = CodeIssuer(signing_key=request.app.state.signing_key, qr_ttl=settings.qr_token_ttl, now=_now(request))
    env = IngestEnv(device_id=device.device_id, point_id=device.point_id, issuer=issuer,
                    activation_points=settings.activation_points, code_pool=settings.code_pool_size > 0)
    batch = [
        IncomingEvent(event_id=str(item.event_id), device_seq=item.device_seq, type=item.type,
                      schema_v=item.schema_v, payload=item.payload, occurred_at=item.occurred_at,
                      payload_text=canonical_text(item.payload))
        for item in body.events
    ]
    results = ingest_batch(_db(request), env, batch)
    return {"results": [result.as_dict() for result in results]}


@router.get("/changes", response_model=ChangesOut)
def get_changes(
    request: Request,
    device: DeviceDep,
    cursor: Annotated[int, Query(ge=0, le=INT_MAX)] = 0,  # an INTEGER column: bigger is a 422, never a 500
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> Response:
    with _db(request).read() as session:
        if cursor < changes.pruned_through(session):
            raise ApiError(410, "cursor_expired", "The cursor has expired: a full snapshot is needed")
        items, next_cursor, has_more = changes.page(session, device.point_id, cursor, limit)
        tag_key = _tag_key(request, session, device.point_id)
    # the stored payloads as they are (`ChangesOut` still documents the answer)
    return Response(changes.page_json(items, next_cursor=next_cursor, has_more=has_more, code_tag_key=tag_key),
                    media_type="application/json")


@router.get("/snapshot", response_model=SnapshotOut)
def get_snapshot(request: Request, device: DeviceDep) -> dict[str, Any]:
    with _db(request).read() as session:
        cursor = changes.current_seq(session)
        point = session.get(Point, device.point_id)
        assert point is not None
        tag_key = code_tag_key_b64(request.app.state.signing_key, point.code)
        return {"cursor": cursor, **snapshot(session, point, money_settings(session)),
                "bonus_entries": point_bonus_entries(session, point.id), **snapshot_certificates(session),
                "code_tag_key": tag_key}


def _tag_key(request: Request, session: Session, point_id: int) -> str:
    """The point's pickup-code tag key, in every change page too: an enrolled PC gets it on its next sync."""
    point = session.get(Point, point_id)
    assert point is not None
    return code_tag_key_b64(request.app.state.signing_key, point.code)
