"""Discrepancy summary rules of a closed session the other receiving tests leave open: boxes off the manifest are
listed in the order they were scanned, another truck's by barcode, an order's missing boxes by their place in it,
a box another counter PC received first is listed only as such, never among this act's damaged boxes, and an
act lists the damage of its own boxes only."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db.models import PickupPoint, Shipment
from desktop.services.receiving import ElsewhereBox, ReceivingService
from desktop.sync.engine import SyncEngine
from tests.support.factories import actor_for, box_barcode, make_order, make_point, make_shipment, make_staff
from tests.unit.test_received_elsewhere import Server


@pytest.fixture
def truck(db):
    """Point 0042, two clerks, truck R0000001 with orders 500000001 and 500000002 (one box each)."""
    with db.write() as s:
        point = make_point(s, code="0042")
        clerks = [actor_for(make_staff(s, point)) for _ in range(2)]
        shipment = make_shipment(s, point, number="R0000001")
        for number in ("500000001", "500000002"):
            make_order(s, point, shipment=shipment, number=number)
    return clerks


def test_boxes_off_the_manifest_are_listed_in_the_order_they_were_scanned(db, clock, truck):
    """Two clerks scan surplus boxes in turn, not in barcode order: the act lists them as they came off the truck."""
    svc = ReceivingService(db, clock)
    uid = svc.open_session(truck[0], "R0000001")
    surplus = [box_barcode("0042", number, 1) for number in ("512345679", "512345671", "512345675", "512345673")]
    for i, box in enumerate(surplus):
        svc.scan_box(truck[i % 2], uid, box)
    assert svc.close(truck[0], uid).surplus == tuple(surplus)


def test_an_orders_missing_boxes_are_listed_by_their_place_in_it_whatever_order_the_manifest_gave(db, clock, truck):
    """The manifest brought box 3 of 3 first and box 1 last: the act still lists 1, 2, 3 of 3."""
    with db.write() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one()
        shipment = s.scalars(select(Shipment).where(Shipment.number == "R0000001")).one()
        order = make_order(s, point, shipment=shipment, number="500000003", boxes=3)
        first, _, last = sorted(order.boxes, key=lambda b: b.seq_no)
        first.barcode = "B-SWAP"
        s.flush()
        last.barcode, last.seq_no = box_barcode("0042", "500000003", 1), 1
        s.flush()
        first.barcode, first.seq_no = box_barcode("0042", "500000003", 3), 3
    svc = ReceivingService(db, clock)
    missing = svc.close(truck[0], svc.open_session(truck[0], "R0000001")).missing
    mine = [(m.box[-2:], m.place) for m in missing if m.order == "500000003"]
    assert mine == [("01", "1 из 3"), ("02", "2 из 3"), ("03", "3 из 3")]


def test_boxes_of_another_truck_are_listed_by_barcode(db, clock, truck):
    """Truck R0000002's orders were loaded 500000029 first: its boxes scanned into R0000001's session are listed
    by barcode, as the other lists of the act are."""
    with db.write() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one()
        second = make_shipment(s, point, number="R0000002")
        late = [make_order(s, point, shipment=second, number=n).boxes[0].barcode for n in ("500000029", "500000028")]
    svc = ReceivingService(db, clock)
    uid = svc.open_session(truck[0], "R0000001")
    for box in late:
        svc.scan_box(truck[0], uid, box)
    listed = svc.close(truck[0], uid).other_shipment
    assert [(o.box, o.order, o.shipment) for o in listed] == [(late[1], "500000028", "R0000002"),
                                                              (late[0], "500000029", "R0000002")]


def test_a_box_another_pc_received_first_is_not_among_this_acts_damaged_boxes(db, clock, truck):
    """The clerk flagged the box damaged, then the server said another PC had received it first: this act lists it
    as received elsewhere only; the damage of a box this PC did receive is still listed."""
    svc = ReceivingService(db, clock)
    clerk = truck[0]
    first, second = box_barcode("0042", "500000001", 1), box_barcode("0042", "500000002", 1)
    uid = svc.open_session(clerk, "R0000001")
    for box in (first, second):
        svc.scan_box(clerk, uid, box)
        svc.flag_damaged(clerk, box, "вмятина")
    SyncEngine(db, Server({first}), clock).push()  # type: ignore[arg-type]
    summary = svc.close(clerk, uid)
    assert summary.elsewhere == (ElsewhereBox(first, "500000001"),)
    assert [d.box for d in summary.damaged] == [second]


def test_damaged_boxes_are_listed_by_barcode_with_their_order_and_note(db, clock, truck):
    """Order 500000000 was loaded after 500000001: the act lists its damaged box first all the same."""
    with db.write() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one()
        shipment = s.scalars(select(Shipment).where(Shipment.number == "R0000001")).one()
        make_order(s, point, shipment=shipment, number="500000000")
    svc = ReceivingService(db, clock)
    clerk = truck[0]
    uid = svc.open_session(clerk, "R0000001")
    for number, note in (("500000001", "вмятина"), ("500000000", "мокрая")):
        svc.scan_box(clerk, uid, box_barcode("0042", number, 1))
        svc.flag_damaged(clerk, box_barcode("0042", number, 1), note)
    svc.scan_box(clerk, uid, box_barcode("0042", "500000002", 1))  # arrived whole: not listed
    damaged = svc.close(clerk, uid).damaged
    assert [(d.box, d.order, d.note) for d in damaged] == [
        (box_barcode("0042", "500000000", 1), "500000000", "мокрая"),
        (box_barcode("0042", "500000001", 1), "500000001", "вмятина")]


def test_a_later_act_lists_only_the_damage_of_its_own_boxes(db, clock, truck):
    """The box flagged in the truck's act is not listed again in the act of a later session without a waybill."""
    svc = ReceivingService(db, clock)
    clerk, box = truck[0], box_barcode("0042", "500000001", 1)
    first = svc.open_session(clerk, "R0000001")
    svc.scan_box(clerk, first, box)
    svc.flag_damaged(clerk, box, "вмятина")
    assert [d.box for d in svc.close(clerk, first).damaged] == [box]
    later = svc.open_session(clerk)
    svc.scan_box(clerk, later, box_barcode("0042", "512345678", 1))
    assert svc.close(clerk, later).damaged == ()


def test_a_box_of_an_order_on_no_truck_is_listed_apart_without_a_shipment(db, clock, truck):
    with db.write() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one()
        box = make_order(s, point, number="500000030").boxes[0].barcode
    svc = ReceivingService(db, clock)
    uid = svc.open_session(truck[0], "R0000001")
    svc.scan_box(truck[0], uid, box)
    assert [(o.box, o.order, o.shipment) for o in svc.close(truck[0], uid).other_shipment] == [
        (box, "500000030", "")]
