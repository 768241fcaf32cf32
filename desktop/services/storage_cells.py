"""Storage cells (ячейки хранения): suggest a cell for a box, place or move it, find boxes, audit a cell.

A box fits a cell of its own size class or bigger (S < M < L < XL). A cell holds `capacity` boxes
in status "placed". Suggestions keep an order's boxes together where they fit, then prefer the exact
size, then the least occupied cell; when no regular cell of the box's size or bigger has room, the
point's overflow zone (cells flagged `overflow`, any box size). The clerk is never stuck: a box may
go into any active cell scanned, even one too small or full — the placement then carries a warning.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop import messages
from desktop.db.models import Box, Order, StorageCell
from desktop.messages import Text
from desktop.services.base import Actor, Role, Service, local_point, require_role
from desktop.translatable import QT_TRANSLATE_NOOP, of_total
from protocol.errors import DomainError
from protocol.events import BoxPlaced
from protocol.states import BoxStatus

SIZES = ("S", "M", "L", "XL")
IN_STOCK = (BoxStatus.RECEIVED, BoxStatus.PLACED)
PLACED = Box.status == BoxStatus.PLACED  # the boxes that occupy a cell
PLACE_BOX = QT_TRANSLATE_NOOP("Actions", "размещение коробки")  # named in an access refusal

messages.register(
    {
        "cell.not_found": "Ячейка {cell} не найдена. Отсканируйте наклейку ячейки ещё раз.",
        "cell.inactive": "Ячейка {cell} ({label}) выведена из работы. Выберите другую ячейку.",
        "cell.already_there": "Коробка {box} уже лежит в ячейке {label}.",
        "cell.box_not_found": "Коробка {box} не найдена в этом пункте выдачи. Проверьте штрихкод.",
        "cell.box_not_received": "Коробка {box} не принята (состояние «{status}»). Сначала отсканируйте её в приёмке.",
        "cell.no_room": "Нет свободной ячейки размера {box_size} или больше, зона переполнения тоже занята. "
        "Положите коробку в любую ячейку и отсканируйте её — размещение будет с предупреждением.",
        "cell.placed_too_small": "Коробка {box} размера {box_size} лежит в ячейке {label} размера {cell_size}: "
        "ячейка меньше коробки. Переложите её, когда освободится подходящая ячейка.",
        "cell.placed_full": "Ячейка {label} переполнена: в ней теперь {occupied:n} коробок при вместимости {capacity}. "
        "Переложите коробку, когда освободится место.",
        "cell.placed_overflow": "Коробка {box} лежит в зоне переполнения {label}: ячеек размера {box_size} "
        "не хватает. Сообщите менеджеру.",
    }
)


@dataclass(frozen=True)
class CellSuggestion:
    """A cell the box fits into, why it was chosen, and how full it is."""

    code: str
    label: str
    size_class: str
    occupied: int
    capacity: int
    with_order: bool  # another box of the same order already lies there
    overflow: bool = False  # the overflow zone: no regular cell of the box's size or bigger has room


@dataclass(frozen=True)
class Placement:
    """Result of placing (or moving) a box."""

    box: str
    order: str
    cell: str
    label: str
    previous_cell: str | None
    warning: Text | None = None  # placed anyway into a cell too small, full, or the overflow zone


@dataclass(frozen=True)
class CellContent:
    """One box that should lie in an audited cell."""

    box: str
    order: str
    order_status: str
    box_no: str
    placed_at: str | None


@dataclass(frozen=True)
class CellAudit:
    """What should be in a cell (the clerk compares it with the shelf)."""

    code: str
    label: str
    size_class: str
    capacity: int
    active: bool
    boxes: list[CellContent]


def fits(box_size: str, cell_size: str) -> bool:
    """A box fits a cell of its own size class or bigger."""
    return _rank(cell_size) >= _rank(box_size)


def _rank(size: str) -> int:
    return SIZES.index(size) if size in SIZES else len(SIZES)


def _occupancy(s: Session) -> dict[int | None, int]:
    """How many boxes lie in each cell (only placed boxes occupy one)."""
    rows = s.execute(select(Box.cell_id, func.count()).where(PLACED).group_by(Box.cell_id))
    return {cell_id: n for cell_id, n in rows}


class StorageCellService(Service):
    """Suggest, place and move boxes; where is an order; cell audit."""

    def suggest_cell(self, box_barcode: str) -> CellSuggestion:
        """The best free cell of the box's size or bigger, else the overflow zone; DomainError('cell.no_room')
        when even that is full (the clerk may then scan any cell: `place` accepts it with a warning)."""
        with self.reading() as s:
            box = _box(s, box_barcode)
            occupancy = _occupancy(s)
            siblings = select(Box.cell_id).where(Box.order_id == box.order_id, PLACED)
            together = set(s.scalars(siblings.where(Box.id != box.id)))
            cells = s.scalars(select(StorageCell).where(StorageCell.point_id == box.order.point_id, StorageCell.active))
            free = [c for c in cells if occupancy.get(c.id, 0) < c.capacity]
            regular = [c for c in free if not c.overflow and fits(box.size_class, c.size_class)]
            candidates = regular or [c for c in free if c.overflow]
            if not candidates:
                raise DomainError("cell.no_room", box_size=box.size_class)
            best = min(
                candidates,
                key=lambda c: (
                    c.id not in together,
                    _rank(c.size_class),  # the smallest first: the exact size when one has room
                    occupancy.get(c.id, 0) / c.capacity,  # a free cell has room, so its capacity is above 0
                    c.code,
                ),
            )
            occupied = occupancy.get(best.id, 0)
            return CellSuggestion(
                best.code, best.label, best.size_class, occupied, best.capacity, best.id in together, best.overflow
            )

    def place(self, actor: Actor, box_barcode: str, cell_code: str) -> Placement:
        """Put a received box into a cell (or move a placed one); the cell must fit it and have room."""
        require_role(actor, Role.CLERK, PLACE_BOX)
        with self.action(actor) as act:
            s = act.session
            box = _box(s, box_barcode)
            cell = _cell(s, cell_code, box.order.point_id)
            previous = box.cell if box.status == BoxStatus.PLACED else None
            _check_placement(box, cell, previous)
            warning = _placement_warning(s, box, cell)
            placed = dict(status=BoxStatus.PLACED, cell_id=cell.id, placed_at=act.now)
            s.execute(update(Box).where(Box.id == box.id).values(**placed))
            prev_code = previous.code if previous else None
            act.emit(BoxPlaced(box=box.barcode, order=box.order.number, cell=cell.code, previous_cell=prev_code))
            act.audit("cell.place", box.barcode, order=box.order.number, cell=cell.code, previous_cell=prev_code,
                      warning=warning.code if warning else None)
            return Placement(box.barcode, box.order.number, cell.code, cell.label, prev_code, warning)

    def cell_audit(self, cell_code: str) -> CellAudit:
        """What should be in a cell: its placed boxes with their orders and statuses."""
        with self.reading() as s:
            cell = _cell(s, cell_code, local_point(s).id, require_active=False)
            rows = s.execute(
                select(Box.barcode, Box.seq_no, Box.placed_at, Order.number, Order.status, Order.boxes_total)
                .join(Order, Order.id == Box.order_id)
                .where(Box.cell_id == cell.id, PLACED)
                .order_by(Order.number, Box.seq_no)
            )
            boxes = [
                CellContent(
                    r.barcode,
                    r.number,
                    r.status,
                    of_total(r.seq_no, r.boxes_total),
                    r.placed_at.isoformat() if r.placed_at else None,
                )
                for r in rows
            ]
            return CellAudit(cell.code, cell.label, cell.size_class, cell.capacity, cell.active, boxes)


def _box(s: Session, barcode: str) -> Box:
    code = barcode.strip().upper()
    box = s.scalars(select(Box).where(Box.barcode == code)).first()
    if box is None or box.order.point_id != local_point(s).id:
        raise DomainError("cell.box_not_found", box=code)
    return box


def _cell(s: Session, code: str, point_id: int, require_active: bool = True) -> StorageCell:
    key = code.strip().upper()
    by_code_or_label = (StorageCell.code == key) | (StorageCell.label == key)
    cell = s.scalars(select(StorageCell).where(StorageCell.point_id == point_id, by_code_or_label)).first()
    if cell is None:
        raise DomainError("cell.not_found", cell=key)
    if require_active and not cell.active:
        raise DomainError("cell.inactive", cell=cell.code, label=cell.label)
    return cell


def _check_placement(box: Box, cell: StorageCell, previous: StorageCell | None) -> None:
    if box.status not in IN_STOCK:
        raise DomainError("cell.box_not_received", box=box.barcode, status=BoxStatus(box.status))
    if previous is not None and previous.id == cell.id:
        raise DomainError("cell.already_there", box=box.barcode, label=cell.label)


def _placement_warning(s: Session, box: Box, cell: StorageCell) -> Text | None:
    """Why this placement is not the normal one: a cell too small, a full cell, or the overflow zone."""
    if not cell.overflow and not fits(box.size_class, cell.size_class):
        return Text(
            "cell.placed_too_small", box=box.barcode, box_size=box.size_class, label=cell.label,
            cell_size=cell.size_class,
        )
    occupied = s.scalar(select(func.count()).select_from(Box).where(Box.cell_id == cell.id, PLACED)) or 0
    if occupied >= cell.capacity:
        return Text("cell.placed_full", label=cell.label, occupied=occupied + 1, capacity=cell.capacity)
    if cell.overflow:
        return Text("cell.placed_overflow", box=box.barcode, label=cell.label, box_size=box.size_class)
    return None
