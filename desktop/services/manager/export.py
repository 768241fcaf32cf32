"""Write the console's reports to XLSX or CSV as numbers and dates a spreadsheet can sum and sort.

XLSX (XlsxWriter, row by row in constant memory: 100,000 rows in a few seconds): one sheet per report, the
Russian headers in bold; money as roubles (kopecks / 100) with the rouble format; moments as Excel date-times in
the point's zone (to the second, for matching against CCTV); days as dates; durations as Excel durations (a time
value shown as «[h]:mm», so they sum); counts as integers; percents as fractions with the percent format.
CSV: UTF-8 with a BOM (Excel then reads Cyrillic), `;` between fields and a decimal comma (what Russian Excel
expects); moments «ДД.ММ.ГГГГ ЧЧ:ММ:СС» in the point's zone; several reports follow one another, each under
its title.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from desktop.services.manager.report import ColumnKind, Report

Progress = Callable[[int, int, str], None]
MONEY_FORMAT = '#,##0.00 "₽"'
MOMENT_FORMAT = "DD.MM.YYYY HH:MM:SS"
DAY_FORMAT = "DD.MM.YYYY"
DURATION_FORMAT = "[h]:mm"
PERCENT_FORMAT = "0.0%"
FORMATS = {ColumnKind.MONEY: MONEY_FORMAT, ColumnKind.MOMENT: MOMENT_FORMAT, ColumnKind.DAY: DAY_FORMAT,
           ColumnKind.DURATION: DURATION_FORMAT, ColumnKind.PERCENT: PERCENT_FORMAT}
PROGRESS_EVERY = 2000  # rows between two progress reports
SHEET_NAME_MAX = 31
SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
FORMULA_START = ("=", "+", "-", "@")  # a CSV text field starting so would run as a formula in Excel


def local_moment(value: datetime, zone: tzinfo) -> datetime:
    """A moment (naive = UTC) on the point's clock, naive (Excel has no time zones)."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(zone).replace(tzinfo=None)


def cell_value(kind: ColumnKind, value: Any, zone: tzinfo) -> Any:
    """A raw report value as the spreadsheet stores it (None stays an empty cell)."""
    if value is None:
        return None
    if kind is ColumnKind.MONEY:
        return round(int(value) / 100, 2)
    if kind is ColumnKind.MOMENT and isinstance(value, datetime):
        return local_moment(value, zone)
    if kind is ColumnKind.COUNT:
        return int(value)
    if kind is ColumnKind.PERCENT:
        return float(value) / 100
    if kind in (ColumnKind.DAY, ColumnKind.DURATION):
        return value
    return str(value)


def csv_value(kind: ColumnKind, value: Any, zone: tzinfo) -> str:
    """A raw report value as Russian Excel reads it from a CSV field."""
    if value is None:
        return ""
    if kind is ColumnKind.MONEY:
        return f"{int(value) / 100:.2f}".replace(".", ",")
    if kind is ColumnKind.MOMENT and isinstance(value, datetime):
        return local_moment(value, zone).strftime("%d.%m.%Y %H:%M:%S")
    if kind is ColumnKind.DAY and isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if kind is ColumnKind.DURATION and isinstance(value, timedelta):
        minutes = int(value.total_seconds() // 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    if kind is ColumnKind.PERCENT:
        return f"{float(value):.1f}".replace(".", ",")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def total_rows(reports: Sequence[Report]) -> int:
    return sum(len(report.rows) for report in reports)


class _Counter:
    """Counts written rows and reports progress every PROGRESS_EVERY rows."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % PROGRESS_EVERY == 0:
            self.progress(self.done, self.total, "")

    def finish(self) -> int:
        if self.progress is not None:
            self.progress(self.done, self.total, "")
        return self.done


def sheet_names(reports: Sequence[Report]) -> list[str]:
    """Excel sheet names: the titles cut to 31 characters, without []:*?/\\, made unique."""
    names: list[str] = []
    for i, report in enumerate(reports, 1):
        base = (report.title.translate(SHEET_FORBIDDEN).strip(" '") or str(i))[:SHEET_NAME_MAX].rstrip(" '")
        name, n = base, 2
        while name.lower() in (taken.lower() for taken in names):
            suffix = f" ({n})"
            name, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
        names.append(name)
    return names


def write_xlsx(reports: Sequence[Report], path: Path, zone: tzinfo, progress: Progress | None = None) -> int:
    """One sheet per report; returns the number of rows written."""
    reports = [report.exported() for report in reports]
    book = Workbook(str(path), {"constant_memory": True})
    counter = _Counter(total_rows(reports), progress)
    bold = book.add_format({"bold": True})
    formats = {kind: book.add_format({"num_format": fmt}) for kind, fmt in FORMATS.items()}
    for report, name in zip(reports, sheet_names(reports), strict=True):
        sheet = book.add_worksheet(name)
        for i, column in enumerate(report.columns):
            sheet.set_column(i, i, max(12, min(40, len(column.header) + 2)))
            sheet.write_string(0, i, column.header, bold)
        writers = [_cell_writer(sheet, column.kind, formats.get(column.kind), zone) for column in report.columns]
        for r, row in enumerate(report.rows, 1):
            for c, (put, raw) in enumerate(zip(writers, row.values, strict=True)):
                if raw is not None:
                    put(r, c, raw)
            counter.tick()
    if not reports:
        book.add_worksheet()
    book.close()
    return counter.finish()


Put = Callable[[int, int, Any], Any]


def _cell_writer(sheet: Worksheet, kind: ColumnKind, fmt: Format | None, zone: tzinfo) -> Put:
    """How one column's raw values go into cells (the write call of the right type, with the column's format)."""
    if kind is ColumnKind.TEXT:
        return lambda r, c, v: sheet.write_string(r, c, str(v))
    if kind in (ColumnKind.DAY, ColumnKind.DURATION, ColumnKind.MOMENT):
        return lambda r, c, v: sheet.write_datetime(r, c, cell_value(kind, v, zone), fmt)
    return lambda r, c, v: sheet.write_number(r, c, cell_value(kind, v, zone), fmt)


def csv_lines(reports: Sequence[Report], zone: tzinfo, counter: _Counter) -> Iterator[list[str]]:
    """The CSV records: one report plainly; several each under its title, separated by an empty line."""
    titled = len(reports) > 1
    for n, report in enumerate(report.exported() for report in reports):
        if titled:
            if n:
                yield []
            yield [report.title]
        yield [column.header for column in report.columns]
        kinds = [column.kind for column in report.columns]
        for row in report.rows:
            yield [csv_value(kind, raw, zone) for kind, raw in zip(kinds, row.values, strict=True)]
            counter.tick()


def write_csv(reports: Sequence[Report], path: Path, zone: tzinfo, progress: Progress | None = None) -> int:
    """UTF-8 with a BOM, `;`-separated; returns the number of rows written."""
    counter = _Counter(total_rows(reports), progress)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(csv_lines(reports, zone, counter))
    return counter.finish()


def write(reports: Sequence[Report], path: Path, zone: tzinfo, progress: Progress | None = None) -> int:
    """XLSX for a .xlsx path, CSV otherwise."""
    if path.suffix.lower() == ".xlsx":
        return write_xlsx(reports, path, zone, progress)
    return write_csv(reports, path, zone, progress)
