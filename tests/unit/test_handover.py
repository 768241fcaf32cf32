"""Handover workflow: verification, lock after 5 wrong codes, documents, boxes, refusals, payment, completion."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from desktop import journal
from desktop.db.engine import Database
from desktop.db.models import (
    AuditEntry,
    BonusLedgerEntry,
    Box,
    ClubCard,
    Handover,
    ManagerAlert,
    Order,
    OrderLine,
    OutboxEvent,
    Payment,
    PickupPoint,
    SmsMessage,
    SyncState,
)
from desktop.errors import AccessDenied
from desktop.services import handover as handover_module
from desktop.services.base import Actor, Role
from desktop.services.handover import HandoverService
from protocol.errors import DomainError
from protocol.events import parse_event
from protocol.qr_token import PickupToken, public_key_to_b64, sign_token
from tests.support.clock import FakeClock
from tests.support.factories import actor_for, make_customer, make_order, make_point, make_staff

CODE = "123456"
WRONG = "654321"


@dataclass
class Env:
    db: Database
    clock: FakeClock
    point_id: int
    clerk: Actor
    manager: Actor
    svc: HandoverService
    key: Ed25519PrivateKey

    def order(self, **kw: Any) -> str:
        """A ready order of the local point with pickup code CODE."""
        kw.setdefault("code", CODE)
        with self.db.write() as s:
            point = s.get(PickupPoint, self.point_id)
            return make_order(s, point, status="ready", **kw).number

    def begin(self, number: str, *, scan: bool = True) -> str:
        """Start and verify a handover (and scan every box)."""
        uid = self.svc.start(self.clerk, number).uid
        state = self.svc.verify_code(self.clerk, uid, CODE)
        if scan:
            for box in state.boxes:
                self.svc.scan_box(self.clerk, uid, box.barcode)
        return uid

    def qr(self, number: str, point: str = "0042", hours: int = 1, key: Ed25519PrivateKey | None = None) -> str:
        token = PickupToken(number, point, self.clock() + timedelta(hours=hours))
        return sign_token(key or self.key, token)


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    key = Ed25519PrivateKey.generate()
    with db.write() as s:
        point = make_point(s, code="0042", id_check_threshold_kopecks=10_000_000)
        make_point(s, code="0077", local=False)
        clerk = actor_for(make_staff(s, point, Role.CLERK))
        manager = actor_for(make_staff(s, point, Role.MANAGER))
        s.add(SyncState(key="server_public_key", value=public_key_to_b64(key.public_key())))
        point_id = point.id
    return Env(db, clock, point_id, clerk, manager, HandoverService(db, clock), key)


@contextmanager
def refused(code: str, **params: Any) -> Iterator[pytest.ExceptionInfo[DomainError]]:
    """Expect a DomainError with `code` (and params); its Russian text must render completely."""
    with pytest.raises(DomainError) as info:
        yield info
    assert info.value.code == code, repr(info.value)
    for name, value in params.items():
        assert info.value.params.get(name) == value, repr(info.value)
    text = str(info.value)
    assert "{" not in text and not text.startswith("Ошибка:"), text


def count(db: Database, model: Any, *where: Any) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def outbox(db: Database) -> list[tuple[str, dict[str, Any]]]:
    with db.read() as s:
        rows = s.execute(select(OutboxEvent.type, OutboxEvent.payload).order_by(OutboxEvent.device_seq)).all()

    return [(t, json.loads(p)) for t, p in rows]


def order_row(db: Database, number: str) -> Order:
    with db.read() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        s.expunge(order)
        return order


# --- start and resume ------------------------------------------------------------------------------


def test_start_only_ready_orders_of_this_point(env: Env) -> None:
    with env.db.write() as s:
        point = s.get(PickupPoint, env.point_id)
        in_transit = make_order(s, point, status="in_transit").number
        foreign = make_order(
            s, s.scalars(select(PickupPoint).where(PickupPoint.code == "0077")).one(), status="ready"
        ).number
    with refused("handover.not_ready", status="in_transit"):
        env.svc.start(env.clerk, in_transit)
    with refused("order.not_found"):
        env.svc.start(env.clerk, foreign)
    with refused("order.not_found"):
        env.svc.start(env.clerk, "999999999")
    with refused("auth.not_logged_in"):
        env.svc.start(None, env.order())
    assert count(env.db, Handover) == 0


def test_start_twice_resumes_the_same_handover(env: Env) -> None:
    number = env.order()
    first = env.svc.start(env.clerk, number)
    second = env.svc.start(env.manager, number)
    assert first.uid == second.uid and second.status == "in_progress"
    assert count(env.db, Handover) == 1
    with env.db.read() as s:
        actions = s.execute(select(AuditEntry.action, AuditEntry.staff_id).order_by(AuditEntry.id)).all()
    assert actions == [("handover.started", env.clerk.staff_id), ("handover.resumed", env.manager.staff_id)]


def test_handover_survives_restart(env: Env) -> None:
    number = env.order(boxes=2)
    uid = env.svc.start(env.clerk, number).uid
    env.svc.verify_code(env.clerk, uid, CODE)
    env.svc.scan_box(env.clerk, uid, env.svc.state(uid).boxes[0].barcode)
    env.db.dispose()

    reopened = Database(env.db.path)  # the app restarts: new engine, new service
    svc = HandoverService(reopened, env.clock)
    [pending] = svc.in_progress()
    assert pending.uid == uid and pending.verified_by == "code"
    assert [b.scanned for b in pending.boxes] == [True, False]
    assert svc.start(env.clerk, number).uid == uid
    svc.scan_box(env.clerk, uid, pending.boxes[1].barcode)
    assert svc.complete(env.clerk, uid).result == "handed_over"
    reopened.dispose()


# --- pickup code, lock and unlock ------------------------------------------------------------------


def test_wrong_code_is_counted_and_committed(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    with refused("handover.wrong_code", attempts_left=4):
        env.svc.verify_code(env.clerk, uid, WRONG)
    assert order_row(env.db, number).code_failed_attempts == 1
    assert count(env.db, AuditEntry, AuditEntry.action == "handover.wrong_code") == 1
    assert env.svc.state(uid).verified_by is None and env.svc.state(uid).attempts_left == 4
    assert outbox(env.db) == []
    with env.db.read() as s:
        assert journal.verify(s).ok
        assert WRONG not in "".join(s.scalars(select(AuditEntry.details)))  # the code is never written down


def test_malformed_code_is_not_counted(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    for bad in ("12345", "abcdef", "", "1234567"):
        with refused("handover.bad_code_format"):
            env.svc.verify_code(env.clerk, uid, bad)
    assert order_row(env.db, number).code_failed_attempts == 0


def test_right_code_verifies_and_resets_the_counter(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    for _ in range(2):
        with refused("handover.wrong_code"):
            env.svc.verify_code(env.clerk, uid, WRONG)
    state = env.svc.verify_code(env.clerk, uid, f" {CODE} ")
    assert state.verified_by == "code" and state.attempts_left == 5
    assert order_row(env.db, number).code_failed_attempts == 0


def test_five_wrong_codes_lock_the_order_and_alert_the_manager(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    for left in (4, 3, 2, 1):
        with refused("handover.wrong_code", attempts_left=left):
            env.svc.verify_code(env.clerk, uid, WRONG)
    with refused("handover.order_locked", order=number, attempts=5):
        env.svc.verify_code(env.clerk, uid, WRONG)
    order = order_row(env.db, number)
    assert order.locked_at == env.clock() and order.code_failed_attempts == 5
    with env.db.read() as s:
        alert = s.scalars(select(ManagerAlert)).one()
    assert alert.kind == "order_locked" and alert.order_id == order.id and alert.resolved_at is None
    assert outbox(env.db) == [("order.locked", {"order": number, "failed_attempts": 5})]
    # A locked order refuses everything, even the right code, a QR token or a new start.
    with refused("handover.order_locked"):
        env.svc.verify_code(env.clerk, uid, CODE)
    with refused("handover.order_locked"):
        env.svc.verify_qr(env.clerk, uid, env.qr(number))
    with refused("handover.order_locked"):
        env.svc.start(env.clerk, number)
    with refused("handover.order_locked"):
        env.svc.complete(env.clerk, uid)
    assert order_row(env.db, number).code_failed_attempts == 5


def lock(env: Env, number: str) -> str:
    uid = env.svc.start(env.clerk, number).uid
    for _ in range(5):
        with pytest.raises(DomainError):
            env.svc.verify_code(env.clerk, uid, WRONG)
    return uid


def test_clerk_cannot_unlock(env: Env) -> None:
    number = env.order()
    lock(env, number)
    with pytest.raises(AccessDenied) as info:
        env.svc.unlock(env.clerk, number)
    assert info.value.code == "auth.forbidden"
    assert order_row(env.db, number).locked_at is not None
    assert [t for t, _ in outbox(env.db)] == ["order.locked"]


def test_manager_unlocks_and_the_handover_continues(env: Env) -> None:
    number = env.order()
    uid = lock(env, number)
    env.svc.unlock(env.manager, number)
    order = order_row(env.db, number)
    assert order.locked_at is None and order.code_failed_attempts == 0
    with env.db.read() as s:
        alert = s.scalars(select(ManagerAlert)).one()
        unlock_entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "order.unlocked")).one()
    assert alert.resolved_by == env.manager.staff_id and alert.resolved_at == env.clock()
    assert unlock_entry.staff_id == env.manager.staff_id and unlock_entry.subject == number
    assert outbox(env.db)[-1] == ("order.unlocked", {"order": number, "by": env.manager.login})
    assert env.svc.verify_code(env.clerk, uid, CODE).verified_by == "code"
    with refused("handover.not_locked"):
        env.svc.unlock(env.manager, number)


# --- QR token ----------------------------------------------------------------------------------------


def test_valid_qr_token_verifies(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    assert env.svc.verify_qr(env.clerk, uid, env.qr(number)).verified_by == "qr"


def test_bad_qr_tokens_are_refused(env: Env) -> None:
    number, other = env.order(), env.order()
    uid = env.svc.start(env.clerk, number).uid
    with refused("qr.bad_signature"):
        env.svc.verify_qr(env.clerk, uid, env.qr(number, key=Ed25519PrivateKey.generate()))
    with refused("qr.expired", order=number):
        env.svc.verify_qr(env.clerk, uid, env.qr(number, hours=-1))
    with refused("qr.other_point", point="0077"):
        env.svc.verify_qr(env.clerk, uid, env.qr(number, point="0077"))
    with refused("handover.qr_other_order", token_order=other, order=number):
        env.svc.verify_qr(env.clerk, uid, env.qr(other))
    with refused("qr.malformed"):
        env.svc.verify_qr(env.clerk, uid, "PD1.garbage")
    assert env.svc.state(uid).verified_by is None
    assert order_row(env.db, number).code_failed_attempts == 0


def test_qr_without_server_key(env: Env) -> None:
    number = env.order()
    uid = env.svc.start(env.clerk, number).uid
    with env.db.write() as s:
        s.delete(s.get(SyncState, "server_public_key"))
    with refused("qr.no_server_key"):
        env.svc.verify_qr(env.clerk, uid, env.qr(number))


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
        boxes = set(s.scalars(select(Box.status).where(Box.order_id == order.id)))
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
    assert (sms.purpose, sms.status, sms.uid) == ("receipt", "requested", result.receipt_sms)
    assert boxes == {"handed_over"} and handover.status == "completed"
    events = outbox(env.db)
    assert [t for t, _ in events] == ["handover.completed", "bonus.accrual", "sms.requested"]
    completed = parse_event(*events[0])
    assert completed.payload()["payment"] == {
        "method": "cash",
        "due": 1_250_050,
        "tendered": 1_300_000,
        "change": 49_950,
    }
    assert completed.payload()["lines"][1] == {
        "sku": case.sku,
        "quantity": 2,
        "refused": 1,
        "reason": "defect: трещина на крышке",
    }
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
    assert env.svc.pay(env.clerk, uid, "cash", 1_500_050).payment.change_kopecks == 0  # type: ignore[union-attr]
    state = env.svc.pay(env.clerk, uid, "cash", 2_000_000)  # a corrected amount replaces the first
    assert state.payment is not None and state.payment.change_kopecks == 499_950
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


def test_refusal_after_payment_requires_paying_again(env: Env) -> None:
    number = env.order(lines=LINES, prepaid=False)
    uid = env.begin(number)
    env.svc.pay(env.clerk, uid, "card", 1_500_050)
    state = env.svc.refuse_line(env.clerk, uid, env.svc.state(uid).lines[1].id, 2, "changed_mind")
    assert state.payment is None and "payment" in state.missing_steps
    with refused("handover.payment_required", due_kopecks=1_000_050):
        env.svc.complete(env.clerk, uid)
    env.svc.pay(env.clerk, uid, "card", 1_000_050)
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

    monkeypatch.setattr(handover_module, "_request_receipt", boom)
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
    assert rows and all(row == (env.clerk.staff_id, number) for row in rows)


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


def test_one_qr_scan_starts_a_verified_handover(env: Env) -> None:
    number = env.order()
    state = env.svc.start_with_qr(env.clerk, env.qr(number))
    assert state.order_number == number and state.verified_by == "qr" and state.status == "in_progress"
    assert env.svc.start_with_qr(env.clerk, env.qr(number)).uid == state.uid  # a second scan resumes it
    with refused("qr.bad_signature"):
        env.svc.start_with_qr(env.clerk, env.qr(env.order(), key=Ed25519PrivateKey.generate()))
    with env.db.write() as s:
        waiting = make_order(s, s.get(PickupPoint, env.point_id), status="arrived").number
    with refused("handover.not_ready", status="arrived"):
        env.svc.start_with_qr(env.clerk, env.qr(waiting))
    assert count(env.db, Handover) == 1
    assert count(env.db, AuditEntry, AuditEntry.action == "handover.verified") == 1
