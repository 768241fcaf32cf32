"""Rows → the plain dicts of the API contract (snapshot, change feed and admin import share them)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from backend.models import Box, Cell, Claim, ClubCard, Customer, Order, OrderLine, Point, Shipment, Staff


def iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def parse_iso(text: Any) -> datetime | None:
    """ISO 8601 text → aware UTC datetime (naive text is taken as UTC); None stays None."""
    if text is None or text == "":
        return None
    if not isinstance(text, str):
        raise ValueError(f"not an ISO 8601 datetime: {text!r}")
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def point_dict(point: Point, money: dict[str, Any]) -> dict[str, Any]:
    """The point as `point.upsert` carries it; `money`: the retailer's settings (backend.money.money_settings)."""
    return {
        "code": point.code,
        "name": point.name,
        "city": point.city,
        "address": point.address,
        "hours": point.hours,
        "timezone": point.timezone,
        "storage_days": point.storage_days,
        "id_check_threshold_kopecks": point.id_check_threshold_kopecks,
        "code_hash_params": point.code_hash_params,
        "money": dict(money),
    }


def order_dict(order: Order, point_code: str) -> dict[str, Any]:
    customer = order.customer
    return {
        "number": order.number,
        "point_code": point_code,
        "kind": order.kind,
        "status": order.status,
        "total_kopecks": order.total_kopecks,
        "prepaid": order.prepaid,
        "boxes_total": order.boxes_total,
        "legal_entity_name": order.legal_entity_name,
        "created_at": iso(order.created_at),
        "storage_until": iso(order.storage_until),
        "pickup_code_hash": order.pickup_code_hash,
        "arrived_at": iso(order.arrived_at),
        "ready_at": iso(order.ready_at),
        "handed_over_at": iso(order.handed_over_at),
        "customer": {
            "external_id": customer.external_id,
            "full_name": customer.full_name,
            "phone": customer.phone,
            "email": customer.email,
        },
        "lines": [
            {"sku": ln.sku, "name": ln.name, "quantity": ln.quantity, "price_kopecks": ln.price_kopecks,
             "serial": ln.serial, "warranty_months": ln.warranty_months}
            for ln in order.lines
        ],
        "boxes": [box_dict(box) for box in order.boxes],
    }


def box_dict(box: Box) -> dict[str, Any]:
    return {
        "barcode": box.barcode,
        "seq_no": box.seq_no,
        "size_class": box.size_class,
        "weight_grams": box.weight_grams,
        "shipment": box.shipment.number if box.shipment is not None else None,
        "status": box.status,
        "cell": box.cell_code,
    }


def claim_dict(claim: Claim, point_code: str) -> dict[str, Any]:
    """A warranty claim as the `claim.upsert` change carries it (the counter has the order's customer)."""
    return_order = claim.return_order
    return {
        "number": claim.number,
        "point_code": point_code,
        "status": claim.status,
        "order": claim.order.number,
        "sku": claim.sku,
        "serial": claim.serial,
        "product": claim.product,
        "prefiled": claim.prefiled,
        "fault": claim.fault,
        "cover": claim.cover,
        "checklist": list(claim.checklist or []),
        "condition": claim.condition,
        "label": claim.label,
        "filed_at": iso(claim.filed_at),
        "accepted_at": iso(claim.accepted_at),
        "outcome": claim.outcome,
        "conclusion": claim.conclusion,
        "return_order": return_order.number if return_order is not None else None,
        "updated_at": iso(claim.updated_at),
    }


def shipment_dict(shipment: Shipment, point_code: str) -> dict[str, Any]:
    return {
        "number": shipment.number,
        "point_code": point_code,
        "status": shipment.status,
        "expected_at": iso(shipment.expected_at),
        "carrier": shipment.carrier,
    }


def cell_dict(cell: Cell) -> dict[str, Any]:
    return {"code": cell.code, "label": cell.label, "size_class": cell.size_class, "capacity": cell.capacity,
            "active": cell.active, "overflow": cell.overflow}


def card_dict(card: ClubCard, point_code: str) -> dict[str, Any]:
    return {"number": card.number, "point_code": point_code, "activation_code_hash": card.activation_code_hash,
            "status": card.status}


def staff_dict(staff: Staff) -> dict[str, Any]:
    return {
        "login": staff.login,
        "full_name": staff.full_name,
        "role": staff.role,
        "badge_code": staff.badge_code,
        "pin_hash": staff.pin_hash,
        "password_hash": staff.password_hash,
        "active": staff.active,
    }


