"""Seed the demo pickup point from the integrator's demo data generator (embedded default, --seed-demo)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select

from backend import changes, importer
from backend.db import Database
from backend.models import Point


def seed_demo(db: Database, code_hash_n: int, now: datetime, orders: int = 300,
              progress: Callable[[int, int], None] | None = None,
              tag_key: bytes | None = None) -> dict[str, Any] | None:
    """Import the generated demo point unless it exists; its secrets (demo PINs, codes) or None.

    `progress(done, total)` follows the generator (the counter's first start shows it). `tag_key`: the server's
    lookup-tag key of the demo point (backend/keys.py code_tag_key), so the seeded codes carry the tags the
    counters can use (under another key they would fall back to hashing every current order's code).
    """
    from protocol.demo_data import DEMO_POINT_CODE, generate_point

    with db.read() as session:
        if session.scalar(select(Point.id).where(Point.code == DEMO_POINT_CODE)) is not None:
            return None
    demo = generate_point(orders=orders, now=now, progress=progress, tag_key=tag_key)
    secrets = demo.pop("secrets")
    changes.transaction(db, lambda session: importer.import_feed(session, demo, code_hash_n, now), "demo import")
    if dataclasses.is_dataclass(secrets) and not isinstance(secrets, type):
        return dataclasses.asdict(secrets)
    return dict(secrets)
