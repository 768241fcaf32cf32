"""Order lookups (number, box scan, phone + name, pickup code, QR token, manager search) and the order card."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import event, select, text, update

from desktop.db.engine import Database
from desktop.db.models import OutboxEvent, PickupPoint, SmsMessage, StorageCell, SyncState
from desktop.services.base import Actor, Role
from desktop.services.handover import HandoverService
from desktop.services.orders import OrderService, mask_phone, orders_by_phone_and_name, verify_pickup_token
from protocol.errors import DomainError
from protocol.qr_token import PickupToken, public_key_to_b64, sign_token
from tests.support.clock import FakeClock
from tests.support.factories import (
    actor_for,
    make_cell,
    make_customer,
    make_order,
    make_point,
    make_staff,
)


@dataclass
class World:
    db: Database
    clock: FakeClock
    svc: OrderService
    clerk: Actor
    key: Ed25519PrivateKey
    ivanov: str  # ready order of Иванов, phone ...4567, code 123456, 2 boxes
    ivanova: str  # ready order of Иванова (same last 4 digits), code 111111
    petrov: str  # in-transit order of Петров Пётр
    foreign: str  # order of another point, code 123456

    def qr(self, number: str, point: str = "0042", hours: int = 1, key: Ed25519PrivateKey | None = None) -> str:
        return sign_token(key or self.key, PickupToken(number, point, self.clock() + timedelta(hours=hours)))


@pytest.fixture
def world(db: Database, clock: FakeClock) -> World:
    key = Ed25519PrivateKey.generate()
    with db.write() as s:
        point = make_point(s, code="0042")
        other = make_point(s, code="0077", local=False)
        clerk = actor_for(make_staff(s, point, Role.CLERK, full_name="Смирнова Анна"))
        ivanov = make_customer(s, "Иванов Иван Иванович", "+79161234567")
        ivanova = make_customer(s, "Иванова Алёна Сергеевна", "+79031114567")
        petrov = make_customer(s, "Петров Пётр", "+79260000001")
        numbers = (
            make_order(s, point, ivanov, status="ready", code="123456", boxes=2, number="500000001").number,
            make_order(s, point, ivanova, status="ready", code="111111", number="500000002").number,
            make_order(s, point, petrov, status="in_transit", number="500000003").number,
            make_order(s, other, ivanov, status="ready", code="123456", number="500000004").number,
        )
        s.add(SyncState(key="server_public_key", value=public_key_to_b64(key.public_key())))
    return World(db, clock, OrderService(db, clock), clerk, key, *numbers)


@contextmanager
def refused(code: str, **params: Any) -> Iterator[None]:
    with pytest.raises(DomainError) as info:
        yield
    assert info.value.code == code, repr(info.value)
    assert all(info.value.params.get(k) == v for k, v in params.items()), repr(info.value)
    assert "{" not in str(info.value) and not str(info.value).startswith("Ошибка:")


def numbers(found: list[Any]) -> list[str]:
    return sorted(o.number for o in found)


# --- lookups ---------------------------------------------------------------------------------------


def test_search_by_number(world: World) -> None:
    [found] = world.svc.search(f" {world.ivanov} ")
    assert (found.number, found.status, found.customer_name) == (world.ivanov, "ready", "Иванов Иван Иванович")
    assert found.masked_phone == "+7 ••• ••• 45 67" and found.boxes_total == 2 and not found.locked
    assert world.svc.search(world.foreign) == []  # another point's order is not ours to hand over
    assert world.svc.search("123456789") == []


def test_a_box_scan_finds_only_this_points_order(world: World) -> None:
    assert numbers(world.svc.search(f"b0042{world.ivanov}02")) == [world.ivanov]
    assert world.svc.search(f"B0077{world.foreign}01") == []
    assert world.svc.search("B004299999999901") == []


def test_by_phone_last4_and_name(world: World) -> None:
    def by_phone_and_name(last4: str, name: str) -> list[Any]:
        with world.db.engine.connect() as conn:
            return orders_by_phone_and_name(conn, last4, name)

    assert numbers(by_phone_and_name("4567", "ИВАНОВ")) == [world.ivanov, world.ivanova]
    assert numbers(by_phone_and_name("4567", "  иванова ")) == [world.ivanova]
    assert numbers(by_phone_and_name("4567", "алена")) == [world.ivanova]  # ё = е
    assert numbers(by_phone_and_name("4567", "Иван Иванович")) == [world.ivanov]
    assert by_phone_and_name("4567", "Петров") == []
    assert by_phone_and_name("0001", "петр") and not by_phone_and_name("9999", "петр")
    for bad in ("456", "45a7", "45678"):
        with refused("orders.bad_phone_last4"):
            by_phone_and_name(bad, "Иванов")
    with refused("orders.name_required"):
        by_phone_and_name("4567", " и ")


def test_start_with_code_looks_only_at_this_points_orders(world: World) -> None:
    """The counter's lookup by pickup code (HandoverService.start_with_code; once OrderService.by_pickup_code)."""
    handover = HandoverService(world.db, world.clock)
    found = handover.start_with_code(world.clerk, "123456")
    assert found.state is not None and found.state.order_number == world.ivanov  # not the other point's order
    found = handover.start_with_code(world.clerk, " 111111 ")
    assert found.state is not None and found.state.order_number == world.ivanova
    assert handover.start_with_code(world.clerk, "000000").candidates == ()
    for bad in ("12345", "12345a", ""):
        with refused("orders.bad_pickup_code"):
            handover.start_with_code(world.clerk, bad)


