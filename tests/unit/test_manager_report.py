"""The manager console's report types: a period's UTC bounds in the point's zone, rows checked against columns."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from desktop.services.manager.report import Column, ColumnKind, Period, Report, Row

YEKATERINBURG = ZoneInfo("Asia/Yekaterinburg")  # UTC+5


def test_a_period_covers_whole_days_on_the_points_clock() -> None:
    start, end = Period(date(2026, 3, 1), date(2026, 3, 2)).bounds(YEKATERINBURG)
    assert start == datetime(2026, 2, 28, 19, 0)
    assert end == datetime(2026, 3, 2, 19, 0)


def test_a_period_lists_its_days_and_refuses_to_end_before_it_starts() -> None:
    assert Period.last_days(date(2026, 3, 3), 3).days() == [date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 3)]
    with pytest.raises(ValueError):
        Period(date(2026, 3, 2), date(2026, 3, 1))


def test_a_row_must_have_a_value_per_column() -> None:
    columns = (Column("Заказ"), Column("Сумма", ColumnKind.MONEY))
    Report.of("ok", columns, [Row(("A-1", 100))])
    with pytest.raises(ValueError):
        Report.of("bad", columns, [Row(("A-1",))])
