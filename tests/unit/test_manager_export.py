"""The console's export: every column kind written as a spreadsheet number/date (XLSX read back with openpyxl)
and as Russian-Excel CSV (BOM, `;`, decimal comma, times in the point's zone)."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl

from desktop.services.manager import export
from desktop.services.manager.report import Column, ColumnKind, Report, Row

YEKATERINBURG = ZoneInfo("Asia/Yekaterinburg")  # UTC+5: a moment shifts by five hours

COLUMNS = (
    Column("Заказ", ColumnKind.TEXT),
    Column("Коробок", ColumnKind.COUNT),
    Column("Сумма", ColumnKind.MONEY),
    Column("Когда", ColumnKind.MOMENT),
    Column("День", ColumnKind.DAY),
    Column("Ждёт", ColumnKind.DURATION),
    Column("Доля", ColumnKind.PERCENT),
)
ROWS = (
    Row(("100000017", 3, 1_234_567, datetime(2026, 3, 1, 20, 15, 7), date(2026, 3, 2), timedelta(hours=26, minutes=5),
         12.5), key="100000017"),
    Row(("=HYPERLINK(\"x\")", 0, 5, None, None, None, None)),
)
REPORT = Report("Приёмки: за период", COLUMNS, ROWS)
OTHER = Report("Коробки", (Column("Штрихкод"),), (Row(("B1",)),))


def test_xlsx_has_a_sheet_per_report_with_typed_values_and_formats(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    assert export.write([REPORT, OTHER], path, YEKATERINBURG) == 3
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Приёмки  за период", "Коробки"]
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS]
    assert sheet["A1"].font.b
    text, count, money, moment, day, waits, share = sheet[2]
    assert text.value == "100000017" and text.data_type == "s"
    assert count.value == 3 and isinstance(count.value, int)
    assert money.value == 12345.67 and money.number_format == export.MONEY_FORMAT
    assert moment.value == datetime(2026, 3, 2, 1, 15, 7)  # 20:15:07 UTC is 01:15:07 next day in Yekaterinburg
    assert moment.is_date and moment.number_format == export.MOMENT_FORMAT
    assert day.value == datetime(2026, 3, 2) and day.number_format == export.DAY_FORMAT
    assert waits.value == timedelta(hours=26, minutes=5) and waits.number_format == export.DURATION_FORMAT
    assert share.value == 0.125 and share.number_format == export.PERCENT_FORMAT
    blank = sheet[3]
    assert blank[0].value == '=HYPERLINK("x")' and blank[0].data_type == "s"  # text, never a formula
    assert blank[1].value == 0 and blank[2].value == 0.05
    assert [c.value for c in blank[3:]] == [None] * 4
    assert [[c.value for c in row] for row in book.worksheets[1].iter_rows()] == [["Штрихкод"], ["B1"]]


def test_csv_is_russian_excel_csv(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert export.write([REPORT], path, YEKATERINBURG) == 2
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows == [
        [c.header for c in COLUMNS],
        ["100000017", "3", "12345,67", "02.03.2026 01:15:07", "02.03.2026", "26:05", "12,5"],
        ["'=HYPERLINK(\"x\")", "0", "0,05", "", "", "", ""],
    ]


def test_several_reports_in_one_csv_each_under_its_title(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    export.write([REPORT, OTHER], path, YEKATERINBURG)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == [REPORT.title] and rows[4] == [] and rows[5:] == [[OTHER.title], ["Штрихкод"], ["B1"]]


def test_sheet_names_are_cut_cleaned_and_unique() -> None:
    long = "Очень длинное название отчёта о приёмках за период"
    reports = [Report(long, ()), Report(long, ()), Report("a/b?", ()), Report("'", ())]
    names = export.sheet_names(reports)
    assert all(len(n) <= 31 for n in names)
    assert names[0] == long[:31].rstrip() and names[1].endswith(" (2)") and names[2] == "a b" and names[3] == "4"


def test_progress_is_reported_while_writing(tmp_path: Path) -> None:
    rows = tuple(Row((str(i),)) for i in range(5000))
    seen: list[tuple[int, int]] = []
    export.write([Report("r", (Column("n"),), rows)], tmp_path / "p.xlsx", YEKATERINBURG,
                 lambda done, total, _text: seen.append((done, total)))
    assert seen == [(2000, 5000), (4000, 5000), (5000, 5000)]
