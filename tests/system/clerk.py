"""What a clerk does at one counter PC, in the system tests' words: each step is one real service call."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.db.models import Box, Order, Shipment
from desktop.services.base import Actor
from desktop.services.handover import HandoverResult
from desktop.services.receiving import DiscrepancySummary, ScanOutcome
from protocol.errors import DomainError
from protocol.order_states import OrderStatus
from protocol.states import BoxStatus
from tests.system.harness import Counter, System

FOREIGN_BOX = "B007750099999901"  # point 0077's box: never ours
SURPLUS_BOX = "B004299999999901"  # this point's barcode shape, an order the cache does not know


@dataclass
class Clerk:
    """A signed-in clerk with an open shift at one counter PC."""

    counter: Counter
    actor: Actor

    @classmethod
    def sign_in(cls, counter: Counter, login: str = "kassir") -> Clerk:
        staff = counter.staff()
        return cls(counter, staff.open_shift(counter.actor(login)))

    def close_shift(self) -> None:
        self.counter.staff().close_shift(self.actor)

    # --- receiving ------------------------------------------------------------------------------------

    def open_receiving(self, shipment: str | None) -> str:
        return self.counter.receiving().open_session(self.actor, shipment)

    def scan(self, session: str, *barcodes: str) -> list[ScanOutcome]:
        service = self.counter.receiving()
        return [service.scan_box(self.actor, session, barcode) for barcode in barcodes]

    def undo(self, session: str) -> ScanOutcome:
        return self.counter.receiving().undo_last(self.actor, session)

    def close_receiving(self, session: str) -> DiscrepancySummary:
        return self.counter.receiving().close(self.actor, session)

    # --- cells ------------------------------------------------------------------------------------------

    def place(self, barcode: str) -> str:
        """Put a received box where the app suggests; the cell code."""
        service = self.counter.cells()
        cell = service.suggest_cell(barcode).code
        service.place(self.actor, barcode, cell)
        return cell

    # --- handover ---------------------------------------------------------------------------------------

    def hand_over(self, order: str, code: str, *, wrong_first: bool = False, refuse_last_line: bool = False,
                  method: str = "cash") -> HandoverResult:
        service = self.counter.handover()
        state = service.start(self.actor, order)
        if wrong_first:
            try:
                service.verify_code(self.actor, state.uid, "000000" if code != "000000" else "111111")
            except DomainError:
                pass
            else:
                raise AssertionError("a wrong pickup code was accepted")
        state = service.verify_code(self.actor, state.uid, code)
        for box in state.boxes:
            service.scan_box(self.actor, state.uid, box.barcode)
        if refuse_last_line:
            line = state.lines[-1]
            state = service.refuse_line(self.actor, state.uid, line.id, line.quantity, "changed_mind")
        if state.due_kopecks:
            tendered = state.due_kopecks if method == "card" else (state.due_kopecks // 500_000 + 1) * 500_000
            service.pay(self.actor, state.uid, method, tendered)
        return service.complete(self.actor, state.uid)

    def activate_card(self, card: str, code: str, phone: str, city: str = "Москва") -> str:
        return self.counter.club().activate(self.actor, card, code, city, phone).status


# --- what the cache says -------------------------------------------------------------------------------


def shipment_boxes(counter: Counter, number_suffix: str) -> tuple[str, list[str]]:
    """The shipment whose number ends with `number_suffix` ("01"/"02") and its box barcodes."""
    with counter.db.read() as s:
        shipment = s.scalars(select(Shipment).where(Shipment.number.endswith(number_suffix))).one()
        boxes = list(s.scalars(select(Box.barcode).where(Box.shipment_id == shipment.id).order_by(Box.id)))
    return shipment.number, boxes


def orders_with(counter: Counter, status: str, *, prepaid: bool | None = None, min_lines: int = 1) -> list[Order]:
    """Retail orders of a status (no documents needed at handover), in number order."""
    with counter.db.read() as s:
        query = select(Order).where(Order.status == status, Order.kind == "retail",
                                    Order.total_kopecks < 10_000_000).order_by(Order.number)
        if prepaid is not None:
            query = query.where(Order.prepaid.is_(prepaid))
        found = [o for o in s.scalars(query) if len(o.lines) >= min_lines]
        for order in found:
            _ = order.customer.phone, [b.barcode for b in order.boxes]
        return found


def received_unplaced(counter: Counter, sizes: tuple[str, ...] = ("S", "M", "L", "XL")) -> list[str]:
    """Received boxes not yet in a cell (of these size classes), in arrival order."""
    with counter.db.read() as s:
        return list(s.scalars(select(Box.barcode).where(Box.status == BoxStatus.RECEIVED, Box.cell_id.is_(None),
                                                        Box.size_class.in_(sizes)).order_by(Box.id)))


def order_status(counter: Counter, number: str) -> str:
    with counter.db.read() as s:
        return str(s.scalar(select(Order.status).where(Order.number == number)))


def complete_orders_of(boxes: list[str], counter: Counter) -> list[str]:
    """Orders of these boxes that are ready now (all their boxes arrived), in number order."""
    numbers = sorted({barcode[5:14] for barcode in boxes})
    return [n for n in numbers if order_status(counter, n) == OrderStatus.READY]


def ready_code(system: System, number: str) -> str:
    code = system.pickup_code(number)
    assert code is not None, f"no pickup code reached the customer of order {number}"
    return code
