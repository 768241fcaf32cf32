"""The discrepancy summary of a closed receiving session (акт расхождений), as one typed value.

`DiscrepancySummary` is built by the service when a session closes and is what the receiving page
renders and the discrepancy-act builder prints. Its JSON form (`as_dict`, stored on the session
and sent in the ``receiving.closed`` event) keeps the shape the central server already receives;
`from_dict` reads a stored one back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from desktop.db.models import Box, Order, ReceivingScan, ReceivingSession, Shipment, Staff
from desktop.documents.model import PointInfo
from desktop.services.base import Action
from desktop.services.receiving.rows import Outcome, Row, order_of, point_code_of
from desktop.translatable import of_total
from protocol.states import BoxStatus


@dataclass(frozen=True)
class MissingBox:
    """A manifest box that did not come; ``place`` is its place in the order ("3 из 3")."""

    box: str
    order: str
    place: str


@dataclass(frozen=True)
class ForeignBox:
    """A box addressed to another pickup point."""

    box: str
    point: str

    @property
    def order(self) -> str:
        """The order its label names (as the receiving page shows it)."""
        return order_of(self.box)


@dataclass(frozen=True)
class CancelledBox:
    """A box of an order cancelled before it arrived."""

    box: str
    order: str


@dataclass(frozen=True)
class OtherShipmentBox:
    """A box of this point that came with another shipment's truck: received here, listed in this act only."""

    box: str
    order: str
    shipment: str


@dataclass(frozen=True)
class ElsewhereBox:
    """A box scanned in this session that another session (another counter PC) received first."""

    box: str
    order: str


@dataclass(frozen=True)
class DamagedBox:
    """A received box flagged as damaged, with the clerk's description."""

    box: str
    order: str
    note: str


@dataclass(frozen=True)
class DiscrepancySummary:
    """What the manifest said against what was scanned in one closed receiving session."""

    session: str
    shipment: str | None
    point: PointInfo
    opened_at: datetime
    closed_at: datetime
    opened_by: str
    closed_by: str
    staff: tuple[str, ...]
    expected: int
    received: int
    missing: tuple[MissingBox, ...] = ()
    surplus: tuple[str, ...] = ()
    foreign: tuple[ForeignBox, ...] = ()
    cancelled: tuple[CancelledBox, ...] = ()
    damaged: tuple[DamagedBox, ...] = ()
    other_shipment: tuple[OtherShipmentBox, ...] = ()
    elsewhere: tuple[ElsewhereBox, ...] = ()  # «принята на другом рабочем месте»: not received by this session

    @property
    def has_discrepancies(self) -> bool:
        lists = (self.missing, self.surplus, self.foreign, self.cancelled, self.damaged, self.other_shipment,
                 self.elsewhere)
        return any(lists)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "expected": self.expected,
            "received": self.received,
            "missing": len(self.missing),
            "surplus": len(self.surplus),
            "foreign": len(self.foreign),
            "cancelled": len(self.cancelled),
            "other_shipment": len(self.other_shipment),
            "elsewhere": len(self.elsewhere),
        }

    def as_dict(self) -> dict[str, Any]:
        """The stored / sent JSON form."""
        return {
            "session": self.session,
            "shipment": self.shipment,
            "point": self.point.code,
            "opened_at": self.opened_at.isoformat(),
            "closed_at": self.closed_at.isoformat(),
            "opened_by": self.opened_by,
            "closed_by": self.closed_by,
            "staff": list(self.staff),
            "counts": self.counts,
            "missing": [{"box": m.box, "order": m.order, "box_no": m.place} for m in self.missing],
            "surplus": list(self.surplus),
            "foreign": [{"box": f.box, "point": f.point} for f in self.foreign],
            "cancelled": [{"box": c.box, "order": c.order} for c in self.cancelled],
            "damaged": [{"box": d.box, "order": d.order, "note": d.note} for d in self.damaged],
            "other_shipment": [{"box": o.box, "order": o.order, "shipment": o.shipment} for o in self.other_shipment],
            "elsewhere": [{"box": e.box, "order": e.order} for e in self.elsewhere],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], point: PointInfo | None = None) -> DiscrepancySummary:
        """A stored summary read back (``point`` adds the name and address to the stored code)."""
        counts, missing = data.get("counts", {}), data.get("missing", ())
        return cls(
            session=data["session"],
            shipment=data.get("shipment"),
            point=point or PointInfo(data.get("point", "")),
            opened_at=datetime.fromisoformat(data["opened_at"]),
            closed_at=datetime.fromisoformat(data["closed_at"]),
            opened_by=data.get("opened_by", ""),
            closed_by=data.get("closed_by", ""),
            staff=tuple(data.get("staff", ())),
            expected=int(counts.get("expected", 0)),
            received=int(counts.get("received", 0)),
            missing=tuple(MissingBox(m["box"], m.get("order", ""), m.get("box_no", "")) for m in missing),
            surplus=tuple(data.get("surplus", ())),
            foreign=tuple(ForeignBox(f["box"], f.get("point", "")) for f in data.get("foreign", ())),
            cancelled=tuple(CancelledBox(c["box"], c.get("order", "")) for c in data.get("cancelled", ())),
            damaged=tuple(DamagedBox(d["box"], d.get("order", ""), d.get("note", "")) for d in data.get("damaged", ())),
            other_shipment=tuple(
                OtherShipmentBox(o["box"], o.get("order", ""), o.get("shipment", ""))
                for o in data.get("other_shipment", ())
            ),
            elsewhere=tuple(ElsewhereBox(e["box"], e.get("order", "")) for e in data.get("elsewhere", ())),
        )


