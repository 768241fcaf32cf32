"""The warranty tests' world: the local point with a clerk and a manager, handed-over orders, pre-filed claims."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.db.claim_models import Claim
from desktop.db.engine import Database
from desktop.db.models import Order, OrderLine, PickupPoint
from desktop.services.base import Actor, Role
from desktop.services.warranty import IntakeDraft, WarrantyService
from protocol.claims import ClaimStatus
from protocol.order_states import OrderStatus
from tests.support.clock import FakeClock
from tests.support.factories import actor_for, make_customer, make_order, make_point, make_staff

JPEG = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + bytes(range(256)) + b"\xff\xd9"
SERIAL = "SN-A55-0001"


@dataclass
class Env:
    db: Database
    clock: FakeClock
    point_id: int
    foreign_point_id: int
    clerk: Actor
    manager: Actor
    foreign_manager: Actor
    svc: WarrantyService
    data_dir: Path

    def purchased(self, serial: str | None = SERIAL, days_ago: int = 30, months: int = 12, lines: int = 1,
                  foreign: bool = False, phone: str | None = None, name: str = "Иванов Иван Иванович") -> str:
        """A handed-over order (its first line with `serial`), bought `days_ago` days before the clock's now."""
        with self.db.write() as s:
            point = s.get(PickupPoint, self.foreign_point_id if foreign else self.point_id)
            assert point is not None
            goods = [("Смартфон Galaxy A55 8/256", 1, 3_499_000), ("Наушники Buds FE", 1, 599_000)][:lines]
            order = make_order(s, point, make_customer(s, name, phone), lines=goods, status=OrderStatus.HANDED_OVER)
            order.handed_over_at = self.clock() - timedelta(days=days_ago)
            for n, line in enumerate(s.scalars(select(OrderLine).where(OrderLine.order_id == order.id)), 1):
                line.serial = serial if n == 1 else f"{serial}-{n}" if serial else None
                line.warranty_months = months
            return order.number

    def prefiled(self, order: str, number: str = "W000000123", serial: str | None = None,
                 status: ClaimStatus = ClaimStatus.FILED, **kw: Any) -> str:
        """A claim as the server's feed brings it (pre-filed online by the customer)."""
        with self.db.write() as s:
            found = s.scalars(select(Order).where(Order.number == order)).one()
            line = found.lines[0]
            s.add(Claim(number=number, point_id=found.point_id, order_number=order, sku=line.sku, product=line.name,
                        serial=serial, prefiled=True, status=status, fault=kw.pop("fault", "Не включается"),
                        filed_at=self.clock() - timedelta(days=1), updated_at=self.clock(), **kw))
        return number

    def ready_draft(self, order: str, serial: str = SERIAL) -> IntakeDraft:
        draft = self.svc.start_intake(self.clerk, order=order)
        return self.svc.check_serial(self.clerk, draft, serial)

    def accept(self, order: str, serial: str = SERIAL, **kw: Any) -> Any:
        draft = self.ready_draft(order, serial)
        kw.setdefault("checklist", ["box", "cable", "scratches"])
        kw.setdefault("condition", "Потёртости на корпусе")
        kw.setdefault("fault", "Не заряжается")
        return self.svc.accept(self.clerk, draft, **kw)

    def claim(self, number: str) -> Claim:
        with self.db.read() as s:
            claim = s.scalars(select(Claim).where(Claim.number == number)).one()
            s.expunge(claim)
            return claim


def make_env(db: Database, clock: FakeClock, data_dir: Path, now: datetime | None = None) -> Env:
    if now is not None:
        clock.now = now
    with db.write() as s:
        point = make_point(s, code="0042")
        other = make_point(s, code="0077", local=False)
        clerk = actor_for(make_staff(s, point, Role.CLERK))
        manager = actor_for(make_staff(s, point, Role.MANAGER))
        foreign_manager = actor_for(make_staff(s, other, Role.MANAGER))
        ids = point.id, other.id
    return Env(db, clock, ids[0], ids[1], clerk, manager, foreign_manager, WarrantyService(db, clock, data_dir),
               data_dir)
