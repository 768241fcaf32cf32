"""`backend.db.insert_rows`: a batch's rows inserted at once (PostgreSQL: COPY; SQLite: executemany), in their order,
each value stored as SQLAlchemy binds it; a refused row is the error SQLAlchemy raises (intake retries on it)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import event, insert, select
from sqlalchemy.exc import IntegrityError

from backend.db import Database, insert_rows
from backend.models import Change, EventRecord, Point
from tests.backend.conftest import BOTH_DBS

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _event(n: int) -> dict[str, Any]:
    return {"event_id": str(uuid.UUID(int=n)), "device_id": "d" * 36, "point_id": 1, "device_seq": n,
            "type": "shift.opened", "schema_v": 1, "payload": '{"a":"ё\\t"}', "payload_hash": "h" * 64,
            "occurred_at": "2026-12-01T12:00:00+03:00", "status": "applied", "reason": "why" if n % 2 else None,
            "received_at": NOW + timedelta(seconds=n)}


@pytest.fixture
def db(db_url: str) -> Database:
    database = Database(db_url)
    with database.write() as session:
        session.execute(insert(Point).values(id=1, code="0001", name="P", city="-", address="-", code_hash_params="-"))
    return database


def _inserts(db: Database) -> list[str]:
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    return statements


@BOTH_DBS
def test_rows_are_stored_in_their_order_with_their_values(db: Database, db_kind: str) -> None:
    statements = _inserts(db)
    with db.write() as session:
        insert_rows(session.connection(), EventRecord, [_event(n) for n in (6, 3, 10, 1)])
    assert [s for s in statements if s.startswith("INSERT")] == ([] if db_kind == "postgres" else [
        "INSERT INTO events (event_id, device_id, point_id, device_seq, type, schema_v, payload, payload_hash, "
        "occurred_at, received_at, status, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"])  # PostgreSQL: COPY
    with db.read() as session:
        stored = session.scalars(select(EventRecord).order_by(EventRecord.server_seq)).all()
        assert [e.device_seq for e in stored] == [6, 3, 10, 1]  # the serial key follows the rows' order
        assert [e.reason for e in stored] == [None, "why", None, "why"]
        first = stored[0]
        assert (first.payload, first.occurred_at, first.received_at, first.status) == (
            '{"a":"ё\\t"}', "2026-12-01T12:00:00+03:00", NOW + timedelta(seconds=6), "applied")


@BOTH_DBS
def test_documents_nulls_and_zoned_times_are_bound_as_sqlalchemy_binds_them(db: Database) -> None:
    moscow = datetime(2026, 12, 1, 12, 0, tzinfo=timezone(timedelta(hours=3)))
    document = {"текст": "ё", "list": [1, None]}
    rows = [{"seq": 1, "point_id": None, "type": "x", "payload": document, "created_at": moscow},
            {"seq": 2, "point_id": 1, "type": "y", "payload": {}, "created_at": NOW}]
    with db.write() as session:
        insert_rows(session.connection(), Change, rows)
    with db.read() as session:
        changes = session.scalars(select(Change).order_by(Change.seq))
        stored = [(c.seq, c.point_id, c.payload, c.created_at) for c in changes]
    assert stored == [(1, None, document, NOW), (2, 1, {}, NOW)]  # 12:00 +03 is 09:00 UTC


@BOTH_DBS
def test_a_refused_row_is_sqlalchemys_integrity_error_and_nothing_of_the_batch_stays(db: Database) -> None:
    with db.write() as session:
        insert_rows(session.connection(), EventRecord, [_event(1)])
    with pytest.raises(IntegrityError) as raised, db.write() as session:
        insert_rows(session.connection(), EventRecord, [_event(2), _event(1)])
    assert "event_id" in str(raised.value.orig)
    with db.read() as session:
        assert list(session.scalars(select(EventRecord.device_seq))) == [1]
