"""Upsert server-owned data (the backend's snapshot and change-feed shapes) into the local cache.

Used by the sync engine for `*.upsert` changes and snapshots, and by the demo loader. Local workflow
state (box received/placed, handover progress) is never overwritten by an older server view while
this PC still has unsynced events about the same order.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, func, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from desktop.db.claim_models import Claim
from desktop.db.models import (
    Box,
    ClubCard,
    Customer,
    Order,
    OrderLine,
    OutboxEvent,
    PickupPoint,
    ReceivingSession,
    SessionStatus,
    Shipment,
    Staff,
    StorageCell,
)
from desktop.db.pepper import pepper_code_hash, pepper_for_session, seal_secret_hash, store_tag_key
from protocol.claims import DEFAULT_WARRANTY_MONTHS
from protocol.events import ReceivingClosed
from protocol.phone import canonical_phone
from protocol.states import BoxStatus, CardStatus, OutboxStatus, ShipmentStatus

Data = dict[str, Any]
T = TypeVar("T")


def parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def upsert_point(s: Session, data: Data, local: bool = True) -> PickupPoint:
    point = _find_or_add(s, PickupPoint, PickupPoint.code == data["code"], lambda: PickupPoint(code=data["code"]))
    for key in ("name", "city", "address", "hours", "timezone", "storage_days", "id_check_threshold_kopecks",
                "code_hash_params"):
        if key in data:
            setattr(point, key, data[key])
    if isinstance(data.get("money"), dict):
        point.money = dict(data["money"])  # the retailer's money settings (points share, credit accrual)
    point.is_local = local
    s.flush()
    return point


def _point_id(s: Session, code: str) -> int:
    """Point id by code, remembered for the rest of the session (snapshots ask once per order)."""
    known: dict[str, int] = s.info.setdefault("cache_import.point_ids", {})
    if code not in known:
        point_id = s.scalar(select(PickupPoint.id).where(PickupPoint.code == code))
        if point_id is None:
            raise ValueError(f"unknown pickup point {code}")
        known[code] = point_id
    return known[code]


def _find_or_add(s: Session, model: type[T], where: ColumnElement[bool], new: Callable[[], T]) -> T:
    """The `model` row `where` finds, or `new()` added to the session: an upsert's first step."""
    found = s.scalars(select(model).where(where)).first()
    if found is None:
        found = new()
        s.add(found)
    return found


def _ids_by_key(s: Session, key: InstrumentedAttribute[str], ident: InstrumentedAttribute[int]) -> dict[str, int]:
    """Row ids by business key (shipment number, cell code), loaded once per session; upserts keep it current."""
    name = f"cache_import.{key}"
    if name not in s.info:
        s.info[name] = {k: i for k, i in s.execute(select(key, ident)).all()}
    known: dict[str, int] = s.info[name]
    return known


def _shipment_ids(s: Session) -> dict[str, int]:
    """Shipment ids by number."""
    return _ids_by_key(s, Shipment.number, Shipment.id)


def upsert_customer(s: Session, data: Data) -> Customer:
    phone = canonical_phone(data["phone"])  # the server sends E.164; an older feed may not
    query = select(Customer)
    if data.get("external_id"):
        query = query.where(Customer.external_id == data["external_id"])
    else:
        query = query.where(Customer.phone == phone)
    customer = s.scalars(query).first()
    if customer is None:
        customer = Customer(external_id=data.get("external_id"))
        s.add(customer)
    customer.full_name = data["full_name"]
    customer.phone = phone
    customer.phone_last4 = phone[-4:]
    customer.email = data.get("email")
    s.flush()
    return customer


# Written to match the expression index ix_outbox_order exactly, so SQLite uses it.
_PENDING_FOR_ORDER = text(
    "SELECT 1 FROM outbox WHERE json_extract(payload, '$.order') = :order AND status = 'pending' LIMIT 1"
)


def has_pending_events(s: Session, order_number: str) -> bool:
    """Does this PC still hold unsynced events about the order (then its local state is newer)?"""
    return s.execute(_PENDING_FOR_ORDER, {"order": order_number}).first() is not None


