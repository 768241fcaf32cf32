"""Admin import: the retailer's order system feeding a point (upserts in the snapshot's dict shapes)."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import changes
from backend.models import Box, Cell, ClubCard, Customer, Order, OrderLine, Point, Shipment, Staff
from backend.serialize import (
    card_dict,
    cell_dict,
    load_order,
    order_dict,
    parse_iso,
    point_dict,
    shipment_dict,
    staff_dict,
)
from desktop.domain.pickup_code import CodeHashParams

POINT_FIELDS = ("name", "city", "address", "hours", "timezone", "storage_days", "id_check_threshold_kopecks")


class ImportError_(ValueError):
    """The import document is malformed (a missing field, an unknown point)."""


def import_feed(session: Session, data: dict[str, Any], code_hash_n: int, now: datetime) -> dict[str, int]:
    """Upsert the point and everything listed; one change per upserted row. Returns counts."""
    try:
        point = upsert_point(session, data["point"], code_hash_n, now)
        counts = {"orders": 0, "shipments": 0, "cells": 0, "cards": 0, "staff": 0}
        for item in data.get("shipments") or []:
            upsert_shipment(session, point, item, now)
            counts["shipments"] += 1
        for item in data.get("cells") or []:
            upsert_cell(session, point, item, now)
            counts["cells"] += 1
        for item in data.get("orders") or []:
            upsert_order(session, point, item, now)
            counts["orders"] += 1
        for item in data.get("cards") or []:
            upsert_card(session, point, item, now)
            counts["cards"] += 1
        for item in data.get("staff") or []:
            upsert_staff(session, point, item, now)
            counts["staff"] += 1
    except (KeyError, TypeError, ValueError) as exc:
        raise ImportError_(f"{type(exc).__name__}: {exc}") from None
    return counts


def new_code_hash_params(n: int) -> str:
    return CodeHashParams(salt=secrets.token_bytes(16), n=n).encode()


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
    changes.publish(session, point.id, "point.upsert", point_dict(point), now)
    return point


def _initial_code_params(given: Any, code_hash_n: int) -> str:
    """A new point keeps the salt its feed brings (hashes already issued under it stay valid);
    otherwise it gets a fresh random salt. An existing point's salt never changes."""
    if isinstance(given, str) and given:
        CodeHashParams.decode(given)  # ValueError for a malformed value
        return given
    return new_code_hash_params(code_hash_n)


def point_by_code(session: Session, code: str) -> Point:
    point = session.scalars(select(Point).where(Point.code == code)).first()
    if point is None:
        raise ValueError(f"unknown point {code}")
    return point


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
    shipment.status = item.get("status") or "in_transit"
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
    session.flush()
    changes.publish(session, point.id, "cell.upsert", cell_dict(cell), now)
    return cell


def _customer(session: Session, item: dict[str, Any]) -> Customer:
    external_id = item.get("external_id")
    customer = None
    if external_id:
        customer = session.scalars(select(Customer).where(Customer.external_id == str(external_id))).first()
    if customer is None:
        customer = Customer(external_id=str(external_id) if external_id else None)
        session.add(customer)
    customer.full_name = str(item["full_name"])
    customer.phone = str(item["phone"])
    customer.email = item.get("email")
    session.flush()
    return customer


def upsert_order(session: Session, point: Point, item: dict[str, Any], now: datetime) -> Order:
    _check_point(point, item)
    number = str(item["number"])
    customer = _customer(session, item["customer"])
    order = load_order(session, number)
    with session.no_autoflush:
        if order is None:
            order = Order(number=number, point_id=point.id, status=item.get("status") or "created")
            session.add(order)
        elif item.get("status"):
            order.status = str(item["status"])
        _set_order_fields(order, point, customer, item, now)
    session.flush()
    _replace_lines(session, order, item.get("lines") or [])
    _upsert_boxes(session, order, item.get("boxes") or [])
    session.flush()
    session.expire(order)
    order = load_order(session, number)
    assert order is not None
    changes.publish(session, point.id, "order.upsert", order_dict(order, point.code), now)
    return order


def _set_order_fields(order: Order, point: Point, customer: Customer, item: dict[str, Any], now: datetime) -> None:
    order.point_id = point.id
    order.customer_id = customer.id
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


def _replace_lines(session: Session, order: Order, lines: list[dict[str, Any]]) -> None:
    order.lines.clear()
    session.flush()
    for line in lines:
        order.lines.append(
            OrderLine(
                sku=str(line["sku"]),
                name=str(line["name"]),
                quantity=int(line["quantity"]),
                price_kopecks=int(line["price_kopecks"]),
                serial=line.get("serial"),
            )
        )


def _upsert_boxes(session: Session, order: Order, boxes: list[dict[str, Any]]) -> None:
    for item in boxes:
        box = session.scalars(select(Box).where(Box.barcode == str(item["barcode"]))).first()
        if box is None:
            box = Box(barcode=str(item["barcode"]), order_id=order.id, status="expected")
            session.add(box)
        box.order_id = order.id
        if item.get("status"):
            box.status = str(item["status"])
        box.seq_no = int(item.get("seq_no", 1))
        box.size_class = str(item.get("size_class") or "M")
        box.weight_grams = int(item.get("weight_grams") or 1000)
        shipment_number = item.get("shipment")
        box.shipment_id = None
        if shipment_number:
            shipment = session.scalars(select(Shipment).where(Shipment.number == str(shipment_number))).first()
            if shipment is None:
                raise ValueError(f"box {box.barcode}: unknown shipment {shipment_number}")
            box.shipment_id = shipment.id


def upsert_card(session: Session, point: Point, item: dict[str, Any], now: datetime) -> ClubCard:
    number = str(item["number"])
    card = session.scalars(select(ClubCard).where(ClubCard.number == number)).first()
    if card is None:
        card = ClubCard(number=number, point_id=point.id, status=item.get("status") or "stock")
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
