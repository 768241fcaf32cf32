"""Admin import: the retailer's order system feeding a point (upserts in the snapshot's dict shapes)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from backend import changes
from backend.claims import publish_claim
from backend.models import Box, Cell, Claim, ClubCard, Customer, Order, OrderLine, Point, Shipment, Staff
from backend.money import money_settings
from backend.money_import import import_money
from backend.serialize import (
    card_dict,
    cell_dict,
    order_dict,
    parse_iso,
    point_dict,
    shipment_dict,
    staff_dict,
)
from protocol.claims import DEFAULT_WARRANTY_MONTHS, ClaimStatus
from protocol.order_states import OrderStatus
from protocol.phone import BadPhoneError, canonical_phone, mask_for_log
from protocol.pickup_code import CodeHashParams
from protocol.states import BoxStatus, CardStatus, ShipmentStatus

CENTRAL_STATUSES = (OrderStatus.CREATED, OrderStatus.IN_TRANSIT)  # statuses the order system may still set on re-import
POINT_FIELDS = ("name", "city", "address", "hours", "timezone", "storage_days", "id_check_threshold_kopecks",
                "ready_sms_grace_minutes")


class ImportError_(ValueError):
    """The import document is malformed (a missing field, an unknown point)."""


def import_feed(session: Session, data: dict[str, Any], code_hash_n: int, now: datetime) -> dict[str, int]:
    """Upsert the point and everything listed; one change per upserted row. Returns counts."""
    try:
        point = upsert_point(session, data["point"], code_hash_n, now)
        counts = {"shipments": _upsert_each(session, point, data, "shipments", upsert_shipment, now),
                  "cells": _upsert_each(session, point, data, "cells", upsert_cell, now),
                  "orders": upsert_orders(session, point, list(data.get("orders") or []), now),
                  "cards": _upsert_each(session, point, data, "cards", upsert_card, now),
                  "staff": _upsert_each(session, point, data, "staff", upsert_staff, now),
                  "claims": _upsert_each(session, point, data, "claims", upsert_claim, now),
                  **import_money(session, point, data, now)}
    except (KeyError, TypeError, ValueError) as exc:
        raise ImportError_(f"{type(exc).__name__}: {exc}") from None
    return counts


def new_code_hash_params(n: int) -> str:
    return CodeHashParams(salt=secrets.token_bytes(16), n=n).encode()


def _upsert_each(session: Session, point: Point, data: dict[str, Any], key: str,
                 upsert: Callable[[Session, Point, dict[str, Any], datetime], object], now: datetime) -> int:
    """Upsert every item of the feed's list `key`; how many there were."""
    items = list(data.get(key) or [])
    for item in items:
        upsert(session, point, item, now)
    return len(items)


def upsert_point(session: Session, item: dict[str, Any], code_hash_n: int, now: datetime) -> Point:
    point = session.scalars(select(Point).where(Point.code == str(item["code"]))).first()
    if point is None:
        point = Point(
            code=str(item["code"]),
            name=str(item["name"]),
            city=str(item["city"]),
            address=str(item["address"]),
            code_hash_params=_initial_code_params(item.get("code_hash_params"), code_hash_n),
        )
        session.add(point)
    for name in POINT_FIELDS:
        if item.get(name) is not None:
            setattr(point, name, item[name])
    session.flush()
    session.refresh(point)
    changes.publish(session, point.id, "point.upsert", point_dict(point, money_settings(session)), now)
    return point


def _initial_code_params(given: Any, code_hash_n: int) -> str:
    """A new point keeps the salt its feed brings (hashes already issued under it stay valid);
    otherwise it gets a fresh random salt. An existing point's salt never changes."""
    if isinstance(given, str) and given:
        CodeHashParams.decode(given)  # ValueError for a malformed value
        return given
    return new_code_hash_params(code_hash_n)


def _check_point(point: Point, item: dict[str, Any]) -> None:
    if item.get("point_code") not in (None, point.code):
        raise ValueError(f"{item.get('number')}: belongs to point {item.get('point_code')}, not {point.code}")


def upsert_shipment(session: Session, point: Point, item: dict[str, Any], now: datetime) -> Shipment:
    _check_point(point, item)
    shipment = session.scalars(select(Shipment).where(Shipment.number == str(item["number"]))).first()
    if shipment is None:
        shipment = Shipment(number=str(item["number"]), point_id=point.id)
        session.add(shipment)
    shipment.point_id = point.id
    shipment.status = item.get("status") or ShipmentStatus.IN_TRANSIT
    shipment.expected_at = parse_iso(item.get("expected_at"))
    shipment.carrier = item.get("carrier")
    session.flush()
    changes.publish(session, point.id, "shipment.upsert", shipment_dict(shipment, point.code), now)
    return shipment


