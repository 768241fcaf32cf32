"""The activity figures from a shift worked through the real services (receiving, placing, handover, shift close):
the journal actions and cache rows the activity counts are the ones those services write."""

from __future__ import annotations

import pytest

from desktop.db.models import PickupPoint
from desktop.services.manager.activity import ActivityService
from desktop.services.manager.report import Period
from desktop.services.receiving import ReceivingService
from desktop.services.staff import StaffService
from desktop.services.storage_cells import StorageCellService
from protocol.errors import DomainError
from tests.support.factories import FAST_HASHER, box_barcode, make_cell, make_order, make_shipment
from tests.unit.handover_env import CODE, WRONG, make_env


def _receive_two_boxes(env, clerk) -> list[str]:  # type: ignore[no-untyped-def]
    with env.db.write() as s:
        point = s.get_one(PickupPoint, env.point_id)
        shipment = make_shipment(s, point)
        order = make_order(s, point, boxes=2, shipment=shipment)
        make_cell(s, point, "CA0101", "M")
        number, barcodes = shipment.number, [box_barcode(point.code, order.number, n) for n in (1, 2)]
    receiving = ReceivingService(env.db, env.clock)
    uid = receiving.open_session(clerk, number)
    for barcode in barcodes:
        receiving.scan_box(clerk, uid, barcode)
    receiving.undo_last(clerk, uid)
    receiving.scan_box(clerk, uid, barcodes[1])
    receiving.close(clerk, uid)
    return barcodes


def _hand_over_for_cash(env, clerk) -> int:  # type: ignore[no-untyped-def]
    number = env.order(prepaid=False, lines=[("Наушники", 1, 499_000)])
    uid = env.svc.start(clerk, number).uid
    with pytest.raises(DomainError):
        env.svc.verify_code(clerk, uid, WRONG)
    state = env.svc.verify_code(clerk, uid, CODE)
    for box in state.boxes:
        env.svc.scan_box(clerk, uid, box.barcode)
    env.svc.pay(clerk, uid, "cash", 500_000)
    env.svc.complete(clerk, uid)
    return 499_000


def test_a_shift_worked_through_the_services_shows_each_act_once(db, clock) -> None:
    env = make_env(db, clock)
    staff = StaffService(db, clock, FAST_HASHER)
    clerk = staff.open_shift(env.clerk)
    clock.advance(minutes=5)
    barcodes = _receive_two_boxes(env, clerk)
    StorageCellService(db, clock).place(clerk, barcodes[0], "CA0101")
    cash = _hand_over_for_cash(env, clerk)
    clock.advance(minutes=5)
    closed = staff.close_shift(clerk)
    activity = ActivityService(db, clock)
    day = clock().date()
    (row,) = activity.activity(env.manager, Period(day, day)).shifts.rows
    # received, placed, handed over, refused lines, refused orders, wrong codes, undos, cash
    assert row.values[4:] == (2, 1, 1, 0, 0, 1, 1, cash)
    report = activity.shift_report(env.manager, int(row.key or 0))
    assert report.counts() == closed.counts()
    assert (report.boxes_received, report.orders_handed_over, report.cash_kopecks) == (2, 1, cash)
