"""What a completed or abandoned handover leaves behind: the journal entry, the boxes, the event and the notes.

DESIGN: completion is one transaction — order status, boxes (those at the point leave with the customer; a
partial handover keeps its first box at the point, out of its cell, for the refused goods; a full refusal leaves
every box on the shelf), the completed event, payments, points and the receipt SMS — journalled with the result,
the points, what was paid, what the centre refunds, the kept box and the receipt. An abort gives a printed
payment back on a return receipt, journalled with it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import AuditEntry, Box, Handover, Order, PickupPoint, SmsMessage
from desktop.services.handover import completion
from tests.support.clock import FakeClock
from tests.support.factories import make_cell
from tests.unit.handover_env import Env, make_env, outbox, refused

TWO = [("Phone", 1, 1_000_000), ("Case", 2, 50_000)]


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


def _entry(db: Database, action: str) -> tuple[int | None, str, dict[str, Any]]:
    with db.read() as s:
        e = s.scalars(select(AuditEntry).where(AuditEntry.action == action)).one()
        return e.staff_id, e.subject, json.loads(e.details)


def _boxes(db: Database, number: str) -> list[tuple[int, str, int | None]]:
    with db.read() as s:
        return [tuple(r) for r in s.execute(select(Box.seq_no, Box.status, Box.cell_id).join(Order)
                                              .where(Order.number == number).order_by(Box.seq_no))]


def _shelve(env: Env, number: str) -> int:
    """Put every box of the order in a cell, as receiving does; returns the cell's id."""
    with env.db.write() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        cell = make_cell(s, s.get(PickupPoint, order.point_id), code=f"C{number[-5:]}")
        for box in order.boxes:
            box.status, box.cell_id = "placed", cell.id
        return cell.id


def test_a_paid_handover_is_journalled_with_result_points_payment_and_receipt(env: Env) -> None:
    number = env.order(lines=TWO, prepaid=False, boxes=2)
    uid = env.begin(number)
    env.svc.pay(env.clerk, uid, "card", 1_100_000)
    result = env.svc.complete(env.clerk, uid)
    assert result.receipt is not None and result.completed_at == env.clock()
    assert _entry(env.db, "handover.completed") == (env.clerk.staff_id, number, {
        "handover": uid, "result": "handed_over", "points": 11_000, "paid": 1_100_000, "refund_by_centre": 0,
        "kept_box": None, "receipt": result.receipt.uuid, "credit_agreement": None})
    assert result.notes == ()


def test_a_full_handover_sends_every_box_off_its_cell(env: Env) -> None:
    number = env.order(boxes=2)
    _shelve(env, number)
    uid = env.begin(number)
    env.svc.complete(env.clerk, uid)
    assert _boxes(env.db, number) == [(1, "handed_over", None), (2, "handed_over", None)]


def test_a_prepaid_partial_handover_keeps_the_first_box_and_the_centre_refunds(env: Env) -> None:
    number = env.order(lines=TWO, prepaid=True, boxes=3)
    _shelve(env, number)
    uid = env.begin(number)
    case = env.svc.state(uid).lines[1]
    env.svc.refuse_line(env.clerk, uid, case.id, 2, "defect")
    result = env.svc.complete(env.clerk, uid)
    assert _boxes(env.db, number) == [(1, "received", None), (2, "handed_over", None), (3, "handed_over", None)]
    details = _entry(env.db, "handover.completed")[2]
    assert (details["result"], details["kept_box"], details["refund_by_centre"], details["paid"]) == (
        "partially_handed_over", result.kept_box, 100_000, 0)
    assert result.kept_box is not None and len(result.notes) == 1 and "1" in result.notes[0]
    assert result.receipt is not None and result.receipt.total == 1_000_000  # the settlement: goods taken only
    assert result.receipt.ref == f"settle:{uid}"
    completed = dict(outbox(env.db))["handover.completed"]
    assert (completed["verified_by"], completed["kept_box"], completed["payment"]) == ("code", result.kept_box, None)


def test_a_full_refusal_leaves_the_boxes_in_their_cells_and_says_so(env: Env) -> None:
    number = env.order(lines=TWO, prepaid=True, boxes=2)
    cell = _shelve(env, number)
    uid = env.begin(number)
    for line in env.svc.state(uid).lines:
        env.svc.refuse_line(env.clerk, uid, line.id, line.quantity, "changed_mind")
    result = env.svc.complete(env.clerk, uid)
    assert result.result == "refused" and result.kept_box is None and result.left_at_point == ()
    assert result.receipt is None  # nothing taken: no settlement receipt
    assert _boxes(env.db, number) == [(1, "placed", cell), (2, "placed", cell)]
    assert len(result.notes) == 2  # the boxes stay for the return; the centre refunds the prepaid money
    with env.db.read() as s:
        assert s.scalars(select(Order.handed_over_at).where(Order.number == number)).one() is None


