"""Device and admin authentication: hashed bearer tokens, one-use enrolment codes, the admin token."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.errors import ApiError
from backend.models import Device, EnrolmentCode, Point

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by hand


def hash_secret(secret: str) -> str:
    """SHA-256 hex of a high-entropy secret (tokens, enrolment codes): enough, they are not passwords."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_enrolment_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[0:4]}-{raw[4:8]}-{raw[8:12]}"


def normalize_code(text: str) -> str:
    """What the installer typed → the canonical XXXX-XXXX-XXXX form (case and separators forgiven)."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{raw[0:4]}-{raw[4:8]}-{raw[8:12]}" if len(raw) == 12 else raw


def issue_enrolment_code(session: Session, point_code: str, now: datetime, ttl: timedelta) -> tuple[str, datetime]:
    """A new one-use enrolment code for the point (only its hash is stored); LookupError for no such point."""
    point_id = session.scalar(select(Point.id).where(Point.code == point_code))
    if point_id is None:
        raise LookupError(point_code)
    code = new_enrolment_code()
    expires_at = now + ttl
    session.add(EnrolmentCode(code_hash=hash_secret(code), point_id=point_id, created_at=now, expires_at=expires_at))
    return code, expires_at


@dataclass(frozen=True)
class DeviceContext:
    """The authenticated counter PC: its id and the one point it may read and write."""

    device_id: str
    point_id: int
    point_code: str


BEARER = HTTPBearer(auto_error=False, description="Device token issued at enrolment (POST /v1/enrol)")
ADMIN_HEADER = APIKeyHeader(name="X-Admin-Token", auto_error=False, description="Server administrator token")


def current_device(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(BEARER)
) -> DeviceContext:
    """FastAPI dependency: the device behind the bearer token (401 when missing, unknown or revoked)."""
    if credentials is None or not credentials.credentials.strip():
        raise ApiError(401, "unauthorized", "A device token is required: enrol the computer again")
    token_hash = hash_secret(credentials.credentials.strip())
    db = request.app.state.db
    with db.read() as session:
        row = session.execute(
            select(Device.id, Device.point_id, Device.revoked_at, Point.code)
            .join(Point, Point.id == Device.point_id)
            .where(Device.token_hash == token_hash)
        ).first()
    if row is None:
        raise ApiError(401, "unauthorized", "Unknown device token: enrol the computer again")
    if row.revoked_at is not None:
        raise ApiError(401, "device_revoked", "This computer's access was revoked: contact the administrator")
    return DeviceContext(device_id=row.id, point_id=row.point_id, point_code=row.code)


def require_admin(request: Request, given: str | None = Depends(ADMIN_HEADER)) -> None:
    """FastAPI dependency: the X-Admin-Token header must equal the configured admin token."""
    expected = request.app.state.settings.admin_token
    if not expected:
        raise ApiError(403, "admin_disabled", "Administration is disabled: set PICKUP_ADMIN_TOKEN")
    given = given or ""
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise ApiError(403, "admin_forbidden", "Wrong administrator token")
