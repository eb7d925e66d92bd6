"""One disciplinary case, played day by day: offence, discovery, investigation, hearing, sanction or time bar.

The legal rules come from simkit.law only: the deadline (law:45), the sanction (law:44), the days a sanction may
not be imposed (law:45.3), the suspension from duty (law:48.2) and the bar on re-entry (law:16.3.6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import simpy
from pydantic import BaseModel, ConfigDict, Field, model_validator

from simkit import law
from simkit.i18n import N_, t
from simkit.law.glossary import sanction_label
from simkit.sim.commission import Commission
from simkit.sim.timeline import Timeline

#: The key in the interface catalogue of each absence's name; which absences stop the clock and forbid imposing a
#: sanction, and where the law says so, is simkit.law's (data/absences.yaml).
ABSENCE_NAMES: dict[str, str] = {
    "sick_leave": N_("sim.absence.sick_leave"),
    "leave": N_("sim.absence.leave"),
    "business_trip": N_("sim.absence.business_trip"),
    "state_duties": N_("sim.absence.state_duties"),
    "training": N_("sim.absence.training"),
    "appeal": N_("sim.absence.appeal"),
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Absence(Strict):
    kind: Literal["sick_leave", "leave", "business_trip", "state_duties", "training", "appeal"]
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Absence:
        if self.end < self.start:
            raise ValueError(f"an absence cannot end ({self.end}) before it starts ({self.start})")
        return self


class CriminalCase(Strict):
    opened: dt.date
    closed: dt.date


class Schedule(Strict):
    first_meeting: dt.date | None = Field(None, description="Default: the day after discovery.")
    interval_days: int = Field(14, ge=1)
    capacity: int = Field(5, ge=1)


class CaseInput(Strict):
    """A fully specified case for the single-case mode."""

    offence: str
    committed: dt.date
    revealed: dt.date
    investigation_days: int = Field(10, ge=0)
    suspend_from_duty: bool = False
    absences: tuple[Absence, ...] = ()
    criminal_case: CriminalCase | None = None
    commission: Schedule = Schedule()
    lower_vacancy: bool = True
    previous: tuple[tuple[str, dt.date], ...] = ()
    horizon_days: int = Field(800, ge=1)

    @model_validator(mode="after")
    def _dates(self) -> CaseInput:
        if self.revealed < self.committed:
            raise ValueError(f"revealed ({self.revealed}) cannot come before committed ({self.committed})")
        law.offence(self.offence)
        return self

    def suspensions(self) -> list[tuple[dt.date, dt.date]]:
        """Clock stops: the absences and the criminal proceedings (law:45.4), for every offence (note
        criminal-proceedings: for a discrediting one they lengthen the year from commission)."""
        stops = [(absence.start, absence.end) for absence in self.absences]
        if self.criminal_case:
            stops.append((self.criminal_case.opened, self.criminal_case.closed))
        return stops

    def facts(self) -> Case:
        """What the case's process needs, as plain values."""
        return Case(
            offence=self.offence,
            committed=self.committed,
            revealed=self.revealed,
            investigation_days=self.investigation_days,
            suspend_from_duty=self.suspend_from_duty,
            stops=tuple(self.suspensions()),
            criminal_case_closed=self.criminal_case.closed if self.criminal_case else None,
            lower_vacancy=self.lower_vacancy,
            previous=self.previous,
        )


@dataclass(frozen=True, slots=True)
class Case:
    """A case as its process plays it: validated input (a :class:`CaseInput`) or values an organisation drew, with
    no validation on the way (an organisation makes thousands of cases a run)."""

    offence: str
    committed: dt.date
    revealed: dt.date
    investigation_days: int
    suspend_from_duty: bool
    stops: tuple[tuple[dt.date, dt.date], ...]  # absences and criminal proceedings, see CaseInput.suspensions
    criminal_case_closed: dt.date | None
    lower_vacancy: bool
    previous: tuple[tuple[str, dt.date], ...]


def first_imposable_day(day: dt.date, suspensions: Sequence[tuple[dt.date, dt.date]]) -> dt.date:
    """The first working day from ``day`` on which no absence forbids imposing a sanction (law:45.3)."""
    while not (law.is_working_day(day) and law.can_impose_on(day, suspensions)):
        day += dt.timedelta(days=1)
    return day


def absence_process(env: simpy.Environment, absence: Absence, on: Callable[[dt.date], float], timeline: Timeline):  # type: ignore[no-untyped-def]
    citation, name = law.absence_citation(absence.kind), ABSENCE_NAMES[absence.kind]

    def named(lang: str) -> str:
        return t(name, lang)

    yield env.timeout(max(0.0, on(absence.start) - env.now))
    timeline.add(absence.start, "absence_start", "servant", citation, N_("sim.event.absence_start"), absence=named)
    yield env.timeout(max(0.0, on(absence.end) - env.now + 1))
    timeline.add(absence.end, "absence_end", "servant", citation, N_("sim.event.absence_end"), absence=named)


