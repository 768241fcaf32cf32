"""Demo data: a realistic pickup point (orders of electronics, Russian customers, staff, cells, club cards).

`generate_point()` returns plain dicts in the backend's snapshot shapes (see desktop/cache_import.py)
plus `secrets`: the demo staff PINs/passwords, club card activation codes and the plain pickup codes
of ready orders, which only a demo may print.
"""

from __future__ import annotations

import base64
import hashlib
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher

from protocol import ean13
from protocol.claims import (
    DEFAULT_WARRANTY_MONTHS,
    WARRANTY_ORDER_KIND,
    ClaimOutcome,
    ClaimStatus,
    WarrantyCover,
    counter_claim_number,
)
from protocol.demo_money import DEMO_CERTIFICATES as DEMO_CERTIFICATES  # number → (PIN, face, status)
from protocol.demo_money import add_money, demo_certificates
from protocol.money_rules import CREDIT_ACCRUES_POINTS, POINTS_SHARE_PERCENT
from protocol.order_states import OrderStatus
from protocol.pickup_code import CodeHashParams, salted_code_hash
from protocol.states import BoxStatus, CardStatus, ShipmentStatus

DEMO_POINT_CODE = "0042"
DEMO_CLAIM_PHONE = "+79161110013"  # the demo customer with the warranty claims (issue 13)
CLAIM_ORDERS = 3  # the last demo orders: two purchases with warranty claims and the repaired item's return order
# Argon2 parameters for demo hashes: cheap to generate, still real argon2id (verify reads them from the hash).
DEMO_HASHER = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
# Boxes of a demo order in this status are already at the point (the rest are still expected).
BOX_STATUS_FOR_ORDER: dict[str, BoxStatus] = {
    OrderStatus.READY: BoxStatus.RECEIVED, OrderStatus.REFUSED: BoxStatus.RECEIVED,
    OrderStatus.HANDED_OVER: BoxStatus.HANDED_OVER,
}

# (login, full name, role, badge, PIN, password) — printed in the README; demo only.
DEMO_STAFF = [
    ("kassir", "Смирнова Анна Сергеевна", "clerk", "ST000001", "1111", "kassir-demo"),
    ("kassir2", "Петров Дмитрий Олегович", "clerk", "ST000004", "4444", "kassir2-demo"),
    ("manager", "Кузнецова Ольга Викторовна", "manager", "ST000002", "2222", "manager-demo"),
    ("admin", "Волков Игорь Павлович", "admin", "ST000003", "3333", "admin-demo"),
]

FIRST_M = ["Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл", "Михаил"]
FIRST_F = ["Анна", "Мария", "Елена", "Дарья", "Алина", "Ирина", "Екатерина", "Ольга", "Татьяна", "Наталья"]
LAST = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
        "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов"]
PATRON_M = ["Александрович", "Сергеевич", "Игоревич", "Викторович", "Олегович", "Андреевич"]
PATRON_F = ["Александровна", "Сергеевна", "Игоревна", "Викторовна", "Олеговна", "Андреевна"]

# (name, price in roubles, size class, has serial)
CATALOG = [
    ("Смартфон Samsung Galaxy A55 8/256 ГБ", 34_999, "S", True),
    ("Смартфон Apple iPhone 15 128 ГБ", 79_990, "S", True),
    ("Смартфон Xiaomi Redmi Note 13 Pro 8/256 ГБ", 27_499, "S", True),
    ("Ноутбук ASUS VivoBook 15 X1504VA", 54_999, "L", True),
    ("Ноутбук Lenovo IdeaPad Slim 3 15IAH8", 61_990, "L", True),
    ("Телевизор LG 55UR78006LK 55\"", 49_999, "XL", True),
    ("Телевизор Samsung UE43CU7100U 43\"", 36_999, "XL", True),
    ("Наушники Sony WH-1000XM5", 32_990, "S", False),
    ("Наушники Apple AirPods Pro 2", 24_990, "S", True),
    ("Умные часы Huawei Watch GT 4", 17_999, "S", True),
    ("Планшет Apple iPad 10.9 Wi-Fi 64 ГБ", 44_990, "M", True),
    ("Робот-пылесос Xiaomi Robot Vacuum S10", 19_999, "L", True),
    ("Кофемашина De'Longhi Magnifica S ECAM22.110", 42_999, "L", True),
    ("Микроволновая печь Samsung MS23K3513AW", 11_499, "L", False),
    ("Игровая консоль Sony PlayStation 5 Slim", 59_999, "M", True),
    ("Монитор Xiaomi Mi Desktop Monitor 27\"", 14_999, "L", True),
    ("Внешний SSD Samsung T7 1 ТБ", 9_499, "S", False),
    ("Роутер TP-Link Archer AX55", 6_999, "S", False),
    ("Электрическая зубная щётка Oral-B iO 7", 16_990, "S", False),
    ("Пылесос Dyson V12 Detect Slim", 54_990, "L", True),
    ("Кабель USB-C — USB-C 1 м", 690, "S", False),
    ("Чехол для смартфона силиконовый", 990, "S", False),
    ("Защитное стекло для смартфона", 790, "S", False),
    ("Зарядное устройство Anker 65 Вт", 3_990, "S", False),
    ("Мышь Logitech MX Master 3S", 9_990, "S", False),
    ("Клавиатура механическая Keychron K2", 8_990, "M", False),
    ("Стиральная машина Bosch WAN28282", 52_999, "XL", True),
    ("Холодильник Haier C2F636CWRG", 61_999, "XL", True),
]
SIZES = ["S", "M", "L", "XL"]


