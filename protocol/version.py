"""The one version number: read from the installed package's metadata (the PyInstaller bundle carries it)."""

from __future__ import annotations

from importlib.metadata import version

VERSION = version("pickup-desk")


def version_tuple(text: str) -> tuple[int, ...]:
    """'0.10.2rc1' → (0, 10, 2): comparable numbers; a part without digits counts as 0."""
    parts = []
    for piece in text.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def client_too_old(min_client_version: str, version: str = VERSION) -> bool:
    """Is `version` (this app's by default) below the server's minimum client version?"""
    return version_tuple(version) < version_tuple(min_client_version)
