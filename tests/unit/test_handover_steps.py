"""Handover steps after verification: documents, boxes, refusals, payment, completion and abort."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from desktop import journal
from desktop.db.engine import Database
from desktop.db.models import (
    AuditEntry,
    BonusLedgerEntry,
    Box,
    ClubCard,
    Handover,
    Order,
    OrderLine,
    OutboxEvent,
    Payment,
    PickupPoint,
    SmsMessage,
)
from desktop.services.handover import completion as completion_module
from protocol.events import parse_event
from tests.support.clock import FakeClock
from tests.support.factories import make_customer
from tests.unit.handover_env import Env, count, lock, make_env, order_row, outbox, refused


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


# --- flow order and documents ------------------------------------------------------------------------


def test_steps_before_verification_are_refused(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    state = env.svc.state(uid)
    with refused("handover.not_verified"):
        env.svc.complete(env.clerk, uid)
    with refused("handover.not_verified"):
        env.svc.scan_box(env.clerk, uid, state.boxes[0].barcode)
    with refused("handover.not_verified"):
        env.svc.refuse_line(env.clerk, uid, state.lines[0].id, 1, "defect")
    with refused("handover.not_verified"):
        env.svc.record_id_document(env.clerk, uid, "passport_rf", "1234")
    assert state.missing_steps == ("verify", "boxes")


def test_credit_order_needs_id_document(env: Env) -> None:
    number = env.order(kind="credit", lines=[("Ноутбук", 1, 500_000)])
    uid = env.begin(number)
    assert env.svc.state(uid).needs_id_document
    with refused("handover.id_document_required", order=number):
        env.svc.complete(env.clerk, uid)
    with refused("handover.bad_document_type"):
        env.svc.record_id_document(env.clerk, uid, "photo", "1234")
    for bad in ("12a4", "12345", "123", ""):
        with refused("handover.bad_document_last4"):
            env.svc.record_id_document(env.clerk, uid, "passport_rf", bad)
    state = env.svc.record_id_document(env.clerk, uid, "passport_rf", " 4321 ")
    assert (state.id_document_type, state.id_document_last4) == ("passport_rf", "4321")
    env.svc.confirm_credit_agreement(env.clerk, uid, "KD-000123", signed=True)
    assert env.svc.complete(env.clerk, uid).result == "handed_over"
    _, completed = next(e for e in outbox(env.db) if e[0] == "handover.completed")
    assert completed["id_document_type"] == "passport_rf" and completed["id_document_last4"] == "4321"


def test_orders_above_the_threshold_need_id_document(env: Env) -> None:
    with env.db.write() as s:
        s.get(PickupPoint, env.point_id).id_check_threshold_kopecks = 3_000_000
    expensive = env.order(lines=[("Телевизор", 1, 3_000_001)])
    cheap = env.order(lines=[("Наушники", 1, 3_000_000)])
    uid = env.begin(expensive)
    with refused("handover.id_document_required"):
        env.svc.complete(env.clerk, uid)
    env.svc.record_id_document(env.clerk, uid, "driving_license", "0099")
    assert env.svc.complete(env.clerk, uid).result == "handed_over"
    cheap_uid = env.begin(cheap)
    assert not env.svc.state(cheap_uid).needs_id_document
    assert env.svc.complete(env.clerk, cheap_uid).result == "handed_over"


def test_legal_entity_needs_power_of_attorney(env: Env) -> None:
    number = env.order(kind="legal_entity")
    with env.db.write() as s:
        s.scalars(select(Order).where(Order.number == number)).one().legal_entity_name = "ООО «Ромашка»"
    uid = env.begin(number)
    with refused("handover.power_of_attorney_required", company="ООО «Ромашка»"):
        env.svc.complete(env.clerk, uid)
    with refused("handover.bad_power_of_attorney"):
        env.svc.record_power_of_attorney(env.clerk, uid, "   ")
    with refused("handover.bad_power_of_attorney"):
        env.svc.record_power_of_attorney(env.clerk, uid, "1" * 65)
    env.svc.record_power_of_attorney(env.clerk, uid, " 77-АБ  123 ")
    assert env.svc.complete(env.clerk, uid).result == "handed_over"
    _, completed = next(e for e in outbox(env.db) if e[0] == "handover.completed")
    assert completed["power_of_attorney"] == "77-АБ 123"


# --- boxes -----------------------------------------------------------------------------------------


def test_every_box_must_be_scanned(env: Env) -> None:
    number = env.order(boxes=3)
    uid = env.begin(number, scan=False)
    boxes = env.svc.state(uid).boxes
    env.svc.scan_box(env.clerk, uid, boxes[0].barcode)
    env.svc.scan_box(env.clerk, uid, boxes[2].barcode.lower())
    with refused("handover.boxes_not_scanned", missing=1, total=3, boxes="2 из 3"):
        env.svc.complete(env.clerk, uid)
    assert order_row(env.db, number).status == "ready"
    env.svc.scan_box(env.clerk, uid, boxes[1].barcode)
    assert env.svc.complete(env.clerk, uid).result == "handed_over"
    with env.db.read() as s:
        statuses = set(s.scalars(select(Box.status).where(Box.barcode.in_([b.barcode for b in boxes]))))
    assert statuses == {"handed_over"}


def test_other_orders_box_unknown_box_and_repeat(env: Env) -> None:
    number, other = env.order(boxes=2), env.order()
    uid = env.begin(number, scan=False)
    other_box = f"B0042{other}01"
    with refused("handover.box_other_order", box=other_box, other_order=other, order=number):
        env.svc.scan_box(env.clerk, uid, other_box)
    with refused("handover.box_unknown", box="B004299999999901"):
        env.svc.scan_box(env.clerk, uid, "B004299999999901")
    first = env.svc.state(uid).boxes[0].barcode
    assert not env.svc.scan_box(env.clerk, uid, first).repeat
    again = env.svc.scan_box(env.clerk, uid, first)
    assert again.repeat and [b.scanned for b in again.state.boxes] == [True, False]
    assert count(env.db, AuditEntry, AuditEntry.action == "handover.box_scanned") == 1


# --- refusals and payment --------------------------------------------------------------------------


LINES = [("Смартфон", 1, 1_000_050), ("Чехол", 2, 250_000)]


def test_partial_refusal_due_payment_and_points(env: Env) -> None:
    number = env.order(lines=LINES, prepaid=False, boxes=2)
    uid = env.begin(number)
    _phone, case = env.svc.state(uid).lines
    assert env.svc.state(uid).due_kopecks == 1_500_050
    state = env.svc.refuse_line(env.clerk, uid, case.id, 1, "defect", "трещина на крышке")
    assert state.due_kopecks == 1_250_050
    state = env.svc.pay(env.clerk, uid, "cash", 1_300_000)
    assert state.payment is not None and state.payment.change_kopecks == 49_950
    result = env.svc.complete(env.clerk, uid)

    assert result.result == "partially_handed_over" and result.bonus_points == 12_500
    assert (result.handed_kopecks, result.refused_kopecks, result.refund_by_centre_kopecks) == (1_250_050, 250_000, 0)
    with env.db.read() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        payment = s.scalars(select(Payment)).one()
        bonus = s.scalars(select(BonusLedgerEntry)).one()
        line = s.get(OrderLine, case.id)
        sms = s.scalars(select(SmsMessage)).one()
        boxes = s.execute(select(Box.seq_no, Box.status, Box.cell_id).where(Box.order_id == order.id)).all()
        handover = s.scalars(select(Handover)).one()
    assert order.status == "partially_handed_over" and order.handed_over_at == env.clock()
    assert (payment.method, payment.due_kopecks, payment.tendered_kopecks, payment.change_kopecks) == (
        "cash",
        1_250_050,
        1_300_000,
        49_950,
    )
    assert payment.staff_id == env.clerk.staff_id and payment.handover_id == handover.id
    assert (bonus.reason, bonus.status, bonus.points, bonus.order_id) == ("accrual", "pending", 12_500, order.id)
    assert line.refused_quantity == 1 and line.refusal_reason == "defect: трещина на крышке"
    assert (sms.purpose, sms.status) == ("receipt", "requested")
    # The refused goods stay at the point in the first box (the return box, out of its cell); box 2 leaves.
    assert sorted(boxes) == [(1, "received", None), (2, "handed_over", None)] and handover.status == "completed"
    assert result.kept_box is not None and result.kept_box.endswith("01")
    assert [x.sku for x in result.left_at_point] == [case.sku]
    events = outbox(env.db)
    assert [t for t, _ in events] == ["handover.completed", "bonus.accrual", "sms.requested"]
    completed = parse_event(*events[0])
    assert completed.payload()["payment"] == {
        "due": 1_250_050,
        "tenders": [{"kind": "cash", "amount": 1_250_050, "tendered": 1_300_000, "change": 49_950}],
        "receipt": result.receipt.uuid if result.receipt else None,
    }
    assert result.receipt is not None and result.receipt.kind == "sell"
    assert completed.payload()["lines"][1] == {
        "sku": case.sku,
        "quantity": 2,
        "refused": 1,
        "reason": "defect: трещина на крышке",
    }
    assert completed.payload()["kept_box"] == result.kept_box
    assert events[1][1] == {"order": number, "points": 12_500}
    assert events[2][1]["purpose"] == "receipt" and events[2][1]["order"] == number


def test_card_must_match_the_amount_due(env: Env) -> None:
    number = env.order(lines=LINES, prepaid=False)
    uid = env.begin(number)
    for wrong in (1_500_000, 1_500_100):
        with refused("handover.card_amount_mismatch", due_kopecks=1_500_050, tendered_kopecks=wrong):
            env.svc.pay(env.clerk, uid, "card", wrong)
    with refused("handover.payment_required", due_kopecks=1_500_050):
        env.svc.complete(env.clerk, uid)
    state = env.svc.pay(env.clerk, uid, "card", 1_500_050)
    assert state.payment is not None and state.payment.change_kopecks == 0
    result = env.svc.complete(env.clerk, uid)
    assert result.result == "handed_over" and result.bonus_points == 15_000


def test_cash_must_cover_the_amount_due(env: Env) -> None:
    number = env.order(lines=LINES, prepaid=False)
    uid = env.begin(number)
    with refused("handover.cash_insufficient", due_kopecks=1_500_050, tendered_kopecks=1_500_000):
        env.svc.pay(env.clerk, uid, "cash", 1_500_000)
    state = env.svc.pay(env.clerk, uid, "cash", 2_000_000)
    assert state.payment is not None and state.payment.change_kopecks == 499_950
    with refused("money.paid_already"):  # the sell receipt is printed: the payment is not replaced
        env.svc.pay(env.clerk, uid, "cash", 1_500_050)
    env.svc.complete(env.clerk, uid)
    with env.db.read() as s:
        assert s.scalars(select(Payment.change_kopecks)).one() == 499_950


def test_bad_payment_inputs(env: Env) -> None:
    number = env.order(lines=LINES, prepaid=False)
    uid = env.begin(number)
    with refused("handover.bad_payment_method"):
        env.svc.pay(env.clerk, uid, "bitcoin", 1_500_050)
    for amount in (0, -100):
        with refused("handover.bad_amount"):
            env.svc.pay(env.clerk, uid, "cash", amount)
    assert env.svc.state(uid).payment is None


def test_refusal_before_payment_changes_the_amount_due(env: Env) -> None:
    number = env.order(lines=LINES, prepaid=False)
    uid = env.begin(number)
    state = env.svc.refuse_line(env.clerk, uid, env.svc.state(uid).lines[1].id, 2, "changed_mind")
    assert state.payment is None and "payment" in state.missing_steps
    with refused("handover.payment_required", due_kopecks=1_000_050):
        env.svc.complete(env.clerk, uid)
    env.svc.pay(env.clerk, uid, "card", 1_000_050)
    result = env.svc.complete(env.clerk, uid)
    assert result.result == "partially_handed_over" and result.bonus_points == 10_000


def test_refusal_after_payment_returns_the_refused_lines_on_a_receipt(env: Env) -> None:
    number = env.order(lines=LINES, prepaid=False)
    uid = env.begin(number)
    env.svc.pay(env.clerk, uid, "card", 1_500_050)
    state = env.svc.refuse_line(env.clerk, uid, env.svc.state(uid).lines[1].id, 2, "changed_mind")
    assert state.payment is not None and state.payment.due_kopecks == 1_000_050 and state.missing_steps == ()
    with env.db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "handover.line_refused")).one()
    assert '"return_receipt":' in entry.details and '"payment_reset":false' in entry.details
    result = env.svc.complete(env.clerk, uid)
    assert result.result == "partially_handed_over" and result.bonus_points == 10_000


def test_bad_refusals(env: Env) -> None:
    number, other = env.order(lines=LINES), env.order()
    uid = env.begin(number)
    line = env.svc.state(uid).lines[1]
    with refused("handover.bad_refuse_quantity", max=2):
        env.svc.refuse_line(env.clerk, uid, line.id, 3, "defect")
    with refused("handover.bad_refuse_quantity", max=2):
        env.svc.refuse_line(env.clerk, uid, line.id, -1, "defect")
    with refused("handover.bad_refusal_reason"):
        env.svc.refuse_line(env.clerk, uid, line.id, 1, "too expensive")
    with refused("handover.refusal_note_required"):
        env.svc.refuse_line(env.clerk, uid, line.id, 1, "other", "   ")
    with env.db.read() as s:
        other_line = s.scalars(select(OrderLine.id).join(Order).where(Order.number == other)).first()
    with refused("handover.line_not_found"):
        env.svc.refuse_line(env.clerk, uid, other_line, 1, "defect")
    assert all(x.refused_quantity == 0 for x in env.svc.state(uid).lines)
    state = env.svc.refuse_line(env.clerk, uid, line.id, 1, "other", "цвет не тот")
    assert state.lines[1].refusal_reason == "other: цвет не тот"
    state = env.svc.refuse_line(env.clerk, uid, line.id, 0, "")  # the customer changed their mind again
    assert state.lines[1].refused_quantity == 0 and state.lines[1].refusal_reason is None


def test_full_refusal(env: Env) -> None:
    number = env.order(lines=LINES, prepaid=False, boxes=2)
    uid = env.begin(number)
    for line in env.svc.state(uid).lines:
        env.svc.refuse_line(env.clerk, uid, line.id, line.quantity, "not_as_described")
    state = env.svc.state(uid)
    assert state.due_kopecks == 0 and "payment" not in state.missing_steps
    with refused("handover.nothing_due"):
        env.svc.pay(env.clerk, uid, "cash", 100)
    result = env.svc.complete(env.clerk, uid)
    assert result.result == "refused" and result.bonus_points == 0 and result.payment is None
    assert result.notes
    order = order_row(env.db, number)
    assert order.status == "refused" and order.handed_over_at is None
    with env.db.read() as s:
        assert set(s.scalars(select(Box.status).where(Box.order_id == order.id))) == {"received"}
    assert count(env.db, Payment) == 0 and count(env.db, BonusLedgerEntry) == 0
    types = [t for t, _ in outbox(env.db)]
    assert types == ["handover.completed", "sms.requested"]


def test_prepaid_order_nothing_due_refund_by_centre(env: Env) -> None:
    with env.db.write() as s:
        customer = make_customer(s, "Петров Пётр")
        card = ClubCard(
            number="2000000000008",
            point_id=env.point_id,
            activation_code_hash="x",
            status="active",
            customer_id=customer.id,
        )
        s.add(card)
        s.flush()
        card_id = card.id
    number = env.order(lines=LINES, customer=customer)
    uid = env.begin(number)
    assert env.svc.state(uid).due_kopecks == 0
    with refused("handover.nothing_due"):
        env.svc.pay(env.clerk, uid, "card", 100)
    env.svc.refuse_line(env.clerk, uid, env.svc.state(uid).lines[1].id, 1, "damaged")
    result = env.svc.complete(env.clerk, uid)
    assert result.result == "partially_handed_over" and result.payment is None
    assert result.bonus_points == 12_500  # price of the handed-over lines counts as paid
    assert result.refund_by_centre_kopecks == 250_000 and any("центр" in n for n in result.notes)
    assert count(env.db, Payment) == 0
    with env.db.read() as s:
        assert s.scalars(select(BonusLedgerEntry.card_id)).one() == card_id


# --- abort and atomicity ---------------------------------------------------------------------------


def test_abort_discards_refusals_and_payment(env: Env) -> None:
    number = env.order(lines=LINES, prepaid=False)
    uid = env.begin(number)
    env.svc.refuse_line(env.clerk, uid, env.svc.state(uid).lines[0].id, 1, "defect")
    env.svc.pay(env.clerk, uid, "cash", 600_000)
    env.svc.abort(env.clerk, uid)
    with refused("handover.not_in_progress", status="aborted"):
        env.svc.complete(env.clerk, uid)
    with refused("handover.not_in_progress"):
        env.svc.abort(env.clerk, uid)
    assert order_row(env.db, number).status == "ready"
    with env.db.read() as s:
        assert set(s.scalars(select(OrderLine.refused_quantity).join(Order).where(Order.number == number))) == {0}
    new = env.svc.start(env.clerk, number)
    assert new.uid != uid and new.verified_by is None and new.payment is None
    assert count(env.db, Payment) == 0 and outbox(env.db) == []
    with refused("handover.not_found"):
        env.svc.state("no-such-uid")


def test_exception_inside_complete_leaves_nothing(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    number = env.order(lines=LINES, prepaid=False, boxes=2)
    uid = env.begin(number)
    env.svc.pay(env.clerk, uid, "card", 1_500_050)
    audit_before = count(env.db, AuditEntry)

    def boom(*_: Any) -> str:
        raise RuntimeError("printer on fire")

    monkeypatch.setattr(completion_module, "request_sms", boom)
    with pytest.raises(RuntimeError):
        env.svc.complete(env.clerk, uid)
    assert outbox(env.db) == []
    assert count(env.db, Payment) == 0 and count(env.db, BonusLedgerEntry) == 0 and count(env.db, SmsMessage) == 0
    assert count(env.db, AuditEntry) == audit_before
    assert order_row(env.db, number).status == "ready"
    assert count(env.db, Box, Box.status == "handed_over") == 0
    assert env.svc.state(uid).status == "in_progress"

    monkeypatch.undo()
    assert env.svc.complete(env.clerk, uid).result == "handed_over"
    with env.db.read() as s:
        assert journal.verify(s).ok


def test_every_action_names_the_staff_member(env: Env) -> None:
    number = env.order(lines=LINES, prepaid=False)
    uid = env.begin(number)
    env.svc.pay(env.clerk, uid, "card", 1_500_050)
    env.svc.complete(env.clerk, uid)
    with env.db.read() as s:
        rows = s.execute(select(AuditEntry.staff_id, AuditEntry.subject)).all()
    assert rows and all(row in ((env.clerk.staff_id, number), (env.clerk.staff_id, f"sell:{uid}")) for row in rows)


def test_completed_order_cannot_be_handed_over_again(env: Env) -> None:
    number = env.order()
    uid = env.begin(number)
    env.svc.complete(env.clerk, uid)
    with refused("handover.not_in_progress", status="completed"):
        env.svc.complete(env.clerk, uid)
    with refused("handover.not_ready", status="handed_over"):
        env.svc.start(env.clerk, number)
    assert count(env.db, OutboxEvent, OutboxEvent.type == "handover.completed") == 1


def test_a_locked_orders_handover_can_still_be_abandoned(env: Env) -> None:
    number = env.order()
    uid = lock(env, number)
    env.svc.abort(env.clerk, uid)  # frees the counter screen; the order itself stays locked
    assert env.svc.in_progress() == []
    assert order_row(env.db, number).locked_at is not None
    with refused("handover.order_locked"):
        env.svc.start(env.clerk, number)
