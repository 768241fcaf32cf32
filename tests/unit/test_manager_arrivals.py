"""Arrivals for the manager: every session of a period with its act's figures, its boxes, its act, the role check."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from desktop.documents.model import DocumentKind
from desktop.errors import AccessDenied
from desktop.services.base import Role
from desktop.services.manager.arrivals import ArrivalsService
from desktop.services.manager.report import Period
from desktop.services.receiving import ReceivingService
from desktop.services.storage_cells import StorageCellService
from protocol.errors import DomainError
from tests.support.clock import FakeClock
from tests.support.factories import actor_for, box_barcode, make_cell, make_order, make_point, make_shipment, make_staff

DAY = Period(date(2026, 11, 24), date(2026, 11, 24))  # Moscow: 23.11 21:00 — 24.11 21:00 UTC


def _b(order: str, n: int, point: str = "0042") -> str:
    return box_barcode(point, order, n)


@pytest.fixture
def point(db):
    """Point 0042: a clerk, a manager, two cells; shipments R1 (1 + 3 boxes), R2 (2 boxes), R3 (1), an old order."""
    with db.write() as s:
        p = make_point(s, code="0042")
        clerk = make_staff(s, p, full_name="Петрова Анна")
        helper = make_staff(s, p, full_name="Соколов Иван")
        manager = make_staff(s, p, role=Role.MANAGER, full_name="Кузнецова Ольга")
        r1, r2, r3 = (make_shipment(s, p, number=n) for n in ("R0000001", "R0000002", "R0000003"))
        make_order(s, p, shipment=r1, number="500000001")
        make_order(s, p, shipment=r1, number="500000002", boxes=3)
        make_order(s, p, shipment=r2, number="500000003", boxes=2)
        make_order(s, p, shipment=r3, number="500000004")
        make_order(s, p, number="500000005")
        make_cell(s, p, "CA0101")
        make_cell(s, p, "CA0102")
        return {"clerk": actor_for(clerk), "helper": actor_for(helper), "manager": actor_for(manager)}


@pytest.fixture
def arrivals(db, point):
    """Four sessions: one on 20.11 (outside the day), R1 and R2 closed on 24.11, one without a waybill still open."""
    clock = FakeClock(datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
    receiving, cells = ReceivingService(db, clock), StorageCellService(db, clock)
    clerk, helper = point["clerk"], point["helper"]
    old = receiving.open_session(clerk)
    receiving.scan_box(clerk, old, _b("500000005", 1))
    receiving.close(clerk, old)
    clock.now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    first = _session_r1(receiving, cells, clock, clerk, helper)
    clock.now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    second = receiving.open_session(clerk, "R0000002")
    for barcode in (_b("500000003", 1), _b("500000003", 2), _b("500000004", 1)):  # R3's box: another shipment
        clock.advance(minutes=1)
        receiving.scan_box(clerk, second, barcode)
    receiving.close(clerk, second)
    clock.advance(minutes=30)
    cells.place(clerk, _b("500000003", 1), "CA0102")  # 500000003 box 2 and R3's box wait
    clock.now = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    still_open = receiving.open_session(helper)
    receiving.scan_box(helper, still_open, _b("500000002", 3))  # R1's late box
    return {"old": old, "first": first, "second": second, "open": still_open,
            "service": ArrivalsService(db, clock)}


def _session_r1(receiving, cells, clock, clerk, helper) -> str:
    """R1 at 09:00: 3 of 4 manifest boxes (one damaged), a surplus and a foreign box; placed by 10:15."""
    uid = receiving.open_session(clerk, "R0000001")
    clock.advance(minutes=2)
    receiving.scan_box(clerk, uid, _b("500000001", 1))  # first scan 09:02
    clock.advance(minutes=3)
    receiving.scan_box(helper, uid, _b("500000002", 1))
    receiving.scan_box(helper, uid, _b("500000002", 2))
    receiving.scan_box(clerk, uid, _b("599999999", 1))  # this point's code, unknown box: surplus
    receiving.scan_box(clerk, uid, _b("500000009", 1, point="0077"))  # another point's: foreign
    receiving.flag_damaged(clerk, _b("500000001", 1), "вмятина на углу")
    clock.advance(minutes=10)
    receiving.close(clerk, uid)
    for minutes, box, cell in ((30, _b("500000001", 1), "CA0101"), (45, _b("500000002", 1), "CA0102"),
                               (73, _b("500000002", 2), "CA0102")):
        clock.now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC) + timedelta(minutes=minutes)
        cells.place(clerk, box, cell)  # the last one at 10:13
    return uid


def _rows(report):
    return {row.key: dict(zip([c.header for c in report.columns], row.values, strict=True)) for row in report.rows}


def test_every_session_of_the_period_with_its_acts_figures(arrivals, point):
    report = arrivals["service"].sessions(point["manager"], DAY)
    assert [row.key for row in report.rows] == [arrivals["first"], arrivals["second"], arrivals["open"]]
    rows = _rows(report)
    first = rows[arrivals["first"]]
    assert first["Накладная"] == "R0000001"
    assert first["Открыта"] == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert first["Закрыта"] == datetime(2026, 11, 24, 9, 15, tzinfo=UTC)
    assert first["Принимали"] == "Петрова Анна, Соколов Иван"
    figures = ("Ожидалось", "Принято", "Недостача", "Излишки", "Чужие", "Повреждённые", "Из другой поставки",
               "Приняты на другом месте", "Отменённые")
    assert [first[f] for f in figures] == [4, 3, 1, 1, 1, 1, 0, 0, 0]
    assert first["От первого скана до размещения"] == timedelta(minutes=71)  # 09:02 → 10:13
    second = rows[arrivals["second"]]
    assert [second[f] for f in figures] == [2, 2, 0, 0, 0, 0, 1, 0, 0]
    assert second["От первого скана до размещения"] is None  # two of its boxes wait for a cell
    assert report.rows[0].tone == "warning" and report.rows[1].tone == "warning"


def test_a_session_still_open_shows_its_live_figures_and_no_duration(arrivals, point):
    row = _rows(arrivals["service"].sessions(point["manager"], DAY))[arrivals["open"]]
    assert row["Накладная"] == "без накладной" and row["Закрыта"] is None
    assert row["Принимали"] == "Соколов Иван"
    assert (row["Ожидалось"], row["Принято"], row["Недостача"]) == (0, 1, 0)  # R1's late box, live
    assert row["От первого скана до размещения"] is None


def test_the_table_counts_what_the_act_says(arrivals, point):
    service = arrivals["service"]
    row = _rows(service.sessions(point["manager"], DAY))[arrivals["first"]]
    summary = service.summary(point["manager"], arrivals["first"])
    assert (summary.received, len(summary.missing), len(summary.damaged)) == (row["Принято"], 1, 1)
    act = service.act(point["manager"], arrivals["first"])
    assert act.kind is DocumentKind.DISCREPANCY_ACT and act.key == arrivals["first"]
    assert "R0000001" in act.title and _b("500000002", 3) in act.html and "вмятина на углу" in act.html


def test_an_earlier_days_session_is_outside_and_its_act_still_opens(arrivals, point):
    service = arrivals["service"]
    week = service.sessions(point["manager"], Period(date(2026, 11, 18), date(2026, 11, 24)))
    assert [row.key for row in week.rows] == [arrivals[k] for k in ("old", "first", "second", "open")]
    act = service.act(point["manager"], arrivals["old"])  # not the session just closed: any of the period
    assert "без накладной" in act.title and _b("500000005", 1) not in act.html.split("Итоги")[0]


def test_a_session_still_open_has_no_act_yet(arrivals, point):
    with pytest.raises(DomainError) as refused:
        arrivals["service"].act(point["manager"], arrivals["open"])
    assert "ещё не закрыта" in str(refused.value)


def test_a_sessions_boxes_with_outcome_scan_and_placement(arrivals, point):
    report = arrivals["service"].boxes(point["manager"], arrivals["first"])
    assert report.title == "Коробки приёмки R0000001"
    rows = {row.values[0]: row.values for row in report.rows}
    assert list(rows) == [_b("500000001", 1), _b("500000002", 1), _b("500000002", 2), _b("599999999", 1),
                          _b("500000009", 1, point="0077"), _b("500000002", 3)]
    scanned, placed = datetime(2026, 11, 24, 9, 2, tzinfo=UTC), datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    assert rows[_b("500000001", 1)] == (_b("500000001", 1), "500000001", "принята", scanned, placed, "A-01-01",
                                        "вмятина на углу")
    assert rows[_b("500000002", 2)][4:6] == (datetime(2026, 11, 24, 10, 13, tzinfo=UTC), "A-01-02")
    assert rows[_b("599999999", 1)][2:6] == ("излишек", datetime(2026, 11, 24, 9, 5, tzinfo=UTC), None, "")
    assert rows[_b("500000009", 1, point="0077")][2] == "чужая"
    assert rows[_b("500000002", 3)][2:5] == ("недостача", None, None)


def test_boxes_waiting_for_a_cell_show_no_placement(arrivals, point):
    report = arrivals["service"].boxes(point["manager"], arrivals["second"])
    rows = {row.values[0]: row.values for row in report.rows}
    assert rows[_b("500000003", 1)][4:6] == (datetime(2026, 11, 24, 12, 33, tzinfo=UTC), "A-01-02")
    assert rows[_b("500000003", 2)][4:6] == (None, "")
    assert rows[_b("500000004", 1)][2] == "из другой поставки"


def test_an_unknown_session_is_explained(arrivals, point):
    with pytest.raises(DomainError) as missing:
        arrivals["service"].boxes(point["manager"], "no-such-session")
    assert "не найдена" in str(missing.value)


@pytest.mark.parametrize("call", ["sessions", "summary", "boxes", "act"])
def test_a_clerk_is_refused_by_the_service(arrivals, point, call):
    service = arrivals["service"]
    argument = DAY if call == "sessions" else arrivals["first"]
    with pytest.raises(AccessDenied):
        getattr(service, call)(point["clerk"], argument)
