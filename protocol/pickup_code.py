"""Pickup codes: the counter PC keeps only a salted, slow scrypt hash (checkable offline, not readable).

Each issued code gets its own salt (`salted_code_hash`: "scrypt$n$r$p$salt$digest", the point's cost, a fresh
salt), so one sweep of the code space cracks one order, not every order of a stolen cache or server database.
A bare hex digest is an older hash under the point's salt (`CodeHashParams` of the point); both are checked.

A lookup tag may follow the hash (`…$digest#kid.tag`): tag = the first byte of HMAC-SHA256(the point's tag key,
code), kid = a short fingerprint of that key (`code_tag`). A counter holding the key hashes a code typed alone
only under the salts of orders whose tag fits (~1/256 of them); without the key the tag is opaque.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

CODE_LENGTH = 6
SALT_BYTES = 16
TAG_SEP = "#"
TAG_BYTES = 1  # 8 bits: a typed code is hashed for ~1/256 of the current orders; a tag alone tells 8 bits


@dataclass(frozen=True)
class CodeHashParams:
    """scrypt cost parameters plus the pickup point's salt; published by the backend with each hash."""

    salt: bytes
    n: int = 2**14
    r: int = 8
    p: int = 1

    def encode(self) -> str:
        salt = base64.urlsafe_b64encode(self.salt).decode().rstrip("=")
        return f"scrypt${self.n}${self.r}${self.p}${salt}"

    @classmethod
    def decode(cls, text: str) -> CodeHashParams:
        algo, n, r, p, salt = text.split("$")
        if algo != "scrypt":
            raise ValueError(f"unknown pickup code hash: {algo}")
        raw = base64.urlsafe_b64decode(salt + "=" * (-len(salt) % 4))
        return cls(salt=raw, n=int(n), r=int(r), p=int(p))


def new_code() -> str:
    """A random 6-digit pickup code (backend side)."""
    return f"{secrets.randbelow(10**CODE_LENGTH):0{CODE_LENGTH}d}"


def hash_code(code: str, params: CodeHashParams) -> str:
    """Hex scrypt digest of a pickup code under the point's salt and cost."""
    digest = hashlib.scrypt(
        code.encode(), salt=params.salt, n=params.n, r=params.r, p=params.p, maxmem=128 * 1024 * 1024, dklen=32
    )
    return digest.hex()


def salted_code_hash(code: str, cost: CodeHashParams, tag_key: bytes | None = None) -> str:
    """The hash the server publishes for an issued code: a salt of its own, the point's scrypt cost, and
    (given the point's tag key) the lookup tag."""
    params = CodeHashParams(salt=secrets.token_bytes(SALT_BYTES), n=cost.n, r=cost.r, p=cost.p)
    hashed = f"{params.encode()}${hash_code(code, params)}"
    return hashed if tag_key is None else f"{hashed}{TAG_SEP}{code_tag(tag_key, code)}"


def tag_key_id(tag_key: bytes) -> str:
    """A fingerprint of the tag key (4 hex digits, tells nothing of the key): tags under another key are skipped."""
    return hashlib.sha256(b"pickup-desk code tag key id" + tag_key).hexdigest()[:4]


def code_tag(tag_key: bytes, code: str) -> str:
    """`kid.tag`: the key's fingerprint and the first TAG_BYTES of HMAC-SHA256(tag_key, code), in hex."""
    tag = hmac.new(tag_key, code.encode(), hashlib.sha256).hexdigest()[:2 * TAG_BYTES]
    return f"{tag_key_id(tag_key)}.{tag}"


def split_tag(stored: str) -> tuple[str, str | None]:
    """(the hash without its lookup tag, the tag or None for an untagged hash)."""
    body, sep, tag = stored.rpartition(TAG_SEP)
    return (body, tag) if sep else (stored, None)


def hash_like(code: str, stored: str, point: CodeHashParams) -> str:
    """`code` hashed the way `stored` was: under the salt written in it, or (an older bare digest) the point's.

    `stored` may carry a prefix before "scrypt$" (the counter's peppered form) and a lookup tag after the
    digest; only the parameters are read (the result carries no tag).
    """
    head, sep, _digest = split_tag(stored)[0].rpartition("$")
    if not sep:
        return hash_code(code, point)
    params_text = head[head.index("scrypt$"):]
    return f"{params_text}${hash_code(code, CodeHashParams.decode(params_text))}"


def code_matches(code: str, expected_hash: str, params: CodeHashParams) -> bool:
    """Constant-time check of a typed code against a stored (per-order salted, or older per-point) hash."""
    return hmac.compare_digest(hash_like(code, expected_hash, params), split_tag(expected_hash)[0])


def is_code_shaped(text: str) -> bool:
    return len(text) == CODE_LENGTH and text.isdigit()