def upsert_cell(session: Session, point: Point, item: dict[str, Any], now: datetime) -> Cell:
    cell = session.scalars(select(Cell).where(Cell.point_id == point.id, Cell.code == str(item["code"]))).first()
    if cell is None:
        cell = Cell(point_id=point.id, code=str(item["code"]))
        session.add(cell)
    cell.label = str(item["label"])
    cell.size_class = str(item["size_class"])
    cell.capacity = int(item.get("capacity", 4))
    cell.active = bool(item.get("active", True))
    cell.overflow = bool(item.get("overflow", False))
    session.flush()
    changes.publish(session, point.id, "cell.upsert", cell_dict(cell), now)
    return cell


class _OrderImport:
    """Upserts a list of orders with few queries: customers, orders, boxes and shipments are preloaded."""

    def __init__(self, session: Session, point: Point, items: list[dict[str, Any]]) -> None:
        self.session = session
        self.point = point
        self.items = items
        numbers = [str(item["number"]) for item in items]
        external = [str(item["customer"]["external_id"]) for item in items if item["customer"].get("external_id")]
        barcodes = [str(box["barcode"]) for item in items for box in item.get("boxes") or []]
        self.orders = {o.number: o for o in self._in(Order, Order.number, numbers)}
        self.customers = {c.external_id: c for c in self._in(Customer, Customer.external_id, external)}
        self.boxes = {b.barcode: b for b in self._in(Box, Box.barcode, barcodes)}
        self.shipments = {sh.number: sh.id for sh in session.scalars(select(Shipment))}

    def _in(self, model: Any, column: Any, values: list[str]) -> list[Any]:
        found: list[Any] = []
        for i in range(0, len(values), 500):
            found += self.session.scalars(select(model).where(column.in_(values[i : i + 500])))
        return found

    def run(self, now: datetime) -> list[str]:
        with self.session.no_autoflush:
            for item in self.items:
                _check_point(self.point, item)
                self._order(item, now)
        self.session.flush()
        return [str(item["number"]) for item in self.items]

    def _customer(self, item: dict[str, Any]) -> Customer:
        external_id = str(item["external_id"]) if item.get("external_id") else None
        customer = self.customers.get(external_id) if external_id else None
        if customer is None:
            customer = Customer(external_id=external_id)
            self.session.add(customer)
            if external_id:
                self.customers[external_id] = customer
        customer.full_name = str(item["full_name"])
        customer.phone = _phone(item)
        customer.email = item.get("email")
        return customer

    def _order(self, item: dict[str, Any], now: datetime) -> None:
        number = str(item["number"])
        order = self.orders.get(number)
        if order is None:
            order = Order(number=number, status=item.get("status") or OrderStatus.CREATED, lines=[], boxes=[])
            self.session.add(order)
            self.orders[number] = order
        elif item.get("status") and order.status in CENTRAL_STATUSES:
            order.status = str(item["status"])  # once at the point, the points' events own the status
        order.customer = self._customer(item["customer"])
        _set_order_fields(order, self.point, item, now)
        order.lines = [_line(line) for line in item.get("lines") or []]
        for box_item in item.get("boxes") or []:
            self._box(order, box_item)

    def _box(self, order: Order, item: dict[str, Any]) -> None:
        barcode = str(item["barcode"])
        box = self.boxes.get(barcode)
        if box is None:
            box = Box(barcode=barcode, status=str(item.get("status") or BoxStatus.EXPECTED), cell_code=item.get("cell"))
            self.session.add(box)
            self.boxes[barcode] = box
        box.order = order
        box.seq_no = int(item.get("seq_no", 1))
        box.size_class = str(item.get("size_class") or "M")
        box.weight_grams = int(item.get("weight_grams") or 1000)
        shipment = item.get("shipment")
        if shipment and str(shipment) not in self.shipments:
            raise ValueError(f"box {barcode}: unknown shipment {shipment}")
        box.shipment_id = self.shipments[str(shipment)] if shipment else None


def _phone(customer: dict[str, Any]) -> str:
    """The customer's phone in E.164; a malformed one rejects the feed (ValueError → 422) with a masked reason."""
    raw = str(customer["phone"])
    try:
        return canonical_phone(raw)
    except BadPhoneError as exc:
        who = customer.get("external_id") or customer.get("full_name")
        raise ValueError(f"customer {who}: bad phone {mask_for_log(raw)} ({exc})") from None


def upsert_orders(session: Session, point: Point, items: list[dict[str, Any]], now: datetime) -> int:
    """Upsert orders (with customers, lines and boxes) and publish one `order.upsert` each."""
    numbers = _OrderImport(session, point, items).run(now)
    session.expire_all()
    for i in range(0, len(numbers), 500):
        for order in session.scalars(
            select(Order)
            .where(Order.number.in_(numbers[i : i + 500]))
            .order_by(Order.number)
            .options(selectinload(Order.lines), selectinload(Order.boxes).selectinload(Box.shipment))
        ):
            changes.publish(session, point.id, "order.upsert", order_dict(order, point.code), now)
    return len(numbers)


