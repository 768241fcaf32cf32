"""The pickup-code pool: codes hashed ahead of time, off the request path, taken by arrivals.

scrypt at the production cost takes ~25 ms a code; hashed inside an intake batch it would hold the batch
for the whole batch's codes. A background filler (`fill`: the worker process and the embedded server's
dispatcher thread, backend/worker.py) keeps each point's pool at `Settings.code_pool_size` fresh codes,
hashed under the point's scrypt cost with a salt of their own, in a thread pool, outside any transaction.
In a batch's transaction, before its rules, `take` removes as many rows as the batch will issue codes
(PostgreSQL: `FOR UPDATE SKIP LOCKED`, so two API processes never share a row; SQLite: the writer is alone) and
the lookup tag (HMAC under the current signing key, cheap) is added then. A pool short of codes rolls the batch
back, and the missing codes are hashed outside any transaction before it runs again (backend/code_prepare.py).

The clear code rests in the pool row until taken, as it rests in the SMS outbox until sent: the pool is
kept small (a few hours of issuance), and a taken row is deleted in the same transaction that takes it.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from backend.db import Database
from backend.models import CodePoolEntry, Point
from protocol.pickup_code import CodeHashParams, new_code, salted_code_hash

HASH_THREADS = max(1, os.cpu_count() or 1)
FILL_CHUNK = 16  # codes hashed per filler pass (~0.4 s of CPU at the production cost): other work goes on


def cost_of(code_hash_params: str) -> str:
    """The cost part of a point's `code_hash_params` ("scrypt$n$r$p"): each pooled code has a salt of its own."""
    return code_hash_params.rsplit("$", 1)[0]


def take(session: Session, point: Point, count: int) -> list[tuple[str, str]]:
    """Remove up to `count` of the point's pooled codes hashed under its current cost: (code, untagged hash)."""
    if count <= 0:
        return []
    ids = (select(CodePoolEntry.id)
           .where(CodePoolEntry.point_id == point.id, CodePoolEntry.cost == cost_of(point.code_hash_params))
           .order_by(CodePoolEntry.id).limit(count).with_for_update(skip_locked=True))
    rows = session.execute(delete(CodePoolEntry).where(CodePoolEntry.id.in_(ids))
                           .returning(CodePoolEntry.code, CodePoolEntry.code_hash))
    return [(code, code_hash) for code, code_hash in rows]


def fill(db: Database, target: int, now: datetime, limit: int = FILL_CHUNK) -> int:
    """Top every point's pool up towards `target` codes, at most `limit` hashed in this call; the number hashed.

    Rows hashed under a cost the point no longer has are dropped first."""
    if target <= 0:
        return 0
    wanted = _shortfall(db, target, limit)
    if not wanted:
        return 0
    jobs = [(point_id, cost) for point_id, cost, missing in wanted for _ in range(missing)]
    with ThreadPoolExecutor(max_workers=min(len(jobs), HASH_THREADS)) as pool:
        rows = list(pool.map(lambda job: _hashed(job[0], job[1], now), jobs))
    with db.write() as session:
        session.add_all(rows)
    return len(rows)


def _shortfall(db: Database, target: int, limit: int) -> list[tuple[int, str, int]]:
    """(point id, its cost, codes to hash) while `limit` lasts; rows under a cost no longer the point's deleted."""
    with db.read() as session:
        points = {point_id: cost_of(params) for point_id, params in session.execute(
            select(Point.id, Point.code_hash_params).order_by(Point.id))}
        groups: list[Any] = list(session.execute(select(CodePoolEntry.point_id, CodePoolEntry.cost, func.count())
                                      .group_by(CodePoolEntry.point_id, CodePoolEntry.cost)))
    stale = [(point_id, cost) for point_id, cost, _ in groups if points.get(point_id) != cost]
    if stale:
        with db.write() as session:
            for point_id, cost in stale:
                session.execute(delete(CodePoolEntry).where(CodePoolEntry.point_id == point_id,
                                                            CodePoolEntry.cost == cost))
    have = {point_id: n for point_id, cost, n in groups if points.get(point_id) == cost}
    wanted: list[tuple[int, str, int]] = []
    for point_id, cost in points.items():
        missing = min(target - have.get(point_id, 0), limit)
        if missing > 0:
            wanted.append((point_id, cost, missing))
            limit -= missing
    return wanted


def _hashed(point_id: int, cost: str, now: datetime) -> CodePoolEntry:
    code = new_code()
    params = CodeHashParams.decode(f"{cost}$AAAA")  # only n, r, p are used: salted_code_hash draws a salt
    return CodePoolEntry(point_id=point_id, cost=cost, code=code, code_hash=salted_code_hash(code, params),
                         created_at=now)
