"""Many `order.upsert` shapes into the local cache at once: Core upserts per table, no per-row flush.

The result is the one `cache_import.upsert_order` gives applied to each order in turn (a change page and a
snapshot chunk go through here): customers by their external id, orders by number (`INSERT … ON CONFLICT DO
UPDATE`), lines by sku and boxes by barcode within their order, and this PC's newer local state of an order it
still holds unsynced events about is kept. An order named twice, or a customer known only by phone (an older
feed), splits the batch so each part sees what the one before it wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, insert, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from desktop import cache_import
from desktop.db.models import Box, Customer, Order, OrderLine
from desktop.db.pepper import pepper_code_hash, pepper_for_session
from protocol.claims import DEFAULT_WARRANTY_MONTHS
from protocol.phone import canonical_phone
from protocol.states import BoxStatus

Data = dict[str, Any]
_CUSTOMERS = cast(Table, Customer.__table__)
_ORDERS = cast(Table, Order.__table__)
_LINES = cast(Table, OrderLine.__table__)
_BOXES = cast(Table, Box.__table__)
_SERVER_STATE = ("status", "storage_until", "arrived_at", "ready_at", "handed_over_at")  # unless this PC knows newer
_ORDER_COLUMNS = ("point_id", "customer_id", "kind", "total_kopecks", "prepaid", "boxes_total", "legal_entity_name",
                  "pickup_code_hash", *_SERVER_STATE)
_PENDING_ORDERS = text(
    "SELECT DISTINCT json_extract(payload, '$.order') FROM outbox "
    "WHERE json_extract(payload, '$.order') IN :orders AND status = 'pending'"
).bindparams(bindparam("orders", expanding=True))
_E164_RU = re.compile(r"\+7\d{10}")
_LINE_VALUES = ("name", "quantity", "price_kopecks", "serial", "warranty_months")
_BOX_VALUES = ("seq_no", "size_class", "weight_grams", "shipment_id", "status", "cell_id")


def upsert_orders(s: Session, items: Sequence[Data]) -> None:
    """Create or refresh orders with their customers, lines and boxes (as `upsert_order` on each in turn)."""
    s.flush()  # what the ORM holds goes first: the statements below read and write the tables directly
    for part in _parts(items):
        if len(part) == 1 and not part[0]["customer"].get("external_id"):
            cache_import.upsert_order(s, part[0])  # a customer found by phone: the ORM path, one at a time
            s.flush()
        else:
            _upsert_part(s, part)
    for obj in list(s.identity_map.values()):  # loaded rows this wrote under the ORM are read again when used
        if isinstance(obj, (Order, Customer, OrderLine, Box)):
            s.expire(obj)


def _parts(items: Sequence[Data]) -> Iterator[list[Data]]:
    """Consecutive items with distinct order numbers and external customer ids; a phone-only customer alone."""
    part: list[Data] = []
    numbers: set[str] = set()
    for item in items:
        by_phone = not item["customer"].get("external_id")
        if part and (by_phone or item["number"] in numbers):
            yield part
            part, numbers = [], set()
        part.append(item)
        numbers.add(item["number"])
        if by_phone:
            yield part
            part, numbers = [], set()
    if part:
        yield part


@dataclass
class _Known:
    """What the cache already holds about a part's orders."""

    orders: dict[str, Row[Any]]  # by number: id and the server-owned columns
    newer: set[str]  # numbers of orders with unsynced local events
    ids: dict[str, int]  # every order's id by number, once written


def _upsert_part(s: Session, part: list[Data]) -> None:
    conn = s.connection()
    customer_ids = _upsert_customers(s, [item["customer"] for item in part])
    numbers = [item["number"] for item in part]
    old = {row.number: row for row in conn.execute(
        select(_ORDERS.c.id, _ORDERS.c.number, _ORDERS.c.pickup_code_hash, *(_ORDERS.c[k] for k in _SERVER_STATE))
        .where(_ORDERS.c.number.in_(numbers)))}
    newer = set(conn.execute(_PENDING_ORDERS, {"orders": list(old)}).scalars()) if old else set()
    pepper = pepper_for_session(s) if any(item.get("pickup_code_hash") for item in part) else b""
    rows = [_order_row(s, item, customer_ids[item["customer"]["external_id"]], old.get(item["number"]),
                       item["number"] in newer, pepper) for item in part]
    statement = sqlite_insert(_ORDERS)
    conn.execute(statement.on_conflict_do_update(
        index_elements=[_ORDERS.c.number], set_={k: statement.excluded[k] for k in _ORDER_COLUMNS}), rows)
    ids = dict(conn.execute(select(_ORDERS.c.number, _ORDERS.c.id).where(_ORDERS.c.number.in_(numbers))).all())
    known = _Known(old, newer, ids)
    _upsert_lines(s, part, known)
    _upsert_boxes(s, part, known)