def test_verify_pickup_token(world: World) -> None:
    def order_of(token_text: str) -> str:
        with world.db.read() as s:
            return verify_pickup_token(s, token_text, world.clock()).order_number

    assert order_of(world.qr(world.ivanov)) == world.ivanov
    with refused("qr.bad_signature"):
        order_of(world.qr(world.ivanov, key=Ed25519PrivateKey.generate()))
    with refused("qr.expired", order=world.ivanov):
        order_of(world.qr(world.ivanov, hours=-2))
    with refused("qr.other_point", point="0077", order=world.foreign):
        order_of(world.qr(world.foreign, point="0077"))
    with refused("qr.malformed"):
        order_of("PD1.abc")
    with world.db.write() as s:
        s.get(SyncState, "server_public_key").value = "not-a-key"
    with refused("qr.no_server_key"):
        order_of(world.qr(world.ivanov))


def test_manager_search(world: World) -> None:
    search = world.svc.search
    assert numbers(search(world.petrov)) == [world.petrov]
    assert numbers(search(f"B0042{world.ivanov}01")) == [world.ivanov]
    for phone in ("+7 (916) 123-45-67", "89161234567", "9161234567"):
        assert numbers(search(phone)) == [world.ivanov]
    assert numbers(search("4567")) == [world.ivanov, world.ivanova]
    assert numbers(search("4567 иванова")) == [world.ivanova]
    assert numbers(search("пётр")) == [world.petrov]
    assert numbers(search("Иванов")) == [world.ivanov, world.ivanova]
    assert search("Сидоров") == []
    with refused("orders.empty_query"):
        search("   ")


def test_mask_phone_hides_all_but_last_four() -> None:
    assert mask_phone("+79161234567") == "+7 ••• ••• 45 67"
    assert "916" not in mask_phone("+79161234567")


