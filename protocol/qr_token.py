"""Signed pickup QR tokens (Ed25519): the backend signs, the counter PC verifies offline."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from protocol.errors import DomainError

PREFIX = "PD1"


@dataclass(frozen=True)
class PickupToken:
    """What a valid QR token says: which order at which point, valid until when."""

    order_number: str
    point_code: str
    expires_at: datetime


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_token(key: Ed25519PrivateKey, token: PickupToken) -> str:
    payload = json.dumps(
        {"o": token.order_number, "p": token.point_code, "exp": int(token.expires_at.timestamp())},
        separators=(",", ":"),
    ).encode()
    return f"{PREFIX}.{_b64(payload)}.{_b64(key.sign(payload))}"


def public_key_from_b64(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(_unb64(text))


def public_key_to_b64(key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return _b64(key.public_bytes(Encoding.Raw, PublicFormat.Raw))


def verify_token(key: Ed25519PublicKey, text: str, now: datetime) -> PickupToken:
    """Decode and verify a scanned token; DomainError('qr.*') when it is forged, garbled or expired."""
    parts = text.strip().split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise DomainError("qr.malformed")
    try:
        payload, signature = _unb64(parts[1]), _unb64(parts[2])
        key.verify(signature, payload)
        data = json.loads(payload)
        token = PickupToken(str(data["o"]), str(data["p"]), datetime.fromtimestamp(int(data["exp"]), UTC))
    except InvalidSignature:
        raise DomainError("qr.bad_signature") from None
    except (ValueError, KeyError, TypeError):
        raise DomainError("qr.malformed") from None
    if token.expires_at < now:
        raise DomainError("qr.expired", order=token.order_number)
    return token
