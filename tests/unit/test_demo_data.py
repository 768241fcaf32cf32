"""The demo generator makes a realistic, deterministic point that loads into the cache."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from desktop.db.models import Box, ClubCard, Order, Staff, StorageCell
from desktop.demo.loader import load_demo
from protocol import ean13
from protocol.demo_data import generate_point
from protocol.pickup_code import CodeHashParams, code_matches

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
CHEAP = CodeHashParams(salt=b"demo-test", n=2**8)


def test_generator_is_deterministic_and_realistic():
    a = generate_point(seed=7, orders=120, now=NOW, code_params=CHEAP)
    b = generate_point(seed=7, orders=120, now=NOW, code_params=CHEAP)
    assert [o["number"] for o in a["orders"]] == [o["number"] for o in b["orders"]]
    statuses = {o["status"] for o in a["orders"]}
    assert {"ready", "in_transit", "refused"} <= statuses
    assert any(o["boxes_total"] > 1 for o in a["orders"])
    assert all(ean13.is_valid(c["number"]) for c in a["cards"])
    assert {s["role"] for s in a["staff"]} == {"clerk", "manager", "admin"}


def test_ready_orders_carry_hashes_of_the_printed_codes():
    demo = generate_point(seed=3, orders=60, now=NOW, code_params=CHEAP)
    codes = demo["secrets"].pickup_codes
    ready = [o for o in demo["orders"] if o["status"] == "ready"]
    assert ready and len(codes) == len(ready)
    for order in ready[:5]:
        assert code_matches(codes[order["number"]], order["pickup_code_hash"], CHEAP)


def test_demo_loads_into_cache(db):
    demo = generate_point(seed=1, orders=80, now=NOW, code_params=CHEAP)
    load_demo(db, demo)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 80
        assert s.scalar(select(func.count()).select_from(Box)) >= 80
        assert s.scalar(select(func.count()).select_from(StorageCell)) == len(demo["cells"])
        zone = s.scalars(select(StorageCell.code).where(StorageCell.overflow)).all()
        assert sorted(zone) == sorted(c["code"] for c in demo["cells"] if c["overflow"]) and zone
        assert s.scalar(select(func.count()).select_from(ClubCard)) == 20
        assert s.scalar(select(func.count()).select_from(Staff)) == 4
    load_demo(db, demo)  # idempotent upsert
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 80


def test_box_states_and_cells_come_from_the_server_view(db):
    demo = generate_point(seed=2, orders=40, now=NOW, code_params=CHEAP)
    ready = next(o for o in demo["orders"] if o["status"] == "ready")
    ready["boxes"][0]["cell"] = demo["cells"][0]["code"]
    ready["boxes"][0]["status"] = "placed"
    load_demo(db, demo)
    with db.read() as s:
        boxes = {b.barcode: b for b in s.scalars(select(Box))}
        first = boxes[ready["boxes"][0]["barcode"]]
        assert first.status == "placed" and first.cell_id is not None
        statuses = {boxes[b["barcode"]].status for o in demo["orders"] if o["status"] == "ready" for b in o["boxes"]}
        assert "expected" not in statuses


def test_waiting_orders_lie_in_cells_that_fit_and_are_not_overfull():
    demo = generate_point(seed=5, orders=120, now=NOW, code_params=CHEAP)
    sizes = ["S", "M", "L", "XL"]
    cells = {c["code"]: c for c in demo["cells"]}
    used: dict[str, int] = {}
    placed = [b for o in demo["orders"] if o["status"] in ("ready", "refused") for b in o["boxes"]]
    assert placed and all(b["status"] == "placed" for b in placed)
    for box in placed:
        cell = cells[box["cell"]]
        assert sizes.index(cell["size_class"]) >= sizes.index(box["size_class"])
        used[box["cell"]] = used.get(box["cell"], 0) + 1
    assert all(n <= cells[code]["capacity"] for code, n in used.items())


def test_the_point_has_room_for_every_box_at_or_coming_to_it_and_an_overflow_zone():
    """300 orders (the demo's default size): every box not yet handed over fits a regular cell of its own size,
    every box already at the point lies in one, and an overflow zone takes what a truck brings beyond that."""
    demo = generate_point(seed=42, orders=300, now=NOW, code_params=CHEAP)
    regular = [c for c in demo["cells"] if not c["overflow"]]
    for size in ("S", "M", "L", "XL"):
        need = sum(1 for o in demo["orders"] for b in o["boxes"]
                   if b["size_class"] == size and b["status"] != "handed_over")
        room = sum(c["capacity"] for c in regular if c["size_class"] == size)
        assert room >= need, size
    assert not [b for o in demo["orders"] for b in o["boxes"] if b["status"] == "received"]  # none left unshelved
    zone = [c for c in demo["cells"] if c["overflow"]]
    assert zone and all(c["active"] and c["size_class"] == "XL" and c["capacity"] > 1 for c in zone)
    assert len({c["code"] for c in demo["cells"]}) == len(demo["cells"])
    assert all(len(c["code"]) == 6 and len(c["label"]) <= 16 for c in demo["cells"])
