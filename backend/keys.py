"""The server's Ed25519 signing key (pickup QR tokens): generated at first start, kept in the server DB."""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy.exc import IntegrityError

from backend.db import Database
from backend.models import ServerSetting
from protocol.qr_token import public_key_to_b64

SIGNING_KEY = "qr_signing_key"


def load_or_create_signing_key(db: Database) -> Ed25519PrivateKey:
    """The stored key, or a new one stored now (if two servers start at once, the first commit wins)."""
    try:
        value = _stored_or_new(db)
    except IntegrityError:
        value = _stored_or_new(db)
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(value))


def _stored_or_new(db: Database) -> str:
    with db.write() as session:
        row = session.get(ServerSetting, SIGNING_KEY)
        if row is None:
            raw = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
            row = ServerSetting(key=SIGNING_KEY, value=base64.b64encode(raw).decode())
            session.add(row)
        return row.value


def public_key_b64(key: Ed25519PrivateKey) -> str:
    """base64url raw public key, as the enrol answer and the QR verifier expect it."""
    return public_key_to_b64(key.public_key())
