"""Storage cells: suggestion by size and occupancy, placing and moving, where is an order, cell audit."""

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
        ("B004250000000101", "CA0101", "cell.too_small"),
    ],
)
def test_place_bad_input_changes_nothing(db, svc, world, box, cell, code):
    with pytest.raises(DomainError) as err:
        svc.place(world["actor"], box, cell)
    assert err.value.code == code
    assert _outbox(db) == []
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Box).where(Box.status == "placed")) == 0


def test_cell_full(db, svc, world):
    svc.place(world["actor"], _b(world["three"], 1), "CA0102")
    svc.place(world["actor"], _b(world["three"], 2), "CA0102")
    with pytest.raises(DomainError) as err:
        svc.place(world["actor"], _b(world["three"], 3), "CA0102")
    assert err.value.code == "cell.full" and err.value.params["occupied"] == 2
    assert "заполнена" in str(err.value)


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