def test_an_abort_of_a_printed_payment_is_journalled_with_its_return_receipt(env: Env) -> None:
    number = env.order(lines=TWO, prepaid=False)
    uid = env.begin(number)
    env.svc.pay(env.clerk, uid, "card", 1_100_000)
    env.svc.abort(env.clerk, uid)
    staff, subject, details = _entry(env.db, "handover.aborted")
    assert (staff, subject, details["handover"]) == (env.clerk.staff_id, number, uid)
    returned = env.svc.fiscal.receipt(details["return_receipt"])
    assert (returned.kind, returned.total, returned.ref) == ("sellReturn", 1_100_000, f"return:{uid}:abort")
    assert env.svc.state(uid).status == "aborted"


def test_an_abort_without_a_payment_prints_nothing(env: Env) -> None:
    number = env.order()
    uid = env.begin(number)
    env.svc.abort(env.clerk, uid)
    assert _entry(env.db, "handover.aborted") == (env.clerk.staff_id, number, {"handover": uid,
                                                                             "return_receipt": None})


def test_a_prepaid_orders_settlement_receipt_is_issued_under_its_handovers_ref(env: Env) -> None:
    """`settle:{uid}`: a retry after a crash finds the same receipt and prints nothing twice."""
    number = env.order(lines=TWO, prepaid=True)
    uid = env.begin(number)
    result = env.svc.complete(env.clerk, uid)
    assert result.receipt is not None and result.receipt.ref == f"settle:{uid}"
    assert env.svc.fiscal.find(f"settle:{uid}") == result.receipt


def test_an_abort_that_another_screen_closed_while_the_register_printed_is_refused_naming_the_order(
        env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    number = env.order(lines=TWO, prepaid=False)
    uid = env.begin(number)
    env.svc.pay(env.clerk, uid, "card", 1_100_000)
    printing = completion.issue_return

    def closed_meanwhile(*args: Any, **kw: Any) -> Any:
        receipt = printing(*args, **kw)
        with env.db.write() as s:
            s.scalars(select(Handover).where(Handover.uid == uid)).one().status = "aborted"
        return receipt

    monkeypatch.setattr(completion, "issue_return", closed_meanwhile)
    with refused("handover.not_in_progress", order=number, status="aborted"):
        env.svc.abort(env.clerk, uid)


def test_a_full_refusal_after_a_printed_payment_completes_with_nothing_paid(env: Env) -> None:
    """Every piece went back on return receipts: the completed event and the journal carry no payment."""
    number = env.order(lines=TWO, prepaid=False)
    uid = env.begin(number)
    env.svc.pay(env.clerk, uid, "card", 1_100_000)
    for line in env.svc.state(uid).lines:
        env.svc.refuse_line(env.clerk, uid, line.id, line.quantity, "changed_mind")
    result = env.svc.complete(env.clerk, uid)
    assert (result.result, result.payment) == ("refused", None)
    completed = dict(outbox(env.db))["handover.completed"]
    assert (completed["result"], completed["payment"]) == ("refused", None)
    assert _entry(env.db, "handover.completed")[2]["paid"] == 0


def test_a_single_kopeck_due_is_paid_and_recorded(env: Env) -> None:
    number = env.order(lines=[("Sticker", 1, 1)], prepaid=False)
    uid = env.begin(number)
    env.svc.pay(env.clerk, uid, "card", 1)
    result = env.svc.complete(env.clerk, uid)
    assert result.payment is not None and result.payment.due_kopecks == 1
    assert dict(outbox(env.db))["handover.completed"]["payment"]["due"] == 1


def test_the_receipt_sms_is_requested_for_the_receipt_not_as_a_clerks_resend(env: Env) -> None:
    """The first timeline entry names why the SMS went: the daily resend limit counts only a clerk's resends."""
    number = env.order(lines=TWO, prepaid=True)
    uid = env.begin(number)
    env.svc.complete(env.clerk, uid)
    with env.db.read() as s:
        sms = s.scalars(select(SmsMessage).where(SmsMessage.purpose == "receipt")).one()
        assert (sms.attempt, sms.requested_by, sms.timeline[0]["reason"]) == (1, env.clerk.staff_id, "receipt")
