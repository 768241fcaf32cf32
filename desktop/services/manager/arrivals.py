"""Arrivals (manager role): every receiving session of a period, one session's boxes and its discrepancy act.

A session's figures are the same `DiscrepancySummary` its act prints: the stored one of a closed session
(what the act said when it was closed), or the live one of a session still open, built by the receiving
service's own `build_summary` — so the table and the act never count differently. «До размещения» is the time
from the session's first scan to the last of its boxes placed in a cell; none while the session is open or a
box it took in still waits to be placed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session, aliased

from desktop import messages
from desktop.db.models import Box, Order, ReceivingScan, ReceivingSession, SessionStatus, Shipment, Staff, StorageCell
from desktop.documents.builders import discrepancy_act
from desktop.documents.model import Document, PointInfo
from desktop.point_time import zone_named
from desktop.services.base import Action, Actor, Role, Service, local_point, require_role
from desktop.services.manager.report import Column, ColumnKind, Period, Report, Row
from desktop.services.point_info import point_info
from desktop.services.receiving.rows import Outcome, order_of
from desktop.services.receiving.rows import Row as DbRow
from desktop.services.receiving.summary import DiscrepancySummary, build_summary
from desktop.translatable import QT_TRANSLATE_NOOP, translate
from protocol.errors import DomainError
from protocol.states import BoxStatus

messages.register(
    {
        "manager.arrival_not_found": "Приёмка {session} не найдена в этом пункте выдачи.",
        "manager.arrival_open": "Приёмка {shipment} ещё не закрыта: акт расхождений появится, когда её закроют.",
    }
)

SEE_ARRIVALS = QT_TRANSLATE_NOOP("Actions", "просмотр приёмок")
TAKEN_IN = (Outcome.RECEIVED, Outcome.OTHER_SHIPMENT)  # the boxes of this point a session took in
MISSING = "missing"
OUTCOME_NAMES = {
    Outcome.RECEIVED: QT_TRANSLATE_NOOP("ManagerArrivals", "принята"),
    Outcome.SURPLUS: QT_TRANSLATE_NOOP("ManagerArrivals", "излишек"),
    Outcome.FOREIGN: QT_TRANSLATE_NOOP("ManagerArrivals", "чужая"),
    Outcome.CANCELLED: QT_TRANSLATE_NOOP("ManagerArrivals", "заказ отменён"),
    Outcome.OTHER_SHIPMENT: QT_TRANSLATE_NOOP("ManagerArrivals", "из другой поставки"),
    Outcome.ELSEWHERE: QT_TRANSLATE_NOOP("ManagerArrivals", "принята на другом рабочем месте"),
    MISSING: QT_TRANSLATE_NOOP("ManagerArrivals", "недостача"),
}
OUTCOME_TONES = {Outcome.RECEIVED: "ok", Outcome.OTHER_SHIPMENT: "ok", MISSING: "error", Outcome.FOREIGN: "error"}


class ArrivalsService(Service):
    """The manager's «Приёмки» tab: sessions of a period, a session's boxes, its act (clerks are refused)."""

    def sessions(self, actor: Actor | None, period: Period) -> Report:
        """Every receiving session opened in the period, oldest first, with its act's figures and duration."""
        require_role(actor, Role.MANAGER, SEE_ARRIVALS)
        with self.reading() as s:
            point = local_point(s)
            start, end = (bound.replace(tzinfo=UTC) for bound in period.bounds(zone_named(point.timezone)))
            heads = _heads(s, ReceivingSession.opened_at >= start, ReceivingSession.opened_at < end)
            timing = _timing(s, [h.id for h in heads])
            info = point_info(s)
            rows = [self._session_row(s, head, info, timing.get(head.id)) for head in heads]
        return Report.of(translate("ManagerArrivals", "Приёмки за период"), _session_columns(), rows)

    def summary(self, actor: Actor | None, session_uid: str) -> DiscrepancySummary:
        """The session's discrepancy summary: stored when closed, live while it is open."""
        require_role(actor, Role.MANAGER, SEE_ARRIVALS)
        with self.reading() as s:
            return self._summary(s, _head(s, session_uid), point_info(s))

    def boxes(self, actor: Actor | None, session_uid: str) -> Report:
        """One session's boxes: what each scan came to, when, and where the box was placed; then its shortfall."""
        require_role(actor, Role.MANAGER, SEE_ARRIVALS)
        with self.reading() as s:
            head = _head(s, session_uid)
            summary = self._summary(s, head, point_info(s))
            rows = [_box_row(r) for r in _scans(s, head.id)]
        rows += [Row((m.box, m.order, _outcome_name(MISSING), None, None, "", ""), m.order, "error")
                 for m in summary.missing]
        title = translate("ManagerArrivals", "Коробки приёмки {0}").format(_shipment_text(head.number))
        return Report.of(title, _box_columns(), rows)

    def act(self, actor: Actor | None, session_uid: str) -> Document:
        """The discrepancy act of a closed session of any day, built from the summary stored when it closed."""
        require_role(actor, Role.MANAGER, SEE_ARRIVALS)
        with self.reading() as s:
            head = _head(s, session_uid)
            if head.summary is None:
                raise DomainError("manager.arrival_open", shipment=_shipment_text(head.number))
            summary = DiscrepancySummary.from_dict(head.summary, point_info(s))
        return discrepancy_act(summary)

    def _summary(self, s: Session, head: DbRow, point: PointInfo) -> DiscrepancySummary:
        if head.summary is not None:
            return DiscrepancySummary.from_dict(head.summary, point)
        return build_summary(Action(s, None, self.clock()), head, point)  # reads only

    def _session_row(self, s: Session, head: DbRow, point: PointInfo, timing: _Timing | None) -> Row:
        summary = self._summary(s, head, point)
        closed = head.status != SessionStatus.OPEN
        figures = (summary.expected, summary.received, len(summary.missing), len(summary.surplus),
                   len(summary.foreign), len(summary.damaged), len(summary.other_shipment), len(summary.elsewhere),
                   len(summary.cancelled))
        duration = timing.duration if timing is not None and closed else None
        who = ", ".join(summary.staff) or head.full_name
        values = (_shipment_text(head.number), head.opened_at, head.closed_at, who, *figures, duration,
                  discrepancies_text(figures[2:]))
        tone = "warning" if summary.has_discrepancies else ("ok" if closed else "")
        return Row(values, head.uid, tone)


