"""The cycles of advanced training (law:34.2): "at least once every three years", read as a rhythm that each
completion starts again (interpretation note ``training-next-due``, reading ``from-completion``).

A cycle opens on the day of entry into the service, or on the day the previous training was completed, and is
due on ``training_due`` of that day (the three years of ``advanced_training_interval``). A completion on or
before the due day is in time, after it late; either way the next cycle opens on the day of the completion, so
an early completion brings the next due date forward and a late one gives a full three years from the day it was
taken. A re-entry into the service opens a new series (interpretation note ``training-first-due``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from simkit.law.deadlines import training_due

NEXT_DUE_READING = "training-next-due/from-completion"  # the one reading implemented, shown wherever it is used
IN_TIME, LATE, OPEN, ENDED = "in_time", "late", "open", "ended"


class Completion(NamedTuple):
    opened_on: dt.date
    due: dt.date  # the last day of the cycle's three years
    completed_on: dt.date
    state: str  # "in_time" or "late"
    days_to_due: int  # from the completion to the due day: negative when late
    next_due: dt.date  # the next cycle's due day
    reading: str = NEXT_DUE_READING


class TrainingCycle(NamedTuple):
    number: int  # 1 for the cycle opened by the entry
    opened_on: dt.date
    due: dt.date
    completed_on: dt.date | None  # the completion that closed it; None while open or when the service ended
    state: str  # "in_time", "late", "open" (not completed yet) or "ended" (the service ended first)


class TrainingHistory(NamedTuple):
    entry: dt.date
    cycles: tuple[TrainingCycle, ...]
    reading: str = NEXT_DUE_READING

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(cycle.state for cycle in self.cycles)

    @property
    def due_dates(self) -> tuple[dt.date, ...]:
        return tuple(cycle.due for cycle in self.cycles)

    @property
    def next_due(self) -> dt.date | None:
        """The due day of the open cycle; None when the service ended."""
        last = self.cycles[-1]
        return last.due if last.state == OPEN else None


def training_completion(*, opened_on: dt.date, completed_on: dt.date) -> Completion:
    """What a completion does to its cycle and to the next due day (law:34.2; note training-next-due)."""
    if completed_on < opened_on:
        raise ValueError(f"a completion ({completed_on}) cannot close a cycle opened later ({opened_on})")
    due = training_due(opened_on)
    state = IN_TIME if completed_on <= due else LATE
    return Completion(opened_on, due, completed_on, state, (due - completed_on).days, training_due(completed_on))


def training_cycles(
    *, entry: dt.date, completions: Iterable[dt.date] = (), until: dt.date | None = None
) -> TrainingHistory:
    """Every cycle of one period of service from ``entry``: completions before the entry belong to an earlier
    service and are not counted, nor those on or after ``until`` (the next entry, when there is one), nor a second
    one on the same day. With ``until`` the last cycle, if not completed, ended with the service."""
    if until is not None and until <= entry:
        raise ValueError(f"a service cannot end ({until}) on or before its entry ({entry})")
    days = sorted({day for day in completions if day >= entry and (until is None or day < until)})
    cycles: list[TrainingCycle] = []
    opened = entry
    for day in days:
        done = training_completion(opened_on=opened, completed_on=day)
        cycles.append(TrainingCycle(len(cycles) + 1, opened, done.due, day, done.state))
        opened = day
    cycles.append(TrainingCycle(len(cycles) + 1, opened, training_due(opened), None, OPEN if until is None else ENDED))
    return TrainingHistory(entry, tuple(cycles))
