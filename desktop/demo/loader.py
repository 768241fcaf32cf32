"""Load a generated demo point straight into a local cache (headless demo and tests, no backend)."""

from __future__ import annotations

from typing import Any

from desktop.cache_import import load_snapshot
from desktop.db.engine import Database
from desktop.db.models import PickupPoint


def load_demo(db: Database, demo: dict[str, Any]) -> PickupPoint:
    """Write the demo snapshot into `db` in one transaction."""
    with db.write() as session:
        snapshot = {key: value for key, value in demo.items() if key != "secrets"}
        return load_snapshot(session, snapshot)