class _Timing:
    """A session's first scan and the placement of the boxes it took in."""

    def __init__(self, first_scan: datetime | None, last_placed: datetime | None, waiting: int) -> None:
        self.first_scan, self.last_placed, self.waiting = first_scan, last_placed, waiting

    @property
    def duration(self) -> timedelta | None:
        """First scan → last box placed; none while a box waits or nothing was placed."""
        if self.waiting or self.first_scan is None or self.last_placed is None:
            return None
        return self.last_placed - self.first_scan


# The act's discrepancy figures in the sessions table's order, as the «Расхождения» column names them.
DISCREPANCIES = (
    QT_TRANSLATE_NOOP("ManagerArrivals", "недостача: {0}"),
    QT_TRANSLATE_NOOP("ManagerArrivals", "излишки: {0}"),
    QT_TRANSLATE_NOOP("ManagerArrivals", "чужие: {0}"),
    QT_TRANSLATE_NOOP("ManagerArrivals", "повреждённые: {0}"),
    QT_TRANSLATE_NOOP("ManagerArrivals", "из другой поставки: {0}"),
    QT_TRANSLATE_NOOP("ManagerArrivals", "приняты на другом месте: {0}"),
    QT_TRANSLATE_NOOP("ManagerArrivals", "отменённые: {0}"),
)


def discrepancies_text(figures: Sequence[int]) -> str:
    """«недостача: 2, чужие: 1»: the session's non-zero discrepancy figures in one cell, or «нет»."""
    parts = [translate("ManagerArrivals", text).format(n) for text, n in zip(DISCREPANCIES, figures, strict=True) if n]
    return ", ".join(parts) or translate("ManagerArrivals", "нет")


def _session_columns() -> list[Column]:
    """Every figure of the act for the export; on screen (1366 px) the discrepancies read as one column."""
    def count(header: str, screen: bool = False) -> Column:
        return Column(header, ColumnKind.COUNT, screen)

    return [
        Column(translate("ManagerArrivals", "Накладная")),
        Column(translate("ManagerArrivals", "Открыта"), ColumnKind.MOMENT),
        Column(translate("ManagerArrivals", "Закрыта"), ColumnKind.MOMENT),
        Column(translate("ManagerArrivals", "Принимали")),
        count(translate("ManagerArrivals", "Ожидалось"), screen=True),
        count(translate("ManagerArrivals", "Принято"), screen=True),
        count(translate("ManagerArrivals", "Недостача")),
        count(translate("ManagerArrivals", "Излишки")),
        count(translate("ManagerArrivals", "Чужие")),
        count(translate("ManagerArrivals", "Повреждённые")),
        count(translate("ManagerArrivals", "Из другой поставки")),
        count(translate("ManagerArrivals", "Приняты на другом месте")),
        count(translate("ManagerArrivals", "Отменённые")),
        Column(translate("ManagerArrivals", "От первого скана до размещения"), ColumnKind.DURATION),
        Column(translate("ManagerArrivals", "Расхождения")),
    ]