def test_lookups_use_indexes(world: World) -> None:
    """No lookup scans orders, boxes, customers, the journal or the outbox."""
    statements: list[tuple[str, Any]] = []

    def remember(_conn: Any, _cursor: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, params))

    event.listen(world.db.engine, "before_cursor_execute", remember)
    try:
        world.svc.search(world.ivanov)
        world.svc.search(f"B0042{world.ivanov}01")
        with world.db.engine.connect() as conn:
            orders_by_phone_and_name(conn, "4567", "иванов")
        HandoverService(world.db, world.clock).start_with_code(world.clerk, "000000")
        with world.db.read() as s:
            verify_pickup_token(s, world.qr(world.ivanov), world.clock())
        world.svc.detail(world.ivanov)
    finally:
        event.remove(world.db.engine, "before_cursor_execute", remember)
    assert len(statements) >= 10
    with world.db.engine.connect() as conn:
        for statement, params in statements:
            plan = " | ".join(row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
            for table in ("orders", "boxes", "customers", "audit_journal", "outbox", "order_lines", "handovers"):
                assert f"SCAN {table}" not in plan, (statement, plan)


# --- the order card ---------------------------------------------------------------------------------


def test_detail_of_a_handed_over_order(world: World) -> None:
    with world.db.write() as s:
        cell = make_cell(s, s.scalars(select(PickupPoint).where(PickupPoint.is_local.is_(True))).one(), "CB0203")
        s.execute(update(StorageCell).where(StorageCell.id == cell.id).values(label="B-02-03"))
    with world.db.write() as s:
        s.execute(
            text("UPDATE boxes SET cell_id = :c, status = 'placed' WHERE barcode = :b"),
            {"c": cell.id, "b": f"B0042{world.ivanov}01"},
        )
    before = world.svc.detail(world.ivanov)
    assert [(b.seq_no, b.boxes_total, b.cell_label) for b in before.boxes] == [(1, 2, "B-02-03"), (2, 2, None)]
    assert before.amount_due_kopecks == 0 and before.timeline == () and before.summary.storage_until is not None

    handovers = HandoverService(world.db, world.clock)
    uid = handovers.start(world.clerk, world.ivanov).uid
    with pytest.raises(DomainError):
        handovers.verify_code(world.clerk, uid, "000000")
    handovers.verify_code(world.clerk, uid, "123456")
    for box in before.boxes:
        world.clock.advance(seconds=5)
        handovers.scan_box(world.clerk, uid, box.barcode)
    world.clock.advance(seconds=5)
    handovers.complete(world.clerk, uid)
    with world.db.write() as s:
        s.execute(update(OutboxEvent).where(OutboxEvent.type == "handover.completed").values(status="applied"))
        s.execute(update(SmsMessage).values(status="delivered"))

    card = world.svc.detail(world.ivanov)
    assert card.summary.status == "handed_over" and card.summary.masked_phone == "+7 ••• ••• 45 67"
    assert [(b.status, b.cell_label) for b in card.boxes] == [("handed_over", None)] * 2
    assert [(x.name, x.quantity) for x in card.lines] == [("Смартфон Galaxy A55 8/256", 1)]
    assert [(m.purpose, m.status) for m in card.sms] == [("receipt", "delivered")]
    assert card.payments == ()  # prepaid
    assert card.code_failed_attempts == 0
    kinds = [(e.source, e.what) for e in card.timeline]
    assert kinds == [
        ("audit", "handover.started"),
        ("audit", "handover.wrong_code"),
        ("audit", "handover.verified"),
        ("audit", "handover.box_scanned"),
        ("audit", "handover.box_scanned"),
        ("audit", "handover.completed"),  # at the same moment: the journal entry, then the events it produced
        ("event", "handover.completed"),
        ("event", "bonus.accrual"),
        ("event", "sms.requested"),
    ]
    assert {e.staff_name for e in card.timeline if e.source == "audit"} == {"Смирнова Анна"}
    assert [e.sync_status for e in card.timeline if e.source == "event"] == ["applied", "pending", "pending"]
    assert card.timeline[5].details["result"] == "handed_over"


def test_detail_of_a_paid_order_with_refusal(world: World) -> None:
    with world.db.write() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.is_local.is_(True))).one()
        number = make_order(
            s,
            point,
            status="ready",
            code="222222",
            prepaid=False,
            lines=[("Планшет", 1, 2_000_000), ("Стилус", 1, 500_000)],
        ).number
    assert world.svc.detail(number).amount_due_kopecks == 2_500_000
    handovers = HandoverService(world.db, world.clock)
    uid = handovers.start(world.clerk, number).uid
    state = handovers.verify_code(world.clerk, uid, "222222")
    handovers.scan_box(world.clerk, uid, state.boxes[0].barcode)
    handovers.refuse_line(world.clerk, uid, state.lines[1].id, 1, "changed_mind")
    assert world.svc.detail(number).amount_due_kopecks == 2_000_000
    handovers.pay(world.clerk, uid, "cash", 2_100_000)
    handovers.complete(world.clerk, uid)
    card = world.svc.detail(number)
    assert [(p.method, p.due_kopecks, p.change_kopecks, p.staff_name) for p in card.payments] == [
        ("cash", 2_000_000, 100_000, "Смирнова Анна")
    ]
    assert [(x.refused_quantity, x.refusal_reason) for x in card.lines] == [(0, None), (1, "changed_mind")]
    assert card.amount_due_kopecks == 0  # paid at the counter: nothing is due any more
    with refused("order.not_found"):
        world.svc.detail("999999999")
