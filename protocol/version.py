"""The one version number: read from the installed package's metadata (the PyInstaller bundle carries it).

A released bundle carries a release stamp (``_internal/pickup_desk_release.json``, written by
packaging/release.py): its version wins, so the same PyInstaller output re-stamped is another version.
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import version
from pathlib import Path

RELEASE_STAMP = "pickup_desk_release.json"


def stamped_version(bundle_data: str | None = getattr(sys, "_MEIPASS", None)) -> str | None:
    """The version of the release stamp in a frozen bundle's data folder, or None (a checkout, no stamp)."""
    if not bundle_data:
        return None
    try:
        value = json.loads((Path(bundle_data) / RELEASE_STAMP).read_text("utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and value else None


VERSION = stamped_version() or version("pickup-desk")


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