def _set_order_fields(order: Order, point: Point, item: dict[str, Any], now: datetime) -> None:
    order.point_id = point.id
    order.kind = item.get("kind") or "retail"
    order.total_kopecks = int(item["total_kopecks"])
    order.prepaid = bool(item.get("prepaid", True))
    order.boxes_total = int(item.get("boxes_total") or len(item.get("boxes") or []) or 1)
    order.legal_entity_name = item.get("legal_entity_name")
    order.created_at = parse_iso(item.get("created_at")) or now
    if item.get("storage_until"):
        order.storage_until = parse_iso(item["storage_until"])
    for name in ("arrived_at", "ready_at", "handed_over_at"):
        if item.get(name):
            setattr(order, name, parse_iso(item[name]))
    if item.get("pickup_code_hash"):
        order.pickup_code_hash = str(item["pickup_code_hash"])


def _line(line: dict[str, Any]) -> OrderLine:
    return OrderLine(sku=str(line["sku"]), name=str(line["name"]), quantity=int(line["quantity"]),
                     price_kopecks=int(line["price_kopecks"]), serial=line.get("serial"),
                     warranty_months=int(line.get("warranty_months") or DEFAULT_WARRANTY_MONTHS))


def upsert_claim(session: Session, point: Point, item: dict[str, Any], now: datetime) -> Claim:
    """A claim of the retailer's system (pre-filed online, or one the demo sets up), in the `claim.upsert` shape."""
    _check_point(point, item)
    status = ClaimStatus(str(item["status"]))
    order = _point_order(session, point, str(item["order"]))
    line = next((ln for ln in order.lines if ln.sku == str(item["sku"])), None)
    if line is None:
        raise ValueError(f"claim {item['number']}: order {order.number} has no line {item['sku']}")
    claim = session.scalars(select(Claim).where(Claim.number == str(item["number"]))).first()
    if claim is None:
        claim = Claim(number=str(item["number"]), point_id=point.id, filed_at=parse_iso(item.get("filed_at")) or now,
                      updated_at=now)
        session.add(claim)
    claim.order, claim.sku, claim.product, claim.status = order, line.sku, line.name, status
    claim.serial, claim.prefiled = item.get("serial") or line.serial, bool(item.get("prefiled", True))
    claim.fault, claim.cover = str(item.get("fault") or ""), _text(item, "cover")
    claim.checklist = [str(key) for key in item.get("checklist") or []]
    claim.condition = str(item.get("condition") or "")
    claim.label, claim.accepted_at = _text(item, "label"), parse_iso(item.get("accepted_at"))
    claim.outcome, claim.conclusion = _text(item, "outcome"), _text(item, "conclusion")
    claim.photos, claim.repair_kopecks = [], int(item.get("repair_kopecks") or 0)
    if status not in (ClaimStatus.FILED, ClaimStatus.ACCEPTED) and claim.dispatched_at is None:
        claim.dispatched_at = claim.accepted_at or now  # it went to service before the import
    with session.no_autoflush:
        back = _point_order(session, point, str(item["return_order"])) if item.get("return_order") else None
    claim.return_order = back
    publish_claim(session, point, claim, now)
    return claim


def _text(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    return None if value is None else str(value)


def _point_order(session: Session, point: Point, number: str) -> Order:
    order = session.scalars(select(Order).where(Order.number == number, Order.point_id == point.id)).first()
    if order is None:
        raise ValueError(f"unknown order {number} of point {point.code}")
    return order


def upsert_card(session: Session, point: Point, item: dict[str, Any], now: datetime) -> ClubCard:
    number = str(item["number"])
    card = session.scalars(select(ClubCard).where(ClubCard.number == number)).first()
    if card is None:
        card = ClubCard(number=number, point_id=point.id, status=item.get("status") or CardStatus.STOCK)
        session.add(card)
    card.point_id = point.id
    card.activation_code_hash = str(item["activation_code_hash"])
    session.flush()
    changes.publish(session, point.id, "card.upsert", card_dict(card, point.code), now)
    return card


def upsert_staff(session: Session, point: Point, item: dict[str, Any], now: datetime) -> Staff:
    login = str(item["login"])
    staff = session.scalars(select(Staff).where(Staff.point_id == point.id, Staff.login == login)).first()
    if staff is None:
        staff = Staff(point_id=point.id, login=login)
        session.add(staff)
    staff.full_name = str(item["full_name"])
    staff.role = str(item["role"])
    staff.badge_code = item.get("badge_code")
    staff.pin_hash = item.get("pin_hash")
    staff.password_hash = item.get("password_hash")
    staff.active = bool(item.get("active", True))
    session.flush()
    changes.publish(session, point.id, "staff.upsert", staff_dict(staff), now)
    return staff
