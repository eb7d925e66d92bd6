"""The disciplinary commission: a SimPy store of cases waiting for a hearing, served at scheduled meetings.

A meeting hears at most ``capacity`` cases, first come first served; cases not heard wait for the next meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import simpy

from simkit.law import is_working_day


@dataclass
class MeetingLog:
    """What the commission did: cases heard and cases left waiting at each meeting."""

    heard: list[int] = field(default_factory=list)
    waiting: list[int] = field(default_factory=list)

    def utilisation(self, capacity: int) -> float:
        return sum(self.heard) / (capacity * len(self.heard)) if self.heard else 0.0

    def mean_queue(self) -> float:
        return sum(self.waiting) / len(self.waiting) if self.waiting else 0.0


class Commission:
    """Meets every ``interval`` days from ``first_meeting`` (simulation days) and hears up to ``capacity`` cases.

    With ``start`` (the date of simulation day 0), a meeting that falls on a day off moves to the next working day.
    """

    def __init__(
        self,
        env: simpy.Environment,
        *,
        first_meeting: float,
        interval: float,
        capacity: int,
        start: dt.date | None = None,
    ) -> None:
        if interval <= 0 or capacity <= 0:
            raise ValueError("the commission needs a meeting interval and a capacity above zero")
        self.env, self.interval, self.capacity, self.start = env, interval, capacity, start
        self.queue = simpy.Store(env)
        self.arrival = env.event()  # fires when a case joins an empty agenda
        self.log = MeetingLog()
        env.process(meetings(env, self, first_meeting))

    def hear(self, available: Callable[[float], bool] | None = None) -> simpy.Event:
        """An event that fires on the day of the meeting that hears the case; its value is that day.

        ``available(day)`` says whether the case may be considered that day; consideration is suspended while the
        servant is absent (law:45.4), so such a case waits for a later meeting.
        """
        hearing = self.env.event()
        hearing.available = available  # type: ignore[attr-defined]
        self.queue.put(hearing)
        if not self.arrival.triggered:
            self.arrival.succeed()
        return hearing

    def withdraw(self, hearing: simpy.Event) -> None:
        """Take a case off the agenda (it became time-barred while waiting)."""
        if hearing in self.queue.items:
            self.queue.items.remove(hearing)


def meetings(env: simpy.Environment, commission: Commission, first_meeting: float):  # type: ignore[no-untyped-def]
    """The commission's meeting schedule: at each meeting, hear the oldest waiting cases up to capacity.

    With nothing on the agenda the commission does not meet; it waits for a case, then for the next scheduled
    meeting (so the cost of a run grows with the cases, not with the calendar).
    """
    scheduled = first_meeting
    while True:
        if not commission.queue.items:
            yield commission.arrival
            commission.arrival = env.event()
            if env.now > scheduled:
                scheduled += commission.interval * -(-(env.now - scheduled) // commission.interval)
        yield env.timeout(max(0.0, working_day_on_or_after(commission.start, scheduled) - env.now))
        agenda = [
            hearing for hearing in commission.queue.items if hearing.available is None or hearing.available(env.now)
        ][: commission.capacity]
        for hearing in agenda:
            commission.queue.items.remove(hearing)
            hearing.succeed(env.now)
        commission.log.heard.append(len(agenda))
        commission.log.waiting.append(len(commission.queue.items))
        scheduled += commission.interval


@lru_cache(maxsize=1 << 12)  # pure; an organisation's commissions meet on the same few hundred days
def working_day_on_or_after(start: dt.date | None, day: float) -> float:
    """The simulation day of the first working day on or after ``day`` (``day`` itself without a calendar)."""
    if start is None:
        return day
    date = start + dt.timedelta(days=int(day))
    while not is_working_day(date):
        date += dt.timedelta(days=1)
    return float((date - start).days)
