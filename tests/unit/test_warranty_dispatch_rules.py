"""Service dispatch rules (desktop/services/warranty/dispatch.py): what each scan, undo and close records, what the
act and the resumed session show, and which open sessions a clerk's shift close must settle."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from desktop.db.claim_models import Claim, ServiceDispatch
from desktop.db.models import AuditEntry, OutboxEvent, PickupPoint, SessionStatus, Shift
from desktop.documents.model import PointInfo
from desktop.services.staff import StaffService
from desktop.services.warranty import WarrantyService
from protocol.claims import ClaimStatus
from tests.unit.handover_env import refused
from tests.unit.warranty_env import Env, make_env


@pytest.fixture
def env(db, clock, tmp_path) -> Env:
    return make_env(db, clock, tmp_path / "data")


def _taken_in(env: Env, serial: str) -> Any:
    return env.accept(env.purchased(serial=serial), serial=serial).claim


def _journal(env: Env, action: str) -> list[tuple[str, dict[str, Any]]]:
    with env.db.read() as s:
        rows = s.execute(select(AuditEntry.subject, AuditEntry.details).where(AuditEntry.action == action)
                         .order_by(AuditEntry.id)).all()
    return [(subject, json.loads(details)) for subject, details in rows]


def test_each_step_is_journalled_with_its_session_and_label(env):
    first, second = _taken_in(env, "SN-1"), _taken_in(env, "SN-2")
    uid = env.svc.open_dispatch(env.clerk)
    assert env.svc.open_dispatch(env.clerk) == uid
    env.svc.scan_out(env.clerk, uid, first.label)
    env.svc.scan_out(env.clerk, uid, second.label)
    env.svc.undo_last(env.clerk, uid)
    env.svc.close_dispatch(env.clerk, uid)
    assert [s for s, _ in _journal(env, "service.opened")] == [uid] == [s for s, _ in _journal(env, "service.resumed")]
    assert _journal(env, "service.scanned") == [(first.number, {"session": uid, "label": first.label}),
                                                (second.number, {"session": uid, "label": second.label})]
    assert _journal(env, "service.undone") == [(second.number, {"session": uid, "label": second.label})]
    assert _journal(env, "claim.dispatched") == [(first.number, {"session": uid, "label": first.label})]
    assert _journal(env, "service.closed") == [(uid, {"claims": 1})]


def test_scans_keep_their_order_around_an_undo(env):
    a, b, c = _taken_in(env, "SN-1"), _taken_in(env, "SN-2"), _taken_in(env, "SN-3")
    uid = env.svc.open_dispatch(env.clerk)
    env.svc.scan_out(env.clerk, uid, a.label)
    env.svc.scan_out(env.clerk, uid, b.label)
    env.svc.undo_last(env.clerk, uid)
    env.svc.scan_out(env.clerk, uid, c.label)
    env.svc.scan_out(env.clerk, uid, b.label)
    still_open = env.svc.current_dispatch(env.clerk)
    assert still_open is not None and [x.claim for x in still_open.scans] == [a.number, c.number, b.number]
    assert env.svc.undo_last(env.clerk, uid).claim == b.number


def test_a_scan_and_its_undo_show_the_item(env):
    claim = _taken_in(env, "SN-1")
    uid = env.svc.open_dispatch(env.clerk)
    scan = env.svc.scan_out(env.clerk, uid, f"  {claim.label.lower()} ")
    assert (scan.claim, scan.label, scan.product, scan.order) == (claim.number, claim.label, claim.product,
                                                                  claim.order)
    undone = env.svc.undo_last(env.clerk, uid)
    assert (undone.claim, undone.label, undone.product, undone.order, undone.undone, undone.repeat) == (
        claim.number, claim.label, claim.product, claim.order, True, False)


def test_the_resumed_session_names_who_opened_it_and_when(env):
    claim = _taken_in(env, "SN-1")
    opened_at = env.clock()
    uid = env.svc.open_dispatch(env.clerk)
    env.svc.scan_out(env.clerk, uid, claim.label)
    env.clock.now += timedelta(hours=2)
    still_open = WarrantyService(env.db, env.clock, env.data_dir).current_dispatch(env.manager)
    assert still_open is not None
    assert (still_open.uid, still_open.opened_at, still_open.opened_by) == (uid, opened_at, env.clerk.full_name)
    (scan,) = still_open.scans
    assert (scan.claim, scan.product, scan.order, scan.undone, scan.repeat) == (
        claim.number, claim.product, claim.order, False, False)


def test_the_act_names_the_opener_the_closer_the_times_and_each_item(env):
    claim = _taken_in(env, "SN-1")
    opened_at = env.clock()
    uid = env.svc.open_dispatch(env.clerk)
    env.svc.scan_out(env.clerk, uid, claim.label)
    env.clock.now += timedelta(minutes=30)
    data, _document = env.svc.close_dispatch(env.manager, uid)
    header = data.header
    assert (header.key, header.opened_at, header.closed_at) == (uid, opened_at, env.clock())
    assert (header.opened_by, header.closed_by, header.point.code) == (env.clerk.full_name, env.manager.full_name,
                                                                       "0042")
    (line,) = data.lines
    assert (line.claim, line.label, line.order, line.product, line.serial) == (
        claim.number, claim.label, claim.order, claim.product, "SN-1")
    with env.db.read() as s:
        stored = s.scalars(select(ServiceDispatch).where(ServiceDispatch.uid == uid)).one()
        assert (stored.status, stored.closed_at, stored.act) == (SessionStatus.CLOSED, env.clock(), data.as_dict())


def test_a_label_of_no_shape_is_quoted_upper_case_and_short(env):
    uid = env.svc.open_dispatch(env.clerk)
    with refused("service.bad_label", label="B004250000001201-ABCDEF-"):
        env.svc.scan_out(env.clerk, uid, " b004250000001201-abcdef-ghijk ")
    with refused("service.unknown_label", label="SLW000000999"):
        env.svc.scan_out(env.clerk, uid, " slw000000999 ")


def test_the_shift_close_settles_the_clerks_own_session_and_an_orphaned_one_not_a_colleagues(env):
    staff = StaffService(env.db, env.clock)
    clerk = staff.open_shift(env.clerk)
    manager = staff.open_shift(env.manager)
    first, second = _taken_in(env, "SN-1"), _taken_in(env, "SN-2")
    uid = env.svc.open_dispatch(manager)
    env.svc.scan_out(clerk, uid, first.label)
    env.svc.scan_out(clerk, uid, second.label)
    env.svc.undo_last(clerk, uid)
    assert env.svc.pending_at_shift_close(clerk) == []  # the manager opened it and is on shift
    [mine] = env.svc.pending_at_shift_close(manager)
    assert (mine.uid, mine.opened_by, mine.items) == (uid, env.manager.full_name, 1)
    with env.db.write() as s:  # the manager's shift ends elsewhere (another counter)
        for shift in s.scalars(select(Shift).where(Shift.staff_id == env.manager.staff_id)):
            shift.closed_at = env.clock()
    [orphan] = env.svc.pending_at_shift_close(clerk)
    assert orphan.uid == uid and orphan.items == 1


def test_another_points_session_is_not_the_clerks_to_settle(env):
    with env.db.write() as s:
        s.add(ServiceDispatch(uid="elsewhere", point_id=env.foreign_point_id, opened_by=env.foreign_manager.staff_id,
                              opened_at=env.clock()))
    assert env.svc.pending_at_shift_close(env.clerk) == []
    assert env.svc.current_dispatch(env.clerk) is None


def test_an_item_whose_claim_was_closed_meanwhile_stops_the_dispatch_naming_the_claim(env):
    claim = _taken_in(env, "SN-1")
    uid = env.svc.open_dispatch(env.clerk)
    env.svc.scan_out(env.clerk, uid, claim.label)
    with env.db.write() as s:  # the server's feed closed the claim (the customer took the item back)
        s.execute(update(Claim).where(Claim.number == claim.number).values(status=ClaimStatus.CLOSED))
    with refused("claim.closed", claim=claim.number):
        env.svc.close_dispatch(env.clerk, uid)
    still_open = env.svc.current_dispatch(env.clerk)
    assert still_open is not None and still_open.uid == uid


def test_the_act_names_the_point_and_leaves_an_unknown_serial_blank(env):
    claim = _taken_in(env, "SN-1")
    with env.db.write() as s:  # the server's copy of an intake made without a serial on record
        s.execute(update(Claim).where(Claim.number == claim.number).values(serial=None))
    uid = env.svc.open_dispatch(env.clerk)
    env.svc.scan_out(env.clerk, uid, claim.label)
    data, _document = env.svc.close_dispatch(env.clerk, uid)
    with env.db.read() as s:
        point = s.get(PickupPoint, env.point_id)
        assert data.header.point == PointInfo(point.code, point.name, point.address, point.timezone)
    assert [line.serial for line in data.lines] == [""]


def test_each_open_session_counts_and_lists_only_its_own_items(env):
    first, second, third = _taken_in(env, "SN-1"), _taken_in(env, "SN-2"), _taken_in(env, "SN-3")
    uid = env.svc.open_dispatch(env.clerk)
    env.svc.scan_out(env.clerk, uid, first.label)
    env.svc.scan_out(env.clerk, uid, second.label)
    with env.db.write() as s:  # a second open session (another counter's, synced)
        s.add(ServiceDispatch(uid="other", point_id=env.point_id, opened_by=env.clerk.staff_id,
                              opened_at=env.clock()))
    env.svc.scan_out(env.clerk, "other", third.label)
    with refused("service.in_other_session", claim=first.number):
        env.svc.scan_out(env.clerk, "other", first.label)
    assert [(p.uid, p.items, p.opened_at) for p in env.svc.pending_at_shift_close(env.clerk)] == [
        (uid, 2, env.clock()), ("other", 1, env.clock())]
    still_open = env.svc.current_dispatch(env.clerk)
    assert still_open is not None and [x.claim for x in still_open.scans] == [first.number, second.number]
    env.svc.close_dispatch(env.clerk, uid)
    assert [p.uid for p in env.svc.pending_at_shift_close(env.clerk)] == ["other"]


def test_no_label_scanned_is_refused_quoting_nothing(env):
    uid = env.svc.open_dispatch(env.clerk)
    with refused("service.bad_label", label=""):
        env.svc.scan_out(env.clerk, uid, None)


def test_the_opened_session_goes_to_the_server_under_its_own_uid(env):
    """The server learns of the dispatch session by the uid the act and every later scan name."""
    uid = env.svc.open_dispatch(env.clerk)
    with env.db.read() as s:
        payloads = [json.loads(p) for p in s.scalars(select(OutboxEvent.payload)
                                                      .where(OutboxEvent.type == "service.opened"))]
    assert [p["session"] for p in payloads] == [uid]


def test_a_session_that_is_not_there_is_named_in_the_refusal(env):
    _taken_in(env, "SN-1")
    with refused("service.session_not_found", session="no-such-session"):
        env.svc.scan_out(env.clerk, "no-such-session", "SL000000")
