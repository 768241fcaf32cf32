"""Handover checks (documents, boxes, refusals): who may record them, what the journal keeps, the limits of input.

DESIGN: every clerk action is one transaction with a journal entry naming the staff member; an ID document is
recorded by its type and the last 4 digits only; a power of attorney by its number (1 to 64 characters).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import Handover
from desktop.services.handover import ID_DOCUMENT_TYPES, HandoverService, labels
from tests.support.clock import FakeClock
from tests.unit.handover_env import Env, entries, make_env, refused


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


def test_without_a_login_no_check_is_recorded(env: Env) -> None:
    number = env.order()
    uid = env.begin(number, scan=False)
    state = env.svc.state(uid)
    steps = [
        lambda: env.svc.record_id_document(None, uid, "passport_rf", "1234"),
        lambda: env.svc.record_power_of_attorney(None, uid, "77-1"),
        lambda: env.svc.scan_box(None, uid, state.boxes[0].barcode),
        lambda: env.svc.refuse_line(None, uid, state.lines[0].id, 1, "defect"),
    ]
    for step in steps:
        with refused("auth.not_logged_in"):
            step()
    after = env.svc.state(uid)
    assert after.id_document_type is None and after.power_of_attorney is None
    assert not any(b.scanned for b in after.boxes) and after.lines[0].refused_quantity == 0


def test_an_id_document_is_journalled_by_type_only_under_the_clerks_name(env: Env) -> None:
    number = env.order()
    uid = env.begin(number)
    env.svc.record_id_document(env.clerk, uid, "military_id", "5678")
    assert entries(env.db, "handover.id_document") == [
        (env.clerk.staff_id, number, {"handover": uid, "doc_type": "military_id"})]  # never the digits


def test_a_wrong_document_type_lists_every_allowed_type_for_the_clerk(env: Env) -> None:
    uid = env.begin(env.order())
    with refused("handover.bad_document_type") as caught:
        env.svc.record_id_document(env.clerk, uid, "library_card", "1234")
    assert caught.value.params["allowed"].split(", ") == list(labels(ID_DOCUMENT_TYPES).values())
    assert len(ID_DOCUMENT_TYPES) == 6


def test_a_power_of_attorney_is_journalled_with_its_number_under_the_clerks_name(env: Env) -> None:
    number = env.order(kind="legal_entity")
    uid = env.begin(number)
    env.svc.record_power_of_attorney(env.clerk, uid, "  12 / 7 ")
    assert entries(env.db, "handover.power_of_attorney") == [
        (env.clerk.staff_id, number, {"handover": uid, "number": "12 / 7"})]


@pytest.mark.parametrize("number", ["7", "N" * 64])
def test_a_power_of_attorney_number_of_one_to_64_characters_is_taken(env: Env, number: str) -> None:
    uid = env.begin(env.order(kind="legal_entity"))
    assert env.svc.record_power_of_attorney(env.clerk, uid, number).power_of_attorney == number


def test_a_box_of_another_order_names_that_order_after_a_restart_too(env: Env) -> None:
    number, other = env.order(), env.order(boxes=2)
    uid = env.begin(number, scan=False)
    foreign = env.svc.state(env.svc.start(env.clerk, other).uid).boxes[1].barcode
    with refused("handover.box_other_order", box=foreign, other_order=other, order=number):
        HandoverService(env.db, env.clock).scan_box(env.clerk, uid, foreign.lower())


def test_a_refusal_is_journalled_with_the_line_pieces_reason_and_note_and_its_cancellation_too(env: Env) -> None:
    number = env.order(lines=[("Phone", 1, 1_000_000), ("Case", 2, 50_000)], prepaid=False)
    uid = env.begin(number)
    line = env.svc.state(uid).lines[1]
    env.svc.refuse_line(env.clerk, uid, line.id, 2, "other", "  wrong   colour ")
    env.svc.refuse_line(env.clerk, uid, line.id, 0, "")
    common = {"handover": uid, "sku": line.sku, "payment_reset": False, "return_receipt": None}
    assert entries(env.db, "handover.line_refused") == [
        (env.clerk.staff_id, number, common | {"quantity": 2, "reason": "other", "note": "wrong colour"}),
        (env.clerk.staff_id, number, common | {"quantity": 0, "reason": None, "note": None}),
    ]


def test_a_payment_accepted_without_a_receipt_is_taken_again_after_a_refusal(env: Env) -> None:
    number = env.order(lines=[("Phone", 1, 1_000_000), ("Case", 2, 50_000)], prepaid=False)
    uid = env.begin(number)
    with env.db.write() as s:  # accepted by an earlier version, before receipts were printed at the counter
        handover = s.scalars(select(Handover).where(Handover.uid == uid)).one()
        handover.payment = {"method": "card", "due": 1_100_000, "tendered": 1_100_000, "change": 0}
    line = env.svc.state(uid).lines[1]
    state = env.svc.refuse_line(env.clerk, uid, line.id, 1, "defect")
    assert state.payment is None and state.due_kopecks == 1_050_000 and "payment" in state.missing_steps
    assert entries(env.db, "handover.line_refused")[0][2]["payment_reset"] is True


def test_a_line_of_another_order_is_named_with_this_order(env: Env) -> None:
    number, other = env.order(), env.order()
    uid = env.begin(number)
    other_line = env.svc.state(env.svc.start(env.clerk, other).uid).lines[0].id
    with refused("handover.line_not_found", line=other_line, order=number):
        env.svc.refuse_line(env.clerk, uid, other_line, 1, "defect")


def test_a_box_scan_is_journalled_once_with_the_box(env: Env) -> None:
    number = env.order()
    uid = env.begin(number, scan=False)
    barcode = env.svc.state(uid).boxes[0].barcode
    first = env.svc.scan_box(env.clerk, uid, f" {barcode.lower()} ")
    assert (first.barcode, first.repeat) == (barcode, False)  # the clerk is told which box, as printed
    again = env.svc.scan_box(env.clerk, uid, barcode)
    assert (again.barcode, again.repeat) == (barcode, True)
    assert entries(env.db, "handover.box_scanned") == [(env.clerk.staff_id, number, {"handover": uid, "box": barcode})]


def test_pieces_refused_after_the_payment_go_back_on_return_receipts_one_step_at_a_time(env: Env) -> None:
    number = env.order(lines=[("Phone", 1, 1_000_000), ("Case", 3, 50_000)], prepaid=False)
    uid = env.begin(number)
    env.svc.pay(env.clerk, uid, "card", 1_150_000)
    case = env.svc.state(uid).lines[1]
    env.svc.refuse_line(env.clerk, uid, case.id, 1, "defect")
    again = env.svc.refuse_line(env.clerk, uid, case.id, 1, "defect")  # the same refusal pressed again: nothing new
    assert again.payment is not None and again.payment.due_kopecks == 1_100_000
    state = env.svc.refuse_line(env.clerk, uid, case.id, 2, "defect")  # one more piece: one more piece goes back
    assert state.payment is not None and state.payment.due_kopecks == state.due_kopecks == 1_050_000
    assert [t.amount for t in state.payment.tenders] == [1_050_000] and state.missing_steps == ()
    receipts = [d["return_receipt"] for _, _, d in entries(env.db, "handover.line_refused")]
    assert receipts[1] is None and None not in (receipts[0], receipts[2]) and receipts[0] != receipts[2]
    returned = [env.svc.fiscal.receipt(r) for r in (receipts[0], receipts[2])]
    assert [(r.kind, r.total) for r in returned] == [("sellReturn", 50_000), ("sellReturn", 50_000)]
