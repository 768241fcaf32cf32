"""Storage cells: suggestion by size and occupancy (a larger cell, then the overflow zone), placing and moving
(a cell too small or full takes the box with a warning), cell audit."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from desktop.db.models import AuditEntry, Box, OutboxEvent
from desktop.services.storage_cells import StorageCellService, fits
from protocol.errors import DomainError
from protocol.events import parse_event
from tests.support.factories import actor_for, box_barcode, make_cell, make_order, make_point, make_staff


@pytest.fixture
def world(db):
    """Point 0042 with cells S/M/L/XL and received orders (1 box and 3 boxes), plus one still in transit."""
    with db.write() as s:
        point = make_point(s, code="0042")
        clerk = make_staff(s, point)
        make_cell(s, point, "CA0101", size="S", capacity=2)
        make_cell(s, point, "CA0102", size="M", capacity=2)
        make_cell(s, point, "CA0103", size="M", capacity=2)
        make_cell(s, point, "CB0101", size="L", capacity=3)
        make_cell(s, point, "CB0102", size="XL", capacity=1)
        off = make_cell(s, point, "CB0103", size="XL", capacity=5)
        off.active = False
        one = make_order(s, point, status="arrived", number="500000001")
        three = make_order(s, point, status="arrived", number="500000002", boxes=3)
        transit = make_order(s, point, status="in_transit", number="500000003")
        return {"actor": actor_for(clerk), "one": one.number, "three": three.number, "transit": transit.number}


@pytest.fixture
def svc(db, clock):
    return StorageCellService(db, clock)


def _b(order: str, n: int = 1) -> str:
    return box_barcode("0042", order, n)


def _set_size(db, barcode, size):
    with db.write() as s:
        s.scalars(select(Box).where(Box.barcode == barcode)).one().size_class = size


def _outbox(db):
    with db.read() as s:
        rows = s.execute(select(OutboxEvent.type, OutboxEvent.payload).order_by(OutboxEvent.device_seq))
        return [parse_event(t, json.loads(p)) for t, p in rows]


def test_fits_by_size_class():
    assert fits("M", "M") and fits("M", "L") and fits("S", "XL")
    assert not fits("L", "M") and not fits("XL", "L")


def test_suggest_prefers_exact_size_then_least_occupied(db, svc, world):
    assert svc.suggest_cell(_b(world["one"])).code == "CA0102"
    svc.place(world["actor"], _b(world["three"], 1), "CA0102")
    suggestion = svc.suggest_cell(_b(world["one"]))
    assert suggestion.code == "CA0103" and suggestion.occupied == 0 and not suggestion.with_order


def test_suggest_keeps_an_orders_boxes_together(db, svc, world):
    svc.place(world["actor"], _b(world["three"], 1), "CA0103")
    suggestion = svc.suggest_cell(_b(world["three"], 2))
    assert suggestion.code == "CA0103" and suggestion.with_order and suggestion.occupied == 1


def test_suggest_bigger_cell(db, svc, world):
    _set_size(db, _b(world["three"], 1), "L")
    assert svc.suggest_cell(_b(world["three"], 1)).code == "CB0101"
    _set_size(db, _b(world["three"], 2), "XL")
    assert svc.suggest_cell(_b(world["three"], 2)).code == "CB0102"  # the inactive XL cell is never offered
    for n in (1, 2, 3):
        _set_size(db, _b(world["three"], n), "M")
        svc.place(world["actor"], _b(world["three"], n), ["CA0102", "CA0102", "CA0103"][n - 1])
    # both M cells: CA0102 full, CA0103 has 1 of 2
    assert svc.suggest_cell(_b(world["one"])).code == "CA0103"
    svc.place(world["actor"], _b(world["one"]), "CA0103")
    # every M cell is full now: the next M box goes to the smallest bigger cell
    assert svc.suggest_cell(_b(world["three"], 3)).code == "CB0101"


def test_suggest_no_room(db, svc, world):
    _set_size(db, _b(world["one"]), "XL")
    _set_size(db, _b(world["three"], 1), "XL")
    svc.place(world["actor"], _b(world["three"], 1), "CB0102")
    with pytest.raises(DomainError) as err:
        svc.suggest_cell(_b(world["one"]))
    assert err.value.code == "cell.no_room"


def test_place_emits_box_placed_and_audits(db, svc, world, clock):
    placement = svc.place(world["actor"], _b(world["one"]) + "\r\n", "ca0102")
    assert (placement.cell, placement.label, placement.previous_cell) == ("CA0102", "A-01-02", None)
    with db.read() as s:
        box = s.scalars(select(Box).where(Box.barcode == _b(world["one"]))).one()
        assert box.status == "placed" and box.cell.code == "CA0102" and box.placed_at == clock.now
        assert s.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc())) == "cell.place"
    (event,) = _outbox(db)
    assert event.payload() == {"box": _b(world["one"]), "order": world["one"], "cell": "CA0102", "previous_cell": None}


def test_place_by_human_label(svc, world):
    assert svc.place(world["actor"], _b(world["one"]), "A-01-03").cell == "CA0103"


def test_move_sets_previous_cell(db, svc, world):
    svc.place(world["actor"], _b(world["one"]), "CA0102")
    moved = svc.place(world["actor"], _b(world["one"]), "CB0101")
    assert moved.previous_cell == "CA0102"
    assert _outbox(db)[-1].payload()["previous_cell"] == "CA0102"
    assert svc.cell_audit("CA0102").boxes == []
    with pytest.raises(DomainError) as err:
        svc.place(world["actor"], _b(world["one"]), "CB0101")
    assert err.value.code == "cell.already_there"


@pytest.mark.parametrize(
    ("box", "cell", "code"),
    [
        ("B004250000000301", "CA0102", "cell.box_not_received"),
        ("B004259999999901", "CA0102", "cell.box_not_found"),
        ("B004250000000101", "CZ9999", "cell.not_found"),
        ("B004250000000101", "CB0103", "cell.inactive"),
    ],
)
def test_place_bad_input_changes_nothing(db, svc, world, box, cell, code):
    with pytest.raises(DomainError) as err:
        svc.place(world["actor"], box, cell)
    assert err.value.code == code
    assert _outbox(db) == []
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Box).where(Box.status == "placed")) == 0


def _audited_warning(db):
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        return entry.action, json.loads(entry.details)["warning"]


def test_full_cell_takes_the_box_with_a_warning(db, svc, world):
    assert svc.place(world["actor"], _b(world["three"], 1), "CA0102").warning is None
    assert svc.place(world["actor"], _b(world["three"], 2), "CA0102").warning is None
    placement = svc.place(world["actor"], _b(world["three"], 3), "CA0102")
    assert placement.cell == "CA0102" and placement.warning is not None
    assert placement.warning.code == "cell.placed_full" and placement.warning.params["occupied"] == 3
    assert "переполнена" in str(placement.warning)
    assert [b.box for b in svc.cell_audit("CA0102").boxes] == [_b(world["three"], n) for n in (1, 2, 3)]
    assert _outbox(db)[-1].payload()["cell"] == "CA0102"
    assert _audited_warning(db) == ("cell.place", "cell.placed_full")


def test_too_small_scanned_cell_takes_the_box_with_a_warning(db, svc, world):
    placement = svc.place(world["actor"], _b(world["one"]), "CA0101")  # an M box into an S cell
    assert placement.cell == "CA0101" and placement.warning is not None
    assert placement.warning.code == "cell.placed_too_small"
    assert placement.warning.params == {"box": _b(world["one"]), "box_size": "M", "label": "A-01-01",
                                        "cell_size": "S"}
    assert "меньше коробки" in str(placement.warning)
    with db.read() as s:
        box = s.scalars(select(Box).where(Box.barcode == _b(world["one"]))).one()
        assert box.status == "placed" and box.cell.code == "CA0101"
    assert [e.payload()["cell"] for e in _outbox(db)] == ["CA0101"]
    assert _audited_warning(db) == ("cell.place", "cell.placed_too_small")


def _add_overflow_zone(db, capacity=2):
    with db.write() as s:
        from desktop.db.models import PickupPoint

        point = s.scalars(select(PickupPoint)).one()
        zone = make_cell(s, point, "CZ0001", size="S", capacity=capacity)  # the zone takes any size
        zone.overflow = True


def test_suggest_falls_back_to_the_overflow_zone_when_no_cell_of_the_size_has_room(db, svc, world):
    _add_overflow_zone(db)
    for n in (1, 2):
        _set_size(db, _b(world["three"], n), "XL")
    assert svc.suggest_cell(_b(world["three"], 1)).code == "CB0102"  # a regular cell first
    svc.place(world["actor"], _b(world["three"], 1), "CB0102")
    suggestion = svc.suggest_cell(_b(world["three"], 2))
    assert (suggestion.code, suggestion.overflow, suggestion.occupied, suggestion.capacity) == ("CZ0001", True, 0, 2)
    placement = svc.place(world["actor"], _b(world["three"], 2), "CZ0001")
    assert placement.warning is not None and placement.warning.code == "cell.placed_overflow"
    assert "зоне переполнения" in str(placement.warning)


def test_overflow_zone_is_never_offered_while_a_larger_regular_cell_is_free(db, svc, world):
    _add_overflow_zone(db)
    suggestion = svc.suggest_cell(_b(world["one"]))
    assert suggestion.code == "CA0102" and not suggestion.overflow
    for box in (_b(world["one"]), _b(world["three"], 1), _b(world["three"], 2)):
        _set_size(db, box, "S")
    svc.place(world["actor"], _b(world["three"], 1), "CA0101")
    svc.place(world["actor"], _b(world["three"], 2), "CA0101")  # the only S cell is full; M, L, XL are free
    suggestion = svc.suggest_cell(_b(world["one"]))
    assert suggestion.code == "CA0102" and not suggestion.overflow


def test_suggest_no_room_when_the_overflow_zone_is_full_too(db, svc, world):
    _add_overflow_zone(db, capacity=1)
    for box in (_b(world["one"]), _b(world["three"], 1), _b(world["three"], 2)):
        _set_size(db, box, "XL")
    svc.place(world["actor"], _b(world["three"], 1), "CB0102")
    svc.place(world["actor"], _b(world["three"], 2), "CZ0001")
    with pytest.raises(DomainError) as err:
        svc.suggest_cell(_b(world["one"]))
    assert err.value.code == "cell.no_room" and "любую ячейку" in str(err.value)
    assert svc.place(world["actor"], _b(world["one"]), "CB0101").warning.code == "cell.placed_too_small"


def test_place_requires_a_logged_in_clerk(svc, world):
    with pytest.raises(DomainError) as err:
        svc.place(None, _b(world["one"]), "CA0102")
    assert err.value.code == "auth.not_logged_in"


def test_cell_audit_lists_what_should_be_there(db, svc, world):
    svc.place(world["actor"], _b(world["three"], 2), "CB0101")
    svc.place(world["actor"], _b(world["one"]), "CB0101")
    audit = svc.cell_audit("CB0101")
    assert (audit.code, audit.label, audit.size_class, audit.capacity) == ("CB0101", "B-01-01", "L", 3)
    assert [(b.box, b.order, b.order_status, b.box_no) for b in audit.boxes] == [
        (_b(world["one"]), world["one"], "arrived", "1 из 1"),
        (_b(world["three"], 2), world["three"], "arrived", "2 из 3"),
    ]
    with db.write() as s:  # a handed-over box is no longer in the cell
        s.scalars(select(Box).where(Box.barcode == _b(world["one"]))).one().status = "handed_over"
    assert [b.box for b in svc.cell_audit("CB0101").boxes] == [_b(world["three"], 2)]
    assert svc.cell_audit("CB0103").active is False  # inactive cells can still be audited
    with pytest.raises(DomainError):
        svc.cell_audit("CZ0000")


def test_exception_inside_place_leaves_nothing(db, svc, world, monkeypatch):
    from desktop.services import storage_cells

    def boom(*_a, **_k):
        raise RuntimeError("boom")

    monkeypatch.setattr(storage_cells, "BoxPlaced", boom)
    with pytest.raises(RuntimeError):
        svc.place(world["actor"], _b(world["one"]), "CA0102")
    with db.read() as s:
        assert s.scalars(select(Box.status).where(Box.barcode == _b(world["one"]))).one() == "received"
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 0
    assert _outbox(db) == []
    assert svc.cell_audit("CA0102").boxes == []


def test_cells_of_a_cache_from_before_the_overflow_zone_stay_regular_cells(tmp_path):
    import sqlite3

    from desktop.db import migrate
    from desktop.db.engine import Database
    from desktop.db.models import StorageCell

    path = tmp_path / "cache.sqlite3"
    old = Database(path)
    migrate.upgrade(old, "0002")
    old.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO pickup_points (id, code, name, city, address, hours, timezone, storage_days, "
                     "id_check_threshold_kopecks, is_local) VALUES (1, '0042', 'ПВЗ', 'Москва', 'ул. Тверская, 1', "
                     "'10:00–21:00', 'Europe/Moscow', 7, 10000000, 1)")
        conn.execute("INSERT INTO storage_cells (id, point_id, code, label, size_class, capacity, active) "
                     "VALUES (1, 1, 'CA0101', 'A-01-01', 'S', 6, 1)")
    conn.close()
    db = migrate.migrate_with_backup(path)
    try:
        with db.read() as s:
            assert s.scalars(select(StorageCell.overflow)).all() == [False]
    finally:
        db.dispose()
