"""Claim data on the server: an older database upgrades (0009) with every line at the default warranty period; the
demo point holds a pre-filed claim and a repaired item on its way back, and a demo user can walk both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import text

from backend.db import Database, upgrade
from protocol.claims import DEFAULT_WARRANTY_MONTHS
from protocol.demo_data import DEMO_CLAIM_PHONE
from tests.backend.claim_fixtures import accepted, bring_back, hand_back, read_claim
from tests.backend.conftest import CHEAP_N, Server


def test_lines_of_an_older_database_get_the_default_warranty(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(db.engine, "0008")
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


def test_the_demo_point_has_a_prefiled_claim_and_a_repaired_item_coming_back(server: Server, clock: Any) -> None:
    from backend.demo_seed import seed_demo

    assert seed_demo(server.db, CHEAP_N, clock(), orders=40) is not None
    device = server.enrol()
    snapshot = device.snapshot().json()
    claims = {c["status"]: c for c in snapshot["claims"]}
    orders = {o["number"]: o for o in snapshot["orders"]}
    assert set(claims) == {"filed", "returning"}
    filed, returning = claims["filed"], claims["returning"]
    purchase = orders[filed["order"]]
    assert purchase["status"] == "handed_over" and purchase["customer"]["phone"] == DEMO_CLAIM_PHONE
    assert filed["serial"] == next(ln["serial"] for ln in purchase["lines"] if ln["sku"] == filed["sku"])
    back = orders[returning["return_order"]]
    assert (back["kind"], back["status"], back["customer"]) == ("warranty", "in_transit", purchase["customer"])
    assert back["boxes"][0]["shipment"] == snapshot["shipments"][1]["number"]  # the next truck
    assert [c["number"] for c in device.all_changes() if c["type"] == "claim.upsert" for c in [c["payload"]]] == [
        filed["number"], returning["number"]]
    # the demo user can walk the whole workflow: take the pre-filed item in, and hand the repaired one back
    intake = accepted(filed["number"], filed["order"], prefiled=True, sku=filed["sku"], serial=filed["serial"])
    assert device.send("claim.accepted", intake)["status"] == "applied"
    bring_back(device, back["number"], back["boxes"][0]["barcode"])
    assert read_claim(server, returning["number"])["status"] == "awaiting_pickup"
    assert hand_back(device, back["number"])["status"] == "applied"
    assert read_claim(server, returning["number"])["status"] == "closed"
