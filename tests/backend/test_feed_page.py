"""The change feed's page: the point's and the global changes each read by an index in seq order with their own
limit (no sort of the rest of the feed), giving exactly the pages the single filtered query gave."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, insert, or_, select, text, update

from backend import changes
from backend.db import Database
from backend.models import Change, Counter, Point
from backend.schemas import ChangesOut
from tests.backend.conftest import BOTH_DBS

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _fill(db: Database) -> int:
    """Changes of points 1..3 and global ones, the first ones pruned, and one row beyond the head (uncommitted
    as far as a reader's head is concerned). Returns the head."""
    with db.write() as session:
        changes.ensure_counters(session)
        session.execute(insert(Point), [{"id": p, "code": f"00{p:02}", "name": "P", "city": "-", "address": "-",
                                         "code_hash_params": "-"} for p in (1, 2, 3)])
        owners = [1, 2, None, 1, 3, 3, 2, None, None, 1, 2, 3, 1, None, 1, 1, 2, None, 3, 1, 1, None, 2, 1]
        session.execute(insert(Change), [{"seq": seq, "point_id": owner, "type": "x", "payload": {"n": seq},
                                          "created_at": NOW} for seq, owner in enumerate(owners, start=1)])
        head = len(owners) - 1
        session.execute(update(Counter).where(Counter.name == changes.CHANGE_SEQ).values(value=head))
        session.execute(update(Counter).where(Counter.name == changes.PRUNED_THROUGH).values(value=3))
        session.execute(Change.__table__.delete().where(Change.seq <= 3))
    return head


def _reference(session: Any, point_id: int, cursor: int, limit: int) -> tuple[list[dict[str, Any]], int, bool]:
    """The page as the single `point = ? OR point IS NULL … ORDER BY seq LIMIT` query gave it."""
    head = changes.current_seq(session)
    rows = session.execute(
        select(Change.seq, Change.type, Change.payload)
        .where(or_(Change.point_id == point_id, Change.point_id.is_(None)), Change.seq > cursor, Change.seq <= head)
        .order_by(Change.seq).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    items = [{"seq": s, "type": t, "payload": p} for s, t, p in rows]
    return items, rows[-1][0] if more else max(cursor, head), more


@BOTH_DBS
def test_pages_are_the_same_items_and_cursors_for_a_mixed_feed(db_url: str) -> None:
    db = Database(db_url)
    head = _fill(db)
    with db.read() as session:
        for point_id in (1, 4):  # 4: only global changes
            for limit in (1, 2, 500):
                for cursor in (0, 2, 3, 4, 7, 8, 13, head - 1, head, head + 2):
                    items, next_cursor, more = changes.page(session, point_id, cursor, limit)
                    parsed = [{"seq": seq, "type": type_, "payload": json.loads(text)} for seq, type_, text in items]
                    assert (parsed, next_cursor, more) == _reference(session, point_id, cursor, limit), \
                        (point_id, limit, cursor)
    db.dispose()


def _plans(db: Database, kind: str) -> list[str]:
    """The plans of the statements one page runs against `changes`."""
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if "FROM changes" in statement:
            statements.append((statement, parameters))

    with db.read() as session:
        event.listen(db.engine, "before_cursor_execute", capture)
        try:
            changes.page(session, 2, 0, 2)
        finally:
            event.remove(db.engine, "before_cursor_execute", capture)
        conn = session.connection()
        if kind == "postgres":
            conn.execute(text("SET LOCAL enable_seqscan = off"))  # the test's table is tiny: plan as for a big one
        prefix = "EXPLAIN QUERY PLAN " if kind == "sqlite" else "EXPLAIN "
        return ["\n".join(str(row[-1]) for row in conn.exec_driver_sql(prefix + statement, parameters))
                for statement, parameters in statements]


@BOTH_DBS
def test_a_page_reads_by_the_index_without_sorting(db_url: str, db_kind: str) -> None:
    db = Database(db_url)
    _fill(db)
    plans = _plans(db, db_kind)
    db.dispose()
    assert len(plans) == 1, plans  # one statement: the two streams, merged
    (plan,) = plans
    lines = plan.splitlines()
    assert sum("ix_changes_" in line for line in lines) == 2, plan  # each stream read by an index
    assert "SCAN changes" not in plan and "Seq Scan" not in plan, plan  # nothing read beyond that
    assert not any(line.strip().startswith("->  Sort") for line in lines), plan  # PostgreSQL: a merge, no sort
    for before, line in itertools.pairwise(lines):  # SQLite re-sorts only a stream's limited rows
        assert "TEMP B-TREE" not in line or before.startswith("SCAN anon_"), plan


def test_a_page_answer_is_the_documented_json_with_the_stored_payloads_as_they_are() -> None:
    stored = {"number": 'Ё"1\\', "lines": [{"sku": "Ж", "qty": 2}], "note": None, "ok": True}
    items = [(5, "order.upsert", json.dumps(stored)), (6, 'odd "type"', "{}")]
    body = changes.page_json(items, next_cursor=6, has_more=True, code_tag_key="a2V5")
    assert ChangesOut.model_validate_json(body).model_dump() == {
        "changes": [{"seq": 5, "type": "order.upsert", "payload": stored},
                    {"seq": 6, "type": 'odd "type"', "payload": {}}],
        "next_cursor": 6, "has_more": True, "code_tag_key": "a2V5"}
    empty = json.loads(changes.page_json([], next_cursor=9, has_more=False, code_tag_key=None))
    assert empty == {"changes": [], "next_cursor": 9, "has_more": False, "code_tag_key": None}
