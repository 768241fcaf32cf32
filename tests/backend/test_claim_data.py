"""Claim data on the server: an older database upgrades (0008) with every line at the default warranty period."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from backend.db import Database, upgrade
from protocol.claims import DEFAULT_WARRANTY_MONTHS


def test_lines_of_an_older_database_get_the_default_warranty(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(db.engine, "0007")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO points (code, name, city, address, hours, timezone, storage_days, "
                          "id_check_threshold_kopecks, code_hash_params, ready_sms_grace_minutes) VALUES "
                          "('0042', 'P', 'Москва', 'a', 'h', 'Europe/Moscow', 7, 1, 'x', 10)"))
        conn.execute(text("INSERT INTO customers (external_id, full_name, phone) VALUES ('C1', 'A', '+79161234567')"))
        conn.execute(text("INSERT INTO orders (number, point_id, customer_id, kind, status, total_kopecks, prepaid, "
                          "boxes_total, created_at, extended_days) VALUES "
                          "('100000001', 1, 1, 'retail', 'handed_over', 100, 1, 1, '2026-11-01 10:00:00', 0)"))
        conn.execute(text("INSERT INTO order_lines (order_id, sku, name, quantity, price_kopecks, serial, "
                          "refused_quantity) VALUES (1, 'SKU-1', 'Смартфон', 1, 100, 'SN1', 0)"))
    db.upgrade()
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT warranty_months FROM order_lines")).scalar_one() == DEFAULT_WARRANTY_MONTHS
        assert conn.execute(text("SELECT count(*) FROM claims")).scalar_one() == 0
    db.dispose()
