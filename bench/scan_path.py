"""Scan-path benchmark: receive 2,000 boxes into a 200,000-order cache and compare with a raw sqlite3 floor.

Run: .venv/bin/python bench/scan_path.py [--orders 200000] [--boxes 2000] [--dir DIR]

Prints (not a test; nothing is asserted):
- p50/p99 latency of ReceivingService.scan_box per box, next to the floor measured in the same
  run on the same database file: plain `sqlite3` doing the same writes (same rows into the same
  tables with the same indexes, WAL, synchronous=FULL), one transaction per scan, with only the
  reads it cannot do without (the box/order lookup and the journal's previous hash). Service and
  floor scans alternate, so WAL growth and checkpoints hit both alike. Target: p99 ≤ 3× floor.
- p99 of finding an order by box barcode, by order number and by phone last 4 among all orders
  (SQLAlchemy Core, and through OrderService when it is present). Target: < 1 ms.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select

from desktop.db.engine import Database
from desktop.db.models import (
    Box,
    Customer,
    Order,
    OrderLine,
    PickupPoint,
    Shipment,
    Staff,
)
from desktop.services.base import Actor, Role
from desktop.services.receiving import ReceivingService

POINT = "0042"
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров"]
NAMES = ["Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл", "Михаил"]
GOODS = [
    ("Смартфон Galaxy A55 8/256", 3_499_000),
    ("Ноутбук IdeaPad Slim 3 15", 5_299_000),
    ("Наушники беспроводные TWS", 599_000),
    ('Телевизор 55" 4K UHD', 4_599_000),
    ("Робот-пылесос S7", 2_799_000),
    ("Кофемашина автоматическая", 3_999_000),
]


@dataclass
class Plan:
    """Which boxes the service receives and which the floor receives (two equal shipments)."""

    service_boxes: list[str]
    floor_boxes: list[str]
    service_shipment: str
    floor_shipment: str
    staff_id: int
    point_id: int


def _order_number(i: int) -> str:
    return f"{500_000_000 + i:09d}"


def build_cache(db: Database, n_orders: int, n_boxes: int, rng: random.Random) -> Plan:
    """Bulk-insert a point, staff, customers, orders with lines and boxes, and two shipments."""
    t0 = time.perf_counter()
    with db.engine.begin() as conn:
        point_id = conn.execute(
            insert(PickupPoint).values(
                code=POINT,
                name="ПВЗ Тверская",
                city="Москва",
                address="ул. Тверская, 1",
                is_local=True,
                storage_days=7,
                timezone="Europe/Moscow",
            )
        ).inserted_primary_key[0]
        staff_id = conn.execute(
            insert(Staff).values(point_id=point_id, login="clerk", full_name="Петрова Анна", role="clerk")
        ).inserted_primary_key[0]
        ship_a = conn.execute(insert(Shipment).values(number="R0000001", point_id=point_id)).inserted_primary_key[0]
        ship_b = conn.execute(insert(Shipment).values(number="R0000002", point_id=point_id)).inserted_primary_key[0]
        orders, boxes, plan_a, plan_b = _orders_and_boxes(n_orders, n_boxes, point_id, ship_a, ship_b, rng)
        _bulk(conn, Customer, list(_customers(n_orders, rng)))
        _bulk(conn, Order, orders)
        _bulk(conn, OrderLine, [_line(i + 1, rng) for i in range(n_orders)])
        _bulk(conn, Box, boxes)
    raw = sqlite3.connect(db.path, isolation_level=None)
    raw.execute("ANALYZE")
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    print(f"cache: {n_orders:,} orders, {len(boxes):,} boxes built in {time.perf_counter() - t0:.1f} s")
    rng.shuffle(plan_a)
    rng.shuffle(plan_b)
    return Plan(plan_a, plan_b, "R0000001", "R0000002", staff_id, point_id)


def _bulk(conn: Any, model: Any, rows: list[dict[str, Any]]) -> None:
    """executemany of one INSERT with plain tuples: the models' scalar defaults filled in, datetimes as stored."""
    defaults = {
        c.name: c.default.arg
        for c in model.__table__.columns
        if c.name not in rows[0] and c.default is not None and c.default.is_scalar
    }
    rows = [{**defaults, **row} for row in rows]
    columns = list(rows[0])
    sql = f"INSERT INTO {model.__tablename__} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    conn.exec_driver_sql(sql, [tuple(_plain(row[c]) for c in columns) for row in rows])


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return _sqlts(value)
    return value


