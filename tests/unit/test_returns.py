"""Storage period and returns: manager extension, expiring lists, the return list, return sessions and the act."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop.db.models import Box, Order, OutboxEvent, ReturnSession
from desktop.errors import AccessDenied
from desktop.services.base import Role
from desktop.services.returns import ReturnsService
from protocol.errors import DomainError
from tests.support.factories import T0, actor_for, box_barcode, make_cell, make_order, make_point, make_staff


@pytest.fixture
def world(db):
    with db.write() as s:
        point = make_point(s)
        other = make_point(s, code="0077", local=False)
        clerk = make_staff(s, point, Role.CLERK, full_name="Кассир Клара")
        manager = make_staff(s, point, Role.MANAGER, full_name="Менеджер Марк")
    return {"point": point, "other": other, "clerk": actor_for(clerk), "manager": actor_for(manager)}


@pytest.fixture
def returns(db, clock):
    return ReturnsService(db, clock)


def _order(db, point, **kw):
    with db.write() as s:
        return _refused_here(make_order(s, point, **kw))


def _refused_here(order):
    """A refused order was ready before: its boxes are at the point (the factory leaves them expected)."""
    if order.status == "refused":
        for box in order.boxes:
            box.status = "received"
    return order


def _get(db, number):
    with db.read() as s:
        return s.scalars(select(Order).where(Order.number == number)).one()


def _box(db, barcode):
    with db.read() as s:
        return s.scalars(select(Box).where(Box.barcode == barcode)).one()


def _events(db, type_=None):
    with db.read() as s:
        rows = s.scalars(select(OutboxEvent).order_by(OutboxEvent.device_seq)).all()
    return [(e.type, json.loads(e.payload)) for e in rows if type_ is None or e.type == type_]


def _code(fn, *args, **kw):
    with pytest.raises(DomainError) as err:
        fn(*args, **kw)
    return err.value.code


# --- storage extension -------------------------------------------------------------------------------


def test_manager_extends_storage_once(db, returns, world):
    order = _order(db, world["point"], status="ready")
    result = returns.extend(world["manager"], order.number, 3)
    assert result.storage_until == T0 + timedelta(days=10)
    assert result.storage_until_local == "04.12.2026 12:00"  # Moscow time
    stored = _get(db, order.number)
    assert (stored.storage_until, stored.extended_days) == (T0 + timedelta(days=10), 3)
    assert _events(db) == [("storage.extended", {"order": order.number, "days": 3,
                                                 "until": (T0 + timedelta(days=10)).isoformat()})]
    assert _code(returns.extend, world["manager"], order.number, 1) == "storage.already_extended"
    assert _get(db, order.number).storage_until == T0 + timedelta(days=10)


def test_a_clerk_cannot_extend(db, returns, world):
    order = _order(db, world["point"], status="ready")
    with pytest.raises(AccessDenied):
        returns.extend(world["clerk"], order.number, 3)
    assert _get(db, order.number).extended_days == 0


@pytest.mark.parametrize("days", [0, 8, -1, 30, True])
def test_extension_is_1_to_7_days(db, returns, world, days):
    order = _order(db, world["point"], status="ready")
    assert _code(returns.extend, world["manager"], order.number, days) == "storage.bad_extension_days"


def test_seven_days_is_allowed(db, returns, world):
    order = _order(db, world["point"], status="ready")
    assert returns.extend(world["manager"], order.number, 7).storage_until == T0 + timedelta(days=14)


@pytest.mark.parametrize("status", ["in_transit", "arrived", "handed_over", "refused", "returned", "cancelled"])
def test_only_ready_orders_are_extended(db, returns, world, status):
    order = _order(db, world["point"], status=status)
    assert _code(returns.extend, world["manager"], order.number, 2) == "storage.not_ready"


def test_extending_an_unknown_or_foreign_order(db, returns, world):
    foreign = _order(db, world["other"], status="ready")
    assert _code(returns.extend, world["manager"], "999999999", 2) == "order.not_found"
    assert _code(returns.extend, world["manager"], foreign.number, 2) == "order.not_found"


def test_extending_an_expired_order_takes_it_off_the_return_list(db, returns, world, clock):
    order = _order(db, world["point"], status="ready")
    clock.advance(days=7, hours=1)
    assert [o.order_number for o in returns.return_list().orders] == [order.number]
    returns.extend(world["manager"], order.number, 2)
    assert returns.return_list().orders == ()


# --- expiring lists ----------------------------------------------------------------------------------


def _ready_until(db, point, until):
    with db.write() as s:
        order = make_order(s, point, status="ready")
        s.get(Order, order.id).storage_until = until
    return order.number


def test_expiring_today_and_tomorrow_use_the_points_local_day(db, returns, world, clock):
    # clock: 24.11.2026 09:00 UTC = 12:00 in Moscow (UTC+3)
    today_late = _ready_until(db, world["point"], datetime(2026, 11, 24, 20, 59, tzinfo=UTC))  # 23:59 MSK
    today_early = _ready_until(db, world["point"], datetime(2026, 11, 23, 21, 0, tzinfo=UTC))  # 00:00 MSK
    tomorrow = _ready_until(db, world["point"], datetime(2026, 11, 24, 21, 0, tzinfo=UTC))  # 00:00 MSK 25th
    _ready_until(db, world["point"], datetime(2026, 11, 23, 20, 59, tzinfo=UTC))  # yesterday in Moscow
    _ready_until(db, world["point"], datetime(2026, 11, 25, 21, 0, tzinfo=UTC))  # the day after tomorrow
    handed = _order(db, world["point"], status="handed_over")
    with db.write() as s:
        s.get(Order, handed.id).storage_until = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    today = returns.expiring("today")
    assert [o.order_number for o in today] == [today_early, today_late]
    assert today[1].storage_until_local == "24.11.2026 23:59"
    assert [o.order_number for o in returns.expiring("tomorrow")] == [tomorrow]


def test_expiring_list_in_another_time_zone(db, world, clock):
    with db.write() as s:
        s.get(type(world["point"]), world["point"].id).timezone = "Asia/Yekaterinburg"  # UTC+5
    clock.now = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # already 25.11 01:00 locally
    number = _ready_until(db, world["point"], datetime(2026, 11, 25, 10, 0, tzinfo=UTC))
    assert [o.order_number for o in ReturnsService(db, clock).expiring("today")] == [number]
    assert ReturnsService(db, clock).expiring("tomorrow") == []


def test_expiring_shows_cells_and_extension(db, returns, world):
    with db.write() as s:
        order = make_order(s, world["point"], status="ready", boxes=2)
        cell = make_cell(s, world["point"], "CB0204")
        for box in order.boxes:
            box.cell_id, box.status = cell.id, "placed"
        s.get(Order, order.id).storage_until = T0 + timedelta(hours=5)
    [view] = returns.expiring("today")
    assert view.cells == ("B-02-04",) and view.extended is False and view.phone_last4


def test_expiring_bad_day(returns, world):
    assert _code(returns.expiring, "yesterday") == "expiring.bad_day"


# --- the return list ---------------------------------------------------------------------------------


def test_return_list_rules(db, returns, world, clock):
    point = world["point"]
    fresh = _order(db, point, status="ready")
    expired = _ready_until(db, point, T0 + timedelta(hours=1))
    refused = _order(db, point, status="refused")
    cancelled_here = _order(db, point, status="cancelled", boxes=2)
    cancelled_away = _order(db, point, status="cancelled")  # no box ever arrived
    _order(db, point, status="handed_over")
    _order(db, point, status="in_transit")
    _ready_until(db, world["other"], T0 - timedelta(days=1))  # another point's order
    with db.write() as s:
        s.scalars(select(Box).where(Box.barcode == box_barcode(point.code, cancelled_here.number, 1))).one().status = (
            "received"
        )
        s.scalars(select(Box).where(Box.barcode == box_barcode(point.code, cancelled_away.number, 1))).one().status = (
            "expected"
        )
    clock.advance(hours=1)
    listed = {o.order_number: o for o in returns.return_list().orders}
    assert set(listed) == {expired, refused.number, cancelled_here.number}
    assert fresh.number not in listed
    assert (listed[expired].reason, listed[refused.number].reason, listed[cancelled_here.number].reason) == (
        "expired", "refused", "cancelled")
    assert [b.barcode for b in listed[cancelled_here.number].boxes] == [
        box_barcode(point.code, cancelled_here.number, 1)]


def test_ready_order_without_storage_until_expires_by_the_points_storage_days(db, world, clock):
    with db.write() as s:
        s.get(type(world["point"]), world["point"].id).storage_days = 3
        order = make_order(s, world["point"], status="ready")
        stored = s.get(Order, order.id)
        stored.storage_until, stored.ready_at = None, T0
    service = ReturnsService(db, clock)
    clock.advance(days=3, seconds=-1)
    assert service.return_list().orders == ()
    clock.advance(seconds=1)
    assert [o.order_number for o in service.return_list().orders] == [order.number]


# --- return sessions ---------------------------------------------------------------------------------


def test_no_order_is_returned_before_its_storage_period_ends(db, returns, world, clock):
    order = _order(db, world["point"], status="ready")
    barcode = box_barcode(world["point"].code, order.number, 1)
    uid = returns.open_session(world["clerk"])
    clock.now = T0 + timedelta(days=7, seconds=-1)
    with pytest.raises(DomainError) as err:
        returns.scan_box(world["clerk"], uid, barcode)
    assert err.value.code == "return.not_expired" and err.value.params["until"] == "01.12.2026 12:00"
    assert _box(db, barcode).status == "received" and _get(db, order.number).status == "ready"
    assert [t for t, _ in _events(db)] == ["return.opened"]
    clock.now = T0 + timedelta(days=7)
    assert returns.scan_box(world["clerk"], uid, barcode).order_returned


def test_return_session_scans_boxes_out_and_produces_the_act(db, returns, world, clock):
    point = world["point"]
    with db.write() as s:
        order = make_order(s, point, status="ready", boxes=2)
        cell = make_cell(s, point, "CA0103")
        first = s.scalars(select(Box).where(Box.order_id == order.id, Box.seq_no == 1)).one()
        first.cell_id, first.status = cell.id, "placed"
        refused = _refused_here(make_order(s, point, status="refused"))
    b1, b2 = (box_barcode(point.code, order.number, n) for n in (1, 2))
    clock.advance(days=8)
    uid = returns.open_session(world["clerk"])
    one = returns.scan_box(world["clerk"], uid, f" {b1}\r")
    assert (one.outcome, one.reason, one.seq_no, one.boxes_total, one.cell, one.order_returned) == (
        "returned", "expired", 1, 2, "A-01-03", False)
    assert _box(db, b1).status == "returned" and _box(db, b1).cell_id is None
    assert _get(db, order.number).status == "ready"
    repeat = returns.scan_box(world["clerk"], uid, b1)
    assert repeat.outcome == "repeat"
    two = returns.scan_box(world["clerk"], uid, b2)
    assert two.order_returned
    stored = _get(db, order.number)
    assert (stored.status, stored.returned_at) == ("returned", clock.now)
    returns.scan_box(world["clerk"], uid, box_barcode(point.code, refused.number, 1))
    assert _get(db, refused.number).status == "returned"  # refused orders go at once
    clock.advance(minutes=10)
    act = returns.close_session(world["manager"], uid)
    head = act.header
    assert (head.key, head.point.code, act.boxes_count, head.opened_by, head.closed_by) == (
        uid, point.code, 3, "Кассир Клара", "Менеджер Марк")
    assert head.closed_at - head.opened_at == timedelta(minutes=10)
    assert [(line.order_number, line.reason, line.boxes, line.complete) for line in act.orders] == [
        (order.number, "expired", (b1, b2), True),
        (refused.number, "refused", (box_barcode(point.code, refused.number, 1),), True),
    ]
    types = [t for t, _ in _events(db)]
    assert types == ["return.opened", "box.returned", "box.returned", "order.returned", "box.returned",
                     "order.returned", "return.closed"]
    closed = _events(db, "return.closed")[0][1]
    assert closed["session"] == uid and closed["act"]["boxes_count"] == 3
    assert (closed["act"]["session_uid"], closed["act"]["point_code"]) == (uid, point.code)  # the flat JSON shape
    with db.read() as s:
        session = s.scalars(select(ReturnSession).where(ReturnSession.uid == uid)).one()
    assert session.status == "closed" and session.act["orders"][0]["order_number"] == order.number
    assert _code(returns.scan_box, world["clerk"], uid, b1) == "return.session_closed"
    assert _code(returns.close_session, world["clerk"], uid) == "return.session_closed"


def test_act_flags_an_order_with_boxes_left_behind(db, returns, world, clock):
    order = _order(db, world["point"], status="ready", boxes=3)
    clock.advance(days=8)
    uid = returns.open_session(world["clerk"])
    returns.scan_box(world["clerk"], uid, box_barcode(world["point"].code, order.number, 2))
    act = returns.close_session(world["clerk"], uid)
    assert [(line.boxes_total, line.complete) for line in act.orders] == [(3, False)]
    assert _code(returns.extend, world["manager"], order.number, 2) == "storage.return_in_progress"


def test_cancelled_order_returns_when_the_boxes_that_arrived_are_out(db, returns, world):
    point = world["point"]
    with db.write() as s:
        order = make_order(s, point, status="cancelled", boxes=2)
        s.scalars(select(Box).where(Box.order_id == order.id, Box.seq_no == 1)).one().status = "received"
    uid = returns.open_session(world["clerk"])
    assert _code(returns.scan_box, world["clerk"], uid, box_barcode(point.code, order.number, 2)) == (
        "return.box_not_at_point")
    assert returns.scan_box(world["clerk"], uid, box_barcode(point.code, order.number, 1)).order_returned
    assert _get(db, order.number).status == "returned"


def test_bad_scans_change_nothing(db, returns, world, clock):
    point = world["point"]
    handed = _order(db, point, status="handed_over")
    foreign = _order(db, world["other"], status="refused")
    refused = _order(db, point, status="refused")
    other_uid = returns.open_session(world["clerk"])
    returns.scan_box(world["clerk"], other_uid, box_barcode(point.code, refused.number, 1))
    returns.close_session(world["clerk"], other_uid)
    uid = returns.open_session(world["clerk"])
    before = _events(db)
    cases = {
        "B004299999999901": "return.unknown_box",
        box_barcode(world["other"].code, foreign.number, 1): "return.foreign_box",
        box_barcode(point.code, handed.number, 1): "return.not_on_list",
        box_barcode(point.code, refused.number, 1): "return.box_in_other_session",
    }
    for barcode, code in cases.items():
        assert _code(returns.scan_box, world["clerk"], uid, barcode) == code
    assert _code(returns.scan_box, world["clerk"], "no-such-session", "B1") == "return.session_not_found"
    assert _events(db) == before


def test_return_actions_need_a_logged_in_staff_member(db, returns, world):
    uid = returns.open_session(world["clerk"])
    for call in (lambda: returns.open_session(None), lambda: returns.scan_box(None, uid, "B1"),
                 lambda: returns.close_session(None, uid)):
        with pytest.raises(DomainError) as err:
            call()
        assert err.value.code == "auth.not_logged_in"


def test_extending_a_ready_order_without_dates_counts_from_now(db, returns, world, clock):
    with db.write() as s:
        order = make_order(s, world["point"], status="ready")
        stored = s.get(Order, order.id)
        stored.storage_until = stored.ready_at = None
    assert returns.extend(world["manager"], order.number, 2).storage_until == clock.now + timedelta(days=9)
