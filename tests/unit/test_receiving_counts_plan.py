"""A receiving scan's session counters stay cheap however many boxes and scans the session has: the «принято
ранее» count is no list subquery re-run for every box of the manifest (that made each scan 40 ms at 300 scans)."""

from __future__ import annotations

from desktop.db.engine import Database
from desktop.services.receiving.rows import SESSION_BY_UID


def test_the_session_counters_run_no_list_subquery_per_box(db: Database) -> None:
    compiled = SESSION_BY_UID.compile(dialect=db.engine.dialect)
    params = compiled.construct_params({"p_uid": "no-such-session"})
    args = tuple(params[name] for name in compiled.positiontup or ())
    with db.engine.connect() as conn:
        plan = [str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled), args)]
    assert plan, "SQLite gave no plan"
    assert not [step for step in plan if "LIST SUBQUERY" in step], plan
