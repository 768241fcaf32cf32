"""A receiving scan's session counters stay cheap however many boxes and scans the session has: the «принято
ранее» count is no list subquery re-run for every box of the manifest (that made each scan 40 ms at 300 scans), and
the counted scans and manifest boxes are read from indexes alone, on a cache the app migrated (at 2,000 scans the
row walk took 1.5 ms of a 5 ms scan, growing with the truck)."""

from __future__ import annotations

from pathlib import Path

from desktop.db.engine import Database
from desktop.db.migrate import migrate_with_backup
from desktop.services.receiving.rows import SESSION_BY_UID


def _plan(db: Database) -> list[str]:
    compiled = SESSION_BY_UID.compile(dialect=db.engine.dialect)
    params = compiled.construct_params({"p_uid": "no-such-session"})
    args = tuple(params[name] for name in compiled.positiontup or ())
    with db.engine.connect() as conn:
        plan = [str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled), args)]
    assert plan, "SQLite gave no plan"
    return plan


def test_the_session_counters_run_no_list_subquery_per_box(db: Database) -> None:
    plan = _plan(db)
    assert not [step for step in plan if "LIST SUBQUERY" in step], plan


def test_a_migrated_cache_counts_the_sessions_scans_and_manifest_boxes_from_indexes_alone(tmp_path: Path) -> None:
    db = migrate_with_backup(tmp_path / "cache.sqlite3")
    try:
        plan = _plan(db)
    finally:
        db.dispose()
    counted = [step for step in plan if step.startswith("SEARCH") and ("receiving_scans" in step or "boxes" in step)]
    assert len(counted) >= 4, plan  # other shipment, elsewhere, the manifest's done boxes, its taken-in scans
    assert all("COVERING INDEX" in step for step in counted if "INTEGER PRIMARY KEY" not in step), plan