def _box_columns() -> list[Column]:
    return [
        Column(translate("ManagerArrivals", "Коробка")),
        Column(translate("ManagerArrivals", "Заказ")),
        Column(translate("ManagerArrivals", "Результат")),
        Column(translate("ManagerArrivals", "Отсканирована"), ColumnKind.MOMENT),
        Column(translate("ManagerArrivals", "Размещена"), ColumnKind.MOMENT),
        Column(translate("ManagerArrivals", "Ячейка")),
        Column(translate("ManagerArrivals", "Повреждение")),
    ]


def _shipment_text(number: str | None) -> str:
    return number or translate("ManagerArrivals", "без накладной")


def _outcome_name(outcome: str) -> str:
    name = OUTCOME_NAMES.get(outcome)
    return translate("ManagerArrivals", name) if name else outcome


def _heads_query() -> Select[Any]:
    opener = aliased(Staff)
    return (
        select(ReceivingSession.id, ReceivingSession.uid, ReceivingSession.shipment_id, ReceivingSession.n_expected,
               ReceivingSession.opened_at, ReceivingSession.closed_at, ReceivingSession.status,
               ReceivingSession.summary, Shipment.number, opener.full_name)
        .join(opener, opener.id == ReceivingSession.opened_by)
        .outerjoin(Shipment, Shipment.id == ReceivingSession.shipment_id)
    )


def _heads(s: Session, *where: Any) -> list[DbRow]:
    query = _heads_query().where(*where).order_by(ReceivingSession.opened_at, ReceivingSession.id)
    return list(s.execute(query).all())


def _head(s: Session, session_uid: str) -> DbRow:
    point = local_point(s)
    found = _heads(s, ReceivingSession.uid == session_uid, ReceivingSession.point_id == point.id)
    if not found:
        raise DomainError("manager.arrival_not_found", session=session_uid)
    return found[0]


def _timing(s: Session, session_ids: Sequence[int]) -> dict[int, _Timing]:
    """Per session, in one pass over its standing scans: the first scan, the last placement of the boxes it
    took in, and how many of those still wait for a cell."""
    if not session_ids:
        return {}
    taken_in = ReceivingScan.outcome.in_(TAKEN_IN)
    rows = s.execute(
        select(ReceivingScan.session_id, func.min(ReceivingScan.scanned_at).label("first"),
               func.max(case((taken_in, Box.placed_at))).label("last"),
               func.sum(case((taken_in & (Box.status == BoxStatus.RECEIVED), 1), else_=0)).label("waiting"))
        .outerjoin(Box, Box.id == ReceivingScan.box_id)
        .where(ReceivingScan.session_id.in_(session_ids), ReceivingScan.undone.is_(False))
        .group_by(ReceivingScan.session_id)
    )
    return {r.session_id: _Timing(r.first, r.last, int(r.waiting or 0)) for r in rows}  # moments typed UTC


def _scans(s: Session, session_id: int) -> list[DbRow]:
    """The session's standing scans in order, with the box's order, placement and damage."""
    return list(
        s.execute(
            select(ReceivingScan.barcode, ReceivingScan.outcome, ReceivingScan.scanned_at, Order.number,
                   Box.placed_at, Box.damaged, Box.damage_note, StorageCell.label.label("cell"))
            .outerjoin(Box, Box.id == ReceivingScan.box_id)
            .outerjoin(Order, Order.id == Box.order_id)
            .outerjoin(StorageCell, StorageCell.id == Box.cell_id)
            .where(ReceivingScan.session_id == session_id, ReceivingScan.undone.is_(False))
            .order_by(ReceivingScan.id)
        ).all()
    )


def _box_row(r: DbRow) -> Row:
    taken_in = r.outcome in TAKEN_IN
    order = r.number or order_of(r.barcode) or ""
    damage = (r.damage_note or translate("ManagerArrivals", "да")) if r.damaged and taken_in else ""
    values = (r.barcode, order, _outcome_name(r.outcome), r.scanned_at, r.placed_at if taken_in else None,
              (r.cell or "") if taken_in else "", damage)
    return Row(values, order or None, "warning" if damage else OUTCOME_TONES.get(r.outcome, "warning"))
