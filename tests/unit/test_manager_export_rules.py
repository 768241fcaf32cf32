"""Exporting the console's reports (desktop.services.manager.export): moments given in any zone (or naive UTC, on a
computer set to any zone) land on the point's clock, a value not of its column's type is written as its text, the
sheets' names and column widths, progress for CSV as for XLSX, and XLSX memory that does not grow with the rows."""

from __future__ import annotations

import csv
import tracemalloc
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest

from desktop.services.manager import export
from desktop.services.manager.report import Column, ColumnKind, Report, Row
from tests.support.clock import computer_zone
from tests.unit.test_manager_export import YEKATERINBURG

MOSCOW_OFFSET = timezone(timedelta(hours=3))


@pytest.fixture
def computer_in_tokyo() -> Iterator[None]:
    """The counter PC's own clock zone is not the point's (nor UTC)."""
    with computer_zone("Asia/Tokyo"):
        yield


def _csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))


def test_a_moment_lands_on_the_points_clock_whatever_zone_it_comes_in(tmp_path: Path, computer_in_tokyo) -> None:
    """20:15 UTC is 01:15 next day in Yekaterinburg, given naive (UTC), in UTC or at +03:00 (23:15 in Moscow)."""
    moments = (datetime(2026, 3, 1, 20, 15), datetime(2026, 3, 1, 23, 15, tzinfo=MOSCOW_OFFSET))
    report = Report("r", (Column("Когда", ColumnKind.MOMENT),), tuple(Row((m,)) for m in moments))
    export.write([report], tmp_path / "out.csv", YEKATERINBURG)
    assert _csv_rows(tmp_path / "out.csv")[1:] == [["02.03.2026 01:15:00"]] * 2
    export.write([report], tmp_path / "out.xlsx", YEKATERINBURG)
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == [datetime(2026, 3, 2, 1, 15)] * 2


def test_a_day_is_the_points_day_already_and_never_shifted(tmp_path: Path) -> None:
    report = Report("r", (Column("День", ColumnKind.DAY),), (Row((datetime(2026, 3, 1, 22, 0),)),))
    export.write([report], tmp_path / "out.csv", YEKATERINBURG)
    assert _csv_rows(tmp_path / "out.csv")[1] == ["01.03.2026"]
    assert export.cell_value(ColumnKind.DAY, datetime(2026, 3, 1, 22, 0), YEKATERINBURG) == datetime(2026, 3, 1, 22)


def test_a_value_not_of_its_columns_type_is_written_as_its_text() -> None:
    """A placeholder text in a day or duration column, a date in a text column: each as written, never a crash."""
    assert export.csv_value(ColumnKind.DAY, "нет данных", YEKATERINBURG) == "нет данных"
    assert export.csv_value(ColumnKind.DURATION, "—", YEKATERINBURG) == "—"
    assert export.csv_value(ColumnKind.TEXT, date(2026, 3, 2), YEKATERINBURG) == "2026-03-02"
    assert export.csv_value(ColumnKind.MOMENT, date(2026, 3, 2), YEKATERINBURG) == "2026-03-02"
    assert export.cell_value(ColumnKind.TEXT, "B1", YEKATERINBURG) == "B1"
    assert export.cell_value(ColumnKind.TEXT, 17, YEKATERINBURG) == "17"


def test_sheet_names_lose_edge_quotes_and_blanks_but_keep_their_letters() -> None:
    cut_at_a_quote = "Приёмки за двадцать шесть дней'" + " ещё"  # the 31st character is the quote
    titles = [cut_at_a_quote, "X-ray отчёт X", "Box X", "Отчёт", "Отчёт", "Отчёт"]
    assert export.sheet_names([Report(t, ()) for t in titles]) == [
        "Приёмки за двадцать шесть дней", "X-ray отчёт X", "Box X", "Отчёт", "Отчёт (2)", "Отчёт (3)"]


def test_columns_are_as_wide_as_their_headers_within_limits(tmp_path: Path) -> None:
    report = Report("r", (Column("Заказ"), Column("Я" * 20), Column("Д" * 50)), (Row(("a", "b", "c")),))
    export.write([report], tmp_path / "w.xlsx", YEKATERINBURG)
    sheet = openpyxl.load_workbook(tmp_path / "w.xlsx").worksheets[0]
    assert [int(sheet.column_dimensions[c].width) for c in "ABC"] == [12, 22, 40]  # at least 12, at most 40


def test_csv_reports_progress_with_no_text_of_its_own(tmp_path: Path) -> None:
    """The caller words the progress; the writer passes rows done, rows in all and an empty text."""
    rows = tuple(Row((str(i),)) for i in range(4500))
    for name in ("p.csv", "p.xlsx"):
        seen: list[tuple[int, int, str]] = []
        export.write([Report("r", (Column("n"),), rows)], tmp_path / name, YEKATERINBURG,
                     lambda done, total, text, seen=seen: seen.append((done, total, text)))
        assert seen == [(2000, 4500, ""), (4000, 4500, ""), (4500, 4500, "")]


def test_xlsx_memory_does_not_grow_with_the_rows(tmp_path: Path) -> None:
    """Rows go to the file as they are written (a year's report must not hold every cell in memory)."""
    columns = (Column("Заказ"), Column("Коробок", ColumnKind.COUNT), Column("Сумма", ColumnKind.MONEY))

    def peak(n: int) -> int:
        report = Report("r", columns, tuple(Row((f"1000{i}", i, i * 100)) for i in range(n)))
        tracemalloc.start()
        try:
            export.write([report], tmp_path / f"{n}.xlsx", YEKATERINBURG)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    # the smaller of two measurements: tracemalloc counts every thread's allocations, and a thread another test of
    # this worker left behind once added 4 MB to one of them (a real growth shows in both)
    assert min(peak(4000) - peak(500) for _ in range(2)) < 500_000
