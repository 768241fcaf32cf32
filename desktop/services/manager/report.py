"""A manager report: typed columns and raw rows, shown by the console and exported without re-parsing text.

Values stay raw: `MONEY` is kopecks (int), `MOMENT` an aware or naive-UTC datetime, `DAY` a date in the point's
zone, `DURATION` a timedelta, `COUNT` an int, `TEXT` a str. The screen formats them (rub(), the point's clock);
exports write numbers as numbers and moments as dates in the point's zone. A row may carry a `key` (an order
number, a session uid) for the view to open what the row is about.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any


class ColumnKind(StrEnum):
    """How a column's raw values are shown and exported."""

    TEXT = "text"
    COUNT = "count"
    MONEY = "money"
    MOMENT = "moment"
    DAY = "day"
    DURATION = "duration"
    PERCENT = "percent"
    SPAN = "span"  # (start, end or None) of one thing, on screen only: «01.12.2026 09:00–18:05»; sorts by start


@dataclass(frozen=True)
class Column:
    """A column: its Russian header (already translated by the service) and its kind."""

    header: str
    kind: ColumnKind = ColumnKind.TEXT
    screen: bool = True  # False: exported, but on screen another column of the row sums it up (a table too wide)
    export: bool = True  # False: that summing-up column, on screen only (the export has the columns it sums up)


@dataclass(frozen=True, slots=True)
class Row:
    """One row of raw values; `key` names what it is about; `tone` marks it ok / warning / error."""

    values: tuple[Any, ...]
    key: str | None = None
    tone: str = ""


@dataclass(frozen=True)
class Report:
    """A titled table: columns and rows of raw values."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        width = len(self.columns)
        for row in self.rows:
            if len(row.values) != width:
                raise ValueError(f"{self.title}: a row of {len(row.values)} values for {width} columns")

    @classmethod
    def of(cls, title: str, columns: Sequence[Column], rows: Sequence[Row]) -> Report:
        return cls(title, tuple(columns), tuple(rows))

    def exported(self) -> Report:
        """The report as files get it: without the on-screen-only columns."""
        keep = [i for i, column in enumerate(self.columns) if column.export]
        if len(keep) == len(self.columns):
            return self
        rows = tuple(Row(tuple(row.values[i] for i in keep), row.key, row.tone) for row in self.rows)
        return Report(self.title, tuple(self.columns[i] for i in keep), rows)


@contextmanager
def bulk_rows() -> Iterator[None]:
    """Pause the cyclic garbage collector while tens of thousands of rows are built: every one of them is kept, so
    its passes over the app's heap only cost time (a month of journal beside 300,000 other live objects: ~110 ms
    without them, up to ~250-300 ms with). It runs again on leaving (unless it was off already)."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


@dataclass(frozen=True)
class Period:
    """Whole days in the point's zone, first and last included; `bounds` gives the UTC half-open range."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("the period ends before it starts")

    def bounds(self, zone: tzinfo) -> tuple[datetime, datetime]:
        """[start, end) in naive UTC, as the cache stores moments."""
        start = datetime.combine(self.first, time.min, zone).astimezone(UTC).replace(tzinfo=None)
        end = datetime.combine(self.last + timedelta(days=1), time.min, zone).astimezone(UTC).replace(tzinfo=None)
        return start, end

    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]

    @classmethod
    def last_days(cls, today: date, days: int) -> Period:
        """The `days` days ending today."""
        return cls(today - timedelta(days=days - 1), today)
