"""Pickup codes: the counter PC keeps only a salted, slow scrypt hash (checkable offline, not readable)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

CODE_LENGTH = 6


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


def code_matches(code: str, expected_hash: str, params: CodeHashParams) -> bool:
    """Constant-time check of a typed code against a stored hash."""
    return hmac.compare_digest(hash_code(code, params), expected_hash)


def is_code_shaped(text: str) -> bool:
    return len(text) == CODE_LENGTH and text.isdigit()
