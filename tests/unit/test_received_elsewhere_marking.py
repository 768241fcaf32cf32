"""Marking a box «received elsewhere» (the server's duplicate for this PC's box.received): only the standing scan of
the session the server named changes, once; the journal says which session and whether its act was closed; the
manager's alert for a closed act reads the point's own clock and names the truck, or «без накладной»."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from desktop import messages
from desktop.db.models import AuditEntry, ManagerAlert, PickupPoint
from desktop.point_time import point_time
from desktop.services.receiving import ReceivingService
from desktop.services.receiving.elsewhere import mark_received_elsewhere
from tests.support.factories import actor_for, make_order, make_point, make_shipment, make_staff

ZONE = "Asia/Vladivostok"  # not the default zone: a time shown on the wrong clock is caught


@pytest.fixture
def world(db):
    """Point 0042 (Vladivostok time) with a clerk, truck R0000001 with two one-box orders and an order outside any
    truck; a point 0077 of the network on Kaliningrad time."""
    with db.write() as s:
        make_point(s, code="0077", local=False, timezone="Europe/Kaliningrad")
        point = make_point(s, code="0042", timezone=ZONE)
        clerk = make_staff(s, point, full_name="Петрова Анна")
        truck = make_shipment(s, point, number="R0000001")
        boxes = [make_order(s, point, shipment=truck, number=f"50000000{i}").boxes[0].barcode for i in (1, 2)]
        loose = make_order(s, point, number="500000009").boxes[0].barcode
    return {"actor": actor_for(clerk), "boxes": boxes, "loose": loose}


@pytest.fixture
def svc(db, clock):
    return ReceivingService(db, clock)


def _mark(db, clock, session_uid: str, box: str) -> bool:
    with db.write() as s:
        return mark_received_elsewhere(s, session_uid, box, clock())


def _journal(db) -> list[tuple[str, dict]]:
    with db.read() as s:
        rows = s.execute(select(AuditEntry.subject, AuditEntry.details)
                         .where(AuditEntry.action == "receiving.received_elsewhere").order_by(AuditEntry.id))
        return [(subject, json.loads(details)) for subject, details in rows]


def _alerts(db) -> list[ManagerAlert]:
    with db.read() as s:
        return list(s.scalars(select(ManagerAlert).where(ManagerAlert.kind == "received_elsewhere")))


def test_the_marked_scan_is_journalled_with_its_session_what_it_was_and_an_open_act(db, clock, svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    box = world["boxes"][0]
    svc.scan_box(world["actor"], uid, box)
    assert _mark(db, clock, uid, box) is True
    assert _journal(db) == [(box, {"session": uid, "was": "received", "act_closed": False})]
    assert (svc.counts(uid).received, svc.counts(uid).elsewhere) == (0, 1)
    assert not _alerts(db)


def test_a_second_answer_for_the_same_scan_marks_nothing_and_journals_nothing(db, clock, svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    box = world["boxes"][0]
    svc.scan_box(world["actor"], uid, box)
    assert _mark(db, clock, uid, box) is True
    assert _mark(db, clock, uid, box) is False
    assert len(_journal(db)) == 1 and svc.counts(uid).elsewhere == 1


def test_an_undone_scan_is_not_marked_and_the_counts_stay(db, clock, svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    box = world["boxes"][0]
    svc.scan_box(world["actor"], uid, box)
    svc.undo_last(world["actor"], uid)
    assert _mark(db, clock, uid, box) is False
    assert (svc.counts(uid).received, svc.counts(uid).elsewhere, svc.counts(uid).missing) == (0, 0, 2)
    assert _journal(db) == []


def test_a_box_scanned_again_after_an_undo_has_its_standing_scan_marked(db, clock, svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    box = world["boxes"][0]
    svc.scan_box(world["actor"], uid, box)
    svc.undo_last(world["actor"], uid)
    svc.scan_box(world["actor"], uid, box)
    assert _mark(db, clock, uid, box) is True
    assert (svc.counts(uid).received, svc.counts(uid).elsewhere) == (0, 1)


def test_only_the_session_the_server_named_is_marked(db, clock, svc, world):
    """Another session of this PC that received the box keeps it: the answer was about the named session's event."""
    box = world["boxes"][0]
    received = svc.open_session(world["actor"], "R0000001")
    svc.scan_box(world["actor"], received, box)
    other = svc.open_session(world["actor"])  # a session without a manifest, which never scanned the box
    assert _mark(db, clock, other, box) is False
    assert (svc.counts(received).received, svc.counts(received).elsewhere) == (1, 0)
    assert _journal(db) == []


def test_the_alert_for_a_closed_act_reads_the_points_clock_and_names_the_truck(db, clock, svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    box = world["boxes"][0]
    svc.scan_box(world["actor"], uid, box)
    svc.close(world["actor"], uid)
    opened = clock()
    clock.advance(hours=1)  # the answer comes later: the alert names when the session was opened
    assert _mark(db, clock, uid, box) is True
    assert _journal(db) == [(box, {"session": uid, "was": "received", "act_closed": True})]
    [alert] = _alerts(db)
    params = {"box": box, "order": box[5:14], "opened_at": point_time(opened, ZoneInfo(ZONE)), "shipment": "R0000001"}
    assert alert.message == messages.describe("receiving.received_elsewhere", params)
    assert alert.details == {"box": box, "session": uid}


def test_the_alert_of_a_session_without_a_manifest_says_so(db, clock, svc, world):
    uid = svc.open_session(world["actor"])
    box = world["loose"]
    svc.scan_box(world["actor"], uid, box)
    svc.close(world["actor"], uid)
    assert _mark(db, clock, uid, box) is True
    [alert] = _alerts(db)
    shipment = messages.describe("receiving.no_waybill", {})
    params = {"box": box, "order": "500000009", "opened_at": point_time(clock(), ZoneInfo(ZONE)), "shipment": shipment}
    assert alert.message == messages.describe("receiving.received_elsewhere", params)


def test_the_alert_fits_its_500_character_column_whatever_the_truck_number(db, clock, svc, world):
    truck = "R" + "7" * 480
    with db.write() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one()
        box = make_order(s, point, shipment=make_shipment(s, point, number=truck), number="500000005").boxes[0].barcode
    uid = svc.open_session(world["actor"], truck)
    svc.scan_box(world["actor"], uid, box)
    svc.close(world["actor"], uid)
    _mark(db, clock, uid, box)
    [alert] = _alerts(db)
    assert len(alert.message) == 500 and box in alert.message
