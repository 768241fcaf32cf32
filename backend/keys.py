"""The server's Ed25519 signing key (pickup QR tokens): never in the database.

Where it comes from, first match wins: the environment (`PICKUP_QR_SIGNING_KEY`, base64 of the raw 32-byte
private key), else the key file (`Settings.qr_key_path`; by default next to a SQLite database, else
`./qr-signing.key`), created 0600 at first start. A key an older server kept in `server_settings` is moved
to the file and deleted from the table (migration 0007 does it when it knows the path; `load_signing_key`
finishes it otherwise). An in-memory SQLite database (tests) with no path gets a key for this run only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy import delete, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from backend.db import Database
from backend.models import ServerSetting
from protocol.private_files import private_dir, private_file
from protocol.qr_token import public_key_to_b64

log = logging.getLogger(__name__)
SIGNING_KEY = "qr_signing_key"  # the server_settings row of servers before migration 0007
KEY_ENV = "PICKUP_QR_SIGNING_KEY"
DEFAULT_KEY_FILE = "qr-signing.key"


def default_key_path(database_url: str) -> Path | None:
    """Next to a SQLite file (`<db>.qr-signing.key`); `./qr-signing.key` for a server database; None for
    an in-memory SQLite database."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return Path(DEFAULT_KEY_FILE)
    if not url.database or url.database == ":memory:":
        return None
    db_file = Path(url.database)
    return db_file.with_name(f"{db_file.name}.{DEFAULT_KEY_FILE}")


def _decode(text: str, source: str) -> Ed25519PrivateKey:
    try:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(text.strip(), validate=True))
    except (ValueError, binascii.Error) as exc:
        raise RuntimeError(f"the QR signing key in {source} is not a base64 Ed25519 private key") from exc


def _encode(key: Ed25519PrivateKey) -> str:
    return base64.b64encode(key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())).decode()


def write_key_file(path: Path, value: str) -> bool:
    """Write the key to a new 0600 file (never half-written); False when another server process created it first."""
    if not path.parent.exists():
        private_dir(path.parent)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(value + "\n")
            out.flush()
            os.fsync(out.fileno())
        private_file(tmp)  # on Windows: the access list cut down to the current user
        os.link(tmp, path)  # whole or not at all, and never over a key another process wrote first
    except FileExistsError:
        return False
    finally:
        tmp.unlink(missing_ok=True)
    return True


def _stored_in_db(session: Session) -> str | None:
    return session.scalar(select(ServerSetting.value).where(ServerSetting.key == SIGNING_KEY))


def load_signing_key(db: Database, key_path: Path | None) -> Ed25519PrivateKey:
    """The signing key from the environment or the key file (created, or moved out of the database, now)."""
    with db.write() as session:
        legacy = _stored_in_db(session)
        env_value = os.environ.get(KEY_ENV, "").strip()
        if env_value:
            key = _decode(env_value, KEY_ENV)
        elif key_path is None:
            key = _decode(legacy, "the database") if legacy else Ed25519PrivateKey.generate()
            log.warning("no QR signing key file for an in-memory database: a key for this run only")
            return key
        else:
            key = _from_file(key_path, legacy)
        if legacy is not None:
            session.execute(delete(ServerSetting).where(ServerSetting.key == SIGNING_KEY))
            log.info("QR signing key removed from the database (now in %s)", KEY_ENV if env_value else key_path)
    return key


def _from_file(path: Path, legacy: str | None) -> Ed25519PrivateKey:
    if not path.exists():
        write_key_file(path, legacy or _encode(Ed25519PrivateKey.generate()))
    private_file(path)
    return _decode(path.read_text(encoding="ascii"), str(path))


def public_key_b64(key: Ed25519PrivateKey) -> str:
    """base64url raw public key, as the enrol answer and the QR verifier expect it."""
    return public_key_to_b64(key.public_key())


def code_tag_key(key: Ed25519PrivateKey, point_code: str) -> bytes:
    """The point's pickup-code lookup tag key: HMAC of the QR signing key with the point code (so in no table;
    a new signing key gives new tag keys, and counters skip tags under the old one: protocol/pickup_code.py)."""
    secret = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return hmac.new(secret, f"pickup-code-tag|{point_code}".encode(), hashlib.sha256).digest()


def code_tag_key_b64(key: Ed25519PrivateKey, point_code: str) -> str:
    """`code_tag_key` as the snapshot and the change feed hand it to the point's counter PCs."""
    return base64.b64encode(code_tag_key(key, point_code)).decode()
