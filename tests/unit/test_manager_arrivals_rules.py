"""Arrivals at their edges: the period's first instant counts and the next day's does not, how each session and
box row is toned, the discrepancies in one cell, and every title, header and outcome in the UI language."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop.db.models import Box, Order, ReceivingSession, StorageCell
from desktop.errors import AccessDenied
from desktop.services.manager.arrivals import ArrivalsService, discrepancies_text
from desktop.services.manager.report import ColumnKind, Period, Report
from desktop.services.receiving import ReceivingService
from desktop.services.storage_cells import StorageCellService
from protocol.errors import DomainError
from tests.support.clock import FakeClock
from tests.support.factories import make_point, make_staff
from tests.unit import test_manager_arrivals as plain
from tests.unit.test_manager_arrivals import DAY, _b

point, arrivals = plain.point, plain.arrivals  # the plain tests' point and sessions (fixtures)

TEXT, MOMENT, DURATION, COUNT = ColumnKind.TEXT, ColumnKind.MOMENT, ColumnKind.DURATION, ColumnKind.COUNT


def _open_at(db, actor, at: datetime, shipment: str | None = None) -> str:
    return ReceivingService(db, FakeClock(at)).open_session(actor, shipment)


def test_a_session_opened_at_the_days_first_instant_counts_and_one_at_the_next_days_does_not(db, point) -> None:
    first = _open_at(db, point["clerk"], datetime(2026, 11, 23, 21, 0, tzinfo=UTC), "R0000001")  # 00:00 on the 24th
    _open_at(db, point["helper"], datetime(2026, 11, 24, 21, 0, tzinfo=UTC), "R0000002")  # 00:00 on the 25th
    _open_at(db, point["manager"], datetime(2026, 11, 23, 20, 59, tzinfo=UTC), "R0000003")  # 23:59 on the 23rd
    report = ArrivalsService(db).sessions(point["manager"], DAY)
    assert [row.key for row in report.rows] == [first]


def test_sessions_come_in_the_order_they_were_opened(db, point) -> None:
    late = _open_at(db, point["clerk"], datetime(2026, 11, 24, 15, 0, tzinfo=UTC), "R0000001")
    early = _open_at(db, point["helper"], datetime(2026, 11, 24, 8, 0, tzinfo=UTC), "R0000002")
    assert [row.key for row in ArrivalsService(db).sessions(point["manager"], DAY).rows] == [early, late]


def test_a_closed_session_without_discrepancies_is_green_an_open_one_plain(db, point) -> None:
    clock = FakeClock(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    receiving, cells = ReceivingService(db, clock), StorageCellService(db, clock)
    clean = receiving.open_session(point["clerk"], "R0000003")
    clock.advance(minutes=1)
    receiving.scan_box(point["clerk"], clean, _b("500000004", 1))
    receiving.close(point["clerk"], clean)
    clock.advance(minutes=20)
    cells.place(point["clerk"], _b("500000004", 1), "CA0101")
    empty = receiving.open_session(point["helper"])  # nothing scanned yet: named after who opened it
    rows = {row.key: row for row in ArrivalsService(db, clock).sessions(point["manager"], DAY).rows}
    assert rows[clean].tone == "ok" and rows[clean].values[-1] == "нет"
    assert rows[clean].values[-2] == timedelta(minutes=20)  # 08:01 first scan → 08:21 placed
    assert rows[empty].tone == "" and rows[empty].values[3] == "Соколов Иван"
    assert rows[empty].values[-2] is None


def test_a_closed_session_whose_boxes_all_wait_for_a_cell_has_no_duration(db, point) -> None:
    clock = FakeClock(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    receiving = ReceivingService(db, clock)
    uid = receiving.open_session(point["clerk"], "R0000003")
    receiving.scan_box(point["clerk"], uid, _b("500000004", 1))
    receiving.close(point["clerk"], uid)
    row = next(r for r in ArrivalsService(db, clock).sessions(point["manager"], DAY).rows if r.key == uid)
    assert row.values[-2] is None and row.tone == "ok"


def test_the_discrepancies_read_as_one_cell(arrivals, point) -> None:
    rows = {row.key: row.values[-1] for row in arrivals["service"].sessions(point["manager"], DAY).rows}
    assert rows[arrivals["first"]] == "недостача: 1, излишки: 1, чужие: 1, повреждённые: 1"
    assert rows[arrivals["second"]] == "из другой поставки: 1"
    assert discrepancies_text((0, 0, 0, 0, 0, 2, 3)) == "приняты на другом месте: 2, отменённые: 3"


def test_each_box_row_is_toned_by_what_its_scan_came_to(arrivals, point) -> None:
    report = arrivals["service"].boxes(point["manager"], arrivals["first"])
    tones = {row.values[0]: (row.key, row.tone) for row in report.rows}
    assert tones == {
        _b("500000001", 1): ("500000001", "warning"),  # received, but damaged
        _b("500000002", 1): ("500000002", "ok"),
        _b("500000002", 2): ("500000002", "ok"),
        _b("599999999", 1): ("599999999", "warning"),  # surplus: no such box, the order read off the barcode
        _b("500000009", 1, point="0077"): ("500000009", "error"),  # another point's box
        _b("500000002", 3): ("500000002", "error"),  # missing
    }
    other = arrivals["service"].boxes(point["manager"], arrivals["second"])
    assert {row.values[0]: row.tone for row in other.rows}[_b("500000004", 1)] == "ok"  # from another shipment


def test_a_damaged_box_without_a_note_says_yes(db, arrivals, point) -> None:
    with db.write() as s:  # marked damaged without a note (an older version did not ask for one)
        s.scalars(select(Box).where(Box.barcode == _b("500000003", 2))).one().damaged = True
    rows = {row.values[0]: row for row in arrivals["service"].boxes(point["manager"], arrivals["second"]).rows}
    assert rows[_b("500000003", 2)].values[6] == "да" and rows[_b("500000003", 2)].tone == "warning"


def test_another_points_session_is_not_found_here(db, point) -> None:
    with db.write() as s:
        other = make_point(s, code="0077", local=False)
        stranger = make_staff(s, other, full_name="Чужой Приёмщик")
        stranger_id = stranger.id
    with db.write() as s:
        s.add(ReceivingSession(uid="elsewhere-1", point_id=other.id, opened_by=stranger_id,
                               opened_at=datetime(2026, 11, 24, 9, 0, tzinfo=UTC)))
    with pytest.raises(DomainError) as missing:
        ArrivalsService(db).boxes(point["manager"], "elsewhere-1")
    assert missing.value.params == {"session": "elsewhere-1"}


@pytest.mark.parametrize("call", ["sessions", "summary", "boxes", "act"])
def test_a_clerks_refusal_names_the_arrivals(arrivals, point, call) -> None:
    argument = DAY if call == "sessions" else arrivals["first"]
    with pytest.raises(AccessDenied) as refused:
        getattr(arrivals["service"], call)(point["clerk"], argument)
    assert refused.value.params["action"] == "просмотр приёмок"


def test_every_title_header_and_outcome_is_shown_in_the_ui_language(arrivals, point, tagging_translator) -> None:
    def shown(report: Report) -> tuple[str, list[tuple[str, ColumnKind, bool]]]:
        return report.title, [(c.header, c.kind, c.screen) for c in report.columns]

    def tagged(*columns: str | tuple[str, ColumnKind] | tuple[str, ColumnKind, bool]) -> list[tuple[str, ...]]:
        full = [(c, TEXT, True) if isinstance(c, str) else (*c, True)[:3] for c in columns]
        return [(f"[ManagerArrivals] {h}", kind, screen) for h, kind, screen in full]

    service = arrivals["service"]
    sessions = service.sessions(point["manager"], Period(date(2026, 11, 18), date(2026, 11, 24)))
    figures = [(name, COUNT, False) for name in ("Недостача", "Излишки", "Чужие", "Повреждённые",
                                                 "Из другой поставки", "Приняты на другом месте", "Отменённые")]
    assert shown(sessions) == ("[ManagerArrivals] Приёмки за период", tagged(
        "Накладная", ("Открыта", MOMENT), ("Закрыта", MOMENT), "Принимали", ("Ожидалось", COUNT),
        ("Принято", COUNT), *figures, ("От первого скана до размещения", DURATION), "Расхождения"))
    rows = {row.key: row.values for row in sessions.rows}
    assert rows[arrivals["old"]][0] == "[ManagerArrivals] без накладной"
    assert rows[arrivals["old"]][-1] == "[ManagerArrivals] нет"
    assert rows[arrivals["second"]][-1] == "[ManagerArrivals] из другой поставки: 1"
    boxes = service.boxes(point["manager"], arrivals["first"])
    assert shown(boxes) == ("[ManagerArrivals] Коробки приёмки R0000001", tagged(
        "Коробка", "Заказ", "Результат", ("Отсканирована", MOMENT), ("Размещена", MOMENT), "Ячейка",
        "Повреждение"))
    outcomes = [row.values[2] for row in boxes.rows]
    assert outcomes == [f"[ManagerArrivals] {name}" for name in ("принята", "принята", "принята", "излишек",
                                                                 "чужая", "недостача")]
    open_title = service.boxes(point["manager"], arrivals["open"]).title
    assert open_title == "[ManagerArrivals] Коробки приёмки [ManagerArrivals] без накладной"


def test_an_undone_scan_is_neither_listed_nor_the_first_scan(db, point) -> None:
    clock = FakeClock(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    receiving, cells = ReceivingService(db, clock), StorageCellService(db, clock)
    uid = receiving.open_session(point["clerk"], "R0000003")
    clock.advance(minutes=1)
    receiving.scan_box(point["clerk"], uid, _b("500000001", 1))  # R1's box, by mistake
    receiving.undo_last(point["clerk"], uid)
    clock.advance(minutes=4)
    receiving.scan_box(point["clerk"], uid, _b("500000004", 1))  # 08:05
    receiving.close(point["clerk"], uid)
    clock.advance(minutes=15)
    cells.place(point["clerk"], _b("500000004", 1), "CA0101")  # 08:20
    service = ArrivalsService(db, clock)
    assert [row.values[0] for row in service.boxes(point["manager"], uid).rows] == [_b("500000004", 1)]
    row = next(r for r in service.sessions(point["manager"], DAY).rows if r.key == uid)
    assert row.values[-2] == timedelta(minutes=15)


def test_a_cancelled_orders_box_shows_no_placement_cell_or_damage(db, point) -> None:
    with db.write() as s:
        order = s.scalars(select(Order).where(Order.number == "500000005")).one()
        order.status = "cancelled"
        box = order.boxes[0]
        box.damaged, box.damage_note = True, "порван скотч"
        box.cell_id, box.placed_at = s.scalars(select(StorageCell.id)).first(), datetime(2026, 11, 20, tzinfo=UTC)
    clock = FakeClock(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    receiving = ReceivingService(db, clock)
    uid = receiving.open_session(point["clerk"])
    receiving.scan_box(point["clerk"], uid, _b("500000005", 1))
    row = ArrivalsService(db, clock).boxes(point["manager"], uid).rows[0]
    assert row.values[2:] == ("заказ отменён", datetime(2026, 11, 24, 8, 0, tzinfo=UTC), None, "", "")
    assert row.tone == "warning"


def test_an_open_sessions_act_is_refused_naming_its_shipment(arrivals, point) -> None:
    with pytest.raises(DomainError) as refused:
        arrivals["service"].act(point["manager"], arrivals["open"])
    assert refused.value.code == "manager.arrival_open" and refused.value.params == {"shipment": "без накладной"}


def test_the_summary_and_the_act_name_the_point_and_its_address(arrivals, point) -> None:
    """A closed act and a still-open session's live summary both carry the point they were received at."""
    service = arrivals["service"]
    for uid in (arrivals["first"], arrivals["open"]):
        assert service.summary(point["manager"], uid).point.name == "ПВЗ 0042"
        assert service.summary(point["manager"], uid).point.address == "ул. Тверская, 1"
    act = service.act(point["manager"], arrivals["first"]).html
    assert "ПВЗ 0042" in act and "ул. Тверская, 1" in act


def test_an_open_session_shows_no_duration_even_once_its_boxes_are_placed(db, point) -> None:
    clock = FakeClock(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    receiving = ReceivingService(db, clock)
    uid = receiving.open_session(point["clerk"], "R0000003")
    receiving.scan_box(point["clerk"], uid, _b("500000004", 1))
    clock.advance(minutes=5)
    StorageCellService(db, clock).place(point["clerk"], _b("500000004", 1), "CA0101")
    row = next(r for r in ArrivalsService(db, clock).sessions(point["manager"], DAY).rows if r.key == uid)
    assert row.values[-2] is None and row.tone == ""
