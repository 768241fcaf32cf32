"""ReceivingService: open a session, scan boxes in, undo, flag damage, close with the discrepancy act.

Every public method is one clerk action in one transaction. A scan arrives classified (the
dispatcher's `Scan`); raw text is classified by the same `route_scan` with the live scanner settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update

from desktop.db.engine import Database
from desktop.db.models import Box, PickupPoint, ReceivingSession, SessionStatus, Shipment
from desktop.documents.builders import discrepancy_act
from desktop.documents.model import Document, PointInfo
from desktop.scan_routing import Scan, ScanKind, route_scan
from desktop.scanner_settings import ScannerConfiguration
from desktop.services.base import Action, Actor, Clock, Role, Service, local_point, new_uid, require_role, utc_now
from desktop.services.receiving import resume, scanning
from desktop.services.receiving.resume import OpenReceiving
from desktop.services.receiving.rows import (
    MAX_NOTE,
    SESSIONS,
    Outcome,
    ReceivingCounts,
    ScanOutcome,
    counts_of,
    local_box,
    require_open,
    session_row,
)
from desktop.services.receiving.summary import DiscrepancySummary, build_summary
from desktop.translatable import QT_TRANSLATE_NOOP, translate
from protocol.errors import DomainError
from protocol.events import BoxDamaged, ReceivingClosed, ReceivingOpened
from protocol.states import BoxStatus, ShipmentStatus

KIND_NAMES = {
    ScanKind.ORDER_NUMBER: QT_TRANSLATE_NOOP("ScanKinds", "номер заказа"),
    ScanKind.BOX: QT_TRANSLATE_NOOP("ScanKinds", "коробка"),
    ScanKind.CELL: QT_TRANSLATE_NOOP("ScanKinds", "ячейка хранения"),
    ScanKind.CLUB_CARD: QT_TRANSLATE_NOOP("ScanKinds", "клубная карта"),
    ScanKind.STAFF_BADGE: QT_TRANSLATE_NOOP("ScanKinds", "бейдж сотрудника"),
    ScanKind.PICKUP_TOKEN: QT_TRANSLATE_NOOP("ScanKinds", "QR-код получения"),
    ScanKind.PICKUP_CODE: QT_TRANSLATE_NOOP("ScanKinds", "код получения"),
    ScanKind.WAYBILL: QT_TRANSLATE_NOOP("ScanKinds", "накладная поставки"),
    ScanKind.CLAIM: QT_TRANSLATE_NOOP("ScanKinds", "гарантийная заявка"),
    ScanKind.SERVICE_LABEL: QT_TRANSLATE_NOOP("ScanKinds", "этикетка изделия для сервиса"),
}
# The actions named in an access refusal (require_role translates them).
RECEIVING = QT_TRANSLATE_NOOP("Actions", "приёмка поставки")
UNDO_SCAN = QT_TRANSLATE_NOOP("Actions", "отмена сканирования")
FLAG_DAMAGE = QT_TRANSLATE_NOOP("Actions", "отметка о повреждении")
CLOSE_RECEIVING = QT_TRANSLATE_NOOP("Actions", "закрытие приёмки")


@dataclass(frozen=True)
class ClosedReceiving:
    """A closed session: its discrepancy summary and the act built from it (to offer or print)."""

    summary: DiscrepancySummary
    act: Document


class ReceivingService(Service):
    """Open, scan into, undo, flag damage, and close receiving sessions."""

    def __init__(self, db: Database, clock: Clock = utc_now, scanner: ScannerConfiguration | None = None) -> None:
        super().__init__(db, clock)
        self.scanner = scanner or ScannerConfiguration()

    def open_session(self, actor: Actor, shipment_number: str | None = None) -> str:
        """Open (or resume the open) receiving session for a shipment, or one without a manifest."""
        require_role(actor, Role.CLERK, RECEIVING)
        with self.action(actor) as act:
            point = local_point(act.session)
            if not shipment_number:
                resumed = resume.open_without_waybill(act.session, actor)
                return resumed if resumed is not None else _open(act, point.id, None)
            shipment = _find_shipment(act, point.id, shipment_number)
            resumed = resume.open_session_of_shipment(act.session, shipment.id)
            if resumed is not None:
                return resumed  # even when every box is in: the interrupted session is closed with F9
            if shipment.status == ShipmentStatus.RECEIVED:
                raise DomainError("receiving.shipment_done", shipment=shipment_number)
            return _open(act, point.id, shipment)

    def resumable(self, actor: Actor) -> OpenReceiving | None:
        """The open session the Приёмка page takes up when shown (after a restart): the clerk's own, else one
        nobody on shift holds, with its last scans; None when there is none."""
        with self.reading() as s:
            pending = resume.pending_sessions(s, actor)
            return resume.describe(s, pending[0].uid) if pending else None

    def resume(self, session_uid: str) -> OpenReceiving:
        """An open session with its counters and its last scans (what the page shows after opening it)."""
        with self.reading() as s:
            return resume.describe(s, session_uid)

    def pending_at_shift_close(self, actor: Actor) -> list[OpenReceiving]:
        """The open sessions closing this clerk's shift must settle (close with the act, or hand over)."""
        with self.reading() as s:
            return [resume.describe(s, row.uid, with_scans=False) for row in resume.pending_sessions(s, actor)]

    def scan_box(self, actor: Actor, session_uid: str, scan: Scan | str) -> ScanOutcome:
        """Receive one box: received, repeat, surplus, foreign, cancelled or unknown-format."""
        require_role(actor, Role.CLERK, RECEIVING)
        if isinstance(scan, str):
            try:
                scan = route_scan(scan, self.scanner.settings)
            except DomainError as err:
                return self._unknown(session_uid, err.params.get("sample", ""), err.code, err.params)
        if scan.kind is not ScanKind.BOX:
            kind = translate("ScanKinds", KIND_NAMES[scan.kind])
            return self._unknown(session_uid, scan.value, "receiving.not_a_box", {"kind": kind})
        with self.action(actor) as act:
            return scanning.scan(act, session_uid, scan.value)

    def _unknown(self, session_uid: str, sample: str, code: str, params: dict[str, Any]) -> ScanOutcome:
        """Not a box barcode: nothing is written; a closed session still refuses."""
        with self.reading() as s:
            row = session_row(s.connection(), session_uid)
        require_open(row)
        return ScanOutcome(Outcome.UNKNOWN_FORMAT, sample, counts_of(row), error_code=code, error_params=params)

    def counts(self, session_uid: str) -> ReceivingCounts:
        """The live counts of a session."""
        with self.reading() as s:
            return counts_of(session_row(s.connection(), session_uid))

    def undo_last(self, actor: Actor, session_uid: str) -> ScanOutcome:
        """Cancel the last scan of the session that changed something; the box is expected again."""
        require_role(actor, Role.CLERK, UNDO_SCAN)
        with self.action(actor) as act:
            return scanning.undo(act, session_uid)

    def flag_damaged(self, actor: Actor, box_barcode: str, note: str) -> None:
        """Record that a received box arrived damaged, with the clerk's description."""
        require_role(actor, Role.CLERK, FLAG_DAMAGE)
        note = " ".join(note.split())
        if not note:
            raise DomainError("receiving.note_required")
        if len(note) > MAX_NOTE:
            raise DomainError("receiving.note_too_long", limit=MAX_NOTE)
        barcode = box_barcode.strip().upper()
        with self.action(actor) as act:
            point = local_point(act.session)
            box = local_box(act.session.connection(), barcode, point.id)
            if box.box_status == BoxStatus.EXPECTED:
                raise DomainError("receiving.box_not_received", box=barcode)
            act.session.execute(update(Box).where(Box.id == box.id).values(damaged=True, damage_note=note))
            act.emit(BoxDamaged(box=barcode, order=box.number, note=note))
            act.audit("receiving.damaged", barcode, order=box.number, note=note)

    def close(self, actor: Actor, session_uid: str) -> DiscrepancySummary:
        """Freeze the session and return its discrepancy summary (also stored on the session)."""
        require_role(actor, Role.CLERK, CLOSE_RECEIVING)
        with self.action(actor) as act:
            return close_in(act, session_uid)

    def close_with_act(self, actor: Actor, session_uid: str) -> ClosedReceiving:
        """The clerk's «Закрыть приёмку»: close (one transaction) and build the discrepancy act."""
        summary = self.close(actor, session_uid)
        return ClosedReceiving(summary, discrepancy_act(summary))

    def summary(self, session_uid: str) -> DiscrepancySummary | None:
        """The stored discrepancy summary of a closed session (None while it is open)."""
        with self.reading() as s:
            data = s.scalar(select(ReceivingSession.summary).where(ReceivingSession.uid == session_uid))
            return DiscrepancySummary.from_dict(data, _point_info(local_point(s))) if data else None


