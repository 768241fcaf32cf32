"""Receiving rules the main receiving tests leave open: the damage note's 500-character limit and its journal entry,
a box of a re-routed order, a repeat of a cancelled box, an item back from service, refusals naming the box."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db.claim_models import Claim
from desktop.db.models import AuditEntry, Order, PickupPoint
from desktop.services.receiving import Outcome, ReceivingService
from tests.support.factories import T0, actor_for, box_barcode, make_order, make_point, make_shipment, make_staff
from tests.unit.receiving_env import refusal


@pytest.fixture
def world(db):
    """Point 0042 with a clerk; truck R0000001 with a 1-box, a 2-box and a cancelled order; point 0077."""
    with db.write() as s:
        point = make_point(s, code="0042", storage_days=7)
        clerk = make_staff(s, point, full_name="Петрова Анна")
        truck = make_shipment(s, point, number="R0000001")
        make_order(s, point, shipment=truck, number="500000001")
        make_order(s, point, shipment=truck, number="500000002", boxes=2)
        make_order(s, point, shipment=truck, number="500000003", status="cancelled")
        make_point(s, code="0077", local=False)
    return {"actor": actor_for(clerk)}


@pytest.fixture
def svc(db, clock):
    return ReceivingService(db, clock)


def _b(order: str, n: int = 1, point: str = "0042") -> str:
    return box_barcode(point, order, n)


# --- damage ------------------------------------------------------------------------------------------------


def test_a_damage_note_of_500_characters_is_kept_and_501_are_refused_naming_the_limit(db, svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    svc.scan_box(world["actor"], uid, _b("500000001"))
    err = refusal(lambda: svc.flag_damaged(world["actor"], _b("500000001"), "x" * 501))
    assert (err.code, err.params) == ("receiving.note_too_long", {"limit": 500})
    svc.flag_damaged(world["actor"], _b("500000001"), "x" * 500)
    assert svc.close(world["actor"], uid).damaged[0].note == "x" * 500


def test_the_damage_entry_of_the_journal_names_the_clerk(db, svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    svc.scan_box(world["actor"], uid, _b("500000001"))
    svc.flag_damaged(world["actor"], _b("500000001"), "dent")
    with db.read() as s:
        staff = s.scalar(select(AuditEntry.staff_id).where(AuditEntry.action == "receiving.damaged"))
    assert staff == world["actor"].staff_id


def test_a_box_unknown_here_is_refused_naming_the_box_as_labelled(svc, world):
    err = refusal(lambda: svc.flag_damaged(world["actor"], " b004259999999901 ", "dent"))
    assert (err.code, err.params) == ("receiving.box_not_found", {"box": "B004259999999901"})


def test_a_box_not_yet_received_is_refused_naming_the_box_as_labelled_not_as_typed(svc, world):
    """The refusal shows the label (upper case, no stray spaces), as every other receiving message does."""
    err = refusal(lambda: svc.flag_damaged(world["actor"], " " + _b("500000001").lower() + " ", "dent"))
    assert (err.code, err.params) == ("receiving.box_not_received", {"box": _b("500000001")})


# --- boxes that are not ours, repeats ---------------------------------------------------------------------


def test_a_box_labelled_for_this_point_whose_order_was_rerouted_is_foreign(db, svc, world):
    """The label says 0042, but the cache has its order at 0077 now: it is not this point's to receive."""
    with db.write() as s:
        other = s.scalars(select(PickupPoint).where(PickupPoint.code == "0077")).one()
        order = make_order(s, other, number="500000009")
        order.boxes[0].barcode = _b("500000009")
    uid = svc.open_session(world["actor"], "R0000001")
    out = svc.scan_box(world["actor"], uid, _b("500000009"))
    assert (out.kind, out.counts.foreign, out.counts.received) == (Outcome.FOREIGN, 1, 0)
    with db.read() as s:
        assert s.scalar(select(Order.status).where(Order.number == "500000009")) == "in_transit"


