"""Storage-cell rules the main cell tests leave open: only placed boxes occupy a cell, only this point's cells are
offered or scanned, the suggestion ranks by fill ratio, and every refusal and warning names what the clerk needs."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.db.models import AuditEntry, Box, Order, PickupPoint, StorageCell
from desktop.services.storage_cells import StorageCellService, fits
from desktop.translatable import of_total
from protocol.errors import DomainError
from tests.support.factories import actor_for, box_barcode, make_cell, make_order, make_point, make_staff


@pytest.fixture
def world(db):
    """Point 0042 (a clerk, M cells CA0102 and CA0103 of 2, an L cell CB0101 of 3, an XL cell CB0102 of 1) with
    received orders 500000001 (1 box) and 500000002 (3 boxes); point 0077 with an M cell CA0100 of 5."""
    with db.write() as s:
        point = make_point(s, code="0042")
        clerk = make_staff(s, point)
        make_cell(s, point, "CA0102", size="M", capacity=2)
        make_cell(s, point, "CA0103", size="M", capacity=2)
        make_cell(s, point, "CB0101", size="L", capacity=3)
        make_cell(s, point, "CB0102", size="XL", capacity=1)
        make_order(s, point, status="arrived", number="500000001")
        make_order(s, point, status="arrived", number="500000002", boxes=3)
        other = make_point(s, code="0077", local=False)
        make_cell(s, other, "CA0100", size="M", capacity=5)  # sorts first by code: offered only if leaking
    return {"actor": actor_for(clerk)}


@pytest.fixture
def svc(db, clock):
    return StorageCellService(db, clock)


def _b(order: str = "500000001", n: int = 1) -> str:
    return box_barcode("0042", order, n)


def _set_box(db, barcode: str, **values) -> None:
    with db.write() as s:
        box = s.scalars(select(Box).where(Box.barcode == barcode)).one()
        for name, value in values.items():
            setattr(box, name, value)


def _cell_id(db, code: str) -> int:
    with db.read() as s:
        return s.scalar(select(StorageCell.id).where(StorageCell.code == code))


def _refusal(call) -> DomainError:
    with pytest.raises(DomainError) as err:
        call()
    return err.value


# --- sizes ---------------------------------------------------------------------------------------------------


def test_a_box_of_an_unknown_size_class_fits_no_regular_cell_but_any_unknown_cell_takes_every_box():
    assert not fits("XXL", "XL") and not fits("XXL", "S")
    assert fits("XL", "XXL") and fits("S", "XXL")


# --- what occupies a cell ------------------------------------------------------------------------------------


def test_a_box_that_left_its_cell_no_longer_fills_it(db, svc, world):
    """Only placed boxes occupy a cell: a handed-over box still naming its cell frees the room."""
    svc.place(world["actor"], _b("500000002", 1), "CA0102")
    svc.place(world["actor"], _b("500000002", 2), "CA0102")
    assert svc.suggest_cell(_b()).code == "CA0103"  # CA0102 is full
    for n in (1, 2):
        _set_box(db, _b("500000002", n), status="handed_over")  # its cell_id stays as it was
    suggestion = svc.suggest_cell(_b())
    assert (suggestion.code, suggestion.occupied, suggestion.with_order) == ("CA0102", 0, False)
    # placing into that cell now is a normal placement: no «full» warning
    assert svc.place(world["actor"], _b(), "CA0102").warning is None


def test_a_box_that_left_its_cell_does_not_pull_its_orders_other_boxes_there(db, svc, world):
    svc.place(world["actor"], _b("500000002", 1), "CA0103")
    _set_box(db, _b("500000002", 1), status="returned")  # its cell_id stays as it was
    suggestion = svc.suggest_cell(_b("500000002", 2))
    assert (suggestion.code, suggestion.with_order) == ("CA0102", False)


def test_an_empty_cell_of_capacity_one_takes_a_box_without_a_warning(svc, world):
    placement = svc.place(world["actor"], _b(), "CB0102")
    assert (placement.cell, placement.warning) == ("CB0102", None)


def test_boxes_in_other_cells_do_not_fill_the_scanned_one(svc, world):
    svc.place(world["actor"], _b("500000002", 1), "CA0102")
    svc.place(world["actor"], _b("500000002", 2), "CA0103")
    assert svc.place(world["actor"], _b(), "CB0102").warning is None


# --- this point's cells only ---------------------------------------------------------------------------------


def test_another_points_cell_is_never_suggested(svc, world):
    suggestion = svc.suggest_cell(_b())
    assert (suggestion.code, suggestion.label, suggestion.size_class) == ("CA0102", "A-01-02", "M")
    assert (suggestion.occupied, suggestion.capacity, suggestion.overflow) == (0, 2, False)


def test_another_points_cell_cannot_be_scanned(db, svc, world):
    err = _refusal(lambda: svc.place(world["actor"], _b(), " ca0100 "))
    assert (err.code, err.params) == ("cell.not_found", {"cell": "CA0100"})


# --- ranking -------------------------------------------------------------------------------------------------


def test_the_least_filled_cell_is_the_one_with_the_smallest_share_taken(db, svc, world):
    """1 of 2 taken is fuller than 1 of 10: the suggestion compares shares, not box counts times room."""
    with db.write() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one()
        make_cell(s, point, "CA0109", size="M", capacity=10)
        make_order(s, point, status="arrived", number="500000005")
        make_order(s, point, status="arrived", number="500000006")
    svc.place(world["actor"], box_barcode("0042", "500000005", 1), "CA0102")
    svc.place(world["actor"], box_barcode("0042", "500000006", 1), "CA0109")
    svc.place(world["actor"], _b("500000002", 1), "CA0103")
    svc.place(world["actor"], _b("500000002", 2), "CA0103")  # CA0103 full
    suggestion = svc.suggest_cell(_b())
    assert (suggestion.code, suggestion.occupied, suggestion.capacity) == ("CA0109", 1, 10)


def test_no_room_names_the_box_size(db, svc, world):
    _set_box(db, _b(), size_class="XL")
    _set_box(db, _b("500000002", 1), size_class="XL")
    svc.place(world["actor"], _b("500000002", 1), "CB0102")
    err = _refusal(lambda: svc.suggest_cell(_b()))
    assert (err.code, err.params) == ("cell.no_room", {"box_size": "XL"})


# --- placing: what is returned, sent and journalled --------------------------------------------------------


def test_a_move_is_journalled_with_the_order_the_new_cell_and_the_previous_one(db, svc, world):
    svc.place(world["actor"], _b(), "CA0102")
    moved = svc.place(world["actor"], _b().lower(), "CB0101")
    assert (moved.box, moved.order, moved.cell, moved.label, moved.previous_cell) == (
        _b(), "500000001", "CB0101", "B-01-01", "CA0102")
    with db.read() as s:
        entries = s.execute(select(AuditEntry.action, AuditEntry.subject, AuditEntry.details)
                            .order_by(AuditEntry.id)).all()
    assert [(a, subj, json.loads(d)) for a, subj, d in entries] == [
        ("cell.place", _b(), {"order": "500000001", "cell": "CA0102", "previous_cell": None, "warning": None}),
        ("cell.place", _b(), {"order": "500000001", "cell": "CB0101", "previous_cell": "CA0102", "warning": None}),
    ]


def test_a_received_box_still_naming_a_cell_is_placed_not_moved(db, svc, world):
    """The cache may carry a stale cell for a box that is not placed: it lies in no cell, so there is no move."""
    _set_box(db, _b(), cell_id=_cell_id(db, "CA0103"))
    placement = svc.place(world["actor"], _b(), "CA0103")
    assert (placement.cell, placement.previous_cell) == ("CA0103", None)


def test_refusals_name_the_box_the_cell_and_the_status(db, svc, world):
    err = _refusal(lambda: svc.place(world["actor"], " b004259999999901 ", "CA0102"))
    assert (err.code, err.params) == ("cell.box_not_found", {"box": "B004259999999901"})
    _set_box(db, _b("500000002", 3), status="expected")
    err = _refusal(lambda: svc.place(world["actor"], _b("500000002", 3), "CA0102"))
    assert (err.code, err.params) == ("cell.box_not_received", {"box": _b("500000002", 3), "status": "expected"})
    svc.place(world["actor"], _b(), "CA0102")
    err = _refusal(lambda: svc.place(world["actor"], _b(), "A-01-02"))
    assert (err.code, err.params) == ("cell.already_there", {"box": _b(), "label": "A-01-02"})
    with db.write() as s:
        s.scalars(select(StorageCell).where(StorageCell.code == "CB0101")).one().active = False
    err = _refusal(lambda: svc.place(world["actor"], _b(), "cb0101"))
    assert (err.code, err.params) == ("cell.inactive", {"cell": "CB0101", "label": "B-01-01"})


def test_a_full_cell_warning_names_the_cell_the_new_count_and_the_capacity(svc, world):
    svc.place(world["actor"], _b("500000002", 1), "CB0102")
    warning = svc.place(world["actor"], _b(), "CB0102").warning
    assert warning is not None
    assert (warning.code, warning.params) == ("cell.placed_full", {"label": "B-01-02", "occupied": 2, "capacity": 1})


def test_an_overflow_placement_warning_names_the_box_the_zone_and_the_size(db, svc, world):
    with db.write() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one()
        make_cell(s, point, "CZ0001", size="S", capacity=3).overflow = True
    warning = svc.place(world["actor"], _b(), "CZ0001").warning
    assert warning is not None
    assert (warning.code, warning.params) == ("cell.placed_overflow", {"box": _b(), "label": "Z-00-01",
                                                                       "box_size": "M"})


# --- the cell audit ------------------------------------------------------------------------------------------


def test_the_audit_lists_by_order_then_box_number_with_the_placing_time(db, svc, world, clock):
    """Whatever order the cache stored the boxes in: here order 500000004's box 2 was stored before its box 1."""
    with db.write() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one()
        late = make_order(s, point, status="arrived", number="500000004", boxes=0)
        late.boxes_total = 2
        for n in (2, 1):
            s.add(Box(barcode=box_barcode("0042", "500000004", n), order_id=late.id, seq_no=n, size_class="M",
                      status="received"))
    for box in (box_barcode("0042", "500000004", 2), _b("500000002", 2), box_barcode("0042", "500000004", 1)):
        svc.place(world["actor"], box, "CB0101")
        clock.advance(minutes=1)
    audit = svc.cell_audit("CB0101")
    assert [(b.box, b.order, b.box_no) for b in audit.boxes] == [
        (_b("500000002", 2), "500000002", of_total(2, 3)),
        (box_barcode("0042", "500000004", 1), "500000004", of_total(1, 2)),
        (box_barcode("0042", "500000004", 2), "500000004", of_total(2, 2)),
    ]
    assert [b.placed_at for b in audit.boxes] == [
        (clock.now - timedelta(minutes=m)).isoformat() for m in (2, 1, 3)]


def test_a_box_placed_before_the_cache_knew_when_lists_without_a_time(db, svc, world):
    svc.place(world["actor"], _b(), "CA0102")
    _set_box(db, _b(), placed_at=None)  # the server's snapshot named the cell, not the moment
    [content] = svc.cell_audit("CA0102").boxes
    assert (content.box, content.placed_at) == (_b(), None)
    with db.read() as s:
        assert s.scalar(select(Order.status).where(Order.number == "500000001")) == content.order_status
