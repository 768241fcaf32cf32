"""Warranty claims on the server: the shared checks, publishing, pre-filing and the service centre's result.

The event rules (backend/rules/claims.py), the admin routes (backend/claims_api.py) and the CLI
(backend/claims_cli.py) share these. A refused step raises `ClaimProblem` with a machine reason code of the
contract (docs: /work/notes/CLAIMS_CONTRACT.md, protocol/claims.py); each caller turns it into its answer.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from backend import changes
from backend.models import Box, Claim, Order, OrderLine, Point, Shipment
from backend.serialize import claim_dict, load_order, shipment_dict
from protocol.claims import (
    CLAIM_CHANGE,
    DEFAULT_WARRANTY_MONTHS,
    OPEN,
    WARRANTY_ORDER_KIND,
    ClaimStatus,
    ClaimStep,
    next_claim_status,
)
from protocol.errors import DomainError
from protocol.order_states import OrderStatus
from protocol.states import BoxStatus, ShipmentStatus

PURCHASED = (OrderStatus.HANDED_OVER, OrderStatus.PARTIALLY_HANDED_OVER)  # the customer has the goods
CLAIM_UPSERT = "claim.upsert"  # protocol.claims.CLAIM_CHANGE, spelled here for tests/sms/test_change_types.py
assert CLAIM_UPSERT == CLAIM_CHANGE


class ClaimProblem(Exception):
    """A claim step refused: `code` is the contract's reason code; `conflict` when another claim holds the item."""

    def __init__(self, code: str, detail: str, *, conflict: bool = False, not_found: bool = False) -> None:
        super().__init__(f"{code}:{detail}")
        self.code = code
        self.detail = detail
        self.conflict = conflict
        self.not_found = not_found

    @property
    def reason(self) -> str:
        return f"{self.code}:{self.detail}"


def load_claim(session: Session, number: str, *, for_update: bool = False) -> Claim | None:
    stmt = select(Claim).where(Claim.number == number).options(
        joinedload(Claim.order), joinedload(Claim.return_order))
    if for_update:
        stmt = stmt.with_for_update(of=Claim)
    return session.scalars(stmt).first()


def claim_for_return_order(session: Session, order_id: int) -> Claim | None:
    """The claim whose repaired item this (warranty) order brings back."""
    return session.scalars(select(Claim).where(Claim.return_order_id == order_id).with_for_update(of=Claim)).first()


def advance(claim: Claim, step: ClaimStep) -> ClaimStatus:
    """The status after `step` (protocol.claims.next_claim_status); ClaimProblem claim_closed / claim_illegal_step."""
    try:
        return next_claim_status(claim.number, claim.status, step)
    except DomainError as exc:
        raise ClaimProblem(exc.code.replace(".", "_"), claim.number) from None


def publish_claim(session: Session, point: Point, claim: Claim, now: datetime) -> None:
    claim.updated_at = now
    session.flush()
    changes.publish(session, point.id, CLAIM_UPSERT, claim_dict(claim, point.code), now)


def purchased_line(order: Order, sku: str) -> OrderLine:
    """The order line the claim is about; claim_not_purchased when the order was not handed over or has no such line."""
    line = next((ln for ln in order.lines if ln.sku == sku), None)
    if order.status not in PURCHASED or order.handed_over_at is None or line is None:
        raise ClaimProblem("claim_not_purchased", f"{order.number}/{sku}")
    return line


def check_not_claimed(session: Session, number: str, order: Order, sku: str, serial: str | None) -> None:
    """claim_duplicate_item (a conflict) when another open claim holds the same item (its serial, else order + sku)."""
    item = Claim.serial == serial if serial else (Claim.order_id == order.id) & (Claim.sku == sku)
    other = session.scalar(
        select(Claim.number).where(item, Claim.number != number, Claim.status.in_(sorted(OPEN))).limit(1))
    if other is not None:
        raise ClaimProblem("claim_duplicate_item", str(other), conflict=True)


def purchase_date(point: Point, order: Order) -> date:
    """The purchase date: the day of the handover in the point's time zone."""
    assert order.handed_over_at is not None
    return order.handed_over_at.astimezone(point_zone(point)).date()


