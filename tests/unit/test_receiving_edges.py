"""Receiving rules the main receiving tests leave open: every clerk action needs a logged-in staff member,
undo never invents a «missing» box, and each unusual outcome leaves its event and journal entry."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from desktop.db.models import AuditEntry, OutboxEvent, ReceivingSession
from desktop.services.receiving import Outcome, ReceivingService
from protocol.errors import DomainError
from tests.support.factories import actor_for, box_barcode, make_order, make_point, make_shipment, make_staff


@pytest.fixture
def world(db):
    """Point 0042 with a clerk; truck R0000001 with a 1-box and a 3-box order and a cancelled order; truck
    R0000002 with a 1-box order; a 1-box order on no truck; another point 0077."""
    with db.write() as s:
        point = make_point(s, code="0042", storage_days=7)
        clerk = make_staff(s, point, full_name="Петрова Анна")
        first = make_shipment(s, point, number="R0000001")
        second = make_shipment(s, point, number="R0000002")
        make_order(s, point, shipment=first, number="500000001")
        make_order(s, point, shipment=first, number="500000002", boxes=3)
        make_order(s, point, shipment=first, number="500000003", status="cancelled")
        make_order(s, point, shipment=second, number="500000021")
        make_order(s, point, number="500000031")  # came with no truck of the cache (no shipment)
        make_point(s, code="0077", local=False)
    return {"actor": actor_for(clerk)}


@pytest.fixture
def svc(db, clock):
    return ReceivingService(db, clock)


def _trail(db) -> tuple[list[tuple[str, dict]], list[tuple[str, str, dict]]]:
    """The outbox (type, payload) and the journal (action, subject, details), oldest first."""
    with db.read() as s:
        events = s.execute(select(OutboxEvent.type, OutboxEvent.payload).order_by(OutboxEvent.device_seq)).all()
        journal = s.execute(select(AuditEntry.action, AuditEntry.subject, AuditEntry.details)
                            .order_by(AuditEntry.id)).all()
    return ([(t, json.loads(p)) for t, p in events], [(a, subj, json.loads(d)) for a, subj, d in journal])


# --- nobody logged in: refused, nothing written ---------------------------------------------------------------


def _refused_without_login(db, call) -> None:
    before = _trail(db)
    with pytest.raises(DomainError) as err:
        call()
    assert err.value.code == "auth.not_logged_in"
    assert _trail(db) == before


def test_opening_a_receiving_session_needs_a_logged_in_clerk(db, svc, world):
    _refused_without_login(db, lambda: svc.open_session(None, "R0000001"))  # type: ignore[arg-type]
    _refused_without_login(db, lambda: svc.open_session(None))  # type: ignore[arg-type]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(ReceivingSession)) == 0


def test_undoing_a_scan_needs_a_logged_in_clerk(db, svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    svc.scan_box(world["actor"], uid, box_barcode("0042", "500000001", 1))
    _refused_without_login(db, lambda: svc.undo_last(None, uid))  # type: ignore[arg-type]
    assert svc.counts(uid).received == 1


def test_flagging_damage_needs_a_logged_in_clerk(db, svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    svc.scan_box(world["actor"], uid, box_barcode("0042", "500000001", 1))
    _refused_without_login(db, lambda: svc.flag_damaged(None, box_barcode("0042", "500000001", 1), "вмятина"))  # type: ignore[arg-type]


def test_closing_a_session_needs_a_logged_in_clerk(db, svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    _refused_without_login(db, lambda: svc.close(None, uid))  # type: ignore[arg-type]
    assert svc.summary(uid) is None  # still open


# --- undo never adds a «missing» box that was not this session's to miss -----------------------------------


@pytest.mark.parametrize("order", ["500000001", "500000031"])  # a box of a truck, a box of none
def test_undo_in_a_session_without_a_manifest_leaves_nothing_missing(svc, world, order):
    """Without a manifest nothing is expected, so nothing can go missing: not by a scan, not by its undo."""
    uid = svc.open_session(world["actor"])
    assert svc.scan_box(world["actor"], uid, box_barcode("0042", order, 1)).counts.missing == 0
    assert svc.counts(uid).missing == 0
    undone = svc.undo_last(world["actor"], uid)
    assert undone.kind is Outcome.RECEIVED and undone.counts.received == 0
    assert undone.counts.missing == 0 and svc.counts(uid).missing == 0


def test_undo_of_a_box_of_another_truck_leaves_this_trucks_missing_alone(svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    out = svc.scan_box(world["actor"], uid, box_barcode("0042", "500000021", 1))
    assert out.kind is Outcome.OTHER_SHIPMENT and out.counts.missing == 5
    undone = svc.undo_last(world["actor"], uid)
    assert undone.counts.missing == 5 and svc.counts(uid).missing == 5
    assert svc.counts(uid).other_shipment == 0


def test_undo_of_a_box_of_this_truck_makes_it_missing_again(svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    svc.scan_box(world["actor"], uid, box_barcode("0042", "500000002", 1))
    assert svc.counts(uid).missing == 4
    assert svc.undo_last(world["actor"], uid).counts.missing == 5 and svc.counts(uid).missing == 5


# --- each unusual outcome: its event for the server and its journal entry -----------------------------------


@pytest.mark.parametrize(
    ("barcode", "kind"),
    [(box_barcode("0042", "512345678", 1), "surplus"), (box_barcode("0077", "500000999", 1), "foreign")],
)
def test_a_box_that_is_not_ours_to_receive_is_reported_and_journalled(db, svc, world, barcode, kind):
    uid = svc.open_session(world["actor"], "R0000001")
    events_before, journal_before = _trail(db)
    assert svc.scan_box(world["actor"], uid, barcode).kind.value == kind
    events, journal = _trail(db)
    assert events[len(events_before):] == [("receiving.unexpected_box", {"session": uid, "box": barcode, "kind": kind})]
    assert journal[len(journal_before):] == [("receiving.scan", barcode, {"session": uid, "outcome": kind})]


def test_a_box_of_a_cancelled_order_is_reported_and_journalled_with_its_order(db, svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    barcode = box_barcode("0042", "500000003", 1)
    events_before, journal_before = _trail(db)
    assert svc.scan_box(world["actor"], uid, barcode).kind is Outcome.CANCELLED
    events, journal = _trail(db)
    assert events[len(events_before):] == [
        ("receiving.unexpected_box", {"session": uid, "box": barcode, "kind": "cancelled"})]
    assert journal[len(journal_before):] == [
        ("receiving.scan", barcode, {"session": uid, "outcome": "cancelled", "order": "500000003"})]


def test_a_damaged_box_is_reported_and_journalled_with_the_note(db, svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    barcode = box_barcode("0042", "500000001", 1)
    svc.scan_box(world["actor"], uid, barcode)
    events_before, journal_before = _trail(db)
    svc.flag_damaged(world["actor"], barcode.lower(), " вмятина  на углу ")
    events, journal = _trail(db)
    note = "вмятина на углу"
    assert events[len(events_before):] == [("box.damaged", {"box": barcode, "order": "500000001", "note": note})]
    assert journal[len(journal_before):] == [("receiving.damaged", barcode, {"order": "500000001", "note": note})]

