"""Service dispatch: open (or resume), scan labels out, undo the last, close into the act; the rules of each scan."""

from __future__ import annotations

import pytest

from desktop.db.claim_models import ServiceDispatchItem
from desktop.db.models import AuditEntry
from desktop.documents.model import DocumentKind
from desktop.services.warranty import WarrantyService
from protocol.claims import ClaimStatus
from tests.unit.handover_env import count, outbox, refused
from tests.unit.warranty_env import SERIAL, Env, make_env


@pytest.fixture
def env(db, clock, tmp_path) -> Env:
    return make_env(db, clock, tmp_path / "data")


def _taken_in(env: Env, serial: str = SERIAL) -> tuple[str, str]:
    result = env.accept(env.purchased(serial=serial), serial=serial)
    return result.claim.number, result.claim.label


def test_a_dispatch_sends_the_scanned_items_with_its_act(env):
    first, first_label = _taken_in(env, "SN-1")
    second, second_label = _taken_in(env, "SN-2")
    uid = env.svc.open_dispatch(env.clerk)
    scan = env.svc.scan_out(env.clerk, uid, first_label)
    assert (scan.claim, scan.label, scan.undone, scan.repeat) == (first, first_label, False, False)
    env.svc.scan_out(env.clerk, uid, second_label.lower())
    data, document = env.svc.close_dispatch(env.clerk, uid)
    assert [x.claim for x in data.lines] == [first, second] and document.kind is DocumentKind.SERVICE_DISPATCH_ACT
    assert first in document.html and "SN-2" in document.html
    assert env.claim(first).status == ClaimStatus.SENT == env.claim(second).status
    events = [(t, p) for t, p in outbox(env.db) if t.startswith(("service.", "claim.dispatched"))]
    assert [t for t, _ in events] == ["service.opened", "claim.dispatched", "claim.dispatched", "service.closed"]
    assert events[1][1] == {"session": uid, "claim": first, "label": first_label}
    assert events[-1][1]["act"] == {"claims": [first, second], "count": 2}
    assert env.svc.waiting_dispatch(env.clerk) == [] and env.svc.current_dispatch(env.clerk) is None


def test_undo_takes_the_last_scan_back_and_it_never_reaches_the_server(env):
    first, first_label = _taken_in(env, "SN-1")
    second, second_label = _taken_in(env, "SN-2")
    uid = env.svc.open_dispatch(env.clerk)
    env.svc.scan_out(env.clerk, uid, first_label)
    env.svc.scan_out(env.clerk, uid, second_label)
    undone = env.svc.undo_last(env.clerk, uid)
    assert undone.claim == second and undone.undone
    data, _document = env.svc.close_dispatch(env.clerk, uid)
    assert [x.claim for x in data.lines] == [first]
    assert env.claim(second).status == ClaimStatus.ACCEPTED
    assert [c.number for c in env.svc.waiting_dispatch(env.clerk)] == [second]
    assert [p["claim"] for t, p in outbox(env.db) if t == "claim.dispatched"] == [first]
    assert count(env.db, AuditEntry, AuditEntry.action == "service.undone", AuditEntry.subject == second) == 1


def test_undo_with_nothing_scanned_is_refused(env):
    uid = env.svc.open_dispatch(env.clerk)
    with refused("service.nothing_to_undo"):
        env.svc.undo_last(env.clerk, uid)


def test_a_repeat_scan_in_the_session_changes_nothing(env):
    _number, label = _taken_in(env)
    uid = env.svc.open_dispatch(env.clerk)
    env.svc.scan_out(env.clerk, uid, label)
    again = env.svc.scan_out(env.clerk, uid, label)
    assert again.repeat and count(env.db, ServiceDispatchItem) == 1


def test_the_open_session_is_resumed_after_a_restart(env):
    number, label = _taken_in(env)
    uid = env.svc.open_dispatch(env.clerk)
    env.svc.scan_out(env.clerk, uid, label)
    restarted = WarrantyService(env.db, env.clock, env.data_dir)
    assert restarted.open_dispatch(env.clerk) == uid
    still_open = restarted.current_dispatch(env.clerk)
    assert still_open is not None and still_open.uid == uid and [s.claim for s in still_open.scans] == [number]
    assert [t for t, _ in outbox(env.db)].count("service.opened") == 1


@pytest.mark.parametrize(("label", "code"), [("SLW000000999", "service.unknown_label"),
                                             ("B004250000001201", "service.bad_label"),
                                             ("", "service.bad_label")])
def test_a_label_that_is_no_accepted_item_of_this_point_is_refused(env, label, code):
    uid = env.svc.open_dispatch(env.clerk)
    with refused(code):
        env.svc.scan_out(env.clerk, uid, label)
    assert count(env.db, ServiceDispatchItem) == 0


def test_an_item_already_sent_cannot_be_sent_again(env):
    number, label = _taken_in(env)
    uid = env.svc.open_dispatch(env.clerk)
    env.svc.scan_out(env.clerk, uid, label)
    env.svc.close_dispatch(env.clerk, uid)
    again = env.svc.open_dispatch(env.clerk)
    with refused("claim.illegal_step", claim=number):
        env.svc.scan_out(env.clerk, again, label)
    with refused("service.session_closed", session=uid):
        env.svc.scan_out(env.clerk, uid, label)
    with refused("service.session_not_found"):
        env.svc.close_dispatch(env.clerk, "no-such-session")


def test_an_item_in_another_open_session_is_refused(env):
    _number, label = _taken_in(env)
    uid = env.svc.open_dispatch(env.clerk)
    env.svc.scan_out(env.clerk, uid, label)
    with env.db.write() as s:  # a second open session (another counter's, synced in a test)
        from desktop.db.claim_models import ServiceDispatch

        s.add(ServiceDispatch(uid="other", point_id=env.point_id, opened_by=env.clerk.staff_id, opened_at=env.clock()))
    with refused("service.in_other_session"):
        env.svc.scan_out(env.clerk, "other", label)


def test_a_foreign_points_claim_label_is_unknown_here(env):
    with env.db.write() as s:
        from desktop.db.claim_models import Claim

        s.add(Claim(number="W0077000001", point_id=env.foreign_point_id, order_number="500000001", sku="S", product="P",
                    status=ClaimStatus.ACCEPTED, label="SLW0077000001", filed_at=env.clock(), updated_at=env.clock()))
    uid = env.svc.open_dispatch(env.clerk)
    with refused("service.unknown_label", label="SLW0077000001"):
        env.svc.scan_out(env.clerk, uid, "SLW0077000001")


def test_nobody_logged_in_cannot_dispatch(env):
    with refused("auth.not_logged_in"):
        env.svc.open_dispatch(None)
