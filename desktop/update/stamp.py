"""What a released bundle carries for updates: its release stamp and the public TUF root metadata.

Both live in the bundle's data folder (``_internal/`` of a one-folder PyInstaller bundle):
``pickup_desk_release.json`` ({"version": "1.5.0"}; protocol.version reads it) and ``update_root.json``
(root metadata: public keys and thresholds only — the private keys never leave the release machine).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from protocol.version import RELEASE_STAMP

DATA_FOLDER = "_internal"
ROOT_FILE = "update_root.json"


def read_stamp(bundle_dir: Path) -> dict[str, Any] | None:
    """The release stamp of the bundle folder `bundle_dir`, or None."""
    try:
        data = json.loads((bundle_dir / DATA_FOLDER / RELEASE_STAMP).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_stamp(bundle_dir: Path, version: str, root_metadata: Path) -> None:
    """Stamp `bundle_dir` with `version` and put the public root metadata beside it (packaging/release.py)."""
    data = bundle_dir / DATA_FOLDER
    (data / RELEASE_STAMP).write_text(json.dumps({"version": version}) + "\n", "utf-8")
    (data / ROOT_FILE).write_bytes(root_metadata.read_bytes())


def bundled_root() -> Path | None:
    """The running bundle's root metadata (None in a checkout)."""
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) / ROOT_FILE if base else None


def executable_name(windows: bool, console: bool = False) -> str:
    """The bundle's program: PickupDesk (Linux), PickupDesk.exe, or its console twin PickupDeskCli.exe."""
    if not windows:
        return "PickupDesk"
    return "PickupDeskCli.exe" if console else "PickupDesk.exe"
