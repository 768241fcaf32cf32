"""Revision 0010 on a database of 0009 (SQLite and PostgreSQL): the old ledger and handovers keep their rows, a
change may belong to no point, and the ledger's new uniqueness holds (accrual once per order, reversals by ref)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from backend.db import Database, upgrade
from tests.backend.conftest import BOTH_DBS

OLD_ROWS = (
    "INSERT INTO points (id, code, name, city, address, hours, timezone, storage_days, id_check_threshold_kopecks, "
    "code_hash_params, ready_sms_grace_minutes) VALUES (1, '0042', 'P', 'Москва', 'a', 'h', 'Europe/Moscow', 7, 1, "
    "'x', 10)",
    "INSERT INTO customers (id, external_id, full_name, phone) VALUES (1, 'C1', 'A', '+79161234567')",
    "INSERT INTO orders (id, number, point_id, customer_id, kind, status, total_kopecks, prepaid, boxes_total, "
    "created_at, extended_days) VALUES (1, '042000001', 1, 1, 'retail', 'handed_over', 100000, true, 1, "
    "'2026-11-20 10:00:00', 0)",
    "INSERT INTO bonus_ledger (customer_id, order_id, reason, points, event_id, created_at) VALUES "
    "(1, 1, 'accrual', 1000, 'e1', '2026-11-20 10:00:00')",
    "INSERT INTO handovers (uid, order_id, device_id, result, completed_at) VALUES "
    "('h1', 1, 'd1', 'handed_over', '2026-11-20 10:00:00')",
)


@BOTH_DBS
def test_an_0009_database_upgrades_with_its_ledger_and_handovers(blank_db_url: str) -> None:
    db = Database(blank_db_url)
    upgrade(db.engine, "0009")
    with db.engine.begin() as conn:
        for statement in OLD_ROWS:
            conn.execute(text(statement))
    db.upgrade()
    with db.engine.begin() as conn:
        assert conn.execute(text("SELECT reference, points FROM bonus_ledger")).one() == ("", 1000)
        assert conn.execute(text("SELECT payment, credit_agreement FROM handovers")).one() == (None, None)
        conn.execute(text("INSERT INTO changes (seq, point_id, type, payload, created_at) VALUES "
                          "(1, NULL, 'certificate.upsert', '{}', '2026-11-20 10:00:00')"))
        for reference in ("RET-1", "RET-2"):
            conn.execute(text("INSERT INTO bonus_ledger (customer_id, order_id, reason, points, event_id, reference, "
                              "created_at) VALUES (1, 1, 'reversal', -10, NULL, :r, '2026-11-21 10:00:00')"),
                         {"r": reference})
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text("INSERT INTO bonus_ledger (customer_id, order_id, reason, points, event_id, created_at) "
                          "VALUES (1, 1, 'accrual', 5, 'e2', '2026-11-21 10:00:00')"))
    db.dispose()