@dataclass
class DemoSecrets:
    """What only the demo may know in clear."""

    staff: list[dict[str, str]] = field(default_factory=list)
    card_codes: dict[str, str] = field(default_factory=dict)
    pickup_codes: dict[str, str] = field(default_factory=dict)
    money_order: str | None = None  # the demo customer's ready order to pay at pickup (protocol/demo_money.py)


def iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def _months(price_rub: int) -> int:
    """The warranty period of a catalogue item: 24 months for the big purchases, the default otherwise."""
    return 24 if price_rub >= 50_000 else DEFAULT_WARRANTY_MONTHS


def _person(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(LAST)} {rng.choice(FIRST_M)} {rng.choice(PATRON_M)}"
    return f"{rng.choice(LAST)}а {rng.choice(FIRST_F)} {rng.choice(PATRON_F)}"


def _phone(rng: random.Random) -> str:
    return f"+79{rng.randint(0, 99):02d}{rng.randint(0, 9_999_999):07d}"


def point_dict(code: str, params: CodeHashParams) -> dict[str, Any]:
    return {
        "code": code,
        "name": f"Пункт выдачи «Тверская» №{code}",
        "city": "Москва",
        "address": "Москва, ул. Тверская, д. 12, стр. 1",
        "hours": "ежедневно 10:00–21:00",
        "timezone": "Europe/Moscow",
        "storage_days": 7,
        "id_check_threshold_kopecks": 10_000_000,
        "code_hash_params": params.encode(),
        "money": {"points_share_percent": POINTS_SHARE_PERCENT, "credit_accrues_points": CREDIT_ACCRUES_POINTS},
    }


# (rack, size class, boxes per cell); each rack has at least 4 shelves of 6 cells, more when its size needs it.
RACKS = (("A", "S", 6), ("B", "S", 6), ("C", "M", 4), ("D", "M", 4), ("E", "L", 2), ("F", "XL", 1))
SLOTS_PER_SHELF = 6
HEADROOM = 1.25  # room for a quarter more boxes than the point will ever hold at once
OVERFLOW_CELLS, OVERFLOW_CAPACITY = 2, 10  # the floor zone Z: any box when no cell of its size has room