def _sqlts(value: datetime) -> str:
    """A UTC datetime as SQLAlchemy's SQLite DATETIME stores it."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _customers(n: int, rng: random.Random) -> Iterator[dict[str, Any]]:
    for i in range(n):
        phone = f"+79{rng.randrange(10**9):09d}"
        name = f"{rng.choice(SURNAMES)} {rng.choice(NAMES)}"
        yield {"full_name": name, "phone": phone, "phone_last4": phone[-4:], "external_id": f"c{i}"}


def _line(order_id: int, rng: random.Random) -> dict[str, Any]:
    name, price = rng.choice(GOODS)
    return {"order_id": order_id, "sku": f"SKU{order_id}", "name": name, "quantity": 1, "price_kopecks": price}


def _orders_and_boxes(
    n_orders: int, n_boxes: int, point_id: int, ship_a: int, ship_b: int, rng: random.Random
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str], list[str]]:
    """Orders 1..n; the first ones are in transit in shipment A then B (n_boxes boxes each), the rest at rest."""
    orders: list[dict[str, Any]] = []
    boxes: list[dict[str, Any]] = []
    plans: dict[int, list[str]] = {ship_a: [], ship_b: []}
    for i in range(1, n_orders + 1):
        shipment = ship_a if len(plans[ship_a]) < n_boxes else ship_b if len(plans[ship_b]) < n_boxes else None
        total = rng.choices((1, 2, 3), weights=(75, 18, 7))[0]
        if shipment is not None:
            total = min(total, n_boxes - len(plans[shipment]))
        status = "in_transit" if shipment else rng.choice(("handed_over", "handed_over", "ready", "returned"))
        ready = status == "ready"
        orders.append(
            {
                "id": i,
                "number": _order_number(i),
                "point_id": point_id,
                "customer_id": i,
                "status": status,
                "total_kopecks": rng.randrange(50_000, 9_000_000),
                "boxes_total": total,
                "created_at": NOW,
                "arrived_at": NOW if ready else None,
                "ready_at": NOW if ready else None,
                "storage_until": NOW + timedelta(days=7) if ready else None,
            }
        )
        for n in range(1, total + 1):
            barcode = f"B{POINT}{_order_number(i)}{n:02d}"
            boxes.append(
                {
                    "barcode": barcode,
                    "order_id": i,
                    "shipment_id": shipment,
                    "seq_no": n,
                    "size_class": rng.choice("SMML"),
                    "status": "expected" if shipment else "received",
                }
            )
            if shipment is not None:
                plans[shipment].append(barcode)
    return orders, boxes, plans[ship_a], plans[ship_b]


class Floor:
    """The same writes as the service's scan, in raw sqlite3, one transaction per scan."""

    def __init__(self, path: Path, session_id: int, staff_id: int) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=10000"):
            self.conn.execute(f"PRAGMA {pragma}")
        self.session_id, self.staff_id = session_id, staff_id
        self.remaining: dict[int, int] = {}

    def scan(self, barcode: str, now: datetime) -> None:
        c = self.conn
        ts = _sqlts(now)
        c.execute("BEGIN IMMEDIATE")
        box_id, order_id, number, total = c.execute(
            "SELECT boxes.id, orders.id, orders.number, orders.boxes_total FROM boxes JOIN orders "
            "ON orders.id = boxes.order_id WHERE boxes.barcode = ?",
            (barcode,),
        ).fetchone()
        c.execute(
            "INSERT INTO receiving_scans (session_id, barcode, box_id, outcome, staff_id, scanned_at, undone) "
            "VALUES (?, ?, ?, 'received', ?, ?, 0)",
            (self.session_id, barcode, box_id, self.staff_id, ts),
        )
        c.execute("UPDATE boxes SET status='received', received_at=? WHERE id=?", (ts, box_id))
        c.execute(
            "UPDATE receiving_sessions SET n_received=n_received+1, n_missing=n_missing-1 WHERE id=?",
            (self.session_id,),
        )
        self._event(c, "box.received", {"session": "s", "box": barcode, "order": number}, ts)
        left = self.remaining.setdefault(order_id, total) - 1
        self.remaining[order_id] = left
        if left > 0:
            if left == total - 1:
                c.execute("UPDATE orders SET status='partially_arrived' WHERE id=?", (order_id,))
        else:
            self._arrive(c, order_id, number, ts, now)
        self._audit(c, ts, barcode, {"session": "s", "outcome": "received", "order": number})
        c.execute("COMMIT")

    def _arrive(self, c: sqlite3.Connection, order_id: int, number: str, ts: str, now: datetime) -> None:
        c.execute("UPDATE orders SET status='arrived', arrived_at=? WHERE id=?", (ts, order_id))
        self._event(c, "order.arrived", {"order": number, "arrived_at": now.isoformat()}, ts)
        until = _sqlts(now + timedelta(days=7))
        c.execute("UPDATE orders SET status='ready', ready_at=?, storage_until=? WHERE id=?", (ts, until, order_id))
        uid = str(uuid.uuid4())
        c.execute(
            "INSERT INTO sms_messages (uid, order_id, purpose, attempt, status, requested_at, requested_by, "
            "updated_at, timeline) VALUES (?, ?, 'ready', 1, 'requested', ?, ?, ?, ?)",
            (uid, order_id, ts, self.staff_id, ts, json.dumps([{"status": "requested", "at": now.isoformat()}])),
        )
        self._event(c, "sms.requested", {"sms": uid, "order": number, "purpose": "ready", "attempt": 1}, ts)

    @staticmethod
    def _event(c: sqlite3.Connection, type_: str, payload: dict[str, Any], ts: str) -> None:
        c.execute(
            "INSERT INTO outbox (event_id, device_seq, type, schema_v, payload, occurred_at, status) "
            "SELECT ?, coalesce(max(device_seq), 0) + 1, ?, 1, ?, ?, 'pending' FROM outbox",
            (str(uuid.uuid4()), type_, json.dumps(payload, sort_keys=True, separators=(",", ":")), ts),
        )

    def _audit(self, c: sqlite3.Connection, ts: str, subject: str, details: dict[str, Any]) -> None:
        prev = c.execute("SELECT hash FROM audit_journal ORDER BY id DESC LIMIT 1").fetchone()
        prev_hash = prev[0] if prev else "0" * 64
        text = json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        material = f"{prev_hash}|{ts}|{self.staff_id}|receiving.scan|{subject}|{text}"
        digest = hashlib.sha256(material.encode()).hexdigest()
        c.execute(
            "INSERT INTO audit_journal (at, staff_id, action, subject, details, prev_hash, hash) "
            "VALUES (?, ?, 'receiving.scan', ?, ?, ?, ?)",
            (ts, self.staff_id, subject, text, prev_hash, digest),
        )


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


