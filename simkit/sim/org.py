"""Organisation mode: one replication of a year of disciplinary cases in an organisation.

Offences arrive as Poisson processes per track of Art 44 (rates per 1,000 servants a year), so the cost grows with
the number of cases, not with headcount: servants with no case are never simulated. Servants sanctioned in the
last year are tracked one by one, because a repeat by one of them leads to dismissal (law:44.5, law:44.6).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from functools import cache
from statistics import mean
from typing import Any

import simpy
from pydantic import BaseModel, ConfigDict, Field

from simkit.law.offences import track_offences
from simkit.law.parameters import period_end
from simkit.sim.case import Case, Schedule, case_process
from simkit.sim.commission import Commission
from simkit.sim.timeline import Timeline

TRACKS = ("44.5", "44.6", "44.7", "ordinary")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Delay(Strict):
    """An exponentially distributed delay with this mean, in days."""

    mean_days: float = Field(gt=0)


class Span(Strict):
    """A whole number of days drawn uniformly from [min_days, max_days]."""

    min_days: int = Field(ge=0)
    max_days: int = Field(ge=0)


class Chance(Strict):
    probability: float = Field(ge=0, le=1)
    mean_days: float = Field(gt=0)


class OrgConfig(Strict):
    """An organisation's disciplinary system, for Monte Carlo replications."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="simkit organisation")
    name: str
    headcount: int = Field(ge=1, description="Servants in the organisation (the civil service: about 91,000).")
    start: dt.date = dt.date(2026, 1, 5)
    days: int = Field(365, ge=1, description="Days during which offences are committed.")
    follow_days: int = Field(450, ge=0, description="Days cases are followed after that, so late ones resolve.")
    offence_rates: dict[str, float] = Field(
        description="Offences per 1,000 servants a year, by track: 44.5, 44.6, "
        "44.7 (discrediting, law:50) and ordinary (law:44.1)."
    )
    detection_delay: Delay = Delay(mean_days=30)
    investigation: Span = Span(min_days=5, max_days=20)
    absence: Chance = Chance(probability=0.3, mean_days=14)
    appeal: Chance = Chance(probability=0.05, mean_days=30)
    criminal_case: Chance = Chance(probability=0.02, mean_days=120)
    commission: Schedule = Schedule(interval_days=14, capacity=20)
    commissions: int = Field(1, ge=1, description="Disciplinary commissions; each case goes to one at random.")
    lower_vacancy_share: float = Field(0.5, ge=0, le=1)
    repeat_multiplier: float = Field(
        3.0, ge=1, description="How much likelier a servant sanctioned in the last year is to offend again."
    )


@cache
def _track_offences() -> dict[str, tuple[str, ...]]:
    return {**track_offences(), "ordinary": ("law:44.1",)}


class Organisation:
    """The state of one replication: its commission, its sanctioned servants, and the cases' timelines."""

    def __init__(self, env: simpy.Environment, config: OrgConfig, rng: random.Random) -> None:
        self.env, self.config, self.rng = env, config, rng
        self.commissions = [
            Commission(
                env,
                first_meeting=float(rng.randrange(config.commission.interval_days)),
                interval=config.commission.interval_days,
                capacity=config.commission.capacity,
                start=config.start,
            )
            for _ in range(config.commissions)
        ]
        # Servants sanctioned within the last year, oldest first: (offence, imposed, end of the repeat window).
        self.recent: dict[int, tuple[str, dt.date, dt.date]] = {}
        self.timelines: list[tuple[Timeline, bool]] = []  # (timeline, was a repeat offender)
        self.next_servant = 0
        # What every case is drawn with, worked out once: each track's offences, the exponential rates, the spans.
        self.offences_of = _track_offences()
        self.detection_rate = 1 / config.detection_delay.mean_days
        low = config.investigation.min_days
        self.investigation = (low, max(low, config.investigation.max_days))
        self.absence_chances = tuple(
            (chance.probability, 1 / chance.mean_days) for chance in (config.absence, config.appeal)
        )
        self.criminal_chance = (config.criminal_case.probability, 1 / config.criminal_case.mean_days)

    def day(self, offset: float) -> dt.date:
        return self.config.start + dt.timedelta(days=int(offset))

    def offender(self, committed: dt.date) -> int:
        """A repeat offender (sanctioned within the last year, weighted) or a servant never sanctioned."""
        while self.recent and next(iter(self.recent.values()))[2] < committed:
            self.recent.pop(next(iter(self.recent)))  # the year after their sanction is over
        weight = len(self.recent) * self.config.repeat_multiplier
        if self.recent and self.rng.random() < weight / (self.config.headcount - len(self.recent) + weight):
            return self.rng.choice(list(self.recent))
        self.next_servant += 1
        return -self.next_servant

    def sanction_imposed(self, servant: int, citation: str, imposed: dt.date) -> None:
        self.recent.pop(servant, None)  # re-inserted at the end, so the oldest sanctions stay first
        self.recent[servant] = (citation, imposed, period_end("repeat_offence_window", imposed))

    def case_for(self, track: str, committed: dt.date, servant: int) -> Case:
        rng = self.rng
        revealed = committed + dt.timedelta(days=int(rng.expovariate(self.detection_rate)))
        investigation = rng.randint(*self.investigation)
        offence = rng.choice(self.offences_of[track])  # the draws keep this order, so a seed gives the same run
        stops = self._absences(revealed)
        criminal_case_closed = self._criminal_case(revealed)
        if criminal_case_closed is not None:
            stops.append((revealed, criminal_case_closed))  # the proceedings stop the clock too (law:45.4)
        return Case(
            offence=offence,
            committed=committed,
            revealed=revealed,
            investigation_days=investigation,
            suspend_from_duty=False,
            stops=tuple(stops),
            criminal_case_closed=criminal_case_closed,
            lower_vacancy=rng.random() < self.config.lower_vacancy_share,
            previous=(self.recent[servant][:2],) if servant in self.recent else (),
        )

    def _absences(self, revealed: dt.date) -> list[tuple[dt.date, dt.date]]:
        """Leave and appeals, each drawn with its chance, as (first day, last day)."""
        absences, rng = [], self.rng
        for probability, rate in self.absence_chances:
            if rng.random() < probability:
                start = revealed + dt.timedelta(days=rng.randint(1, 30))
                length = max(1, int(rng.expovariate(rate)))
                absences.append((start, start + dt.timedelta(days=length - 1)))
        return absences

    def _criminal_case(self, revealed: dt.date) -> dt.date | None:
        """The day criminal proceedings opened on discovery close, if there are any."""
        probability, rate = self.criminal_chance
        if self.rng.random() >= probability:
            return None
        return revealed + dt.timedelta(days=max(1, int(self.rng.expovariate(rate))))


