"""The counter's per-device pepper: a stolen `cache.sqlite3` alone cannot be swept for codes or PINs.

The pepper (32 random bytes) lives in the operating system's credential store through `keyring` (Windows
Credential Manager, Secret Service on Linux), one entry per data directory. Where no usable backend exists
(headless Linux, CI, tests, or `keyring` not installed) it falls back to `<data_dir>/device-pepper.key`
(0600) and says so loudly in the log: that file sits next to the cache, so copying the whole folder
defeats it — on such a PC protect the folder itself.

In the cache a pickup-code hash from the server (scrypt of the code) is kept as `p1:` + its salt parameters +
HMAC-SHA256(pepper, hash) (+ the server's lookup tag, opaque without the tag key); staff PIN and password hashes
(argon2 strings) and the point's code tag key as `p1:` + AES-GCM under a key derived from the pepper. Values
without the prefix come from before migration 0006 (it converts them).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import importlib
import logging
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from desktop import messages
from desktop.db.engine import Database
from desktop.db.models import SyncState
from protocol.errors import DomainError
from protocol.pickup_code import TAG_SEP, split_tag
from protocol.private_files import create_private, private_file

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

log = logging.getLogger(__name__)
PREFIX = "p1:"
FALLBACK_FILE = "device-pepper.key"
KEYRING_SERVICE = "Pickup Desk cache pepper"
TAG_KEY = "code_tag_key"  # SyncState: the point's pickup-code tag key, sealed under the pepper
CHECK_KEY = "device_pepper_check"  # SyncState: HMAC(pepper, constant), to notice a pepper that is not this cache's
_cache: dict[str, bytes] = {}
_checked: set[tuple[str, bytes]] = set()  # (cache folder, pepper) pairs whose check value this process compared

messages.register(
    {
        "db.pepper_lost": "Секретный ключ этого компьютера для базы {path} не найден в хранилище учётных данных "
        "Windows: коды получения и PIN-коды в ней проверить нельзя. Обратитесь к администратору — базу нужно "
        "пересоздать из данных сервера (снимок) или вернуть прежнюю учётную запись Windows.",
    }
)
_MEMORY = "<memory>"


def _keyring() -> Any | None:
    """The `keyring` module with a real backend, or None (not installed, or its `fail` backend)."""
    try:
        module = importlib.import_module("keyring")
        backend = module.get_keyring()
    except Exception:  # keyring missing or broken: the fallback below
        return None
    if type(backend).__module__.startswith("keyring.backends.fail"):
        return None
    return module


def _entry_name(data_dir: Path) -> str:
    return hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:32]


def _from_keyring(data_dir: Path) -> bytes | None:
    module = _keyring()
    if module is None:
        return None
    name = _entry_name(data_dir)
    try:
        stored = module.get_password(KEYRING_SERVICE, name)
        if stored is None:
            stored = base64.b64encode(secrets.token_bytes(32)).decode()
            module.set_password(KEYRING_SERVICE, name, stored)
    except Exception:
        log.exception("the OS credential store failed; using the pepper file instead")
        return None
    return base64.b64decode(stored)


def _from_file(data_dir: Path) -> bytes:
    path = data_dir / FALLBACK_FILE
    log.warning("SECURITY: no OS credential store (keyring) here: the device pepper is kept in %s (0600) next "
                "to the cache; a copy of the whole data folder can be swept offline", path)
    if not path.exists():
        with os.fdopen(create_private(path), "w", encoding="ascii") as out:
            out.write(base64.b64encode(secrets.token_bytes(32)).decode() + "\n")
    private_file(path)
    return base64.b64decode(path.read_text(encoding="ascii").strip())


def device_pepper(data_dir: Path | None) -> bytes:
    """This PC's pepper for the cache in `data_dir` (None: an in-memory database, a pepper for this run)."""
    key = _MEMORY if data_dir is None else str(data_dir.resolve())
    if key not in _cache:
        if data_dir is None:
            _cache[key] = secrets.token_bytes(32)
        else:
            _cache[key] = _from_keyring(data_dir) or _from_file(data_dir)
    return _cache[key]


def pepper_for_session(s: Session) -> bytes:
    """The pepper of the cache file this session works on, checked against the cache at its first use.

    The credential store is first asked here (the first login, the first pulled code), not at start: the login
    screen shows without loading `keyring`. A pepper that is not the one the cache was peppered with (a lost
    credential-store entry: another Windows profile, a moved folder) would make every pickup code "wrong" and every
    PIN refused; the first use raises `db.pepper_lost` instead, and so does every later one.
    """
    database = s.get_bind().engine.url.database
    data_dir = None if not database or database == ":memory:" else Path(database).parent
    pepper = device_pepper(data_dir)
    checked = (_MEMORY if data_dir is None else str(data_dir.resolve()), pepper)
    if checked not in _checked:
        row = s.get(SyncState, CHECK_KEY)
        if row is not None and not hmac.compare_digest(row.value, _check_value(pepper)):
            log.error("the device pepper does not match this cache (credential store entry lost?)")
            raise DomainError("db.pepper_lost", path=str(database))
        _checked.add(checked)
    return pepper


