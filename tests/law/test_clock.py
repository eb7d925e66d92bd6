"""The legal day is the day in Kazakhstan (UTC+5), on both sides of the moment it changes (note legal-day)."""

from __future__ import annotations

import datetime as dt

import pytest

from simkit.law.clock import legal_today


@pytest.mark.parametrize(
    ("utc", "day"),
    [
        (dt.datetime(2026, 3, 3, 18, 59, 59, tzinfo=dt.UTC), dt.date(2026, 3, 3)),  # 23:59:59 in Astana
        (dt.datetime(2026, 3, 3, 19, 0, 0, tzinfo=dt.UTC), dt.date(2026, 3, 4)),  # midnight in Astana
        (dt.datetime(2026, 3, 3, 20, 30, tzinfo=dt.UTC), dt.date(2026, 3, 4)),  # 01:30 on the 4th, still the 3rd in UTC
        (dt.datetime(2026, 12, 31, 19, 0, tzinfo=dt.UTC), dt.date(2027, 1, 1)),
    ],
)
def test_an_acknowledgement_is_dated_by_the_day_in_kazakhstan(utc: dt.datetime, day: dt.date) -> None:
    assert legal_today(utc) == day


def test_a_time_given_with_another_offset_is_read_as_the_same_moment() -> None:
    moscow = dt.timezone(dt.timedelta(hours=3))
    assert legal_today(dt.datetime(2026, 3, 3, 22, 0, tzinfo=moscow)) == dt.date(2026, 3, 4)
