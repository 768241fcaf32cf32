"""The manager console's report types (desktop.services.manager.report): what the files get keeps each row's key,
tone and the title; a refused row or period says why; a period's bounds do not depend on the computer's zone."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop.services.manager.report import Column, ColumnKind, Period, Report, Row
from tests.unit.test_manager_export import YEKATERINBURG
from tests.unit.test_manager_export_rules import computer_in_tokyo  # noqa: F401 (the fixture)


def test_the_exported_report_keeps_title_keys_and_tones_without_screen_only_columns() -> None:
    columns = (Column("Заказ"), Column("Смена", ColumnKind.SPAN, export=False), Column("Сумма", ColumnKind.MONEY))
    report = Report("Выдачи", columns, (Row(("100000017", ("a", None), 500), key="100000017", tone="warning"),))
    exported = report.exported()
    assert exported.title == "Выдачи"
    assert [c.header for c in exported.columns] == ["Заказ", "Сумма"]
    assert exported.rows == (Row(("100000017", 500), key="100000017", tone="warning"),)


def test_a_row_of_the_wrong_width_is_refused_naming_the_report_and_the_counts() -> None:
    with pytest.raises(ValueError, match=r"^Выдачи: a row of 1 values for 2 columns$"):
        Report.of("Выдачи", (Column("Заказ"), Column("Сумма", ColumnKind.MONEY)), [Row(("A-1",))])


def test_a_period_ending_before_it_starts_says_so() -> None:
    with pytest.raises(ValueError, match=r"^the period ends before it starts$"):
        Period(date(2026, 3, 2), date(2026, 3, 1))


def test_a_periods_bounds_do_not_depend_on_the_computers_zone(computer_in_tokyo) -> None:  # noqa: F811
    assert Period(date(2026, 3, 1), date(2026, 3, 2)).bounds(YEKATERINBURG) == (
        datetime(2026, 2, 28, 19, 0), datetime(2026, 3, 2, 19, 0))