def _cells(orders: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Racks sized so that every box at or coming to the point fits a cell of its size, plus an overflow zone."""
    need = {size: 0 for size in SIZES}
    for order in orders:
        for box in order["boxes"]:
            if box["status"] != BoxStatus.HANDED_OVER:
                need[box["size_class"]] += 1
    racks = {size: [r for r in RACKS if r[1] == size] for size in SIZES}
    cells = []
    for rack, size, capacity in RACKS:
        per_shelf = SLOTS_PER_SHELF * capacity * len(racks[size])
        shelves = max(4, -(-int(need[size] * HEADROOM) // per_shelf))
        for shelf in range(1, shelves + 1):
            for slot in range(1, SLOTS_PER_SHELF + 1):
                code = f"C{rack}{shelf:02d}{slot:02d}"
                cells.append({"code": code, "label": f"{rack}-{shelf:02d}-{slot:02d}", "size_class": size,
                              "capacity": capacity, "active": True, "overflow": False})
    for n in range(1, OVERFLOW_CELLS + 1):
        cells.append({"code": f"CZ00{n:02d}", "label": f"Z-00-{n:02d}", "size_class": "XL",
                      "capacity": OVERFLOW_CAPACITY, "active": True, "overflow": True})
    return cells


class _OrderMaker:
    """Builds orders one by one with a shared random source and clock."""

    def __init__(self, rng: random.Random, point_code: str, now: datetime, params: CodeHashParams,
                 secrets: DemoSecrets, tag_key: bytes | None = None) -> None:
        self.rng, self.point_code, self.now, self.params, self.secrets = rng, point_code, now, params, secrets
        self.tag_key = tag_key
        self.serial = 500_000_000 + rng.randint(0, 99_000)
        self.used_codes: set[str] = set()

    def make(self, status: str, shipment: str | None = None, storage_left_days: float | None = None,
             kind: str = "retail", phone: str | None = None) -> dict[str, Any]:
        rng = self.rng
        self.serial += 1
        number = f"{self.serial:09d}"
        items = [rng.choice(CATALOG) for _ in range(rng.choice([1, 1, 1, 2, 2, 3]))]
        lines = [self._line(number, i, item) for i, item in enumerate(items, 1)]
        biggest = max((SIZES.index(it[2]) for it in items), default=0)
        n_boxes = 1 if len(items) == 1 else rng.choice([1, len(items)])
        boxes = [self._box(number, n, SIZES[biggest] if n == 1 else rng.choice(SIZES[: biggest + 1]), shipment,
                           status) for n in range(1, n_boxes + 1)]
        total = sum(line["quantity"] * line["price_kopecks"] for line in lines)
        order = {
            "number": number, "point_code": self.point_code, "kind": kind, "status": status,
            "total_kopecks": total, "prepaid": rng.random() < 0.6 and kind != "credit", "boxes_total": n_boxes,
            "legal_entity_name": "ООО «Вектор»" if kind == "legal_entity" else None,
            "created_at": iso(self.now - timedelta(days=rng.randint(2, 12))),
            "storage_until": None, "pickup_code_hash": None,
            "customer": {"external_id": f"C{self.serial}", "full_name": _person(rng),
                         "phone": phone or _phone(rng), "email": f"client{self.serial}@example.ru"},
            "lines": lines, "boxes": boxes,
        }
        if status in (OrderStatus.READY, OrderStatus.REFUSED, OrderStatus.HANDED_OVER):
            self._make_ready(order, storage_left_days if storage_left_days is not None else rng.uniform(1.5, 6.5))
        return order

    def _line(self, number: str, i: int, item: tuple[str, int, str, bool]) -> dict[str, Any]:
        name, price, _size, has_serial = item
        qty = 1 if price > 5000 else self.rng.choice([1, 1, 2])
        serial = f"SN{self.rng.randint(10**9, 10**10 - 1)}" if has_serial else None
        return {"sku": f"{zlib.crc32(name.encode()) % 10**7:07d}-{i}", "name": name, "quantity": qty,
                "price_kopecks": price * 100, "serial": serial, "warranty_months": _months(price)}

    def _box(self, number: str, n: int, size: str, shipment: str | None, status: str) -> dict[str, Any]:
        box_status = BOX_STATUS_FOR_ORDER.get(status, BoxStatus.EXPECTED)
        return {"barcode": f"B{self.point_code}{number}{n:02d}", "seq_no": n, "size_class": size,
                "weight_grams": self.rng.randint(200, 25_000), "shipment": shipment, "status": box_status}

    def _make_ready(self, order: dict[str, Any], days_left: float) -> None:
        code = self._unique_code()
        order["pickup_code_hash"] = salted_code_hash(code, self.params, self.tag_key)
        arrived = self.now - timedelta(days=7 - days_left)
        order["arrived_at"] = order["ready_at"] = iso(arrived)
        order["storage_until"] = iso(self.now + timedelta(days=days_left))
        if order["status"] == OrderStatus.READY:
            self.secrets.pickup_codes[order["number"]] = code

    def _unique_code(self) -> str:
        while True:
            code = f"{self.rng.randint(0, 999_999):06d}"
            if code not in self.used_codes:
                self.used_codes.add(code)
                return code


def generate_point(
    seed: int = 42,
    point_code: str = DEMO_POINT_CODE,
    orders: int = 300,
    now: datetime | None = None,
    code_params: CodeHashParams | None = None,
    hasher: PasswordHasher = DEMO_HASHER,
    progress: Callable[[int, int], None] | None = None,
    tag_key: bytes | None = None,
) -> dict[str, Any]:
    """A demo point: snapshot-shaped dicts plus `secrets` (a DemoSecrets); `progress(done, total)` after each order.

    Making the orders is the slow part (every pickup code is hashed on purpose slowly): a first start shows it;
    the code hashes carry lookup tags under `tag_key` (default: from the seed), in the snapshot as `code_tag_key`.
    """
    rng = random.Random(seed)
    now = now or datetime.now(UTC)
    params = code_params or CodeHashParams(salt=rng.randbytes(16), n=2**13)
    secrets = DemoSecrets()
    tag_key = tag_key or hashlib.sha256(f"demo code tag key {seed} {point_code}".encode()).digest()
    maker = _OrderMaker(rng, point_code, now, params, secrets, tag_key)
    shipments = _trucks(point_code, now)
    result = _make_orders(maker, _order_plan(rng, orders, shipments), progress)
    claims = _claims(point_code, now, result[-CLAIM_ORDERS:]) if orders >= CLAIM_ORDERS else []
    cells = _cells(result)
    _place_boxes(result, cells)
    demo = {"point": point_dict(point_code, params), "shipments": shipments, "cells": cells,
            "cards": _cards(rng, point_code, secrets, hasher), "staff": _staff(secrets, hasher), "orders": result,
            "claims": claims, "secrets": secrets, "code_tag_key": base64.b64encode(tag_key).decode()}
    demo["certificates"], demo["certificate_entries"] = demo_certificates(now, hasher)
    demo["bonus_entries"] = []
    secrets.money_order = add_money(demo, secrets.card_codes, now)
    return demo


def _trucks(point_code: str, now: datetime) -> list[dict[str, Any]]:
    """Two trucks on their way: one arriving within the hour, the next one tomorrow."""
    return [
        {"number": f"R{now:%y%m%d}01", "point_code": point_code, "status": ShipmentStatus.IN_TRANSIT,
         "expected_at": iso(now + timedelta(hours=1)), "carrier": "ТК «Деловые Линии»"},
        {"number": f"R{now:%y%m%d}02", "point_code": point_code, "status": ShipmentStatus.IN_TRANSIT,
         "expected_at": iso(now + timedelta(days=1)), "carrier": "ТК «ПЭК»"},
    ]


def _make_orders(maker: _OrderMaker, plan: list[tuple[str, dict[str, Any]]],
                 progress: Callable[[int, int], None] | None) -> list[dict[str, Any]]:
    result = []
    for done, (status, kw) in enumerate(plan, 1):
        result.append(maker.make(status, **kw))
        if progress is not None:
            progress(done, len(plan))
    return result


def _order_plan(rng: random.Random, count: int, shipments: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """Which statuses the demo orders get: a truck arriving now, ready ones, expiring, expired, refused…"""
    plan: list[tuple[str, dict[str, Any]]] = [
        ("in_transit", {"shipment": shipments[0]["number"]}) for _ in range(max(12, count // 12))]
    plan += [("in_transit", {"shipment": shipments[1]["number"]}) for _ in range(max(6, count // 25))]
    plan += [("ready", {"storage_left_days": 0.3}) for _ in range(4)]  # expiring today
    plan += [("ready", {"storage_left_days": 1.2}) for _ in range(4)]  # expiring tomorrow
    plan += [("ready", {"storage_left_days": -1.5}) for _ in range(3)]  # expired: to return
    plan += [("refused", {"storage_left_days": 3.0}) for _ in range(2)]
    plan += [("ready", {"kind": "credit"}), ("ready", {"kind": "legal_entity"})]
    while len(plan) < count:
        plan.append((rng.choice(["ready", "ready", "ready", "handed_over", "created"]), {}))
    plan = plan[:count]
    if count >= CLAIM_ORDERS:  # the last ones: the warranty claims' purchases and the repaired item's return order
        plan[-CLAIM_ORDERS:] = [("handed_over", {"phone": DEMO_CLAIM_PHONE})] * 2 + [
            ("in_transit", {"shipment": shipments[1]["number"], "kind": WARRANTY_ORDER_KIND})]
    return plan


def _claims(point_code: str, now: datetime, orders: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The demo customer's two warranty claims: one pre-filed online (the item not brought yet) and one whose
    repaired item is on its way back in the next truck (its return order, the last of `orders`).

    Their numbers come from a random source of their own: the rest of the demo stays as it was."""
    filed_on, repaired_on, back = orders
    rng = random.Random(zlib.crc32(filed_on["number"].encode()))
    for purchase, days in ((filed_on, 40), (repaired_on, 75)):
        _bought_with_serial(purchase, now - timedelta(days=days))
    repaired_on["customer"] = filed_on["customer"]
    filed = now - timedelta(days=1)
    prefiled = _claim(f"W{rng.randint(10**8, 10**9 - 1)}", point_code, filed_on, ClaimStatus.FILED, filed)
    prefiled["fault"] = "Не включается после обновления: экран не загорается, вибрация есть"
    repaired = _claim(counter_claim_number(point_code, rng.randint(0, 10**6 - 1)), point_code, repaired_on,
                      ClaimStatus.RETURNING, now - timedelta(days=12))
    repaired.update(prefiled=False, fault="Выключается через несколько минут работы", cover=WarrantyCover.IN_WARRANTY,
                    checklist=["box", "cable"], condition="Без видимых повреждений",
                    label=f"SL{repaired['number']}", accepted_at=repaired["filed_at"], outcome=ClaimOutcome.REPAIRED,
                    conclusion="Заменена плата питания, изделие проверено", return_order=back["number"])
    line = repaired_on["lines"][0]
    back.update(kind=WARRANTY_ORDER_KIND, customer=repaired_on["customer"], total_kopecks=0, prepaid=True,
                boxes_total=1, boxes=back["boxes"][:1], lines=[{**line, "quantity": 1, "price_kopecks": 0}])
    back["boxes"][0]["size_class"] = repaired_on["boxes"][0]["size_class"]
    return [prefiled, repaired]


def _bought_with_serial(order: dict[str, Any], handed_over: datetime) -> None:
    """A purchase handed over on `handed_over` whose first line is a serial-numbered item."""
    first = order["lines"][0]
    if first["serial"] is None:
        name, price, _size, _serial = next(item for item in CATALOG if item[3])
        serial = f"SN{zlib.crc32(order['number'].encode()):010d}"
        first.update(name=name, price_kopecks=price * 100, quantity=1, serial=serial, warranty_months=_months(price))
        order["total_kopecks"] = sum(line["quantity"] * line["price_kopecks"] for line in order["lines"])
    order["created_at"] = iso(handed_over - timedelta(days=3))
    order["arrived_at"] = order["ready_at"] = iso(handed_over - timedelta(days=1))
    order["storage_until"] = iso(handed_over + timedelta(days=6))
    order["handed_over_at"] = iso(handed_over)


def _claim(number: str, point_code: str, order: dict[str, Any], status: ClaimStatus, filed: datetime) -> dict[str, Any]:
    line = order["lines"][0]
    return {"number": number, "point_code": point_code, "status": status, "order": order["number"], "sku": line["sku"],
            "serial": line["serial"], "product": line["name"], "prefiled": True, "fault": "", "cover": None,
            "checklist": [], "condition": "", "label": None, "filed_at": iso(filed), "accepted_at": None,
            "outcome": None, "conclusion": None, "return_order": None, "updated_at": iso(filed)}


def _place_boxes(orders: list[dict[str, Any]], cells: list[dict[str, Any]]) -> None:
    """Put the boxes of orders waiting at the point on shelves: the smallest free cell they fit."""
    room = {cell["code"]: cell["capacity"] for cell in cells}
    for order in orders:
        for box in order["boxes"]:
            if box["status"] != BoxStatus.RECEIVED:
                continue
            fits = [c for c in cells if SIZES.index(c["size_class"]) >= SIZES.index(box["size_class"])
                    and room[c["code"]] > 0 and not c["overflow"]]
            if fits:
                cell = min(fits, key=lambda c: SIZES.index(c["size_class"]))
                room[cell["code"]] -= 1
                box["cell"], box["status"] = cell["code"], BoxStatus.PLACED


def _cards(rng: random.Random, point_code: str, secrets: DemoSecrets, hasher: PasswordHasher) -> list[dict[str, Any]]:
    cards = []
    for i in range(20):
        number = ean13.complete(f"2{int(point_code):04d}{7_000_000 + i:07d}")
        code = f"{rng.randint(0, 9999):04d}"
        secrets.card_codes[number] = code
        cards.append({"number": number, "point_code": point_code, "activation_code_hash": hasher.hash(code),
                      "status": CardStatus.STOCK})
    return cards


def _staff(secrets: DemoSecrets, hasher: PasswordHasher) -> list[dict[str, Any]]:
    staff = []
    for login, name, role, badge, pin, password in DEMO_STAFF:
        secrets.staff.append({"login": login, "role": role, "badge": badge, "pin": pin, "password": password})
        staff.append({"login": login, "full_name": name, "role": role, "badge_code": badge,
                      "pin_hash": hasher.hash(pin), "password_hash": hasher.hash(password), "active": True})
    return staff
