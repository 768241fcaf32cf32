"""The manager's charts as reports: each series is a `Report` (the tab draws it, the export writes it).

- boxes received per day: boxes of the point's orders by the day they were received (every counter PC's);
- handovers per hour of day: the point's orders handed over (fully or partly) by the hour on the point's clock;
- discrepancy rate per shipment: receiving sessions with a waybill closed in the period, (missing + surplus +
  foreign + damaged) / expected, in percent;
- SMS outcomes per day (by the day asked for): delivered, failed, unknown (sent, but no delivery report came:
  the gateway's answer was lost or is still awaited);
- storage occupancy by cell size: placed boxes over the places of the active cells of each size now (the
  overflow zone apart).
Days and hours are the point's: moments are grouped by UTC hour in SQL and each hour is put on the point's clock, so
a year of rows costs a few thousand groups, not a row each (by the minute in a zone off by half an hour).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, case, distinct, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from desktop.db.models import (
    Box,
    Order,
    ReceivingScan,
    ReceivingSession,
    SessionStatus,
    Shipment,
    SmsMessage,
    StorageCell,
)
from desktop.point_time import zone_named
from desktop.services.base import Actor, Role, Service, local_point, require_role
from desktop.services.manager.report import Column, ColumnKind, Period, Report, Row
from desktop.services.storage_cells import PLACED, SIZES
from desktop.translatable import QT_TRANSLATE_NOOP, translate
from protocol.states import SmsStatus

CHARTS = QT_TRANSLATE_NOOP("Actions", "просмотр графиков")  # named in an access refusal
OVERFLOW = QT_TRANSLATE_NOOP("ManagerReports", "Переполнение")
SMS_OUTCOMES = {SmsStatus.DELIVERED: 0, SmsStatus.FAILED: 1, SmsStatus.UNKNOWN: 2, SmsStatus.ACCEPTED: 2}
BUCKETS = {13: "%Y-%m-%d %H", 16: "%Y-%m-%d %H:%M"}  # SQLite keeps datetimes as ISO text: UTC hour or minute


@dataclass(frozen=True)
class ChartReports:
    """The five series of the charts tab, each a report."""

    received: Report
    handovers: Report
    discrepancies: Report
    sms: Report
    occupancy: Report

    def all(self) -> list[Report]:
        return [self.received, self.handovers, self.discrepancies, self.sms, self.occupancy]


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


def _local(bucket: str, zone: tzinfo) -> datetime:
    """A UTC hour or minute bucket ("2026-11-24 09", "2026-11-24 09:30") on the point's clock."""
    return datetime.strptime(bucket, BUCKETS[len(bucket)]).replace(tzinfo=UTC).astimezone(zone)


def _hours(s: Session, moment: InstrumentedAttribute[Any], start: datetime, end: datetime,
           *where: ColumnElement[bool], extra: ColumnElement[str] | None = None) -> list[tuple[str, str, int]]:
    """Counts per UTC hour (per minute where the point's day does not start on a whole UTC hour), and per `extra`
    value, of the rows whose `moment` is in [start, end)."""
    bucket = func.substr(moment, 1, 13 if start.minute == 0 else 16)
    key = extra if extra is not None else bucket
    query = (select(bucket, key, func.count()).where(moment >= start, moment < end, *where).group_by(bucket, key))
    return [(str(b), str(k), int(n)) for b, k, n in s.execute(query)]


def _per_day(buckets: Iterable[tuple[str, str, int]], zone: tzinfo) -> Counter[date]:
    days: Counter[date] = Counter()
    for bucket, _key, n in buckets:
        days[_local(bucket, zone).date()] += n
    return days


def _day_column() -> Column:
    return Column(translate("ManagerReports", "День"), ColumnKind.DAY)


class ChartsService(Service):
    """The charts' series from the local cache (works offline); manager role inside every method."""

    def charts(self, manager: Actor, period: Period) -> ChartReports:
        """All five series at once (the charts tab loads them in one worker call)."""
        require_role(manager, Role.MANAGER, CHARTS)
        with self.reading() as s:
            point_id, zone = _point(s)
            start, end = (_aware(x) for x in period.bounds(zone))
            return ChartReports(_received(s, point_id, zone, period, start, end),
                                _handovers(s, point_id, zone, start, end),
                                _discrepancies(s, start, end), _sms(s, zone, period, start, end),
                                _occupancy(s, point_id))


def _point(s: Session) -> tuple[int, tzinfo]:
    point = local_point(s)
    return point.id, zone_named(point.timezone)


def _received(s: Session, point_id: int, zone: tzinfo, period: Period, start: datetime, end: datetime) -> Report:
    of_point = select(Order.id).where(Order.id == Box.order_id, Order.point_id == point_id).exists()
    days = _per_day(_hours(s, Box.received_at, start, end, of_point), zone)
    columns = [_day_column(), Column(translate("ManagerReports", "Принято коробок"), ColumnKind.COUNT)]
    rows = [Row((day, days[day])) for day in period.days()]
    return Report.of(translate("ManagerReports", "Принято коробок по дням"), columns, rows)