def case_process(env: simpy.Environment, case: Case, commission: Commission, start: dt.date, timeline: Timeline):  # type: ignore[no-untyped-def]
    """The case from commission to sanction; ``start`` is the date of simulation day 0."""
    offence, stops = law.offence(case.offence), case.stops
    limits = law.imposition_deadline_explained(
        committed=case.committed,
        revealed=case.revealed,
        discrediting=offence.discrediting,
        suspensions=stops,
        case_closed=case.criminal_case_closed if offence.discrediting else None,  # law:45.2: only then a limit
    )
    timeline.deadline, timeline.limit_from_commission = limits.deadline, limits.from_commission
    timeline.limit_from_discovery, timeline.revealed = limits.from_discovery, case.revealed
    if sim_day(start, case.committed) > env.now:
        yield env.timeout(sim_day(start, case.committed) - env.now)
    timeline.add(case.committed, "committed", "servant", case.offence, N_("sim.event.committed"))
    yield env.timeout(max(0.0, sim_day(start, case.revealed) - env.now))
    timeline.add(
        case.revealed,
        "revealed",
        "employer",
        offence.basis if offence.id.startswith("code:") else limits.basis[0],
        N_("sim.event.revealed"),
    )
    if case.suspend_from_duty:
        suspension_limit = law.suspension_from_duty_end(case.revealed)
        timeline.add(
            case.revealed,
            "suspended_from_duty",
            "employer",
            "law:48.2",
            N_("sim.event.suspended_from_duty"),
            limit=suspension_limit,
        )
    yield env.timeout(case.investigation_days)
    timeline.add(
        sim_date(start, env.now),
        "investigated",
        "employer",
        "law:46.1",
        N_("sim.event.investigated"),
    )
    if case.criminal_case_closed and sim_day(start, case.criminal_case_closed) > env.now:
        timeline.add(
            sim_date(start, env.now),
            "awaiting_criminal_case",
            "commission",
            "law:45.4",
            N_("sim.event.awaiting_criminal_case"),
        )
        yield env.timeout(max(0.0, sim_day(start, case.criminal_case_closed) - env.now))
    barred_at = sim_day(start, limits.deadline) + 1
    if env.now >= barred_at:
        return _time_barred(timeline, limits.deadline)
    hearing = commission.hear(available(start, stops))
    lapse = env.timeout(barred_at - env.now)
    yield hearing | lapse
    if not hearing.triggered:
        commission.withdraw(hearing)
        return _time_barred(timeline, limits.deadline)
    heard_on = sim_date(start, env.now)
    if case.suspend_from_duty:
        back = min(heard_on, law.suspension_from_duty_end(case.revealed))
        timeline.add(
            back,
            "suspension_ended",
            "employer",
            "law:48.2",
            N_("sim.event.suspension_ended"),
        )
    sanction = law.sanction(
        case.offence, lower_vacancy=case.lower_vacancy, previous=case.previous, committed=case.committed
    )
    timeline.sanction = sanction

    def sanction_name(lang: str) -> str:
        return sanction_label(sanction.kind, lang)

    timeline.add(
        heard_on,
        "hearing",
        "commission",
        sanction.basis[1],
        N_("sim.event.hearing"),
        sanction=sanction_name,
        rule=sanction.rule,
    )
    imposed_on = first_imposable_day(heard_on, stops)
    if imposed_on > limits.deadline:
        return _time_barred(timeline, limits.deadline)
    yield env.timeout(max(0.0, sim_day(start, imposed_on) - env.now))
    timeline.outcome, timeline.imposed_on = "imposed", imposed_on
    timeline.add(
        imposed_on,
        "imposed",
        "employer",
        sanction.basis[1],
        N_("sim.event.imposed"),
        sanction=sanction_name,
    )
    if sanction.kind == "dismissal" and offence.discrediting:
        timeline.add(
            imposed_on,
            "reentry_barred",
            "law",
            "law:16.3.6",
            N_("sim.event.reentry_barred"),
        )
    return None


def sim_day(start: dt.date, day: dt.date) -> float:
    """The simulation day of ``day``, counted from ``start`` (day 0)."""
    return float((day - start).days)


def sim_date(start: dt.date, now: float) -> dt.date:
    """The date of simulation day ``now``."""
    return start + dt.timedelta(days=int(now))


def available(start: dt.date, stops: tuple[tuple[dt.date, dt.date], ...]) -> Callable[[float], bool] | None:
    """Whether the commission may consider the case on a simulation day (law:45.4); None when no absence ever
    stops it, which spares the commission a call per case at every meeting."""
    if not stops:
        return None
    return lambda now: law.can_impose_on(sim_date(start, now), stops)


def _time_barred(timeline: Timeline, deadline: dt.date) -> None:
    timeline.outcome = "time_barred"
    lapsed = deadline + dt.timedelta(days=1)
    timeline.add(
        lapsed,
        "time_barred",
        "law",
        "law:45",
        N_("sim.event.time_barred"),
        deadline=deadline,
    )


def run_case(case: CaseInput) -> Timeline:
    """Play one case deterministically and return its timeline."""
    start = case.committed
    env = simpy.Environment()
    first = case.commission.first_meeting or case.revealed + dt.timedelta(days=1)
    commission = Commission(
        env,
        first_meeting=float((first - start).days),
        interval=case.commission.interval_days,
        capacity=case.commission.capacity,
        start=start,
    )
    timeline = Timeline(case.offence)
    for absence in case.absences:
        env.process(absence_process(env, absence, lambda day: float((day - start).days), timeline))
    env.process(case_process(env, case.facts(), commission, start, timeline))
    env.run(until=case.horizon_days)
    return timeline