def _point_info(point: PickupPoint) -> PointInfo:
    return PointInfo(point.code, point.name or "", point.address or "", point.timezone)


def _find_shipment(act: Action, point_id: int, number: str) -> Shipment:
    shipment = act.session.scalars(
        select(Shipment).where(Shipment.number == number.strip(), Shipment.point_id == point_id)
    ).first()
    if shipment is None:
        raise DomainError("receiving.shipment_not_found", shipment=number)
    return shipment


def _open(act: Action, point_id: int, shipment: Shipment | None) -> str:
    uid = new_uid()
    expected = missing = 0
    if shipment is not None:
        manifest = select(func.count()).select_from(Box).where(Box.shipment_id == shipment.id)
        expected = act.session.scalar(manifest) or 0
        missing = act.session.scalar(manifest.where(Box.status == BoxStatus.EXPECTED)) or 0
        shipment.status = ShipmentStatus.RECEIVING
    act.session.execute(
        insert(ReceivingSession).values(
            uid=uid,
            point_id=point_id,
            shipment_id=shipment.id if shipment else None,
            opened_by=act.actor.staff_id if act.actor else None,
            opened_at=act.now,
            status=SessionStatus.OPEN,
            n_expected=expected,
            n_missing=missing,
        )
    )
    number = shipment.number if shipment else None
    act.emit(ReceivingOpened(session=uid, shipment=number))
    act.audit("receiving.open", uid, shipment=number, expected=expected)
    return uid


def close_in(act: Action, session_uid: str) -> DiscrepancySummary:
    conn = act.session.connection()
    row = session_row(conn, session_uid)
    require_open(row)
    summary = build_summary(act, row, _point_info(local_point(act.session)))
    stored = summary.as_dict()
    conn.execute(
        update(SESSIONS)
        .where(SESSIONS.c.id == row.id)
        .values(
            status=SessionStatus.CLOSED,
            closed_by=act.actor.staff_id if act.actor else None,
            closed_at=act.now,
            summary=stored,
        )
    )
    if row.shipment_id is not None:
        received = update(Shipment).where(Shipment.id == row.shipment_id).values(status=ShipmentStatus.RECEIVED)
        act.session.execute(received)
    act.emit(ReceivingClosed(session=session_uid, summary=stored))
    act.audit("receiving.close", session_uid, counts=summary.counts)
    return summary
