"""Counting clerk activity (desktop.services.manager.activity_counts): a shift counts its own clerk's acts from the
minute it opens to the minute it closes (or to `now`, in whatever zone `now` is given), only shifts opened in the
period are counted, the per-staff figures take the period half-open, and a zero amount adds nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from desktop import journal
from desktop.db.models import Payment, PickupPoint
from desktop.services.manager.activity_counts import Counts, count_activity
from tests.support.factories import make_staff
from tests.support.manager_point import ANNA_PERIOD, ANNA_SHIFT, BORIS_SHIFT, ActivityPoint, build_activity_point, utc

START, END = datetime(2026, 11, 23, 21, 0, tzinfo=UTC), datetime(2026, 11, 25, 21, 0, tzinfo=UTC)  # PERIOD in UTC
WRONG_CODES = 5  # index in Figures.row()


@pytest.fixture
def point(db) -> ActivityPoint:
    return build_activity_point(db)


def _counts(db, now: datetime = utc(26, 12), start: datetime = START, end: datetime = END) -> Counts:
    with db.read() as s:
        return count_activity(s, start, end, now)


def _wrong_code(db, staff_id: int, at: datetime) -> None:
    with db.write() as s:
        journal.append(s, at, staff_id, "handover.wrong_code", "X", {})


def test_acts_at_the_very_minute_a_shift_opens_and_closes_are_its_own(db, point) -> None:
    _wrong_code(db, point.anna.staff_id, utc(24, 6))
    _wrong_code(db, point.anna.staff_id, utc(24, 15))
    assert _counts(db).shifts[point.anna_shift].row()[WRONG_CODES] == ANNA_SHIFT[WRONG_CODES] + 2


def test_a_shift_counts_only_its_own_clerks_acts(db, point) -> None:
    """Another clerk's wrong code while Борис's shift is open is that clerk's, not the shift's."""
    with db.write() as s:
        other = make_staff(s, s.scalars(select(PickupPoint)).one(), full_name="Вера Орлова").id
    _wrong_code(db, other, utc(25, 9, 30))
    counts = _counts(db)
    assert counts.shifts[point.boris_shift].row() == BORIS_SHIFT
    assert counts.staff[other].row()[WRONG_CODES] == 1


def test_an_open_shift_runs_to_now_given_in_any_zone(db, point) -> None:
    """Now is 09:00 UTC (12:00 in Moscow): Борис's handover at 10:00 UTC has not happened yet for his shift."""
    now = datetime(2026, 11, 25, 12, 0, tzinfo=ZoneInfo("Europe/Moscow"))
    figures = _counts(db, now).shifts[point.boris_shift]
    assert (figures["handed_over"], figures["cash"], figures["wrong_codes"]) == (0, 0, 1)


def test_only_shifts_opened_in_the_period_are_counted(db, point) -> None:
    """Анна's shift opened on the 24th: a period from 06:00:01 that day leaves it out, one ending at 07:00 on the
    25th (the moment Борис's opens) leaves his out."""
    assert set(_counts(db, start=utc(24, 6).replace(second=1)).shifts) == {point.boris_shift}
    assert set(_counts(db, end=utc(25, 7)).shifts) == {point.anna_shift}


def test_the_staff_figures_take_the_period_from_its_first_moment_to_before_its_last(db, point) -> None:
    _wrong_code(db, point.anna.staff_id, START)
    _wrong_code(db, point.anna.staff_id, END)
    assert _counts(db).staff[point.anna.staff_id].row()[WRONG_CODES] == ANNA_PERIOD[WRONG_CODES] + 1


def test_a_cash_payment_of_nothing_adds_nothing(db, point) -> None:
    with db.write() as s:
        other = make_staff(s, s.scalars(select(PickupPoint)).one(), full_name="Вера Орлова").id
        s.add(Payment(method="cash", due_kopecks=0, tendered_kopecks=0, staff_id=other, paid_at=utc(25, 11)))
    assert _counts(db).staff[other]["cash"] == 0
