"""What each receiving step tells the server and the journal: the opening with its manifest, a received box and its
order's arrival, an undo, the close; and the refusals that name the session, the truck or the box."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desktop.db.models import AuditEntry, Box, Order, OutboxEvent, PickupPoint, ReceivingSession, Shipment
from desktop.point_time import point_time, zone_named
from desktop.services.receiving import Outcome, ReceivingService
from tests.support.factories import actor_for, box_barcode, make_order, make_point, make_shipment, make_staff
from tests.unit.receiving_env import refusal


@pytest.fixture
def world(db):
    """Point 0042 with a clerk; truck R0000001 with a 1-box and a 2-box order and a cancelled order; an empty truck
    R0000005; point 0077 with its own truck R0000009."""
    with db.write() as s:
        point = make_point(s, code="0042", storage_days=7)
        clerk = make_staff(s, point, full_name="Петрова Анна")
        truck = make_shipment(s, point, number="R0000001")
        make_order(s, point, shipment=truck, number="500000001")
        make_order(s, point, shipment=truck, number="500000002", boxes=2)
        make_order(s, point, shipment=truck, number="500000003", status="cancelled")
        make_shipment(s, point, number="R0000005")
        other = make_point(s, code="0077", local=False)
        make_shipment(s, other, number="R0000009")
    return {"actor": actor_for(clerk)}


@pytest.fixture
def svc(db, clock):
    return ReceivingService(db, clock)


def _b(order: str, n: int = 1) -> str:
    return box_barcode("0042", order, n)


def _trail(db) -> tuple[list[tuple[str, dict]], list[tuple[str, str, int | None, dict]]]:
    """The outbox (type, payload) and the journal (action, subject, staff, details), oldest first."""
    with db.read() as s:
        events = s.execute(select(OutboxEvent.type, OutboxEvent.payload).order_by(OutboxEvent.device_seq)).all()
        journal = s.execute(select(AuditEntry.action, AuditEntry.subject, AuditEntry.staff_id, AuditEntry.details)
                            .order_by(AuditEntry.id)).all()
    return ([(t, json.loads(p)) for t, p in events], [(a, subj, st, json.loads(d)) for a, subj, st, d in journal])


def test_opening_tells_the_server_the_truck_and_journals_the_manifest(db, svc, world):
    uid = svc.open_session(world["actor"], " R0000001 ")
    events, journal = _trail(db)
    staff = world["actor"].staff_id
    assert events == [("receiving.opened", {"session": uid, "shipment": "R0000001"})]
    assert journal == [("receiving.open", uid, staff, {"shipment": "R0000001", "expected": 4})]
    without = svc.open_session(world["actor"], "")
    events, journal = _trail(db)
    assert events[-1] == ("receiving.opened", {"session": without, "shipment": None})
    assert journal[-1] == ("receiving.open", without, staff, {"shipment": None, "expected": 0})


def test_a_truck_whose_manifest_lists_no_box_opens_with_nothing_expected_or_missing(svc, world):
    counts = svc.counts(svc.open_session(world["actor"], "R0000005"))
    assert (counts.has_manifest, counts.expected, counts.missing, counts.earlier) == (True, 0, 0, 0)


def test_a_truck_taken_in_whole_elsewhere_opens_with_nothing_missing(db, svc, world):
    with db.write() as s:
        truck = s.scalars(select(Shipment).where(Shipment.number == "R0000005")).one()
        make_order(s, s.get(PickupPoint, truck.point_id), shipment=truck, number="500000051")
    first = svc.open_session(world["actor"], "R0000001")
    assert svc.scan_box(world["actor"], first, _b("500000051")).kind is Outcome.OTHER_SHIPMENT
    counts = svc.counts(svc.open_session(world["actor"], "R0000005"))
    assert (counts.expected, counts.missing, counts.earlier) == (1, 0, 1)


def test_a_received_box_and_its_orders_arrival_are_sent_and_journalled(db, svc, world, clock):
    uid = svc.open_session(world["actor"], "R0000001")
    start = len(_trail(db)[0]), len(_trail(db)[1])
    out = svc.scan_box(world["actor"], uid, _b("500000001"))
    assert (out.kind, out.order, out.box_no, out.boxes_total, out.order_boxes_in, out.order_arrived) == (
        Outcome.RECEIVED, "500000001", 1, 1, 1, True)
    assert (out.shipment, out.claim, out.error_code) == (None, None, None)  # its own truck's box: no other named
    with db.read() as s:
        box = s.scalars(select(Box).where(Box.barcode == _b("500000001"))).one()
        assert (box.status, box.received_at) == ("received", clock.now)
    events, journal = _trail(db)
    types = [t for t, _ in events[start[0]:]]
    assert types == ["box.received", "order.arrived", "sms.requested"]
    assert events[start[0]][1] == {"session": uid, "box": _b("500000001"), "order": "500000001"}
    assert events[start[0] + 1][1] == {"order": "500000001", "arrived_at": clock.now.isoformat()}
    sms = events[start[0] + 2][1]  # the «ready» SMS of this order, its first attempt
    assert (sms["order"], sms["purpose"], sms["attempt"]) == ("500000001", "ready", 1)
    assert journal[start[1]:][-1] == ("receiving.scan", _b("500000001"), world["actor"].staff_id,
                                      {"session": uid, "outcome": "received", "order": "500000001"})


def test_a_box_of_a_cancelled_order_advances_nothing_and_shows_no_progress(db, svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    out = svc.scan_box(world["actor"], uid, _b("500000003"))
    assert (out.kind, out.order, out.box_no, out.order_boxes_in, out.progress, out.order_arrived) == (
        Outcome.CANCELLED, "500000003", 1, None, None, False)
    with db.read() as s:
        assert s.scalar(select(Box.status).where(Box.barcode == _b("500000003"))) == "received"


def test_an_undo_is_sent_and_journalled_and_takes_the_arrival_back(db, svc, world, clock):
    uid = svc.open_session(world["actor"], "R0000001")
    svc.scan_box(world["actor"], uid, _b("500000001"))
    start = len(_trail(db)[0]), len(_trail(db)[1])
    undone = svc.undo_last(world["actor"], uid)
    assert (undone.kind, undone.box, undone.order, undone.order_boxes_in) == (
        Outcome.RECEIVED, _b("500000001"), "500000001", 0)
    events, journal = _trail(db)
    assert events[start[0]:][0] == ("receiving.scan_undone", {"session": uid, "box": _b("500000001"),
                                                              "order": "500000001"})
    assert journal[start[1]:] == [("receiving.undo", _b("500000001"), world["actor"].staff_id,
                                   {"session": uid, "outcome": "received", "order": "500000001"})]
    with db.read() as s:
        order = s.scalars(select(Order).where(Order.number == "500000001")).one()
        assert (order.status, order.arrived_at, order.ready_at, order.storage_until) == ("in_transit", None, None, None)
        box = s.scalars(select(Box).where(Box.barcode == _b("500000001"))).one()
        assert (box.status, box.received_at) == ("expected", None)


def test_an_undo_of_a_surplus_box_names_no_order(db, svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    surplus = svc.scan_box(world["actor"], uid, _b("512345678", 2))
    assert (surplus.order, surplus.box_no, surplus.boxes_total, surplus.order_boxes_in) == ("512345678", 2, None, None)
    undone = svc.undo_last(world["actor"], uid)
    assert (undone.kind, undone.order, undone.counts.surplus) == (Outcome.SURPLUS, "512345678", 0)
    events, journal = _trail(db)
    assert events[-1] == ("receiving.scan_undone", {"session": uid, "box": _b("512345678", 2), "order": None})
    assert journal[-1][3] == {"session": uid, "outcome": "surplus", "order": None}


def test_closing_records_who_closed_it_and_when(db, svc, world, clock):
    uid = svc.open_session(world["actor"], "R0000001")
    clock.advance(minutes=30)
    summary = svc.close(world["actor"], uid)
    with db.read() as s:
        row = s.scalars(select(ReceivingSession).where(ReceivingSession.uid == uid)).one()
        assert (row.status, row.closed_by, row.closed_at) == ("closed", world["actor"].staff_id, clock.now)
    events, journal = _trail(db)
    assert events[-1] == ("receiving.closed", {"session": uid, "summary": summary.as_dict()})
    assert journal[-1] == ("receiving.close", uid, world["actor"].staff_id, {"counts": summary.counts})


# --- refusals name what the clerk needs -------------------------------------------------------------------


def test_refusals_name_the_session_the_truck_and_the_box(db, svc, world, clock):
    err = refusal(lambda: svc.counts("no-such-session"))
    assert (err.code, err.params) == ("receiving.session_not_found", {"session": "no-such-session"})
    err = refusal(lambda: svc.open_session(world["actor"], "R0000009"))  # another point's truck
    assert (err.code, err.params) == ("receiving.shipment_not_found", {"shipment": "R0000009"})
    uid = svc.open_session(world["actor"], "R0000001")
    svc.scan_box(world["actor"], uid, _b("500000001"))
    with db.write() as s:
        s.scalars(select(Box).where(Box.barcode == _b("500000001"))).one().status = "placed"
    err = refusal(lambda: svc.undo_last(world["actor"], uid))
    assert (err.code, err.params) == ("receiving.undo_placed", {"box": _b("500000001")})
    svc.close(world["actor"], uid)
    err = refusal(lambda: svc.scan_box(world["actor"], uid, _b("500000002")))
    assert (err.code, err.params) == ("receiving.closed", {"session": uid, "closed_at": point_time(
        clock.now, zone_named("Europe/Moscow"))})
    err = refusal(lambda: svc.open_session(world["actor"], "R0000001"))
    assert (err.code, err.params) == ("receiving.shipment_done", {"shipment": "R0000001"})


def test_an_empty_scan_reports_an_empty_box(svc, world):
    out = svc.scan_box(world["actor"], svc.open_session(world["actor"], "R0000001"), "")
    assert (out.kind, out.box, out.error_code, out.error_params) == (Outcome.UNKNOWN_FORMAT, "", "scan.empty", {})


def test_the_act_carries_the_points_name_and_address_as_the_cache_has_them(db, svc, world):
    with db.read() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one()
        name, address = point.name, point.address
    first = svc.open_session(world["actor"], "R0000001")
    closed = svc.close_with_act(world["actor"], first).summary
    assert (closed.point.code, closed.point.name, closed.point.address) == ("0042", name, address) and address
    assert svc.summary(first).point == closed.point
    with db.write() as s:  # a point whose address the server has not sent yet
        s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one().address = ""
    second = svc.open_session(world["actor"])
    assert svc.close(world["actor"], second).point.address == ""


def test_a_fresh_app_counts_its_first_scans_of_every_kind(db, svc, world, monkeypatch):
    """The counter UPDATEs are built on first use and kept: a just-started app (none built yet) counts right."""
    from desktop.services.receiving import rows

    monkeypatch.setattr(rows, "_BUMPS", {})
    uid = svc.open_session(world["actor"], "R0000001")
    svc.scan_box(world["actor"], uid, _b("500000001"))
    svc.scan_box(world["actor"], uid, _b("512345678"))
    counts = svc.counts(uid)
    assert (counts.received, counts.missing, counts.surplus) == (1, 3, 1)
    svc.undo_last(world["actor"], uid)
    assert svc.counts(uid).surplus == 0
