"""Receiving: expected → received, repeats, surplus / foreign / cancelled boxes, undo, damage, close and the act."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop import journal
from desktop.db.engine import Database
from desktop.db.models import (
    AuditEntry,
    Box,
    Order,
    OutboxEvent,
    ReceivingScan,
    ReceivingSession,
    Shipment,
    SmsMessage,
)
from desktop.documents.model import DocumentKind
from desktop.scan_routing import Scan, ScanKind
from desktop.services.base import Role
from desktop.services.receiving import (
    CancelledBox,
    DamagedBox,
    DiscrepancySummary,
    ForeignBox,
    MissingBox,
    Outcome,
    ReceivingService,
)
from desktop.services.receiving import scanning as receiving_scanning
from protocol.errors import DomainError
from tests.support.clock import FakeClock
from tests.support.factories import actor_for, box_barcode, make_order, make_point, make_shipment, make_staff


@pytest.fixture
def world(db):
    """A local point 0042 with a clerk, a shipment of a 1-box and a 3-box order, and a cancelled order."""
    with db.write() as s:
        point = make_point(s, code="0042", storage_days=7)
        clerk = make_staff(s, point, full_name="Петрова Анна")
        shipment = make_shipment(s, point, number="R0000001")
        single = make_order(s, point, shipment=shipment, number="500000001")
        triple = make_order(s, point, shipment=shipment, number="500000002", boxes=3)
        cancelled = make_order(s, point, shipment=shipment, number="500000003", status="cancelled")
        other = make_point(s, code="0077", local=False)
        return {
            "actor": actor_for(clerk),
            "point": point.code,
            "shipment": shipment.number,
            "single": single.number,
            "triple": triple.number,
            "cancelled": cancelled.number,
            "other": other.code,
        }


@pytest.fixture
def svc(db, clock):
    return ReceivingService(db, clock)


def _b(order: str, n: int, point: str = "0042") -> str:
    return box_barcode(point, order, n)


def _count(db, model, *where):
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def _events(db):
    with db.read() as s:
        return list(s.scalars(select(OutboxEvent.type).order_by(OutboxEvent.device_seq)))


def _order(db, number):
    with db.read() as s:
        return s.scalars(select(Order).where(Order.number == number)).one()


def test_open_session_for_a_shipment_counts_the_manifest(db, svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    counts = svc.counts(uid)
    assert counts.has_manifest and counts.expected == 5 and counts.missing == 5 and counts.received == 0
    assert _events(db) == ["receiving.opened"]
    with db.read() as s:
        assert s.scalar(select(Shipment.status)) == "receiving"
    assert svc.open_session(world["actor"], world["shipment"]) == uid  # resumed, not a second session
    assert _count(db, ReceivingSession) == 1


def test_open_session_unknown_shipment(svc, world):
    with pytest.raises(DomainError) as err:
        svc.open_session(world["actor"], "R9999999")
    assert err.value.code == "receiving.shipment_not_found"


def test_single_box_order_arrives_and_becomes_ready_with_sms(db, svc, world, clock):
    uid = svc.open_session(world["actor"], world["shipment"])
    out = svc.scan_box(world["actor"], uid, _b(world["single"], 1) + "\r\n")
    assert out.kind is Outcome.RECEIVED and out.order == world["single"] and out.progress == "1 из 1"
    assert out.order_arrived
    assert (out.counts.received, out.counts.missing) == (1, 4)
    order = _order(db, world["single"])
    assert order.status == "ready" and order.arrived_at == clock.now and order.ready_at == clock.now
    assert (order.storage_until - clock.now).days == 7
    with db.read() as s:
        sms = s.scalars(select(SmsMessage)).one()
        assert (sms.purpose, sms.attempt, sms.status) == ("ready", 1, "requested")
    assert _events(db) == ["receiving.opened", "box.received", "order.arrived", "sms.requested"]
    assert svc.counts(uid) == out.counts


def test_multi_box_order_progress_two_of_three(db, svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    first = svc.scan_box(world["actor"], uid, _b(world["triple"], 1))
    assert first.progress == "1 из 3" and not first.order_arrived
    assert _order(db, world["triple"]).status == "partially_arrived"
    second = svc.scan_box(world["actor"], uid, _b(world["triple"], 3))
    assert second.progress == "2 из 3" and second.box_no == 3 and second.boxes_total == 3
    assert _order(db, world["triple"]).status == "partially_arrived"
    assert _count(db, SmsMessage) == 0
    third = svc.scan_box(world["actor"], uid, _b(world["triple"], 2))
    assert third.progress == "3 из 3" and third.order_arrived
    assert _order(db, world["triple"]).status == "ready"
    assert _count(db, SmsMessage) == 1


def test_repeat_scan_is_reported_and_changes_nothing(db, svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    svc.scan_box(world["actor"], uid, _b(world["triple"], 1))
    before = (_events(db), _count(db, ReceivingScan), _count(db, AuditEntry))
    again = svc.scan_box(world["actor"], uid, _b(world["triple"], 1))
    assert again.kind is Outcome.REPEAT and again.progress == "1 из 3"
    assert again.counts.received == 1
    assert (_events(db), _count(db, ReceivingScan), _count(db, AuditEntry)) == before


def test_box_of_another_point_is_foreign(db, svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    out = svc.scan_box(world["actor"], uid, _b("500000999", 1, point=world["other"]))
    assert out.kind is Outcome.FOREIGN and out.order == "500000999" and out.counts.foreign == 1
    assert _events(db)[-1] == "receiving.unexpected_box"
    assert svc.scan_box(world["actor"], uid, _b("500000999", 1, point=world["other"])).kind is Outcome.REPEAT
    assert svc.counts(uid).foreign == 1


def test_box_of_our_point_not_in_the_cache_is_surplus(db, svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    out = svc.scan_box(world["actor"], uid, _b("512345678", 2))
    assert out.kind is Outcome.SURPLUS and out.counts.surplus == 1 and out.counts.received == 0
    with db.read() as s:
        scan = s.scalars(select(ReceivingScan)).one()
        assert (scan.outcome, scan.box_id) == ("surplus", None)


def test_box_of_a_cancelled_order(db, svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    out = svc.scan_box(world["actor"], uid, _b(world["cancelled"], 1))
    assert out.kind is Outcome.CANCELLED and out.counts.cancelled == 1 and out.counts.missing == 4
    assert _order(db, world["cancelled"]).status == "cancelled"
    assert _count(db, SmsMessage) == 0
    assert svc.scan_box(world["actor"], uid, _b(world["cancelled"], 1)).kind is Outcome.REPEAT


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("hello", "scan.unknown"),
        ("", "scan.empty"),
        ("CA0103", "receiving.not_a_box"),
        ("500000001", "receiving.not_a_box"),
    ],
)
def test_unknown_format_changes_nothing(db, svc, world, raw, code):
    uid = svc.open_session(world["actor"], world["shipment"])
    before = _events(db)
    out = svc.scan_box(world["actor"], uid, raw)
    assert out.kind is Outcome.UNKNOWN_FORMAT and out.error_code == code and out.message
    assert _events(db) == before and _count(db, ReceivingScan) == 0


def test_undo_last_scan(db, svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    svc.scan_box(world["actor"], uid, _b(world["triple"], 1))
    svc.scan_box(world["actor"], uid, _b(world["single"], 1))
    assert _order(db, world["single"]).status == "ready"
    undone = svc.undo_last(world["actor"], uid)
    assert undone.box == _b(world["single"], 1) and undone.counts.received == 1 and undone.counts.missing == 4
    single = _order(db, world["single"])
    assert single.status == "in_transit" and single.ready_at is None and single.storage_until is None
    assert _events(db)[-1] == "receiving.scan_undone"
    svc.undo_last(world["actor"], uid)
    assert _order(db, world["triple"]).status == "in_transit"
    assert svc.counts(uid).received == 0
    with pytest.raises(DomainError) as err:
        svc.undo_last(world["actor"], uid)
    assert err.value.code == "receiving.nothing_to_undo"
    # the box can be scanned again after the undo
    assert svc.scan_box(world["actor"], uid, _b(world["single"], 1)).kind is Outcome.RECEIVED


def test_undo_second_box_keeps_order_partially_arrived(db, svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    svc.scan_box(world["actor"], uid, _b(world["triple"], 1))
    svc.scan_box(world["actor"], uid, _b(world["triple"], 2))
    out = svc.undo_last(world["actor"], uid)
    assert out.progress == "1 из 3"
    assert _order(db, world["triple"]).status == "partially_arrived"


def test_undo_surplus_scan(svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    svc.scan_box(world["actor"], uid, _b("512345678", 1))
    assert svc.undo_last(world["actor"], uid).kind is Outcome.SURPLUS
    assert svc.counts(uid).surplus == 0


def test_undo_with_nothing_to_undo(svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    with pytest.raises(DomainError) as err:
        svc.undo_last(world["actor"], uid)
    assert err.value.code == "receiving.nothing_to_undo"


def test_undo_of_a_placed_box_is_refused(db, svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    svc.scan_box(world["actor"], uid, _b(world["single"], 1))
    with db.write() as s:
        s.scalars(select(Box).where(Box.barcode == _b(world["single"], 1))).one().status = "placed"
    with pytest.raises(DomainError) as err:
        svc.undo_last(world["actor"], uid)
    assert err.value.code == "receiving.undo_placed"


def test_flag_damaged(db, svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    svc.scan_box(world["actor"], uid, _b(world["single"], 1))
    svc.flag_damaged(world["actor"], _b(world["single"], 1), "  вмятина,   порван скотч ")
    with db.read() as s:
        box = s.scalars(select(Box).where(Box.barcode == _b(world["single"], 1))).one()
        assert box.damaged and box.damage_note == "вмятина, порван скотч"
    assert _events(db)[-1] == "box.damaged"
    summary = svc.close(world["actor"], uid)
    note = "вмятина, порван скотч"
    assert summary.damaged == (DamagedBox(_b(world["single"], 1), world["single"], note),)


@pytest.mark.parametrize(
    ("barcode", "note", "code"),
    [
        ("B004250000000101", "", "receiving.note_required"),
        ("B004250000000101", "x" * 501, "receiving.note_too_long"),
        ("B004259999999901", "вмятина", "receiving.box_not_found"),
        ("B004250000000101", "вмятина", "receiving.box_not_received"),
    ],
)
def test_flag_damaged_bad_input(db, svc, world, barcode, note, code):
    with pytest.raises(DomainError) as err:
        svc.flag_damaged(world["actor"], barcode, note)
    assert err.value.code == code
    assert _events(db) == []


def test_close_produces_the_discrepancy_act_and_freezes(db, svc, world, clock):
    uid = svc.open_session(world["actor"], world["shipment"])
    svc.scan_box(world["actor"], uid, _b(world["single"], 1))
    svc.scan_box(world["actor"], uid, _b(world["triple"], 1))
    svc.scan_box(world["actor"], uid, _b(world["triple"], 2))
    svc.scan_box(world["actor"], uid, _b("512345678", 1))
    svc.scan_box(world["actor"], uid, _b("500000999", 1, point=world["other"]))
    svc.scan_box(world["actor"], uid, _b(world["cancelled"], 1))
    live = svc.counts(uid)
    clock.advance(minutes=30)
    summary = svc.close(world["actor"], uid)
    assert summary.counts == {
        "expected": 5, "received": 3, "missing": 1, "surplus": 1, "foreign": 1, "cancelled": 1, "other_shipment": 0,
        "elsewhere": 0,
    }
    assert (live.expected, live.received, live.missing) == (5, 3, 1)
    assert (live.surplus, live.foreign, live.cancelled) == (1, 1, 1)
    assert summary.missing == (MissingBox(_b(world["triple"], 3), world["triple"], "3 из 3"),)
    assert summary.surplus == (_b("512345678", 1),)
    assert summary.foreign == (ForeignBox(_b("500000999", 1, point=world["other"]), world["other"]),)
    assert summary.cancelled == (CancelledBox(_b(world["cancelled"], 1), world["cancelled"]),)
    assert summary.staff == ("Петрова Анна",) and summary.closed_by == "Петрова Анна"
    assert summary.shipment == world["shipment"] and summary.point.code == "0042"
    assert summary.closed_at == clock.now and summary.has_discrepancies
    assert svc.summary(uid) == summary  # the stored JSON reads back to the same typed summary
    assert _events(db)[-1] == "receiving.closed"
    with db.read() as s:
        assert s.scalar(select(Shipment.status)) == "received"
        assert journal.verify(s).ok
    with pytest.raises(DomainError) as err:
        svc.scan_box(world["actor"], uid, _b(world["triple"], 3))
    assert err.value.code == "receiving.closed"
    for call in (
        lambda: svc.undo_last(world["actor"], uid),
        lambda: svc.close(world["actor"], uid),
        lambda: svc.scan_box(world["actor"], uid, "garbage"),
    ):
        with pytest.raises(DomainError) as err:
            call()
        assert err.value.code == "receiving.closed"
    with pytest.raises(DomainError) as err:
        svc.open_session(world["actor"], world["shipment"])
    assert err.value.code == "receiving.shipment_done"


def test_session_without_manifest(db, svc, world):
    uid = svc.open_session(world["actor"])
    out = svc.scan_box(world["actor"], uid, _b(world["single"], 1))
    assert out.kind is Outcome.RECEIVED
    assert not out.counts.has_manifest and out.counts.expected == 0 and out.counts.missing == 0
    summary = svc.close(world["actor"], uid)
    assert summary.shipment is None and summary.missing == () and summary.counts["received"] == 1


def test_unknown_session(svc, world):
    with pytest.raises(DomainError) as err:
        svc.scan_box(world["actor"], "no-such-session", _b(world["single"], 1))
    assert err.value.code == "receiving.session_not_found"


def test_no_role_no_scan(svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    with pytest.raises(DomainError) as err:
        svc.scan_box(None, uid, _b(world["single"], 1))
    assert err.value.code == "auth.not_logged_in"


def test_clerk_role_suffices_and_manager_may_too(db, svc, world):
    with db.write() as s:
        from desktop.db.models import PickupPoint

        point = s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one()
        manager = actor_for(make_staff(s, point, role=Role.MANAGER))
    uid = svc.open_session(manager, world["shipment"])
    assert svc.scan_box(world["actor"], uid, _b(world["single"], 1)).kind is Outcome.RECEIVED


def test_exception_inside_scan_leaves_no_partial_rows(db, svc, world, monkeypatch):
    uid = svc.open_session(world["actor"], world["shipment"])
    before = (_events(db), _count(db, AuditEntry))

    def boom(*_args, **_kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(receiving_scanning, "notify_order_ready", boom)
    with pytest.raises(RuntimeError):
        svc.scan_box(world["actor"], uid, _b(world["single"], 1))
    assert (_events(db), _count(db, AuditEntry)) == before
    assert _count(db, ReceivingScan) == 0
    assert _order(db, world["single"]).status == "in_transit"
    with db.read() as s:
        assert s.scalars(select(Box.status).where(Box.barcode == _b(world["single"], 1))).one() == "expected"
    assert svc.counts(uid).received == 0


def test_every_action_writes_one_audit_entry_naming_the_clerk(db, svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    svc.scan_box(world["actor"], uid, _b(world["single"], 1))
    svc.undo_last(world["actor"], uid)
    svc.close(world["actor"], uid)
    with db.read() as s:
        entries = s.execute(select(AuditEntry.action, AuditEntry.staff_id).order_by(AuditEntry.id)).all()
    assert [a for a, _ in entries] == ["receiving.open", "receiving.scan", "receiving.undo", "receiving.close"]
    assert {sid for _, sid in entries} == {world["actor"].staff_id}


def test_undo_cancelled_box_scan(db, svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    svc.scan_box(world["actor"], uid, _b(world["cancelled"], 1))
    out = svc.undo_last(world["actor"], uid)
    assert out.kind is Outcome.CANCELLED and out.counts.cancelled == 0 and out.counts.missing == 5
    assert _order(db, world["cancelled"]).status == "cancelled"
    assert svc.scan_box(world["actor"], uid, _b(world["cancelled"], 1)).kind is Outcome.CANCELLED


def test_cached_box_of_another_point_is_foreign(db, svc, world):
    with db.write() as s:
        from desktop.db.models import PickupPoint

        other = s.scalars(select(PickupPoint).where(PickupPoint.code == world["other"])).one()
        order = make_order(s, other, number="577777777")
        barcode = order.boxes[0].barcode
    uid = svc.open_session(world["actor"], world["shipment"])
    assert svc.scan_box(world["actor"], uid, barcode).kind is Outcome.FOREIGN
    assert _order(db, "577777777").status == "in_transit"


# --- property: the live counters always agree with the rows, and orders follow their boxes ----------------

ORDERS = {"500000011": 1, "500000012": 2, "500000013": 3}
OTHER_TRUCK = {"500000021": 2}  # the second truck of the same point (its session is open too)
CANDIDATES = [
    *[_b(n, i) for n, total in {**ORDERS, **OTHER_TRUCK}.items() for i in range(1, total + 1)],
    _b("500000014", 1),  # cancelled order
    _b("512345678", 1),  # surplus
    _b("500000999", 1, point="0077"),  # foreign
    "garbage",
]
step = st.one_of(st.sampled_from(CANDIDATES), st.just("UNDO"))


def _true_counts(db, uid):
    with db.read() as s:
        sess = s.scalars(select(ReceivingSession).where(ReceivingSession.uid == uid)).one()
        rows = s.execute(
            select(ReceivingScan.outcome, func.count())
            .where(ReceivingScan.session_id == sess.id, ReceivingScan.undone.is_(False))
            .group_by(ReceivingScan.outcome)
        ).all()
        missing = s.scalar(
            select(func.count()).select_from(Box).where(Box.shipment_id == sess.shipment_id, Box.status == "expected")
        )
    by = dict(rows)
    return (
        by.get("received", 0),
        missing,
        by.get("surplus", 0),
        by.get("foreign", 0),
        by.get("cancelled", 0),
        by.get("other_shipment", 0),
    )


def _cancelled_own(db, uid):
    with db.read() as s:
        sess = s.scalars(select(ReceivingSession).where(ReceivingSession.uid == uid)).one()
        return s.scalar(
            select(func.count())
            .select_from(ReceivingScan)
            .join(Box, Box.id == ReceivingScan.box_id)
            .where(
                ReceivingScan.session_id == sess.id,
                ReceivingScan.undone.is_(False),
                ReceivingScan.outcome == "cancelled",
                Box.shipment_id == sess.shipment_id,
            )
        )


def _assert_adds_up(db, svc, uid):
    """Expected = received + missing + own cancelled + taken in earlier/elsewhere, on every screen."""
    c = svc.counts(uid)
    assert c.expected == c.received + c.missing + _cancelled_own(db, uid) + c.earlier, c
    assert c.missing == _true_counts(db, uid)[1]


@given(st.lists(step, max_size=25))
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_counters_and_order_statuses_stay_consistent(steps):
    db = Database(":memory:")
    db.create_all()
    with db.write() as s:
        point = make_point(s, code="0042")
        actor = actor_for(make_staff(s, point))
        shipment = make_shipment(s, point)
        for number, boxes in ORDERS.items():
            make_order(s, point, shipment=shipment, number=number, boxes=boxes)
        make_order(s, point, shipment=shipment, number="500000014", status="cancelled")
        second = make_shipment(s, point, number="R9900002")
        for number, boxes in OTHER_TRUCK.items():
            make_order(s, point, shipment=second, number=number, boxes=boxes)
    svc = ReceivingService(db, FakeClock())
    other_uid = svc.open_session(actor, second.number)
    uid = svc.open_session(actor, shipment.number)
    for action in steps:
        try:
            out = svc.undo_last(actor, uid) if action == "UNDO" else svc.scan_box(actor, uid, action)
        except DomainError as err:
            assert err.code == "receiving.nothing_to_undo"
            continue
        c = out.counts
        assert (c.received, c.missing, c.surplus, c.foreign, c.cancelled, c.other_shipment) == _true_counts(db, uid)
        assert svc.counts(uid) == c
        _assert_adds_up(db, svc, uid)
        _assert_adds_up(db, svc, other_uid)
    with db.read() as s:
        for number, total in {**ORDERS, **OTHER_TRUCK}.items():
            order = s.scalars(select(Order).where(Order.number == number)).one()
            boxes_in = sum(1 for b in order.boxes if b.status == "received")
            expected = "ready" if boxes_in == total else "partially_arrived" if boxes_in else "in_transit"
            assert order.status == expected
            sms = s.scalar(select(func.count()).select_from(SmsMessage).where(SmsMessage.order_id == order.id))
            if boxes_in == total:
                assert sms > 0  # a ready order always has its "ready" SMS requested
    summary = svc.close(actor, uid)
    counts = svc.counts(uid)
    assert summary.counts == {
        "expected": 7,
        "received": counts.received,
        "missing": counts.missing,
        "surplus": counts.surplus,
        "foreign": counts.foreign,
        "cancelled": counts.cancelled,
        "other_shipment": counts.other_shipment,
        "elsewhere": counts.elsewhere,
    }
    other = svc.close(actor, other_uid)  # every box in exactly one act: the other truck's act does not list it
    listed = [*summary.missing, *summary.other_shipment, *other.missing, *other.other_shipment]
    assert sorted(b.box for b in listed) == sorted(set(b.box for b in listed))
    db.dispose()


def test_the_stored_and_sent_summary_keeps_its_json_shape(db, svc, world, clock):
    uid = svc.open_session(world["actor"], world["shipment"])
    svc.scan_box(world["actor"], uid, _b(world["triple"], 1))
    summary = svc.close(world["actor"], uid)
    with db.read() as s:
        stored = s.scalar(select(ReceivingSession.summary))
        payload = json.loads(s.scalars(select(OutboxEvent).order_by(OutboxEvent.id.desc())).first().payload)
    assert stored["point"] == "0042" and stored["closed_at"] == clock.now.isoformat()
    assert stored["missing"][0] == {"box": _b(world["single"], 1), "order": world["single"], "box_no": "1 из 1"}
    assert stored["counts"]["received"] == 1 and payload["summary"] == stored
    assert DiscrepancySummary.from_dict(stored, summary.point) == summary


def test_close_with_act_is_one_use_case_returning_the_typed_summary_and_the_act(db, svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    svc.scan_box(world["actor"], uid, _b(world["single"], 1))
    closed = svc.close_with_act(world["actor"], uid)
    assert closed.summary.missing and closed.summary.point.code == "0042"
    assert closed.act.kind is DocumentKind.DISCREPANCY_ACT and closed.act.key == uid
    assert _b(world["triple"], 1) in closed.act.html and "Недостача" in closed.act.html


def test_a_classified_scan_is_taken_as_is(db, svc, world):
    uid = svc.open_session(world["actor"], world["shipment"])
    out = svc.scan_box(world["actor"], uid, Scan(ScanKind.BOX, _b(world["single"], 1)))
    assert out.kind is Outcome.RECEIVED
    refused = svc.scan_box(world["actor"], uid, Scan(ScanKind.CELL, "CA0103"))
    assert refused.kind is Outcome.UNKNOWN_FORMAT and refused.error_code == "receiving.not_a_box"


def test_raw_text_is_classified_with_the_live_scanner_settings(db, clock, world):
    from desktop.scanner_settings import ScannerConfiguration

    scanner = ScannerConfiguration()
    svc = ReceivingService(db, clock, scanner)
    uid = svc.open_session(world["actor"], world["shipment"])
    scanner.update(prefix="~")
    assert svc.scan_box(world["actor"], uid, "~" + _b(world["single"], 1)).kind is Outcome.RECEIVED


def test_a_box_of_the_other_truck_is_received_listed_apart_and_in_exactly_one_act(db, svc, world):
    with db.write() as s:
        from desktop.db.models import PickupPoint

        point = s.scalars(select(PickupPoint).where(PickupPoint.code == world["point"])).one()
        second = make_shipment(s, point, number="R0000002")
        late = make_order(s, point, shipment=second, number="500000021", boxes=2)
        barcode = late.boxes[0].barcode
    uid = svc.open_session(world["actor"], world["shipment"])
    svc.scan_box(world["actor"], uid, _b(world["single"], 1))
    out = svc.scan_box(world["actor"], uid, barcode)
    assert out.kind is Outcome.OTHER_SHIPMENT and out.shipment == "R0000002" and out.progress == "1 из 2"
    c = out.counts
    assert (c.expected, c.received, c.missing, c.other_shipment) == (5, 1, 4, 1)
    assert _order(db, "500000021").status == "partially_arrived"  # the box is this point's: the order advances
    first = svc.close(world["actor"], uid)
    assert [(o.box, o.order, o.shipment) for o in first.other_shipment] == [(barcode, "500000021", "R0000002")]
    assert first.has_discrepancies and first.counts["other_shipment"] == 1
    later = svc.open_session(world["actor"], "R0000002")
    c2 = svc.counts(later)
    assert (c2.expected, c2.received, c2.missing, c2.earlier) == (2, 0, 1, 1)  # taken in earlier, not missing
    second_act = svc.close(world["actor"], later)
    assert [m.box for m in second_act.missing] == [late.boxes[1].barcode]
    assert DiscrepancySummary.from_dict(first.as_dict(), first.point) == first


def test_undo_of_an_other_truck_box_gives_it_back_to_its_own_open_session(db, svc, world):
    with db.write() as s:
        from desktop.db.models import PickupPoint

        point = s.scalars(select(PickupPoint).where(PickupPoint.code == world["point"])).one()
        second = make_shipment(s, point, number="R0000002")
        barcode = make_order(s, point, shipment=second, number="500000021").boxes[0].barcode
    own = svc.open_session(world["actor"], "R0000002")
    uid = svc.open_session(world["actor"], world["shipment"])
    svc.scan_box(world["actor"], uid, barcode)
    assert (svc.counts(own).missing, svc.counts(own).earlier) == (0, 1)
    undone = svc.undo_last(world["actor"], uid)
    assert undone.kind is Outcome.OTHER_SHIPMENT and undone.counts.other_shipment == 0
    assert (svc.counts(own).missing, svc.counts(own).earlier) == (1, 0)
    assert _order(db, "500000021").status == "in_transit"
