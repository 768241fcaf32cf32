"""Headless demo: build a demo point and walk one scripted shift through the real services.

Open shift, receive a shipment with one missing and one foreign box, place boxes, hand over an order
with a wrong then a right code, refuse one line, take payment, hand over the demo customer's order paid
with points + a gift certificate + cash (its receipt printed), activate a club card, close shift —
printing each step and the outbox events it produced. Run: `python -m desktop.demo.headless`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.migrate import migrate_with_backup
from desktop.db.models import Box, Order, OutboxEvent, Shipment
from desktop.demo.loader import load_demo
from desktop.demo.money_walk import pay_with_money
from desktop.services.base import Actor, Clock
from desktop.services.club import ClubService
from desktop.services.handover import HandoverService
from desktop.services.receiving import ReceivingService
from desktop.services.staff import StaffService
from desktop.services.storage_cells import StorageCellService
from protocol.demo_data import generate_point
from protocol.errors import DomainError
from protocol.money import rub
from protocol.order_states import OrderStatus
from protocol.states import BoxStatus, ShipmentStatus

FOREIGN_BOX = "B007750099999901"  # point 0077, order 500999999, box 01


@dataclass
class Demo:
    """The demo's database, clock, secrets and an output stream."""

    db: Database
    clock: Clock
    secrets: Any
    out: TextIO
    seen_seq: int = 0

    def say(self, text: str) -> None:
        print(text, file=self.out)

    def step(self, title: str) -> None:
        self.say(f"\n=== {title} ===")

    def show_outbox(self) -> list[str]:
        """Print the outbox events written since the last call; return their types."""
        with self.db.read() as s:
            rows = s.scalars(select(OutboxEvent).where(OutboxEvent.device_seq > self.seen_seq)
                             .order_by(OutboxEvent.device_seq)).all()
        for row in rows:
            self.say(f"    outbox #{row.device_seq} {row.type} {_short(row.payload)}")
            self.seen_seq = row.device_seq
        return [row.type for row in rows]


def _short(payload: str, limit: int = 110) -> str:
    return payload if len(payload) <= limit else payload[: limit - 1] + "…"


DEMO_ORDERS = 300  # the demo's default size, the same point the GUI demo serves


def run_demo(out: TextIO, workdir: Path, clock: Clock | None = None, orders: int = DEMO_ORDERS) -> dict[str, Any]:
    """Run the scripted shift; returns a summary of what happened (used by the test)."""
    demo_data = generate_point(seed=42, orders=orders, now=datetime.now(UTC))
    db = migrate_with_backup(workdir / "demo-cache.sqlite3")
    load_demo(db, demo_data)
    demo = Demo(db, clock or (lambda: datetime.now(UTC)), demo_data["secrets"], out)
    demo.say(f"Демо-пункт {demo_data['point']['name']}: {len(demo_data['orders'])} заказов, база {db.path}")
    summary: dict[str, Any] = {}
    actor = _open_shift(demo)
    summary["discrepancies"] = _receive(demo, actor)
    summary["placed"] = _place(demo, actor)
    summary["handover"] = _hand_over(demo, actor)
    summary["money"] = pay_with_money(demo, actor)
    summary["club"] = _activate_card(demo, actor, summary["handover"]["phone"])
    summary["shift"] = _close_shift(demo, actor)
    with db.read() as s:
        summary["outbox_types"] = [t for (t,) in s.execute(select(OutboxEvent.type).order_by(OutboxEvent.device_seq))]
    db.dispose()
    demo.say(f"\nИтог: смена пройдена — не пришло {len(summary['discrepancies']['missing'])}, "
             f"чужих {len(summary['discrepancies']['foreign'])}, размещено {len(summary['placed'])}, "
             f"выдача {summary['handover']['result']}, карта {summary['club']['status']}, "
             f"событий {len(summary['outbox_types'])}.")
    return summary


def _open_shift(demo: Demo) -> Actor:
    staff = demo.secrets.staff[0]
    demo.step(f"Вход кассира {staff['login']} (бейдж {staff['badge']} + PIN) и открытие смены")
    service = StaffService(demo.db, demo.clock)
    try:
        service.login_badge(staff["badge"], "0000")
    except DomainError as error:
        demo.say(f"  неверный PIN → {error}")
    actor = service.open_shift(service.login_badge(staff["badge"], staff["pin"]))
    demo.say(f"  вошла {actor.full_name} ({actor.role}), смена #{actor.shift_id}")
    demo.show_outbox()
    return actor


def _receive(demo: Demo, actor: Actor) -> dict[str, Any]:
    with demo.db.read() as s:
        in_transit = select(Shipment).where(Shipment.status == ShipmentStatus.IN_TRANSIT).order_by(Shipment.id)
        shipment = s.scalars(in_transit).first()
        assert shipment is not None
        barcodes = list(s.scalars(select(Box.barcode).where(Box.shipment_id == shipment.id).order_by(Box.id)))
    demo.step(f"Приёмка поставки {shipment.number}: {len(barcodes)} коробок по накладной")
    service = ReceivingService(demo.db, demo.clock)
    session = service.open_session(actor, shipment.number)
    for barcode in [*barcodes[:-1], barcodes[0], FOREIGN_BOX]:  # last one missing, one repeat, one foreign
        outcome = service.scan_box(actor, session, barcode)
        progress = f" заказ {outcome.order} {outcome.progress}" if outcome.order else ""
        demo.say(f"  скан {barcode}: {outcome.kind.value}{progress}{' → прибыл' if outcome.order_arrived else ''}")
    summary = service.close(actor, session)
    demo.say(f"  закрыта: {summary.counts}; не пришли: {[m.box for m in summary.missing]}; "
             f"чужие: {[f.box for f in summary.foreign]}")
    demo.show_outbox()
    return summary.as_dict()