def _receiving_here(s: Session, shipment: Shipment) -> bool:
    """Is this PC the one receiving the truck: a session of it open here, or its close not sent yet? Then its own
    status (receiving, or received at the close) is newer than the server's; otherwise the server's is the truth
    (received once its receiving is closed or every box is in, receiving again after an undone scan)."""
    open_here = select(ReceivingSession.id).where(
        ReceivingSession.shipment_id == shipment.id, ReceivingSession.status == SessionStatus.OPEN)
    closing = select(OutboxEvent.id).where(
        OutboxEvent.type == ReceivingClosed.TYPE, OutboxEvent.status == OutboxStatus.PENDING,
        func.json_extract(OutboxEvent.payload, "$.summary.shipment") == shipment.number)
    return s.execute(open_here.union_all(closing).limit(1)).first() is not None


def upsert_shipment(s: Session, data: Data) -> Shipment:
    shipment = _find_or_add(
        s, Shipment, Shipment.number == data["number"],
        lambda: Shipment(number=data["number"], point_id=_point_id(s, data["point_code"])),
    )
    if shipment.id is None or not _receiving_here(s, shipment):
        shipment.status = data.get("status", shipment.status or ShipmentStatus.IN_TRANSIT)
    shipment.expected_at = parse_time(data.get("expected_at"))
    shipment.carrier = data.get("carrier")
    s.flush()
    _shipment_ids(s)[shipment.number] = shipment.id
    return shipment


def upsert_order(s: Session, data: Data) -> Order:
    """Create or refresh an order with its customer, lines and boxes."""
    customer = upsert_customer(s, data["customer"])
    order = s.scalars(select(Order).where(Order.number == data["number"])).first()
    is_new = order is None
    local_is_newer = order is not None and has_pending_events(s, order.number)
    point_id = _point_id(s, data["point_code"])
    if order is None:
        order = Order(number=data["number"], created_at=parse_time(data["created_at"]), point_id=point_id)
        s.add(order)
    order.point_id = point_id
    order.customer_id = customer.id
    for key in ("kind", "total_kopecks", "prepaid", "boxes_total", "legal_entity_name"):
        setattr(order, key, data[key])
    if data.get("pickup_code_hash"):
        order.pickup_code_hash = pepper_code_hash(pepper_for_session(s), data["pickup_code_hash"])
    if not local_is_newer:
        order.status = data["status"]
        order.storage_until = parse_time(data.get("storage_until"))
        for key in ("arrived_at", "ready_at", "handed_over_at"):
            if data.get(key):
                setattr(order, key, parse_time(data[key]))
    s.flush()
    _upsert_lines(s, order, data["lines"], is_new)
    _upsert_boxes(s, order, data["boxes"], local_is_newer, is_new)
    return order


def _upsert_lines(s: Session, order: Order, lines: list[Data], is_new: bool) -> None:
    existing = {} if is_new else {
        line.sku: line for line in s.scalars(select(OrderLine).where(OrderLine.order_id == order.id))}
    for item in lines:
        line = existing.get(item["sku"])
        if line is None:
            line = OrderLine(order_id=order.id, sku=item["sku"])
            s.add(line)
        line.name, line.quantity, line.price_kopecks = item["name"], item["quantity"], item["price_kopecks"]
        line.serial = item.get("serial")
        line.warranty_months = int(item.get("warranty_months") or DEFAULT_WARRANTY_MONTHS)
    s.flush()


def _upsert_boxes(s: Session, order: Order, boxes: list[Data], keep_local_state: bool, is_new: bool) -> None:
    existing = {} if is_new else {box.barcode: box for box in s.scalars(select(Box).where(Box.order_id == order.id))}
    shipments = _shipment_ids(s)
    for item in boxes:
        box = existing.get(item["barcode"])
        if box is None:
            box = Box(barcode=item["barcode"], order_id=order.id)
            s.add(box)
        box.seq_no = item["seq_no"]
        box.size_class = item.get("size_class", "M")
        box.weight_grams = item.get("weight_grams", 1000)
        box.shipment_id = shipments.get(item.get("shipment") or "")
        if is_new or not keep_local_state:  # the server's view of box state, unless this PC knows newer
            box.status = item.get("status") or box.status or BoxStatus.EXPECTED
            if "cell" in item:
                box.cell_id = _cell_ids(s).get(item["cell"] or "")
    s.flush()


def _cell_ids(s: Session) -> dict[str, int]:
    """Storage cell ids by code."""
    return _ids_by_key(s, StorageCell.code, StorageCell.id)