@dataclass
class Timings:
    """Per-call wall-clock and CPU (this thread) seconds."""

    wall: list[float]
    cpu: list[float]

    def add(self, wall: float, cpu: float) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)

    def line(self, label: str) -> str:
        w50, w99 = percentile(self.wall, 50), percentile(self.wall, 99)
        c50, c99 = percentile(self.cpu, 50), percentile(self.cpu, 99)
        return f"{label}: wall p50 {_ms(w50)}  p99 {_ms(w99)} | cpu p50 {_ms(c50)}  p99 {_ms(c99)}"


def receive(db: Database, plan: Plan) -> tuple[Timings, Timings]:
    """Alternate one service scan and one floor scan; return both timings."""
    clock_now = [NOW]
    service = ReceivingService(db, lambda: clock_now[0])
    actor = Actor(plan.staff_id, "clerk", "Петрова Анна", Role.CLERK, plan.point_id)
    uid_a = service.open_session(actor, plan.service_shipment)
    uid_b = service.open_session(actor, plan.floor_shipment)
    with db.read() as s:
        from desktop.db.models import ReceivingSession

        floor_session = s.scalar(select(ReceivingSession.id).where(ReceivingSession.uid == uid_b))
    floor = Floor(db.path, floor_session, plan.staff_id)
    service_times, floor_times = Timings([], []), Timings([], [])
    kinds: dict[str, int] = {}
    for box_a, box_b in zip(plan.service_boxes, plan.floor_boxes, strict=True):
        clock_now[0] += timedelta(seconds=2)
        t0, c0 = time.perf_counter(), time.thread_time()
        outcome = service.scan_box(actor, uid_a, box_a)
        t1, c1 = time.perf_counter(), time.thread_time()
        floor.scan(box_b, clock_now[0])
        t2, c2 = time.perf_counter(), time.thread_time()
        service_times.add(t1 - t0, c1 - c0)
        floor_times.add(t2 - t1, c2 - c1)
        kinds[outcome.kind.value] = kinds.get(outcome.kind.value, 0) + 1
    print(f"service outcomes: {kinds}; live counts at the end: {service.counts(uid_a)}")
    return service_times, floor_times