def _place(demo: Demo, actor: Actor) -> list[str]:
    """Every box the truck brought goes to the cell suggested for it (a larger one or the overflow zone if need be)."""
    demo.step("Размещение коробок по ячейкам (скан коробки, затем ячейки)")
    service = StorageCellService(demo.db, demo.clock)
    with demo.db.read() as s:
        boxes = list(s.scalars(select(Box.barcode).where(Box.status == BoxStatus.RECEIVED, Box.cell_id.is_(None))
                               .order_by(Box.id)))
    placed = []
    for barcode in boxes:
        cell = service.suggest_cell(barcode)
        result = service.place(actor, barcode, cell.code)
        warning = f" — {result.warning}" if result.warning else ""
        demo.say(f"  {barcode} → ячейка {result.label} (занято {cell.occupied}/{cell.capacity}){warning}")
        placed.append(result.label)
    demo.show_outbox()
    return placed


def _handover_order(demo: Demo) -> Order:
    """A ready order paid at pickup, with at least two lines, not needing documents."""
    with demo.db.read() as s:
        candidates = s.scalars(select(Order).where(Order.status == OrderStatus.READY, Order.prepaid.is_(False),
                                                   Order.kind == "retail").order_by(Order.id)).all()
        for order in candidates:
            if len(order.lines) >= 2 and order.total_kopecks < 10_000_000 and order.number in demo.secrets.pickup_codes:
                _ = order.customer.phone
                return order
    raise RuntimeError("demo data has no suitable order")


def _hand_over(demo: Demo, actor: Actor) -> dict[str, Any]:
    order = _handover_order(demo)
    code = demo.secrets.pickup_codes[order.number]
    demo.step(f"Выдача заказа {order.number} ({len(order.lines)} позиции, к оплате {rub(order.total_kopecks)})")
    service = HandoverService(demo.db, demo.clock)
    state = service.start(actor, order.number)
    wrong = "000000" if code != "000000" else "111111"
    try:
        service.verify_code(actor, state.uid, wrong)
    except DomainError as error:
        demo.say(f"  код {wrong}: {error}")
    state = service.verify_code(actor, state.uid, code)
    demo.say(f"  код {code}: принят ({state.verified_by})")
    for box in state.boxes:
        service.scan_box(actor, state.uid, box.barcode)
        demo.say(f"  скан коробки {box.barcode} ({box.seq_no} из {len(state.boxes)})")
    line = state.lines[-1]
    state = service.refuse_line(actor, state.uid, line.id, line.quantity, "changed_mind")
    demo.say(f"  отказ от «{line.name}»: к оплате теперь {rub(state.due_kopecks)}")
    tendered = (state.due_kopecks // 500_000 + 1) * 500_000
    state = service.pay(actor, state.uid, "cash", tendered)
    assert state.payment is not None
    demo.say(f"  наличные {rub(tendered)}, сдача {rub(state.payment.change_kopecks)}")
    result = service.complete(actor, state.uid)
    demo.say(f"  выдан: {result.result}, начислено баллов: {result.bonus_points}")
    types = demo.show_outbox()
    return {"order": order.number, "result": result.result, "points": result.bonus_points,
            "change": state.payment.change_kopecks, "phone": order.customer.phone, "events": types}


def _activate_card(demo: Demo, actor: Actor, phone: str) -> dict[str, Any]:
    number, code = next(iter(demo.secrets.card_codes.items()))
    demo.step(f"Активация клубной карты {number} для клиента с телефоном …{phone[-4:]}")
    service = ClubService(demo.db, demo.clock)
    verdict = service.check_eligibility(phone)
    demo.say(f"  право на карту: {'да' if verdict.eligible else 'нет'} {verdict.reason or ''}")
    result = service.activate(actor, number, code, "Москва", phone)
    demo.say(f"  карта {result.card_number}: {result.status}, +{result.points} баллов (ждёт подтверждения центра)")
    demo.show_outbox()
    return {"card": result.card_number, "status": result.status, "points": result.points}


def _close_shift(demo: Demo, actor: Actor) -> dict[str, Any]:
    demo.step("Закрытие смены")
    report = StaffService(demo.db, demo.clock).close_shift(actor)
    demo.say(f"  принято коробок {report.boxes_received}, выдано заказов {report.orders_handed_over}, "
             f"наличные {rub(report.cash_kopecks)}, карты {report.cards_activated}")
    demo.show_outbox()
    return json.loads(json.dumps(report.as_dict(), default=str))


def main(argv: list[str] | None = None, out: TextIO = sys.stdout, runner: Callable[..., Any] = run_demo) -> int:
    parser = argparse.ArgumentParser(description="Pickup Desk: scripted shift on a demo point, no UI")
    parser.add_argument("--workdir", type=Path, help="where to keep the demo database (default: a temp dir)")
    args = parser.parse_args(argv)
    if args.workdir:
        runner(out, args.workdir)
    else:
        with tempfile.TemporaryDirectory(prefix="pickup-demo-") as tmp:
            runner(out, Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