def point_zone(point: Point) -> ZoneInfo:
    try:
        return ZoneInfo(point.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


# --- pre-filed online (admin route, CLI, demo) ----------------------------------------------------------------


def prefile_claim(session: Session, now: datetime, order_number: str, sku: str, serial: str | None,
                  fault: str) -> Claim:
    """A claim the customer filed online (status filed): its order must be handed over and hold the item."""
    order = load_order(session, order_number, for_update=True)
    if order is None:
        raise ClaimProblem("order_not_found", order_number, not_found=True)
    line = purchased_line(order, sku)
    if serial and line.serial and serial != line.serial:
        raise ClaimProblem("claim_serial_mismatch", f"{order_number}/{sku}")
    serial = serial or line.serial
    check_not_claimed(session, "", order, sku, serial)
    claim = Claim(number=_new_prefiled_number(session), point_id=order.point_id, order=order, sku=sku,
                  product=line.name, serial=serial, prefiled=True, status=ClaimStatus.FILED, fault=fault,
                  checklist=[], condition="", photos=[], repair_kopecks=0, filed_at=now, updated_at=now)
    session.add(claim)
    point = session.get(Point, order.point_id)
    assert point is not None
    publish_claim(session, point, claim, now)
    return claim


def _new_prefiled_number(session: Session) -> str:
    while True:
        number = f"W{secrets.randbelow(10**9):09d}"
        if session.scalar(select(Claim.id).where(Claim.number == number)) is None:
            return number


# --- the service centre's result: the item comes back in a warranty order ------------------------------------


def record_service_result(session: Session, now: datetime, number: str, outcome: str, conclusion: str,
                          repair_kopecks: int) -> Claim:
    """SENT → RETURNING: the service's conclusion, and the return order (kind warranty) in the point's next truck.

    `repair_kopecks` > 0: a paid repair, the return order is unpaid (the counter takes payment at handover).
    """
    claim = load_claim(session, number, for_update=True)
    if claim is None:
        raise ClaimProblem("claim_unknown", number, not_found=True)
    status = advance(claim, ClaimStep.SERVICE_RESULT)
    point = session.get(Point, claim.point_id)
    assert point is not None
    order = _return_order(session, point, claim, repair_kopecks, now)
    claim.status, claim.outcome, claim.conclusion = status, outcome, conclusion
    claim.repair_kopecks, claim.return_order = repair_kopecks, order
    changes.publish_order(session, point, order, now)
    publish_claim(session, point, claim, now)
    return claim


def _return_order(session: Session, point: Point, claim: Claim, repair_kopecks: int, now: datetime) -> Order:
    """The order bringing the item back: its one line (with the serial), one box, in an in-transit shipment."""
    purchase = claim.order
    line = next((ln for ln in purchase.lines if ln.sku == claim.sku), None)
    months = line.warranty_months if line is not None else DEFAULT_WARRANTY_MONTHS
    number = _new_order_number(session)
    order = Order(number=number, point_id=point.id, customer_id=purchase.customer_id, kind=WARRANTY_ORDER_KIND,
                  status=OrderStatus.IN_TRANSIT, total_kopecks=repair_kopecks, prepaid=repair_kopecks == 0,
                  boxes_total=1, created_at=now, lines=[], boxes=[])
    order.lines.append(OrderLine(sku=claim.sku, name=claim.product, quantity=1, price_kopecks=repair_kopecks,
                                 serial=claim.serial, warranty_months=months))
    size = purchase.boxes[0].size_class if purchase.boxes else "M"
    box = Box(barcode=f"B{point.code}{number}01", seq_no=1, size_class=size, weight_grams=1000,
              status=BoxStatus.EXPECTED, shipment=_next_truck(session, point, now))
    order.boxes.append(box)
    session.add(order)
    session.flush()
    session.refresh(order)
    return order


def _next_truck(session: Session, point: Point, now: datetime) -> Shipment:
    """The point's next in-transit truck, or a new shipment due tomorrow (published to the point)."""
    shipment = session.scalars(
        select(Shipment)
        .where(Shipment.point_id == point.id, Shipment.status == ShipmentStatus.IN_TRANSIT, Shipment.expected_at > now)
        .order_by(Shipment.expected_at)
    ).first()
    if shipment is not None:
        return shipment
    taken = set(session.scalars(select(Shipment.number).where(Shipment.number.like(f"R{now:%y%m%d}9%"))))
    number = next(f"R{now:%y%m%d}9{n:02d}" for n in range(100) if f"R{now:%y%m%d}9{n:02d}" not in taken)
    shipment = Shipment(number=number, point_id=point.id, status=ShipmentStatus.IN_TRANSIT,
                        expected_at=now + timedelta(days=1))
    session.add(shipment)
    session.flush()
    changes.publish(session, point.id, "shipment.upsert", shipment_dict(shipment, point.code), now)
    return shipment


def _new_order_number(session: Session) -> str:
    while True:
        number = f"{secrets.randbelow(9 * 10**8) + 10**8:09d}"
        if session.scalar(select(Order.id).where(Order.number == number)) is None:
            return number
