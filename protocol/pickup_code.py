"""Pickup codes: the counter PC keeps only a salted, slow scrypt hash (checkable offline, not readable).

Each issued code gets its own salt (`salted_code_hash`: "scrypt$n$r$p$salt$digest", the point's cost, a fresh
salt), so one sweep of the code space cracks one order, not every order of a stolen cache or server database.
A bare hex digest is an older hash under the point's salt (`CodeHashParams` of the point); both are checked.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

CODE_LENGTH = 6
SALT_BYTES = 16


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


def salted_code_hash(code: str, cost: CodeHashParams) -> str:
    """The hash the server publishes for an issued code: a salt of its own, the point's scrypt cost."""
    params = CodeHashParams(salt=secrets.token_bytes(SALT_BYTES), n=cost.n, r=cost.r, p=cost.p)
    return f"{params.encode()}${hash_code(code, params)}"


def hash_like(code: str, stored: str, point: CodeHashParams) -> str:
    """`code` hashed the way `stored` was: under the salt written in it, or (an older bare digest) the point's.

    `stored` may carry a prefix before "scrypt$" (the counter's peppered form); only the parameters are read.
    """
    head, sep, _digest = stored.rpartition("$")
    if not sep:
        return hash_code(code, point)
    params_text = head[head.index("scrypt$"):]
    return f"{params_text}${hash_code(code, CodeHashParams.decode(params_text))}"


def code_matches(code: str, expected_hash: str, params: CodeHashParams) -> bool:
    """Constant-time check of a typed code against a stored (per-order salted, or older per-point) hash."""
    return hmac.compare_digest(hash_like(code, expected_hash, params), expected_hash)


def is_code_shaped(text: str) -> bool:
    return len(text) == CODE_LENGTH and text.isdigit()
