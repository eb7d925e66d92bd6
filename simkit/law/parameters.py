"""Legal constants (periods) loaded from ``data/parameters.yaml``, each with its legal reference."""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

from simkit.law import calendar


class Period(BaseModel):
    """A legal period: calendar days, months, or working days, counted from the day after an event."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    days: int = 0
    months: int = 0
    working_days: int = 0

    def after(self, event: dt.date) -> dt.date:
        """The last day of the period that runs from ``event``."""
        day = calendar.add_months(event, self.months)
        day = calendar.add_days(day, self.days)
        return calendar.add_working_days(day, self.working_days)

    def describe(self) -> str:
        parts = []
        if self.months:
            whole_years = self.months % 12 == 0
            parts.append(_count(self.months // 12, "year") if whole_years else _count(self.months, "month"))
        if self.days:
            parts.append(_count(self.days, "calendar day"))
        if self.working_days:
            parts.append(_count(self.working_days, "working day"))
        return " and ".join(parts)


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}{'s' if number != 1 else ''}"


class Parameter(BaseModel):
    """One legal constant: what it is, how long, where the law says so and in which words."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = ""
    description: str
    period: Period
    reference: tuple[str, ...]
    words: dict[str, str]


@cache
def parameters() -> dict[str, Parameter]:
    text = resources.files("simkit.law").joinpath("data/parameters.yaml").read_text("utf-8")
    return {name: Parameter(name=name, **body) for name, body in yaml.safe_load(text).items()}


def parameter(name: str) -> Parameter:
    return parameters()[name]


@lru_cache(maxsize=1 << 16)
def period_end(name: str, event: dt.date) -> dt.date:
    """The last day of the legal period ``name`` running from ``event`` (cached: rosters and simulations ask for the
    same few hundred days again and again)."""
    return parameter(name).period.after(event)