def _upsert_customers(s: Session, customers: list[Data]) -> dict[str, int]:
    """Customers by external id (inserted or refreshed); their ids by external id."""
    rows = []
    for data in customers:
        phone = _phone(data["phone"])
        rows.append({"external_id": data["external_id"], "full_name": data["full_name"], "phone": phone,
                     "phone_last4": phone[-4:], "email": data.get("email")})
    statement = sqlite_insert(_CUSTOMERS)
    s.connection().execute(statement.on_conflict_do_update(
        index_elements=[_CUSTOMERS.c.external_id],
        set_={k: statement.excluded[k] for k in ("full_name", "phone", "phone_last4", "email")}), rows)
    keys = [row["external_id"] for row in rows]
    query = select(_CUSTOMERS.c.external_id, _CUSTOMERS.c.id).where(_CUSTOMERS.c.external_id.in_(keys))
    return {str(key): int(ident) for key, ident in s.connection().execute(query)}


def _phone(text: str) -> str:
    """The server's E.164 form as it is (its import let it in through `canonical_phone`); an older feed's parsed."""
    return text if _E164_RU.fullmatch(text) else canonical_phone(text)


def _order_row(s: Session, data: Data, customer_id: int, old: Row[Any] | None, local_is_newer: bool,
               pepper: bytes) -> Data:
    """The order's full row as `upsert_order` leaves it: the server's values, this PC's where it knows newer."""
    row = {"number": data["number"], "point_id": cache_import._point_id(s, data["point_code"]),
           "customer_id": customer_id, "created_at": cache_import.parse_time(data["created_at"])}
    for key in ("kind", "total_kopecks", "prepaid", "boxes_total", "legal_entity_name"):
        row[key] = data[key]
    code_hash = data.get("pickup_code_hash")
    row["pickup_code_hash"] = pepper_code_hash(pepper, code_hash) if code_hash else (old and old.pickup_code_hash)
    if local_is_newer:
        assert old is not None
        row.update({key: getattr(old, key) for key in _SERVER_STATE})
        return row
    row["status"] = data["status"]
    row["storage_until"] = cache_import.parse_time(data.get("storage_until"))
    for key in ("arrived_at", "ready_at", "handed_over_at"):
        row[key] = cache_import.parse_time(data[key]) if data.get(key) else (old and getattr(old, key))
    return row


def _upsert_lines(s: Session, part: list[Data], known: _Known) -> None:
    """Lines by sku within their order: refreshed in place, the new ones added."""
    conn = s.connection()
    old_ids = [known.ids[number] for number in known.orders]
    existing = {(order_id, sku): ident for ident, order_id, sku in conn.execute(
        select(_LINES.c.id, _LINES.c.order_id, _LINES.c.sku).where(_LINES.c.order_id.in_(old_ids))
        .order_by(_LINES.c.id))} if old_ids else {}
    added, changed = [], []
    for item in part:
        order_id = known.ids[item["number"]]
        for line in item["lines"]:
            values = {"name": line["name"], "quantity": line["quantity"], "price_kopecks": line["price_kopecks"],
                      "serial": line.get("serial"),
                      "warranty_months": int(line.get("warranty_months") or DEFAULT_WARRANTY_MONTHS)}
            ident = existing.get((order_id, line["sku"]))
            if ident is None:
                added.append({"order_id": order_id, "sku": line["sku"], **values})
            else:
                changed.append({"row_id": ident, **values})
    if added:
        conn.execute(insert(_LINES), added)
    if changed:
        conn.execute(update(_LINES).where(_LINES.c.id == bindparam("row_id"))
                     .values({k: bindparam(k) for k in _LINE_VALUES}), changed)


def _upsert_boxes(s: Session, part: list[Data], known: _Known) -> None:
    """Boxes by barcode within their order; the box state is the server's unless this PC knows newer."""
    conn = s.connection()
    old_ids = [known.ids[number] for number in known.orders]
    existing = {(row.order_id, row.barcode): row for row in conn.execute(
        select(_BOXES.c.id, _BOXES.c.order_id, _BOXES.c.barcode, _BOXES.c.status, _BOXES.c.cell_id)
        .where(_BOXES.c.order_id.in_(old_ids)))} if old_ids else {}
    shipments, cells = cache_import._shipment_ids(s), cache_import._cell_ids(s)
    added, changed = [], []
    for item in part:
        order_id = known.ids[item["number"]]
        keep_local = item["number"] in known.newer
        for box in item["boxes"]:
            old = existing.get((order_id, box["barcode"]))
            values = {"seq_no": box["seq_no"], "size_class": box.get("size_class", "M"),
                      "weight_grams": box.get("weight_grams", 1000),
                      "shipment_id": shipments.get(box.get("shipment") or ""),
                      "status": old.status if old else BoxStatus.EXPECTED.value, "cell_id": old and old.cell_id}
            if not keep_local:  # the server's view of box state, unless this PC knows newer (a new box: expected)
                values["status"] = box.get("status") or values["status"]
                if "cell" in box:
                    values["cell_id"] = cells.get(box["cell"] or "")
            if old is None:
                added.append({"order_id": order_id, "barcode": box["barcode"], **values})
            else:
                changed.append({"row_id": old.id, **values})
    if added:
        conn.execute(insert(_BOXES), added)
    if changed:
        conn.execute(update(_BOXES).where(_BOXES.c.id == bindparam("row_id"))
                     .values({k: bindparam(k) for k in _BOX_VALUES}), changed)
