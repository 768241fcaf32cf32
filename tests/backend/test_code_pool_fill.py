"""The pickup-code pool shared out between points (backend/code_pool.py): each point's pool is topped up to the
target, a chunk per pass shared in point order; a point takes only its own rows under its current cost, oldest
first, skipping rows another session holds; a cost change drops that point's rows and no other's."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql

from backend import code_pool
from backend.config import Settings
from backend.models import CodePoolEntry, Point
from protocol.pickup_code import CodeHashParams
from tests.backend.conftest import Server, point_feed


def _two_points(server: Server) -> tuple[int, int]:
    server.import_feed(point_feed(orders=1))
    server.import_feed(point_feed("0043", orders=1))
    with server.db.read() as session:
        here, there = session.scalars(select(Point.id).order_by(Point.id))
    return here, there


def _pooled(server: Server) -> dict[int, int]:
    with server.db.read() as session:
        return {point_id: int(n) for point_id, n in session.execute(
            select(CodePoolEntry.point_id, func.count()).group_by(CodePoolEntry.point_id))}


def _take(server: Server, point_id: int, count: int) -> list[tuple[str, str]]:
    with server.db.write() as session:
        point = session.get(Point, point_id)
        assert point is not None
        return code_pool.take(session, point, count)


def test_each_points_pool_is_topped_up_to_the_target_a_shared_chunk_per_pass(settings: Settings,
                                                                            server: Server) -> None:
    here, there = _two_points(server)
    now = settings.clock()
    assert code_pool.fill(server.db, 0, now) == 0  # a pool size of 0: the pool is off
    assert _pooled(server) == {}
    assert code_pool.fill(server.db, 1, now) == 2  # one code for each point
    assert code_pool.fill(server.db, 3, now, limit=3) == 3  # the chunk: the first point's 2 missing, then 1
    assert _pooled(server) == {here: 3, there: 2}
    assert code_pool.fill(server.db, 3, now) == 1  # the one code still missing
    assert code_pool.fill(server.db, 3, now) == 0  # both full: each point counted apart
    assert _pooled(server) == {here: 3, there: 3}


def test_a_point_takes_its_own_codes_oldest_first(settings: Settings, server: Server) -> None:
    here, there = _two_points(server)
    code_pool.fill(server.db, 2, settings.clock())
    with server.db.read() as session:
        oldest = session.scalars(select(CodePoolEntry.code).where(CodePoolEntry.point_id == here)
                                 .order_by(CodePoolEntry.id)).first()
    assert _take(server, here, 0) == []
    first = _take(server, here, 1)
    assert [code for code, _ in first] == [oldest]
    assert len(_take(server, here, 5)) == 1  # what is left of its own, never the other point's
    assert _pooled(server) == {there: 2}


def test_a_cost_change_drops_that_points_codes_only(settings: Settings, server: Server) -> None:
    here, there = _two_points(server)
    now = settings.clock()
    code_pool.fill(server.db, 2, now)
    with server.db.write() as session:
        point = session.get(Point, here)
        assert point is not None
        old = CodeHashParams.decode(point.code_hash_params)
        point.code_hash_params = dataclasses.replace(old, n=2 * old.n).encode()
    assert _take(server, here, 2) == []  # hashed under the old cost: not handed out
    assert code_pool.fill(server.db, 2, now) == 2  # the point's old rows dropped and replaced
    assert _pooled(server) == {here: 2, there: 2}  # the other point's rows, at the old cost, stay


def test_two_processes_never_take_the_same_row(server: Server) -> None:
    """PostgreSQL: the rows are locked as they are taken and rows another session holds are skipped (SQLite has
    a single writer, so the statement is checked as PostgreSQL would run it)."""
    here, _ = _two_points(server)
    seen: list[Any] = []
    with server.db.write() as session:
        point = session.get(Point, here)
        assert point is not None
        real = session.execute

        def spy(statement: Any, *args: Any, **kw: Any) -> Any:
            seen.append(statement)
            return real(statement, *args, **kw)

        session.execute = spy  # type: ignore[method-assign]
        code_pool.take(session, point, 1)
        session.execute = real  # type: ignore[method-assign]
    (sql,) = [str(s.compile(dialect=postgresql.dialect())) for s in seen if getattr(s, "is_delete", False)]
    assert "FOR UPDATE SKIP LOCKED" in sql