def _handovers(s: Session, point_id: int, zone: tzinfo, start: datetime, end: datetime) -> Report:
    per_hour: Counter[int] = Counter()
    for bucket, _key, n in _hours(s, Order.handed_over_at, start, end, Order.point_id == point_id):
        per_hour[_local(bucket, zone).hour] += n
    columns = [Column(translate("ManagerReports", "Час")),
               Column(translate("ManagerReports", "Выдано заказов"), ColumnKind.COUNT)]
    rows = [Row((f"{hour:02d}:00", per_hour[hour])) for hour in range(24)]
    return Report.of(translate("ManagerReports", "Выдачи по часам дня"), columns, rows)


def _discrepancies(s: Session, start: datetime, end: datetime) -> Report:
    damaged = (select(func.count(distinct(ReceivingScan.box_id))).join(Box, Box.id == ReceivingScan.box_id)
               .where(ReceivingScan.session_id == ReceivingSession.id, ReceivingScan.undone.is_(False),
                      Box.damaged.is_(True)).scalar_subquery())
    found = s.execute(
        select(ReceivingSession.uid, Shipment.number, ReceivingSession.closed_at, ReceivingSession.n_expected,
               ReceivingSession.n_missing, ReceivingSession.n_surplus, ReceivingSession.n_foreign, damaged)
        .join(Shipment, Shipment.id == ReceivingSession.shipment_id)
        .where(ReceivingSession.status == SessionStatus.CLOSED, ReceivingSession.n_expected > 0,
               ReceivingSession.closed_at >= start, ReceivingSession.closed_at < end)
        .order_by(ReceivingSession.closed_at, ReceivingSession.id)).all()
    rows = []
    for uid, number, closed, expected, missing, surplus, foreign, broken in found:
        off = missing + surplus + foreign + broken
        rate = round(100.0 * off / expected, 1)
        rows.append(Row((number, closed, expected, missing, surplus, foreign, broken, rate), key=uid,
                        tone="warning" if off else ""))
    count = ColumnKind.COUNT
    columns = [Column(translate("ManagerReports", "Поставка")),
               Column(translate("ManagerReports", "Приёмка закрыта"), ColumnKind.MOMENT),
               Column(translate("ManagerReports", "Ожидалось"), count),
               Column(translate("ManagerReports", "Недостача"), count),
               Column(translate("ManagerReports", "Излишки"), count),
               Column(translate("ManagerReports", "Чужие"), count),
               Column(translate("ManagerReports", "Повреждено"), count),
               Column(translate("ManagerReports", "Расхождения"), ColumnKind.PERCENT)]
    return Report.of(translate("ManagerReports", "Расхождения по поставкам"), columns, rows)


def _sms(s: Session, zone: tzinfo, period: Period, start: datetime, end: datetime) -> Report:
    outcome = case({status.value: status.value for status in SMS_OUTCOMES}, value=SmsMessage.status, else_="")
    per_day: dict[date, list[int]] = {day: [0, 0, 0] for day in period.days()}
    buckets = _hours(s, SmsMessage.requested_at, start, end, SmsMessage.status.in_(list(SMS_OUTCOMES)),
                     extra=outcome)
    for bucket, status, n in buckets:
        day = _local(bucket, zone).date()
        if day in per_day:
            per_day[day][SMS_OUTCOMES[SmsStatus(status)]] += n
    count = ColumnKind.COUNT
    columns = [_day_column(), Column(translate("ManagerReports", "Доставлено"), count),
               Column(translate("ManagerReports", "Не доставлено"), count),
               Column(translate("ManagerReports", "Неизвестно"), count)]
    rows = [Row((day, *counts)) for day, counts in per_day.items()]
    return Report.of(translate("ManagerReports", "SMS по дням"), columns, rows)


def _occupancy(s: Session, point_id: int) -> Report:
    cells = s.execute(select(StorageCell.size_class, StorageCell.overflow, func.sum(StorageCell.capacity))
                      .where(StorageCell.point_id == point_id, StorageCell.active.is_(True))
                      .group_by(StorageCell.size_class, StorageCell.overflow)).all()
    boxes = s.execute(select(StorageCell.size_class, StorageCell.overflow, func.count(Box.id))
                      .join(Box, Box.cell_id == StorageCell.id)
                      .where(StorageCell.point_id == point_id, StorageCell.active.is_(True), PLACED)
                      .group_by(StorageCell.size_class, StorageCell.overflow)).all()
    overflow = translate("ManagerReports", OVERFLOW)
    total: Counter[str] = Counter()
    used: Counter[str] = Counter()
    for size, is_overflow, places in cells:
        total[overflow if is_overflow else size] += int(places or 0)
    for size, is_overflow, n in boxes:
        used[overflow if is_overflow else size] += int(n)
    order = [size for size in SIZES if size in total] + sorted(k for k in total if k not in SIZES)
    rows = [Row((size, used[size], total[size], round(100.0 * used[size] / total[size], 1) if total[size] else 0.0),
                tone="warning" if used[size] >= total[size] > 0 else "") for size in order]
    columns = [Column(translate("ManagerReports", "Размер ячеек")),
               Column(translate("ManagerReports", "Занято"), ColumnKind.COUNT),
               Column(translate("ManagerReports", "Всего мест"), ColumnKind.COUNT),
               Column(translate("ManagerReports", "Занятость"), ColumnKind.PERCENT)]
    return Report.of(translate("ManagerReports", "Занятость ячеек по размерам"), columns, rows)
