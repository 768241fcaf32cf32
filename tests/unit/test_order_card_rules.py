"""The order card, stated as rules: lines and boxes in their order with cells and damage, «n of N» never below the
box's own number, SMS and payments oldest first with who took the money, what is still due after payments (never
below zero), and one timeline of journal entries and outbox events, oldest first (at the same moment the journal
entry first, events by device sequence), details always readable."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from desktop.db.engine import Database
from desktop.db.models import AuditEntry, Box, Order, OrderLine, OutboxEvent, Payment, SmsMessage
from desktop.services.base import Service
from desktop.services.order_card import BoxInfo, LineInfo, PaymentInfo, load_order_detail, order_timeline
from protocol.errors import DomainError
from protocol.events import OrderLocked
from tests.support.clock import FakeClock
from tests.support.factories import T0, actor_for, make_cell, make_order, make_point, make_staff

LINES = [("Ноутбук", 2, 50_000_00), ("Мышь", 1, 1_000_00)]


@pytest.fixture
def card(db: Database) -> dict:
    with db.write() as s:
        point = make_point(s)
        staff = make_staff(s, point, full_name="Смирнова Анна")
        order = make_order(s, point, status="ready", number="500000001", boxes=3, prepaid=False, lines=LINES,
                           kind="legal_entity")
        order.legal_entity_name, order.code_failed_attempts = "ООО Ромашка", 2
        cell = make_cell(s, point, code="CA0102")
        boxes = s.scalars(select(Box).where(Box.order_id == order.id).order_by(Box.seq_no)).all()
        boxes[1].cell_id, boxes[2].damaged, boxes[2].status = cell.id, True, "returned"
        order.boxes_total = 2  # a late third box: shown as «3 of 3», not «3 of 2»
        first_line = s.scalars(select(OrderLine).where(OrderLine.order_id == order.id).order_by(OrderLine.id)).first()
        assert first_line is not None
        first_line.serial, first_line.refused_quantity, first_line.refusal_reason = "SN123", 1, "damaged"
        return {"order_id": order.id, "staff": staff.id, "actor": actor_for(staff)}


def _pay(db: Database, card: dict, due: int, at_minutes: int, method: str = "cash") -> None:
    with db.write() as s:
        s.add(Payment(order_id=card["order_id"], method=method, due_kopecks=due, tendered_kopecks=due + 500,
                      change_kopecks=500, staff_id=card["staff"], paid_at=T0 + timedelta(minutes=at_minutes)))


def test_the_card_shows_lines_boxes_and_the_orders_own_fields(db: Database, card: dict) -> None:
    with db.read() as s:
        detail = load_order_detail(s, "500000001")
    assert detail.number == "500000001" and detail.summary.kind == "legal_entity"
    assert (detail.legal_entity_name, detail.code_failed_attempts) == ("ООО Ромашка", 2)
    assert [(x.sku, x.name, x.quantity, x.price_kopecks, x.serial, x.refused_quantity, x.refusal_reason)
            for x in detail.lines] == [("SKU5000000011", "Ноутбук", 2, 50_000_00, "SN123", 1, "damaged"),
                                       ("SKU5000000012", "Мышь", 1, 1_000_00, None, 0, None)]
    assert all(isinstance(x, LineInfo) and x.id for x in detail.lines)
    assert detail.boxes == (
        BoxInfo("B004250000000101", 1, 2, "received", "M", None, None, False),
        BoxInfo("B004250000000102", 2, 2, "received", "M", "CA0102", "A-01-02", False),
        BoxInfo("B004250000000103", 3, 3, "returned", "M", None, None, True),
    )


def test_what_is_due_is_the_lines_minus_the_payments_and_never_negative(db: Database, card: dict) -> None:
    with db.write() as s:
        s.execute(update(Order).values(prepaid=False))
    with db.read() as s:
        assert load_order_detail(s, "500000001").amount_due_kopecks == 51_000_00  # one laptop refused
    _pay(db, card, 30_000_00, 5, "card")
    _pay(db, card, 1_000_00, 1)
    with db.read() as s:
        detail = load_order_detail(s, "500000001")
    assert detail.amount_due_kopecks == 20_000_00
    assert detail.payments == (PaymentInfo("cash", 1_000_00, 1_005_00, 500, "Смирнова Анна", T0 + timedelta(minutes=1)),
                               PaymentInfo("card", 30_000_00, 30_005_00, 500, "Смирнова Анна",
                                           T0 + timedelta(minutes=5)))
    _pay(db, card, 50_000_00, 9)
    with db.read() as s:
        assert load_order_detail(s, "500000001").amount_due_kopecks == 0  # overpaid: nothing due, not a refund


def test_sms_are_listed_oldest_first(db: Database, card: dict) -> None:
    with db.write() as s:
        for uid, minutes, attempt in (("u-late", 9, 1), ("u-early", 1, 2)):
            s.add(SmsMessage(uid=uid, order_id=card["order_id"], purpose="ready", attempt=attempt, status="requested",
                             requested_at=T0 + timedelta(minutes=minutes), updated_at=T0, timeline=[]))
    with db.read() as s:
        assert [m.uid for m in load_order_detail(s, "500000001").sms] == ["u-early", "u-late"]


def test_an_unknown_order_has_no_card(db: Database, card: dict) -> None:
    with db.read() as s, pytest.raises(DomainError) as info:
        load_order_detail(s, "599999999")
    assert (info.value.code, info.value.params) == ("order.not_found", {"order": "599999999"})


def test_the_timeline_merges_journal_and_events_oldest_first(db: Database, clock: FakeClock, card: dict) -> None:
    service = Service(db, clock)
    with service.action(card["actor"]) as act:
        act.emit(OrderLocked(order="500000001", failed_attempts=5))
        act.emit(OrderLocked(order="500000001", failed_attempts=6))
        act.audit("handover.locked", "500000001", attempts=5)
        act.emit(OrderLocked(order="500000002", failed_attempts=5))  # another order's event
        act.audit("handover.locked", "500000002")
    clock.advance(minutes=-1)
    with service.action(None) as act:
        act.audit("sms.resend", "500000001")
    with db.write() as s:
        s.execute(update(OutboxEvent).where(OutboxEvent.device_seq == 1).values(status="applied"))
    with db.read() as s:
        timeline = order_timeline(s, "500000001")
    assert [(e.source, e.what, e.staff_name, e.sync_status) for e in timeline] == [
        ("audit", "sms.resend", None, None),
        ("audit", "handover.locked", "Смирнова Анна", None),
        ("event", "order.locked", None, "applied"),
        ("event", "order.locked", None, "pending"),
    ]
    assert [e.at for e in timeline] == [clock(), *[clock() + timedelta(minutes=1)] * 3]
    assert [e.details for e in timeline] == [{}, {"attempts": 5}, {"order": "500000001", "failed_attempts": 5},
                                             {"order": "500000001", "failed_attempts": 6}]


@pytest.mark.parametrize(("stored", "shown"), [("not json", {}), ("[1]", {"value": [1]})])
def test_timeline_details_are_always_readable(db, clock, card, stored, shown) -> None:
    with Service(db, clock).action(None) as act:
        act.audit("sms.resend", "500000001")
    with db.write() as s:
        s.execute(update(AuditEntry).values(details=stored))
    with db.read() as s:
        assert [e.details for e in order_timeline(s, "500000001")] == [shown]


def test_boxes_come_in_their_sequence_whatever_order_they_were_stored_in(db: Database) -> None:
    with db.write() as s:
        order = make_order(s, make_point(s), number="500000009", boxes=0)
        for seq in (2, 1):
            s.add(Box(barcode=f"B004250000000{seq}", order_id=order.id, seq_no=seq, size_class="M", status="received"))
    with db.read() as s:
        assert [b.seq_no for b in load_order_detail(s, "500000009").boxes] == [1, 2]
