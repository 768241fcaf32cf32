"""Refused lines of a partial handover reach the return list and the return act; open return sessions resume."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop.db.engine import Database
from desktop.db.models import Box, Order, ReturnSession
from desktop.documents.adapters import receipt_from_handover
from desktop.documents.builders import handover_receipt, return_act
from desktop.services.handover import HandoverResult
from desktop.services.returns import ReturnsService
from protocol.errors import DomainError
from tests.support.clock import FakeClock
from tests.unit.handover_env import Env, make_env, outbox

LINES = [("Смартфон", 1, 1_000_050), ("Чехол", 2, 250_000)]


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


@pytest.fixture
def returns(db: Database, clock: FakeClock) -> ReturnsService:
    return ReturnsService(db, clock)


def _partial(env: Env, boxes: int = 2) -> HandoverResult:
    """A prepaid order of `boxes` boxes handed over but for one case refused as «Брак»."""
    number = env.order(lines=LINES, boxes=boxes)
    uid = env.begin(number)
    case = env.svc.state(uid).lines[1]
    env.svc.refuse_line(env.clerk, uid, case.id, 1, "defect", "трещина")
    return env.svc.complete(env.clerk, uid)


def _order(env: Env, number: str) -> Order:
    with env.db.read() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        s.expunge(order)
        return order


def test_refused_lines_of_a_partial_handover_are_on_the_return_list(env: Env, returns: ReturnsService) -> None:
    result = _partial(env)
    listed = {c.order_number: c for c in returns.return_list().orders}
    candidate = listed[result.order_number]
    assert (candidate.reason, candidate.status) == ("partial", "partially_handed_over")
    assert [b.barcode for b in candidate.boxes] == [result.kept_box]  # box 2 left with the customer
    [item] = candidate.items
    assert (item.name, item.quantity, item.reason) == ("Чехол", 1, "defect: трещина")


def test_the_kept_box_is_scanned_into_the_return_act_and_the_order_stays_partial(
    env: Env, returns: ReturnsService
) -> None:
    result = _partial(env, boxes=2)
    assert result.kept_box is not None
    handed = result.kept_box[:-2] + "02"
    uid = returns.open_session(env.clerk)
    with pytest.raises(DomainError) as err:
        returns.scan_box(env.clerk, uid, handed)  # gone with the customer
    assert err.value.code == "return.box_handed_over" and "{" not in str(err.value)
    scan = returns.scan_box(env.clerk, uid, result.kept_box)
    assert (scan.reason, scan.order_returned) == ("partial", False)
    act = returns.close_session(env.clerk, uid)
    [line] = act.orders
    assert (line.order_number, line.reason, line.boxes, line.boxes_total, line.complete) == (
        result.order_number, "partial", (result.kept_box,), 1, True)
    assert [(x.name, x.quantity, x.reason) for x in line.items] == [("Чехол", 1, "defect: трещина")]
    assert _order(env, result.order_number).status == "partially_handed_over"
    assert result.order_number not in {c.order_number for c in returns.return_list().orders}
    types = [t for t, _ in outbox(env.db)]
    assert "order.returned" not in types and types[-2:] == ["box.returned", "return.closed"]
    text = return_act(act).html
    assert "частичный отказ клиента" in text and "Чехол — 1 шт. (Брак или неисправность: трещина)" in text


def test_the_receipt_says_what_stays_at_the_point(env: Env) -> None:
    result = _partial(env)
    assert result.before is not None and result.completed_at is not None and result.point is not None
    receipt = handover_receipt(receipt_from_handover(result.before, result, "Кассир", result.completed_at,
                                                     result.point))
    assert f"Остаётся в пункте: Чехол — 1 шт., отложите в возврат (коробка {result.kept_box})." in receipt.html
    assert "Брак или неисправность: трещина" in receipt.html  # the reason in words, not its code


def test_a_full_handover_keeps_no_box(env: Env, returns: ReturnsService) -> None:
    number = env.order(lines=LINES, boxes=2)
    result = env.svc.complete(env.clerk, env.begin(number))
    assert result.kept_box is None and result.left_at_point == ()
    with env.db.read() as s:
        assert set(s.scalars(select(Box.status).join(Order).where(Order.number == number))) == {"handed_over"}
    assert returns.return_list().orders == ()


# --- interrupted return sessions -----------------------------------------------------------------------


def test_an_open_return_session_resumes_with_its_scan_list_after_a_restart(
    env: Env, db: Database, clock: FakeClock
) -> None:
    first, second = _partial(env), _partial(env)
    before = ReturnsService(db, clock)
    uid = before.open_session(env.clerk)
    before.scan_box(env.clerk, uid, str(first.kept_box))
    # The PC restarts: a new service over the same database file.
    after = ReturnsService(db, clock)
    still_open = after.current_session()
    assert still_open is not None and still_open.uid == uid
    assert [(s.box, s.order_number, s.reason) for s in still_open.scans] == [
        (first.kept_box, first.order_number, "partial")]
    assert after.open_session(env.clerk) == uid  # no second session
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(ReturnSession)) == 1
    after.scan_box(env.clerk, uid, str(second.kept_box))
    act = after.close_session(env.clerk, uid)
    assert {line.order_number for line in act.orders} == {first.order_number, second.order_number}
    assert after.current_session() is None
    assert after.open_session(env.clerk) != uid  # a closed session is never reopened
