"""Kazakhstan's calendar: working days and the period arithmetic the law's deadlines use.

Regular rules are code: a five-day week, Monday to Friday; public holidays and days off that fall on a weekend
come from the ``holidays`` package (country ``KZ``). One-off changes, days off moved by Government decree,
are data in ``data/moved_days.yaml``.

Periods follow one convention (docs/law.md): a period counted from an event begins the day after it;
N calendar days end on event + N days; N months end on the day with the same number N months later, or on
the last day of that month when it has no such day. The rules never roll a deadline to the next working day
(note no-rollover); :func:`roll_to_working_day` gives the date of the reading that does, for answer keys that
accept it.
"""

from __future__ import annotations

import bisect
import calendar as _calendar
import datetime as dt
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import holidays
import yaml

WEEKEND = frozenset({5, 6})  # Saturday, Sunday: the five-day working week


@dataclass(frozen=True)
class MovedDay:
    day_off: dt.date
    working_day: dt.date
    source: str


@cache
def moved_days() -> tuple[MovedDay, ...]:
    raw = yaml.safe_load(resources.files("simkit.law").joinpath("data/moved_days.yaml").read_text("utf-8"))
    return tuple(MovedDay(**entry) for entry in raw)


@cache
def _kz_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("KZ", years=year)


@cache
def _moved_days_off() -> frozenset[dt.date]:
    return frozenset(moved.day_off for moved in moved_days())


@cache
def _moved_working_days() -> frozenset[dt.date]:
    return frozenset(moved.working_day for moved in moved_days())


def holiday_name(day: dt.date) -> str | None:
    """The name of the public holiday on ``day`` (in Kazakh, as the package gives it), or None."""
    return _kz_holidays(day.year).get(day)


@lru_cache(maxsize=1 << 15)
def is_working_day(day: dt.date) -> bool:
    """True when ``day`` is a working day in Kazakhstan on the five-day week."""
    if day in _moved_working_days():
        return True
    if day in _moved_days_off() or day in _kz_holidays(day.year):
        return False
    return day.weekday() not in WEEKEND


def roll_to_working_day(day: dt.date) -> dt.date:
    """``day`` if it is a working day, else the next working day: the end of a period under the reading that moves
    a last day falling on a day off (note no-rollover, reading next-working-day)."""
    return add_working_days(day - dt.timedelta(days=1), 1)


def add_days(event: dt.date, days: int) -> dt.date:
    return event + dt.timedelta(days=days)


def add_months(event: dt.date, months: int) -> dt.date:
    """The same day number ``months`` later, or the last day of that month when it has no such day."""
    month_index = event.year * 12 + (event.month - 1) + months
    year, month = divmod(month_index, 12)
    last_day = _calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(event.day, last_day))


TABLED_YEARS = (2015, 2045)  # working days within these years are looked up, not counted one by one


@cache
def _working_ordinals() -> list[int]:
    first, last = dt.date(TABLED_YEARS[0], 1, 1).toordinal(), dt.date(TABLED_YEARS[1], 12, 31).toordinal()
    return [ordinal for ordinal in range(first, last + 1) if is_working_day(dt.date.fromordinal(ordinal))]


def add_working_days(event: dt.date, working_days: int) -> dt.date:
    """The ``working_days``-th working day after ``event`` (the event's own day is not counted)."""
    if working_days > 0 and TABLED_YEARS[0] <= event.year <= TABLED_YEARS[1]:
        ordinals = _working_ordinals()
        index = bisect.bisect_right(ordinals, event.toordinal()) + working_days - 1
        if index < len(ordinals):
            return dt.date.fromordinal(ordinals[index])
    day, counted = event, 0
    while counted < working_days:
        day += dt.timedelta(days=1)
        counted += is_working_day(day)
    return day