def build_summary(act: Action, sess: Row, point: PointInfo) -> DiscrepancySummary:
    """The summary of a session being closed, in the closing transaction."""
    scans = _scans(act, sess.id)
    by_outcome: dict[str, list[Row]] = {}
    for row in scans:
        by_outcome.setdefault(row.outcome, []).append(row)
    head = _head(act, sess.id)
    closer = act.actor.full_name if act.actor else ""
    return DiscrepancySummary(
        session=sess.uid,
        shipment=head.number,
        point=point,
        opened_at=head.opened_at,
        closed_at=act.now,
        opened_by=head.full_name,
        closed_by=closer,
        staff=tuple(sorted(({r.full_name for r in scans} | {head.full_name, closer}) - {""})),
        expected=sess.n_expected,
        received=len(by_outcome.get(Outcome.RECEIVED, [])),
        missing=_missing(act, sess.shipment_id),
        surplus=tuple(r.barcode for r in by_outcome.get("surplus", [])),
        foreign=tuple(ForeignBox(r.barcode, point_code_of(r.barcode)) for r in by_outcome.get("foreign", [])),
        cancelled=tuple(CancelledBox(r.barcode, order_of(r.barcode)) for r in by_outcome.get(Outcome.CANCELLED, [])),
        damaged=_damaged(act, [r.box_id for r in scans if r.box_id is not None and r.outcome != Outcome.ELSEWHERE]),
        other_shipment=_other_shipment(act, [r.box_id for r in by_outcome.get(Outcome.OTHER_SHIPMENT, [])]),
        elsewhere=tuple(ElsewhereBox(r.barcode, order_of(r.barcode)) for r in by_outcome.get(Outcome.ELSEWHERE, [])),
    )


def _scans(act: Action, session_id: int) -> list[Row]:
    """The session's scans that stand (not undone), in order, with who scanned them."""
    return list(
        act.session.execute(
            select(ReceivingScan.barcode, ReceivingScan.outcome, ReceivingScan.box_id, Staff.full_name)
            .join(Staff, Staff.id == ReceivingScan.staff_id)
            .where(ReceivingScan.session_id == session_id, ReceivingScan.undone.is_(False))
            .order_by(ReceivingScan.id)
        ).all()
    )


def _head(act: Action, session_id: int) -> Row:
    """When and by whom the session was opened, and its shipment number."""
    return act.session.execute(
        select(ReceivingSession.opened_at, Staff.full_name, Shipment.number)
        .join(Staff, Staff.id == ReceivingSession.opened_by)
        .outerjoin(Shipment, Shipment.id == ReceivingSession.shipment_id)
        .where(ReceivingSession.id == session_id)
    ).one()


def _missing(act: Action, shipment_id: int | None) -> tuple[MissingBox, ...]:
    if shipment_id is None:
        return ()
    rows = act.session.execute(
        select(Box.barcode, Box.seq_no, Order.number, Order.boxes_total)
        .join(Order, Order.id == Box.order_id)
        .where(Box.shipment_id == shipment_id, Box.status == BoxStatus.EXPECTED)
        .order_by(Order.number, Box.seq_no)
    )
    return tuple(MissingBox(r.barcode, r.number, of_total(r.seq_no, r.boxes_total)) for r in rows)


def _other_shipment(act: Action, box_ids: list[int]) -> tuple[OtherShipmentBox, ...]:
    if not box_ids:
        return ()
    rows = act.session.execute(
        select(Box.barcode, Order.number, Shipment.number.label("shipment"))
        .join(Order, Order.id == Box.order_id)
        .outerjoin(Shipment, Shipment.id == Box.shipment_id)
        .where(Box.id.in_(box_ids))
        .order_by(Box.barcode)
    )
    return tuple(OtherShipmentBox(r.barcode, r.number, r.shipment or "") for r in rows)


def _damaged(act: Action, box_ids: list[int]) -> tuple[DamagedBox, ...]:
    if not box_ids:
        return ()
    rows = act.session.execute(
        select(Box.barcode, Box.damage_note, Order.number)
        .join(Order, Order.id == Box.order_id)
        .where(Box.id.in_(box_ids), Box.damaged.is_(True))
        .order_by(Box.barcode)
    )
    return tuple(DamagedBox(r.barcode, r.number, r.damage_note or "") for r in rows)