def offences(env: simpy.Environment, org: Organisation, track: str):  # type: ignore[no-untyped-def]
    """Offences of one track arriving as a Poisson process over the simulated period."""
    per_day = org.config.offence_rates.get(track, 0.0) * org.config.headcount / 1000 / 365
    if per_day <= 0:
        return
    while True:
        yield env.timeout(org.rng.expovariate(per_day))
        if env.now >= org.config.days:
            return
        committed = org.day(env.now)
        servant = org.offender(committed)
        case = org.case_for(track, committed, servant)
        follow(env, org, case, servant)


def follow(env: simpy.Environment, org: Organisation, case: Case, servant: int) -> None:
    """Start the case's process; when it ends, remember a sanction for the repeat rule."""
    timeline = Timeline(case.offence, record=False)
    org.timelines.append((timeline, bool(case.previous)))
    process = env.process(case_process(env, case, org.rng.choice(org.commissions), org.config.start, timeline))

    def finished(_event: simpy.Event) -> None:
        if timeline.outcome == "imposed" and timeline.imposed_on is not None:
            org.sanction_imposed(servant, case.offence, timeline.imposed_on)

    process.callbacks.append(finished)


def replicate(config: OrgConfig, seed: int) -> dict[str, Any]:
    """One replication: the metrics of a simulated period, reproducible from ``seed``."""
    env = simpy.Environment()
    org = Organisation(env, config, random.Random(seed))
    for track in TRACKS:
        env.process(offences(env, org, track))
    env.run(until=config.days + config.follow_days)
    return metrics(org)


def metrics(org: Organisation) -> dict[str, Any]:
    outcomes = Counter(timeline.outcome for timeline, _repeat in org.timelines)
    decided = outcomes["imposed"] + outcomes["time_barred"]
    waits = [
        (timeline.imposed_on - timeline.revealed).days
        for timeline, _repeat in org.timelines
        if timeline.imposed_on and timeline.revealed
    ]
    kinds = Counter(
        timeline.sanction.kind
        for timeline, _repeat in org.timelines
        if timeline.outcome == "imposed" and timeline.sanction
    )
    repeats = sum(
        1
        for timeline, repeat in org.timelines
        if repeat and timeline.outcome == "imposed" and timeline.sanction and timeline.sanction.repeat_of is not None
    )
    return {
        "cases": len(org.timelines),
        "imposed": outcomes["imposed"],
        "time_barred": outcomes["time_barred"],
        "pending": outcomes["pending"],
        "time_barred_share": outcomes["time_barred"] / decided if decided else 0.0,
        "days_to_sanction": sum(waits) / len(waits) if waits else 0.0,
        "days_to_sanction_all": waits,
        "dismissals_from_repeats": repeats,
        "commission_utilisation": mean([c.log.utilisation(org.config.commission.capacity) for c in org.commissions]),
        "commission_queue": mean([c.log.mean_queue() for c in org.commissions]),
        **{
            f"sanctions_{kind}": kinds[kind]
            for kind in (
                "demotion",
                "incompetence_warning",
                "incompetence_warning_or_dismissal",
                "dismissal",
                "discretionary",
            )
        },
    }