def upsert_cell(s: Session, data: Data, point_id: int) -> StorageCell:
    code = data["code"]
    cell = _find_or_add(s, StorageCell, StorageCell.code == code, lambda: StorageCell(code=code, point_id=point_id))
    cell.label, cell.size_class = data["label"], data["size_class"]
    cell.capacity, cell.active = data.get("capacity", 4), data.get("active", True)
    cell.overflow = bool(data.get("overflow", False))
    s.flush()
    _cell_ids(s)[cell.code] = cell.id
    return cell


def upsert_card(s: Session, data: Data) -> ClubCard:
    card = _find_or_add(
        s, ClubCard, ClubCard.number == data["number"],
        lambda: ClubCard(number=data["number"], point_id=_point_id(s, data["point_code"])),
    )
    card.activation_code_hash = data["activation_code_hash"]
    if card.status == CardStatus.STOCK:
        card.status = data.get("status", CardStatus.STOCK)
    s.flush()
    return card


def upsert_staff(s: Session, data: Data, point_id: int) -> Staff:
    staff = _find_or_add(s, Staff, Staff.login == data["login"], lambda: Staff(login=data["login"], point_id=point_id))
    for key in ("full_name", "role", "badge_code"):
        setattr(staff, key, data.get(key))
    pepper = pepper_for_session(s)  # PIN and password hashes are kept sealed under this PC's pepper
    staff.pin_hash = seal_secret_hash(pepper, data.get("pin_hash"))
    staff.password_hash = seal_secret_hash(pepper, data.get("password_hash"))
    staff.active = data.get("active", True)
    s.flush()
    return staff


_PENDING_FOR_CLAIM = text(
    "SELECT 1 FROM outbox WHERE status = 'pending' AND json_extract(payload, '$.claim') = :claim LIMIT 1"
)
_CLAIM_SERVICE = ("outcome", "conclusion", "return_order")  # only the server knows these


def upsert_claim(s: Session, data: Data) -> Claim:
    """A claim from the feed (`claim.upsert`); the intake and status this PC has not pushed yet are kept."""
    claim = _find_or_add(
        s, Claim, Claim.number == data["number"],
        lambda: Claim(number=data["number"], point_id=_point_id(s, data["point_code"]),
                      filed_at=parse_time(data["filed_at"])),
    )
    local_is_newer = claim.id is not None and s.execute(_PENDING_FOR_CLAIM, {"claim": claim.number}).first() is not None
    for key in _CLAIM_SERVICE:
        setattr(claim, key, data.get(key))
    claim.order_number, claim.sku, claim.product = data["order"], data["sku"], data.get("product") or data["sku"]
    claim.updated_at = datetime.fromisoformat(data.get("updated_at") or data["filed_at"])
    if not local_is_newer:
        _claim_intake(claim, data)
    s.flush()
    return claim


def _claim_intake(claim: Claim, data: Data) -> None:
    """The status and what the intake recorded, as the server has them."""
    claim.status, claim.prefiled, claim.fault = data["status"], bool(data.get("prefiled")), data.get("fault") or ""
    claim.serial, claim.cover, claim.label = data.get("serial"), data.get("cover"), data.get("label")
    claim.checklist, claim.condition = list(data.get("checklist") or []), data.get("condition") or ""
    claim.accepted_at = parse_time(data.get("accepted_at"))


def load_snapshot(s: Session, snapshot: Data) -> PickupPoint:
    """Apply a whole snapshot (point, shipments, cells, cards, staff, orders) inside the caller's transaction."""
    from desktop.cache_bulk import upsert_orders  # it builds on this module's single-order helpers

    point = load_reference_data(s, snapshot)
    upsert_orders(s, snapshot.get("orders", []))
    for item in snapshot.get("claims", []):
        upsert_claim(s, item)
    from desktop.sync.money_feed import load_money_snapshot  # the money items name orders: after them

    load_money_snapshot(s, snapshot, datetime.now(UTC))
    return point


def load_reference_data(s: Session, snapshot: Data) -> PickupPoint:
    """The part of a snapshot orders refer to: the point, shipments, cells, cards and staff."""
    point = upsert_point(s, snapshot["point"], local=True)
    store_tag_key(s, snapshot.get("code_tag_key"))  # sealed under the pepper, never in clear
    for item in snapshot.get("shipments", []):
        upsert_shipment(s, item)
    for item in snapshot.get("cells", []):
        upsert_cell(s, item, point.id)
    for item in snapshot.get("cards", []):
        upsert_card(s, item)
    for item in snapshot.get("staff", []):
        upsert_staff(s, item, point.id)
    return point
