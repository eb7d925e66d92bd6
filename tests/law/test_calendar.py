"""Kazakhstan's working days: known dates pinned, from the holidays package and simkit's moved-days data."""

from __future__ import annotations

import datetime as dt

import pytest

from simkit import law
from simkit.law import calendar

D = dt.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 3, 2), True),  # an ordinary Monday
        (D(2026, 3, 7), False),  # Saturday
        (D(2026, 3, 9), False),  # 8 March fell on a Sunday: its day off moves to Monday
        (D(2026, 3, 23), False),  # Nauryz
        (D(2026, 3, 24), False),  # Nauryz days of 21-22 March (a weekend) moved to Tuesday and Wednesday
        (D(2026, 3, 26), True),
        (D(2026, 12, 16), False),  # Independence Day
        (D(2024, 5, 4), True),  # Saturday made a working day by decree, for the day off on 8 May
        (D(2024, 5, 8), False),
        (D(2025, 1, 3), False),  # Friday made a day off by decree
        (D(2025, 1, 5), True),  # Sunday made a working day in exchange
        (D(2023, 7, 1), True),
        (D(2023, 7, 7), False),
    ],
)
def test_known_working_days(day: dt.date, working: bool) -> None:
    assert law.is_working_day(day) is working


def test_every_moved_day_pairs_a_day_off_with_a_weekend_working_day() -> None:
    for moved in calendar.moved_days():
        assert moved.working_day.weekday() in calendar.WEEKEND
        assert moved.day_off.weekday() not in calendar.WEEKEND
        assert not law.is_working_day(moved.day_off) and law.is_working_day(moved.working_day)


def test_holidays_have_names() -> None:
    assert law.holiday_name(D(2026, 12, 16))
    assert law.holiday_name(D(2026, 3, 2)) is None
