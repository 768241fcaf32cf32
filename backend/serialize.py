"""Rows → the plain dicts of the API contract (snapshot, change feed and admin import share them)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from backend.models import Box, Cell, Claim, ClubCard, Order, Point, Shipment, Staff


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
    orders = session.scalars(
        select(Order)
        .where(Order.point_id == point.id)
        .order_by(Order.number)
        .options(selectinload(Order.lines), selectinload(Order.boxes).selectinload(Box.shipment))
    ).all()
    code = point.code
    return {
        "point": point_dict(point, money),
        "orders": [order_dict(order, code) for order in orders],
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
