"""Row factories for tests: a pickup point with staff, customers, orders with lines and boxes, cells, cards."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from desktop.db.models import (
    Box,
    ClubCard,
    Customer,
    Order,
    OrderLine,
    PickupPoint,
    Shipment,
    Staff,
    StorageCell,
)
from desktop.db.pepper import pepper_code_hash, pepper_for_session, seal_secret_hash
from desktop.services.base import Actor, Role
from protocol.pickup_code import CodeHashParams, salted_code_hash

# Cheap scrypt parameters keep tests fast; production uses the defaults.
TEST_CODE_PARAMS = CodeHashParams(salt=b"test-salt-0001", n=2**8, r=8, p=1)
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
_seq = itertools.count(1)
T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def make_point(s: Session, code: str = "0042", local: bool = True, **kw: object) -> PickupPoint:
    point = PickupPoint(
        code=code,
        name=f"ПВЗ {code}",
        city="Москва",
        address="ул. Тверская, 1",
        is_local=local,
        code_hash_params=TEST_CODE_PARAMS.encode(),
        **kw,
    )
    s.add(point)
    s.flush()
    return point


def make_staff(s: Session, point: PickupPoint, role: Role = Role.CLERK, pin: str = "1234", **kw: object) -> Staff:
    n = next(_seq)
    staff = Staff(
        point_id=point.id,
        login=kw.pop("login", f"user{n}"),  # type: ignore[arg-type]
        full_name=kw.pop("full_name", f"Сотрудник {n}"),  # type: ignore[arg-type]
        role=role.value,
        badge_code=kw.pop("badge_code", f"ST{n:06d}"),  # type: ignore[arg-type]
        pin_hash=seal_secret_hash(pepper_for_session(s), FAST_HASHER.hash(pin)),
        password_hash=seal_secret_hash(pepper_for_session(s), FAST_HASHER.hash("secret-" + pin)),
        **kw,
    )
    s.add(staff)
    s.flush()
    return staff


def actor_for(staff: Staff, shift_id: int | None = None) -> Actor:
    return Actor(staff.id, staff.login, staff.full_name, Role(staff.role), staff.point_id, shift_id)


def make_customer(s: Session, name: str = "Иванов Иван Иванович", phone: str | None = None) -> Customer:
    n = next(_seq)
    phone = phone or f"+7916{n:07d}"
    customer = Customer(full_name=name, phone=phone, phone_last4=phone[-4:], email=f"c{n}@example.ru")
    s.add(customer)
    s.flush()
    return customer


def box_barcode(point_code: str, order_number: str, n: int) -> str:
    return f"B{point_code}{order_number}{n:02d}"


def make_order(
    s: Session,
    point: PickupPoint,
    customer: Customer | None = None,
    *,
    boxes: int = 1,
    lines: list[tuple[str, int, int]] | None = None,  # (name, quantity, price_kopecks)
    status: str = "in_transit",
    kind: str = "retail",
    prepaid: bool = True,
    shipment: Shipment | None = None,
    code: str | None = None,
    number: str | None = None,
    storage_days: int | None = None,
) -> Order:
    """An order with lines and boxes; with `code` it carries that pickup code's hash; status as given."""
    customer = customer or make_customer(s)
    lines = lines or [("Смартфон Galaxy A55 8/256", 1, 3_499_000)]
    number = number or f"5{next(_seq):08d}"
    total = sum(q * p for _, q, p in lines)
    order = Order(
        number=number,
        point_id=point.id,
        customer_id=customer.id,
        kind=kind,
        status=status,
        total_kopecks=total,
        prepaid=prepaid,
        boxes_total=boxes,
        created_at=T0 - timedelta(days=3),
        pickup_code_hash=pepper_code_hash(pepper_for_session(s), salted_code_hash(code, TEST_CODE_PARAMS) if code
                                          else None),
    )
    if status == "ready":
        order.arrived_at = order.ready_at = T0
        order.storage_until = T0 + timedelta(days=storage_days or point.storage_days or 7)
    s.add(order)
    s.flush()
    for i, (name, qty, price) in enumerate(lines, 1):
        s.add(OrderLine(order_id=order.id, sku=f"SKU{order.number}{i}", name=name, quantity=qty, price_kopecks=price))
    box_status = "received" if status in ("ready", "arrived") else "expected"
    for n in range(1, boxes + 1):
        s.add(
            Box(
                barcode=box_barcode(point.code, number, n),
                order_id=order.id,
                shipment_id=shipment.id if shipment else None,
                seq_no=n,
                size_class="M",
                status=box_status,
                received_at=T0 if box_status == "received" else None,
            )
        )
    s.flush()
    return order


def make_shipment(s: Session, point: PickupPoint, number: str | None = None) -> Shipment:
    shipment = Shipment(number=number or f"R{next(_seq):07d}", point_id=point.id, expected_at=T0)
    s.add(shipment)
    s.flush()
    return shipment


def make_cell(s: Session, point: PickupPoint, code: str = "CA0101", size: str = "M", capacity: int = 4) -> StorageCell:
    label = f"{code[1]}-{code[2:4]}-{code[4:6]}"
    cell = StorageCell(point_id=point.id, code=code, label=label, size_class=size, capacity=capacity)
    s.add(cell)
    s.flush()
    return cell


def make_card(s: Session, point: PickupPoint, number: str, activation_code: str) -> ClubCard:
    card = ClubCard(number=number, point_id=point.id, activation_code_hash=FAST_HASHER.hash(activation_code))
    s.add(card)
    s.flush()
    return card
