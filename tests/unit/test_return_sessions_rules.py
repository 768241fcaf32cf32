"""Return session rules (desktop/services/returns/sessions.py): what a scan and its repeat report, what the resumed
session, the journal and the events hold, why a box may not go back yet, and which sessions a shift close settles."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import AuditEntry, Box, Order, PickupPoint, ReturnItem, ReturnSession, Shift
from desktop.documents.model import PointInfo
from desktop.services.returns import ReturnsService
from desktop.services.returns.rules import local_text, point_zone
from protocol.order_states import OrderStatus
from tests.support.clock import FakeClock
from tests.support.factories import T0, box_barcode, make_cell, make_order
from tests.unit.handover_env import Env, make_env, outbox, refused
from tests.unit.test_refused_returns import _partial


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


@pytest.fixture
def returns(db: Database, clock: FakeClock) -> ReturnsService:
    return ReturnsService(db, clock)


def _order(env: Env, status: str, boxes: int = 1, **kw: Any) -> str:
    with env.db.write() as s:
        point = s.get(PickupPoint, env.point_id)
        order = make_order(s, point, status=status, boxes=boxes, **kw)
        if status in ("refused", "cancelled"):
            for box in order.boxes:
                box.status = "received"
        return order.number


def _barcode(number: str, n: int = 1) -> str:
    return box_barcode("0042", number, n)


def _journal(env: Env, action: str) -> list[tuple[str, dict[str, Any]]]:
    with env.db.read() as s:
        rows = s.execute(select(AuditEntry.subject, AuditEntry.details).where(AuditEntry.action == action)
                         .order_by(AuditEntry.id)).all()
    return [(subject, json.loads(details)) for subject, details in rows]


def test_a_scan_its_repeat_and_the_resumed_session_report_the_box(env, returns):
    number = _order(env, "refused", boxes=2)
    with env.db.write() as s:
        cell = make_cell(s, s.get(PickupPoint, env.point_id), "CB0204")
        box = s.scalars(select(Box).where(Box.barcode == _barcode(number, 2))).one()
        box.cell_id = cell.id
    uid = returns.open_session(env.clerk)
    scan = returns.scan_box(env.clerk, uid, f" {_barcode(number, 2)} ")
    assert (scan.outcome, scan.box, scan.order_number, scan.reason, scan.seq_no, scan.boxes_total, scan.cell,
            scan.order_returned) == ("returned", _barcode(number, 2), number, "refused", 2, 2, "B-02-04", False)
    repeat = returns.scan_box(env.clerk, uid, _barcode(number, 2))
    assert (repeat.outcome, repeat.box, repeat.order_number, repeat.reason, repeat.seq_no, repeat.boxes_total,
            repeat.cell, repeat.order_returned) == ("repeat", _barcode(number, 2), number, "refused", 2, 2, None, False)
    last = returns.scan_box(env.clerk, uid, _barcode(number, 1))
    assert last.order_returned and last.seq_no == 1
    assert returns.scan_box(env.clerk, uid, _barcode(number, 1)).order_returned
    still_open = ReturnsService(env.db, env.clock).current_session()
    assert still_open is not None and still_open.opened_at == env.clock()
    assert [(x.outcome, x.box, x.order_number, x.reason, x.seq_no, x.boxes_total, x.cell, x.order_returned)
            for x in still_open.scans] == [("returned", _barcode(number, 2), number, "refused", 2, 2, None, True),
                                           ("returned", _barcode(number, 1), number, "refused", 1, 2, None, True)]


def test_each_step_is_journalled_and_sent_with_its_session(env, returns):
    number = _order(env, "refused")
    uid = returns.open_session(env.clerk)
    assert returns.open_session(env.clerk) == uid
    returns.scan_box(env.clerk, uid, _barcode(number))
    returns.close_session(env.clerk, uid)
    assert [s for s, _ in _journal(env, "return.opened")] == [uid] == [s for s, _ in _journal(env, "return.resumed")]
    assert _journal(env, "return.box") == [(_barcode(number), {"order": number, "reason": "refused", "session": uid})]
    assert _journal(env, "order.returned") == [(number, {"reason": "refused", "session": uid})]
    assert _journal(env, "return.closed") == [(uid, {"orders": 1, "boxes": 1})]
    events = dict((t, p) for t, p in outbox(env.db))
    assert events["return.opened"] == {"session": uid}
    assert events["box.returned"] == {"session": uid, "box": _barcode(number), "order": number, "reason": "refused"}
    assert events["order.returned"] == {"order": number, "session": uid}
    with env.db.read() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        assert (order.status, order.returned_at) == (OrderStatus.RETURNED, env.clock())


def test_a_ready_order_goes_back_only_after_its_storage_period_named_in_local_time(env, returns):
    number = _order(env, "ready")
    env.clock.now = T0 + timedelta(days=2)
    uid = returns.open_session(env.clerk)
    with env.db.read() as s:
        point = s.get(PickupPoint, env.point_id)
        order = s.scalars(select(Order).where(Order.number == number)).one()
        assert order.storage_until is not None
        until = local_text(order.storage_until, point_zone(point))
    with refused("return.not_expired", order=number, until=until):
        returns.scan_box(env.clerk, uid, _barcode(number))
    with env.db.write() as s:
        s.execute(Order.__table__.update().where(Order.number == number).values(storage_until=None, ready_at=None))
    with refused("return.not_expired", order=number, until="—"):
        returns.scan_box(env.clerk, uid, _barcode(number))


def test_an_order_not_on_the_return_list_names_its_state(env, returns):
    number = _order(env, "handed_over")
    uid = returns.open_session(env.clerk)
    with refused("return.not_on_list", order=number, status=OrderStatus.HANDED_OVER) as info:
        returns.scan_box(env.clerk, uid, _barcode(number))
    assert isinstance(info.value.params["status"], OrderStatus)


def test_a_box_not_at_the_point_is_named(env, returns):
    number = _order(env, "cancelled", boxes=2)
    with env.db.write() as s:
        s.scalars(select(Box).where(Box.barcode == _barcode(number, 2))).one().status = "expected"
    uid = returns.open_session(env.clerk)
    with refused("return.box_not_at_point", box=_barcode(number, 2)):
        returns.scan_box(env.clerk, uid, _barcode(number, 2))
    with refused("return.unknown_box", box="B004299999999901"):
        returns.scan_box(env.clerk, uid, " B004299999999901 ")


def test_the_act_names_the_opener_and_lists_orders_in_scan_order(env, returns):
    first, second = _order(env, "refused", boxes=2), _order(env, "refused")
    uid = returns.open_session(env.manager)
    returns.scan_box(env.clerk, uid, _barcode(second))
    returns.scan_box(env.clerk, uid, _barcode(first, 2))
    returns.scan_box(env.clerk, uid, _barcode(first, 1))
    act = returns.close_session(env.clerk, uid)
    assert (act.header.opened_by, act.header.closed_by) == (env.manager.full_name, env.clerk.full_name)
    assert [(x.order_number, x.boxes, x.boxes_total, x.complete) for x in act.orders] == [
        (second, (_barcode(second),), 1, True), (first, (_barcode(first, 1), _barcode(first, 2)), 2, True)]
    assert act.boxes_count == 3 and act.orders[0].customer_name


def test_the_shift_close_settles_the_clerks_own_session_and_an_orphaned_one(env, returns):
    number = _order(env, "refused", boxes=2)
    with env.db.write() as s:
        s.add(Shift(point_id=env.point_id, staff_id=env.manager.staff_id, opened_at=env.clock()))
    uid = returns.open_session(env.manager)
    returns.scan_box(env.clerk, uid, _barcode(number, 1))
    returns.scan_box(env.clerk, uid, _barcode(number, 2))
    assert returns.pending_at_shift_close(env.clerk) == []  # the manager opened it and is on shift
    [mine] = returns.pending_at_shift_close(env.manager)
    assert (mine.uid, mine.opened_by, mine.boxes, mine.opened_at) == (uid, env.manager.full_name, 2, env.clock())
    with env.db.write() as s:
        for shift in s.scalars(select(Shift).where(Shift.staff_id == env.manager.staff_id)):
            shift.closed_at = env.clock()
    assert [p.uid for p in returns.pending_at_shift_close(env.clerk)] == [uid]


def test_another_points_session_is_not_this_points(env, returns):
    with env.db.write() as s:
        other = s.scalars(select(PickupPoint).where(PickupPoint.code == "0077")).one()
        s.add(ReturnSession(uid="elsewhere", point_id=other.id, opened_by=env.clerk.staff_id, opened_at=env.clock()))
    assert returns.pending_at_shift_close(env.clerk) == [] and returns.current_session() is None
    assert returns.open_session(env.clerk) != "elsewhere"


def test_each_pending_session_counts_its_own_boxes(env, returns):
    """Two sessions left open (one synced from the other counter): each is listed with its own boxes."""
    first, second = _order(env, "refused", boxes=2), _order(env, "refused")
    uid = returns.open_session(env.manager)  # the manager has no open shift: orphaned
    returns.scan_box(env.clerk, uid, _barcode(first, 1))
    returns.scan_box(env.clerk, uid, _barcode(first, 2))
    with env.db.write() as s:
        other = ReturnSession(uid="other-counter", point_id=env.point_id, opened_by=env.clerk.staff_id,
                              opened_at=env.clock())
        s.add(other)
        s.flush()
        order = s.scalars(select(Order).where(Order.number == second)).one()
        box = order.boxes[0]
        box.status = "returned"
        s.add(ReturnItem(session_id=other.id, order_id=order.id, box_id=box.id, reason="refused",
                         scanned_at=env.clock()))
    pending = returns.pending_at_shift_close(env.clerk)
    assert [(p.uid, p.opened_by, p.boxes) for p in pending] == [(uid, env.manager.full_name, 2),
                                                               ("other-counter", env.clerk.full_name, 1)]


def test_the_act_counts_all_boxes_of_an_order_even_those_that_never_arrived(env, returns):
    number = _order(env, "cancelled", boxes=3)
    with env.db.write() as s:
        s.scalars(select(Box).where(Box.barcode == _barcode(number, 3))).one().status = "expected"
    uid = returns.open_session(env.clerk)
    returns.scan_box(env.clerk, uid, _barcode(number, 1))
    returns.scan_box(env.clerk, uid, _barcode(number, 2))
    [line] = returns.close_session(env.clerk, uid).orders
    assert (line.reason, line.boxes, line.boxes_total, line.complete) == (
        "cancelled", (_barcode(number, 1), _barcode(number, 2)), 3, True)


def test_a_partial_handovers_act_line_counts_only_the_box_kept_at_the_point(env, returns):
    result = _partial(env, boxes=3)  # two boxes went with the customer, one stayed with the refused goods
    assert result.kept_box is not None
    uid = returns.open_session(env.clerk)
    returns.scan_box(env.clerk, uid, result.kept_box)
    [line] = returns.close_session(env.clerk, uid).orders
    assert (line.reason, line.boxes, line.boxes_total, line.complete) == ("partial", (result.kept_box,), 1, True)


def test_the_act_names_the_point_it_was_made_at(env, returns):
    number = _order(env, "refused")
    uid = returns.open_session(env.clerk)
    returns.scan_box(env.clerk, uid, _barcode(number))
    act = returns.close_session(env.clerk, uid)
    with env.db.read() as s:
        point = s.get(PickupPoint, env.point_id)
        assert act.header.point == PointInfo(point.code, point.name, point.address, point.timezone)
    assert act.header.point.name and act.header.point.address and act.header.point.timezone


def test_a_ready_order_without_a_storage_date_is_kept_for_the_points_storage_days(env, returns):
    number = _order(env, "ready")
    with env.db.write() as s:
        point = s.get(PickupPoint, env.point_id)
        point.storage_days = 3
        s.execute(Order.__table__.update().where(Order.number == number).values(storage_until=None, ready_at=T0))
        until = local_text(T0 + timedelta(days=3), point_zone(point))
    env.clock.now = T0 + timedelta(days=2)
    uid = returns.open_session(env.clerk)
    with refused("return.not_expired", order=number, until=until):
        returns.scan_box(env.clerk, uid, _barcode(number))
    env.clock.now = T0 + timedelta(days=3)
    assert returns.scan_box(env.clerk, uid, _barcode(number)).reason == "expired"


def test_refusals_name_the_session_and_the_box(env, returns):
    with env.db.write() as s:
        other = s.scalars(select(PickupPoint).where(PickupPoint.code == "0077")).one()
        foreign = make_order(s, other, status="refused").boxes[0].barcode
    with refused("return.session_not_found", session="no-such-session"):
        returns.scan_box(env.clerk, "no-such-session", foreign)
    first = _order(env, "refused")
    closed = returns.open_session(env.clerk)
    returns.scan_box(env.clerk, closed, _barcode(first))
    returns.close_session(env.clerk, closed)
    with refused("return.session_closed", session=closed):
        returns.scan_box(env.clerk, closed, _barcode(first))
    uid = returns.open_session(env.clerk)
    with refused("return.foreign_box", box=foreign):
        returns.scan_box(env.clerk, uid, foreign)
    with refused("return.box_in_other_session", box=_barcode(first)):
        returns.scan_box(env.clerk, uid, _barcode(first))


def test_a_box_the_customer_took_names_itself_and_its_order(env, returns):
    result = _partial(env, boxes=2)
    assert result.kept_box is not None
    handed = result.kept_box[:-2] + ("01" if result.kept_box.endswith("02") else "02")
    uid = returns.open_session(env.clerk)
    with refused("return.box_handed_over", box=handed, order=result.order_number):
        returns.scan_box(env.clerk, uid, handed)
