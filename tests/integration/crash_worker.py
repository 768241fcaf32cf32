"""A counter-PC process for kill -9 tests: receives boxes through the real service, or applies the feed.

    python -m tests.integration.crash_worker receive <data_dir> <first> <last>
    python -m tests.integration.crash_worker apply <data_dir> <page_limit>

It prints one line after every committed step so the parent can kill it mid-work.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop import device_credentials
from desktop.db.engine import Database
from desktop.db.models import Staff
from desktop.services.receiving import ReceivingService
from desktop.sync.client import SyncClient
from desktop.sync.engine import SyncEngine
from tests.integration.counter import box_of
from tests.support.factories import actor_for


def _engine(db: Database, data_dir: Path, page_limit: int = 500) -> SyncEngine:
    creds = device_credentials.load(data_dir)
    assert creds is not None
    return SyncEngine(db, SyncClient(creds.backend_url, creds.token, timeout=(1.0, 10.0)), page_limit=page_limit)


def receive(data_dir: Path, first: int, last: int) -> None:
    db = Database(data_dir / "cache.sqlite3")
    engine = _engine(db, data_dir)
    with db.read() as s:
        actor = actor_for(s.scalars(select(Staff).where(Staff.login == "kassir")).one())
    service = ReceivingService(db)
    session = service.open_session(actor)
    for n in range(first, last + 1):
        service.scan_box(actor, session, box_of(n))
        print(f"scanned {n}", flush=True)
        if n % 3 == 0:
            engine.sync_once()
            print(f"synced {n}", flush=True)


def apply(data_dir: Path, page_limit: int) -> None:
    db = Database(data_dir / "cache.sqlite3")
    engine = _engine(db, data_dir, page_limit)
    original = engine._apply_page

    def announced(changes: list[dict[str, Any]], next_cursor: int, tag_key: str | None = None) -> None:
        original(changes, next_cursor, tag_key)
        print(f"page {next_cursor}", flush=True)

    engine._apply_page = announced  # type: ignore[method-assign]
    engine.pull()
    print("done", flush=True)


if __name__ == "__main__":
    mode, directory = sys.argv[1], Path(sys.argv[2])
    if mode == "receive":
        receive(directory, int(sys.argv[3]), int(sys.argv[4]))
    else:
        apply(directory, int(sys.argv[3]))