def _time_lookup(fn: Callable[[Any], Any], keys: list[Any]) -> str:
    timings = Timings([], [])
    for key in keys:
        t0, c0 = time.perf_counter(), time.thread_time()
        fn(key)
        timings.add(time.perf_counter() - t0, time.thread_time() - c0)
    wall, cpu = timings.wall, timings.cpu
    return (
        f"wall p50 {_ms(percentile(wall, 50))} p99 {_ms(percentile(wall, 99))} | "
        f"cpu p50 {_ms(percentile(cpu, 50))} p99 {_ms(percentile(cpu, 99))}"
    )


def lookups(db: Database, n_orders: int, rng: random.Random) -> None:
    numbers = [_order_number(rng.randrange(1, n_orders + 1)) for _ in range(2000)]
    barcodes = [f"B{POINT}{n}01" for n in numbers]
    with db.read() as s:
        last4s = [r for (r,) in s.execute(select(Customer.phone_last4).order_by(Customer.id).limit(2000))]
    by_box = select(Order.id, Order.number, Order.status).join(Box, Box.order_id == Order.id)
    by_number = select(Order.id, Order.number, Order.status)
    by_last4 = select(Order.id, Order.number, Customer.full_name).join(Customer, Customer.id == Order.customer_id)
    with db.engine.connect() as conn:
        core = {
            "box barcode": _time_lookup(lambda b: conn.execute(by_box.where(Box.barcode == b)).first(), barcodes),
            "order number": _time_lookup(lambda n: conn.execute(by_number.where(Order.number == n)).first(), numbers),
            "phone last 4": _time_lookup(
                lambda d: conn.execute(by_last4.where(Customer.phone_last4 == d)).all(), last4s
            ),
        }
    for what, figures in core.items():
        print(f"lookup by {what:<13} (Core, one connection):      {figures}")
    _service_lookups(db, numbers, barcodes, last4s)


def _service_lookups(db: Database, numbers: list[str], barcodes: list[str], last4s: list[str]) -> None:
    try:
        from desktop.services.orders import OrderService
    except ImportError:  # pragma: no cover - the orders service is another workflow's module
        return
    orders = OrderService(db)
    with db.read() as s:
        pairs = select(Customer.phone_last4, Customer.full_name).where(Customer.phone_last4.in_(last4s))
        names = dict(s.execute(pairs).all())
    results = {
        "box barcode": _time_lookup(orders.search, barcodes),
        "order number": _time_lookup(orders.search, numbers),
        "phone last 4": _time_lookup(lambda d: orders.search(f"{d} {names[d].split()[0]}"), last4s),
    }
    for what, figures in results.items():
        print(f"lookup by {what:<13} (OrderService, own session): {figures}")


def report(service: Timings, floor: Timings) -> None:
    print(service.line(f"scan_box     ({len(service.wall)} scans)"))
    print(floor.line(f"sqlite floor ({len(floor.wall)} scans)"))
    sp50, sp99 = percentile(service.wall, 50), percentile(service.wall, 99)
    fp50, fp99 = percentile(floor.wall, 50), percentile(floor.wall, 99)
    verdict = "OK" if sp99 <= 3 * fp99 else "ABOVE TARGET"
    print(f"ratio service/floor (wall): p50 {sp50 / fp50:.2f}x  p99 {sp99 / fp99:.2f}x  (target p99 <= 3x: {verdict})")
    print(f"mean wall: service {_ms(statistics.fmean(service.wall))}, floor {_ms(statistics.fmean(floor.wall))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=200_000)
    parser.add_argument("--boxes", type=int, default=2_000)
    parser.add_argument("--dir", type=Path, default=None, help="directory for the temporary database file")
    args = parser.parse_args()
    rng = random.Random(20261124)
    started = time.perf_counter()
    print(f"cpus {os.cpu_count()}, load average at start {os.getloadavg()[0]:.2f} (wall p99 suffers on a busy machine)")
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="pickup-bench-") as tmp:
        db = Database(Path(tmp) / "cache.sqlite3")
        db.create_all()
        plan = build_cache(db, args.orders, args.boxes, rng)
        service_times, floor_times = receive(db, plan)
        report(service_times, floor_times)
        lookups(db, args.orders, rng)
        db.dispose()
    print(f"total {time.perf_counter() - started:.1f} s, load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