def test_the_scan_names_the_box_as_labelled_with_its_order_and_place_in_it(svc, world):
    """The feedback banner names the box (cleaned, as on its label), its order and «box n of m»: for a box taken
    in and for a box of a cancelled order alike."""
    uid = svc.open_session(world["actor"], "R0000001")
    taken = svc.scan_box(world["actor"], uid, f" {_b('500000002', 2).lower()} ")
    cancelled = svc.scan_box(world["actor"], uid, _b("500000003"))
    assert (taken.kind, taken.box, taken.order, taken.box_no, taken.boxes_total) == (
        Outcome.RECEIVED, _b("500000002", 2), "500000002", 2, 2)
    assert (cancelled.kind, cancelled.box, cancelled.order, cancelled.box_no, cancelled.boxes_total) == (
        Outcome.CANCELLED, _b("500000003"), "500000003", 1, 1)


def test_a_repeated_box_of_a_cancelled_order_shows_no_progress(svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    svc.scan_box(world["actor"], uid, _b("500000003"))
    again = svc.scan_box(world["actor"], uid, _b("500000003"))
    assert (again.kind, again.order, again.order_boxes_in, again.progress) == (
        Outcome.REPEAT, "500000003", None, None)


def test_a_repeated_box_of_a_two_box_order_shows_how_many_are_in(svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    first = svc.scan_box(world["actor"], uid, _b("500000002", 1))
    second = svc.scan_box(world["actor"], uid, _b("500000002", 2))
    assert (first.order_boxes_in, first.order_arrived) == (1, False)
    assert (second.order_boxes_in, second.order_arrived) == (2, True)
    again = svc.scan_box(world["actor"], uid, _b("500000002", 1))
    assert (again.kind, again.order_boxes_in, again.boxes_total, again.box_no) == (Outcome.REPEAT, 2, 2, 1)


# --- an item back from service --------------------------------------------------------------------------------


def test_the_box_of_an_item_back_from_service_names_its_claim(db, svc, world):
    with db.write() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one()
        back = make_order(s, point, number="500000020")
        s.add(Claim(number="W000000123", point_id=point.id, order_number="500000010", sku="SKU1", product="Phone",
                    filed_at=T0, updated_at=T0, return_order=back.number))
    uid = svc.open_session(world["actor"])
    out = svc.scan_box(world["actor"], uid, _b("500000020"))
    assert (out.kind, out.order, out.claim) == (Outcome.RECEIVED, "500000020", "W000000123")
    assert svc.scan_box(world["actor"], uid, _b("500000001")).claim is None


def test_a_repeated_single_box_shows_one_of_one_and_names_the_box(svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    svc.scan_box(world["actor"], uid, _b("500000001"))
    again = svc.scan_box(world["actor"], uid, _b("500000001"))
    assert (again.kind, again.box, again.order_boxes_in, again.boxes_total) == (Outcome.REPEAT, _b("500000001"), 1, 1)
    assert (again.counts.received, again.counts.missing) == (1, 3)


# --- not a box: the clerk sees what was scanned and why -----------------------------------------------------


def test_an_unreadable_scan_reports_its_masked_sample_and_length(svc, world):
    uid = svc.open_session(world["actor"], "R0000001")
    out = svc.scan_box(world["actor"], uid, "hello")
    assert (out.kind, out.box, out.error_code) == (Outcome.UNKNOWN_FORMAT, "he**o", "scan.unknown")
    assert out.error_params == {"sample": "he**o", "length": 5}


def test_another_kind_of_barcode_is_named_in_the_refusal(svc, world):
    from desktop.scan_routing import ScanKind
    from desktop.services.receiving.service import KIND_NAMES
    from desktop.translatable import translate

    uid = svc.open_session(world["actor"], "R0000001")
    out = svc.scan_box(world["actor"], uid, "CA0103")
    assert (out.kind, out.box, out.error_code) == (Outcome.UNKNOWN_FORMAT, "CA0103", "receiving.not_a_box")
    assert out.error_params == {"kind": translate("ScanKinds", KIND_NAMES[ScanKind.CELL])}


def test_an_undo_the_lifecycle_forbids_is_refused_naming_the_order_and_changes_nothing(db, svc, world):
    """The centre cancelled the order after its box came in: taking the arrival back is no legal step for it."""
    uid = svc.open_session(world["actor"], "R0000001")
    svc.scan_box(world["actor"], uid, _b("500000001"))
    with db.write() as s:
        s.scalars(select(Order).where(Order.number == "500000001")).one().status = "cancelled"
    err = refusal(lambda: svc.undo_last(world["actor"], uid))
    assert (err.code, err.params) == ("order.illegal_transition", {"order": "500000001", "current": "cancelled",
                                                                   "event": "all_arrival_undone"})
    assert (svc.counts(uid).received, svc.resume(uid).scans[0].undone) == (1, False)


def test_an_undo_takes_back_only_a_scan_of_its_own_session(db, svc, world):
    with db.write() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one()
        make_shipment(s, point, number="R0000002")
    first = svc.open_session(world["actor"], "R0000001")
    second = svc.open_session(world["actor"], "R0000002")
    svc.scan_box(world["actor"], first, _b("500000001"))
    err = refusal(lambda: svc.undo_last(world["actor"], second))
    assert err.code == "receiving.nothing_to_undo"
    assert svc.counts(first).received == 1


@pytest.mark.parametrize(("boxes", "event"), [(1, "all_arrived"), (2, "box_arrived")])
def test_a_box_of_an_order_already_handed_over_is_refused_naming_the_order(db, svc, world, boxes, event):
    """The lifecycle has no arrival after the handover: a clear refusal, nothing written."""
    with db.write() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one()
        make_order(s, point, number="500000030", boxes=boxes, status="handed_over")
    uid = svc.open_session(world["actor"])
    err = refusal(lambda: svc.scan_box(world["actor"], uid, _b("500000030")))
    assert (err.code, err.params) == ("order.illegal_transition", {"order": "500000030", "current": "handed_over",
                                                                   "event": event})
    assert svc.counts(uid).received == 0 and svc.resume(uid).scans == ()


def test_an_undo_skips_a_box_another_pc_received_first(db, svc, world, clock):
    """Marked «elsewhere» by the server's duplicate answer: no change of this session's, so never undone here."""
    from desktop.services.receiving.elsewhere import mark_received_elsewhere

    uid = svc.open_session(world["actor"], "R0000001")
    svc.scan_box(world["actor"], uid, _b("500000002", 1))
    svc.scan_box(world["actor"], uid, _b("500000001"))
    with db.write() as s:
        assert mark_received_elsewhere(s, uid, _b("500000001"), clock.now)
    assert svc.undo_last(world["actor"], uid).box == _b("500000002", 1)
    counts = svc.counts(uid)
    assert (counts.received, counts.elsewhere) == (0, 1)
    scans = [(r.outcome, r.undone) for r in svc.resume(uid).scans]
    assert scans == [(Outcome.ELSEWHERE, False), (Outcome.RECEIVED, True)]


def test_a_session_without_a_manifest_counts_no_box_as_taken_in_earlier(svc, world):
    """«Earlier» belongs to a manifest (its boxes taken in outside the session): without one it stays 0, even when a
    truck's boxes were received before the session opened."""
    truck = svc.open_session(world["actor"], "R0000001")
    svc.scan_box(world["actor"], truck, _b("500000001"))
    svc.close(world["actor"], truck)
    loose = svc.open_session(world["actor"])
    counts = svc.scan_box(world["actor"], loose, _b("500000002")).counts
    assert (counts.has_manifest, counts.earlier, counts.received) == (False, 0, 1)
    assert svc.counts(loose).earlier == 0
