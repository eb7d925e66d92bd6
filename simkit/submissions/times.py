"""A submission's times are claims: the learner's computer wrote them, with its clock, and the learner may have
edited them. Wherever simkit takes one (grading, the gradebook, the grading service, collecting copies), it is
checked against the server's own clock first.

- A time more than :data:`MAX_CLOCK_SKEW` ahead of the server's clock is refused; one less far ahead is taken as
  the time the submission was received. A time from the future never becomes a result's saved time, a training
  record's or a certificate's day completed, or an acknowledgement's date, and so never makes a later submission
  look older.
- A time before :data:`EARLIEST` is refused: no one answered simkit's cases before the Code they teach existed.
- A time without an offset is taken to be in UTC, as the player writes every time in UTC; all are compared as
  aware times in UTC.
- A time that is not an ISO 8601 time at all never gets here: the submission's decoder refuses it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from simkit.law.clock import KAZAKHSTAN_TIME, legal_today
from simkit.submissions.codec import Refused

# Learners' computers set their clocks from the network, but between syncs, or on a machine kept off it, a clock
# drifts by seconds to a few minutes; five minutes is the tolerance Kerberos allows between a client and a
# server for the same reason. Anything further ahead is not a drifting clock: a clock set wrong, or an edited file.
MAX_CLOCK_SKEW = dt.timedelta(minutes=5)

# The Code of service ethics that simkit's cases teach was adopted by order No. 342 of 28 August 2020
# (simkit.law.citations): an answer to them dated earlier is a reset clock (1970, 2000) or an edited file.
EARLIEST = dt.datetime(2020, 8, 28, tzinfo=KAZAKHSTAN_TIME)
EARLIEST_DAY = EARLIEST.date()
EARLIEST_UTC = EARLIEST.astimezone(dt.UTC)  # the same instant, compared fastest with times in UTC
UTC = dt.UTC
ADOPTED = "when the Code simkit teaches was adopted"

AHEAD_HINT = (
    "(hint: the clock of the computer that saved it runs ahead; "
    f"no time more than {MAX_CLOCK_SKEW // dt.timedelta(minutes=1)} minutes ahead of the server's is taken)"
)
BEFORE_HINT = "(hint: the clock of the computer that saved it was wrong)"


def server_now() -> dt.datetime:
    """The server's time, in UTC: the one clock simkit trusts."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class Window:
    """The times a submission received at ``received_at`` (the server's time) may claim."""

    received_at: dt.datetime  # in UTC
    latest: dt.datetime  # the furthest ahead a clock may run: anything later is refused

    @classmethod
    def at(cls, received_at: dt.datetime) -> Window:
        received = received_at.astimezone(dt.UTC)
        return cls(received, received + MAX_CLOCK_SKEW)

    def time(self, stamp: dt.datetime, *where: str | int) -> dt.datetime:
        """``stamp`` in UTC, at the latest the time received; :class:`Refused` naming its place (``where``, the
        parts of its path) when it is beyond the skew ahead, or before :data:`EARLIEST`."""
        if stamp.tzinfo is UTC and EARLIEST_UTC <= stamp <= self.received_at:
            return stamp  # nearly every time the player writes: no conversion, and no place named
        return self._bounded(stamp, ".".join(map(str, where)))

    def _bounded(self, stamp: dt.datetime, where: str) -> dt.datetime:
        aware = stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp
        # Compared before converting: 0001-01-01T00:00+05:00 has no UTC time, so converting first would overflow.
        if aware > self.latest:
            ahead = _span(aware - self.received_at)
            raise Refused(f"{where}: {aware.isoformat()} is {ahead} ahead of the server's clock {AHEAD_HINT}")
        if aware < EARLIEST:
            raise Refused(f"{where}: {aware.isoformat()} is before {EARLIEST_DAY}, {ADOPTED} {BEFORE_HINT}")
        return min(aware.astimezone(dt.UTC), self.received_at)

    def day(self, day: dt.date, where: str) -> dt.date:
        """A legal day (an acknowledgement's), at the latest the legal day received, refused as :meth:`time`
        refuses a time."""
        today = legal_today(self.received_at)
        if day > legal_today(self.latest):
            raise Refused(f"{where}: {day} is after today in Kazakhstan ({today}) {AHEAD_HINT}")
        if day < EARLIEST_DAY:
            raise Refused(f"{where}: {day} is before {EARLIEST_DAY}, {ADOPTED} {BEFORE_HINT}")
        return min(day, today)


def plausible(stamp: dt.datetime, now: dt.datetime) -> bool:
    """Whether a time could be true when the server's clock says ``now``: within the skew ahead, after EARLIEST."""
    aware = stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp
    return EARLIEST <= aware <= now + MAX_CLOCK_SKEW


def _span(delta: dt.timedelta) -> str:
    if delta >= dt.timedelta(days=2):
        return f"{delta.days:,} days"
    if delta >= dt.timedelta(hours=2):
        return f"{delta // dt.timedelta(hours=1)} hours"
    minutes, seconds = divmod(int(delta.total_seconds()), 60)
    return f"{minutes} min {seconds} s"