def load_order(session: Session, number: str, *, for_update: bool = False) -> Order | None:
    stmt = (
        select(Order)
        .where(Order.number == number)
        .options(selectinload(Order.lines), selectinload(Order.boxes).selectinload(Box.shipment))
    )
    if for_update:
        stmt = stmt.with_for_update(of=Order)
    return session.scalars(stmt).first()


def snapshot(session: Session, point: Point, money: dict[str, Any]) -> dict[str, Any]:
    """The point's full state (orders with customers, lines and boxes; shipments; cells; cards; staff; claims)."""
    code = point.code
    return {
        "point": point_dict(point, money),
        "orders": snapshot_orders(session, point.id, code),
        "shipments": [shipment_dict(s, code) for s in _all(session, Shipment, point.id, Shipment.number)],
        "cells": [cell_dict(c) for c in _all(session, Cell, point.id, Cell.code)],
        "cards": [card_dict(c, code) for c in _all(session, ClubCard, point.id, ClubCard.number)],
        "staff": [staff_dict(s) for s in _all(session, Staff, point.id, Staff.login)],
        "claims": [claim_dict(c, code) for c in session.scalars(
            select(Claim).where(Claim.point_id == point.id).order_by(Claim.number)
            .options(joinedload(Claim.order), joinedload(Claim.return_order)))],
    }


def _all(session: Session, model: Any, point_id: int, order_by: Any) -> list[Any]:
    return list(session.scalars(select(model).where(model.point_id == point_id).order_by(order_by)))


_ORDER_COLUMNS = (Order.number, Order.kind, Order.status, Order.total_kopecks, Order.prepaid, Order.boxes_total,
                  Order.legal_entity_name, Order.created_at, Order.storage_until, Order.pickup_code_hash,
                  Order.arrived_at, Order.ready_at, Order.handed_over_at)
_DATES = frozenset({"created_at", "storage_until", "arrived_at", "ready_at", "handed_over_at"})


def snapshot_orders(session: Session, point_id: int, point_code: str) -> list[dict[str, Any]]:
    """The point's orders as `order_dict` gives them, read with one plain query per table (no ORM objects:
    building them was most of a new PC's wait for its snapshot)."""
    lines: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in session.execute(
        select(OrderLine.order_id, OrderLine.sku, OrderLine.name, OrderLine.quantity, OrderLine.price_kopecks,
               OrderLine.serial, OrderLine.warranty_months)
        .join(Order, Order.id == OrderLine.order_id).where(Order.point_id == point_id).order_by(OrderLine.id)
    ):
        lines[row.order_id].append({"sku": row.sku, "name": row.name, "quantity": row.quantity,
                                    "price_kopecks": row.price_kopecks, "serial": row.serial,
                                    "warranty_months": row.warranty_months})
    boxes: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    for box in session.execute(
        select(Box.order_id, Box.barcode, Box.seq_no, Box.size_class, Box.weight_grams, Shipment.number,
               Box.status, Box.cell_code)
        .join(Order, Order.id == Box.order_id).outerjoin(Shipment, Shipment.id == Box.shipment_id)
        .where(Order.point_id == point_id).order_by(Box.order_id, Box.seq_no, Box.id)
    ):
        boxes[box.order_id].append({"barcode": box.barcode, "seq_no": box.seq_no, "size_class": box.size_class,
                                    "weight_grams": box.weight_grams, "shipment": box.number,
                                    "status": box.status, "cell": box.cell_code})
    return [_order_row_dict(row, point_code, lines[row.id], boxes[row.id]) for row in session.execute(
        select(Order.id, *_ORDER_COLUMNS, Customer.external_id, Customer.full_name, Customer.phone, Customer.email)
        .join(Customer, Customer.id == Order.customer_id).where(Order.point_id == point_id).order_by(Order.number)
    )]


def _order_row_dict(row: Any, point_code: str, lines: list[dict[str, Any]], boxes: list[dict[str, Any]]
                    ) -> dict[str, Any]:
    out: dict[str, Any] = {"number": row.number, "point_code": point_code}
    for column in _ORDER_COLUMNS[1:]:
        value = getattr(row, column.key)
        out[column.key] = iso(value) if column.key in _DATES else value
    out["customer"] = {"external_id": row.external_id, "full_name": row.full_name, "phone": row.phone,
                       "email": row.email}
    out["lines"], out["boxes"] = lines, boxes
    return out