def _check_value(pepper: bytes) -> str:
    return hmac.new(pepper, b"pickup-desk pepper check", hashlib.sha256).hexdigest()[:32]


def record_pepper_check(db: Database) -> None:
    """At start: a cache without the pepper's check value gets it now (its first start asks the credential store);
    a cache that has one is checked at the pepper's first use (`pepper_for_session`), not here."""
    with db.write() as s:
        if s.get(SyncState, CHECK_KEY) is None:
            s.add(SyncState(key=CHECK_KEY, value=_check_value(pepper_for_session(s))))


# --- pickup-code hashes ---------------------------------------------------------------------------------


def peppered(pepper: bytes, server_hash: str) -> str:
    """What the cache keeps of the server's code hash: `p1:` + its salt parameters (not secret, needed to
    recompute) + HMAC-SHA256(pepper, hash) + its lookup tag if any; an older bare digest becomes `p1:` + the
    HMAC alone."""
    if server_hash.startswith(PREFIX):
        return server_hash
    body, tag = split_tag(server_hash)
    params, sep, _digest = body.rpartition("$")
    mac = hmac.new(pepper, body.encode(), hashlib.sha256).hexdigest()
    return f"{PREFIX}{params}{sep}{mac}" + ("" if tag is None else f"{TAG_SEP}{tag}")


def pepper_code_hash(pepper: bytes, server_hash: str | None) -> str | None:
    """`peppered` for a hash that may be missing (an order without a code yet)."""
    return None if server_hash is None else peppered(pepper, server_hash)


def code_hash_matches(pepper: bytes, computed_hash: str, stored: str) -> bool:
    """Constant-time check of a freshly computed (untagged) server-side hash against what the cache keeps."""
    body = split_tag(stored)[0]
    expected = peppered(pepper, computed_hash) if body.startswith(PREFIX) else computed_hash
    return hmac.compare_digest(expected, body)


# --- staff secret hashes ------------------------------------------------------------------------------------


def _aead(pepper: bytes) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # 7 MiB: imported at the first use, not at start

    return AESGCM(hmac.new(pepper, b"pickup-desk staff hashes", hashlib.sha256).digest())


def seal_secret_hash(pepper: bytes, argon2_hash: str | None) -> str | None:
    """An argon2 hash string encrypted under the pepper (None and sealed values as they are)."""
    if not argon2_hash or argon2_hash.startswith(PREFIX):
        return argon2_hash
    nonce = secrets.token_bytes(12)
    sealed = _aead(pepper).encrypt(nonce, argon2_hash.encode(), None)
    return PREFIX + base64.b64encode(nonce + sealed).decode()


def open_secret_hash(pepper: bytes, stored: str | None) -> str | None:
    """The argon2 hash string back (None when it cannot be opened: another PC's pepper, damaged)."""
    if not stored or not stored.startswith(PREFIX):
        return stored
    from cryptography.exceptions import InvalidTag

    try:
        raw = base64.b64decode(stored[len(PREFIX):])
        return _aead(pepper).decrypt(raw[:12], raw[12:], None).decode()
    except (InvalidTag, ValueError):
        return None


# --- the point's pickup-code tag key ---------------------------------------------------------------------------


def store_tag_key(s: Session, key_b64: str | None) -> None:
    """Keep the tag key the server sent (base64), sealed under the pepper; unchanged keys are not rewritten."""
    if not key_b64 or read_tag_key(s) == base64.b64decode(key_b64):
        return
    sealed = seal_secret_hash(pepper_for_session(s), key_b64) or ""
    row = s.get(SyncState, TAG_KEY)
    if row is None:
        s.add(SyncState(key=TAG_KEY, value=sealed))
    else:
        row.value = sealed


def read_tag_key(s: Session) -> bytes | None:
    """The point's tag key (None: not received yet, or sealed under another PC's pepper)."""
    row = s.get(SyncState, TAG_KEY)
    if row is None or not row.value.startswith(PREFIX):
        return None  # never kept in clear: a value without the seal is not taken
    opened = open_secret_hash(pepper_for_session(s), row.value)
    return base64.b64decode(opened) if opened else None
