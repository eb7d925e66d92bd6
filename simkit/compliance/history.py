"""Each learner's history as HR read it: for every entry into the service, the onboarding it opened (code:5), and
every cycle of advanced training (law:34.2) with the completion that closed it, its certificate's code and the
next due date. The cycles come from simkit.law.training_cycles (interpretation notes training-next-due,
training-first-due and reentry-onboarding); the statuses of what is still open are those of the report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from simkit import law
from simkit.compliance.roster import RosterEntry
from simkit.compliance.status import (
    ADMINISTRATIVE,
    NOT_ADMINISTRATIVE_BASIS,
    ONBOARDING_BASIS,
    TRAINING_BASIS,
    Training,
    onboarding_status,
)
from simkit.gradebook.codes import shown
from simkit.gradebook.history import Completed
from simkit.law.cycles import ENDED

ONBOARDING, ADVANCED = "onboarding", "advanced_training"


class HistoryRow(NamedTuple):
    learner: str
    name: str
    organisation: str
    entry_date: dt.date  # the entry whose service the row belongs to
    rhythm: str  # "onboarding" or "advanced_training"
    cycle: int | None  # advanced training: 1 for the cycle the entry opened
    opened_on: dt.date  # the entry, or the completion that opened the cycle
    due: dt.date | None  # the last day (None when law:34.2 does not bind the learner)
    completed_on: dt.date | None
    status: str  # onboarding: simkit.compliance.status.Onboarding; training: in_time, late, ended, or Training
    certificate: str | None  # the code of the completion's certificate, as printed
    course: str  # "id v2" of the completion, or "" (none, or HR's date from the roster)
    source: str  # "gradebook", "roster", or ""
    next_due: dt.date | None  # advanced training: when the next one is due after this cycle
    basis: str
    reading: str  # the interpretation notes applied


def _open_state(due: dt.date, as_of: dt.date, due_within: int) -> str:
    days_left = (due - as_of).days
    if days_left < 0:
        return Training.OVERDUE.value
    return Training.DUE_SOON.value if days_left <= due_within else Training.OK.value


def _course(done: Completed | None) -> str:
    return f"{done.course_id} v{done.course_version}" if done else ""


def _code(done: Completed | None) -> str | None:
    return shown(done.certificate) if done and done.certificate else None


class Service(NamedTuple):
    entry: dt.date
    until: dt.date | None  # the next entry


def services(entries: Iterable[dt.date]) -> list[Service]:
    days = sorted(set(entries))
    return [Service(day, days[n + 1] if n + 1 < len(days) else None) for n, day in enumerate(days)]


def _in(service: Service, day: dt.date) -> bool:
    return day >= service.entry and (service.until is None or day < service.until)


def learner_history(
    person: RosterEntry,
    completed: Iterable[Completed],
    signed: Iterable[dt.date],
    *,
    as_of: dt.date,
    due_within: int = 90,
) -> list[HistoryRow]:
    """Every service of ``person`` (from the roster, or as the gradebook stored them), earliest first."""
    completed = [done for done in completed if done.day <= as_of]
    signed = sorted({*signed, *person.acknowledgements})
    rows: list[HistoryRow] = []
    who = (person.learner, person.name, person.organisation)
    for service in services(person.entry_dates):
        ours = [day for day in signed if day < service.entry or _in(service, day)]
        onboarding = onboarding_status(entry=service.entry, as_of=as_of, acknowledgements=ours)
        course = next((d for d in completed if d.rhythm == ONBOARDING and _in(service, d.day)), None)
        rows.append(
            HistoryRow(
                *who, service.entry, ONBOARDING, None, service.entry, onboarding.deadline, onboarding.acknowledged_on,
                onboarding.state.value, _code(course), _course(course), "gradebook" if course else "", None,
                " ".join(ONBOARDING_BASIS), "acknowledgement-timing reentry-onboarding",
            )
        )  # fmt: skip
        rows += _training_rows(person, service, completed, as_of, due_within)
    return rows


def _training_rows(
    person: RosterEntry, service: Service, completed: list[Completed], as_of: dt.date, due_within: int
) -> list[HistoryRow]:
    who = (person.learner, person.name, person.organisation)
    if person.corps is not None and person.corps not in ADMINISTRATIVE:
        basis = " ".join(NOT_ADMINISTRATIVE_BASIS[person.corps])
        return [
            HistoryRow(*who, service.entry, ADVANCED, None, service.entry, None, None, Training.NOT_REQUIRED.value,
                       None, "", "", None, basis, "administrative-servants")
        ]  # fmt: skip
    by_day = {done.day: done for done in completed if done.rhythm == ADVANCED}
    days = set(by_day)
    if person.last_training is not None and person.last_training <= as_of:
        days.add(person.last_training)  # HR's date: a training taken outside the courses
    history = law.training_cycles(entry=service.entry, completions=days, until=service.until)
    rows = []
    for cycle in history.cycles:
        done = by_day.get(cycle.completed_on) if cycle.completed_on else None
        next_due: dt.date | None
        if cycle.completed_on is not None:
            status, next_due = cycle.state, law.training_due(cycle.completed_on)
            source = "gradebook" if done else "roster"
        else:
            status = ENDED if cycle.state == ENDED else _open_state(cycle.due, as_of, due_within)
            next_due, source = (None if cycle.state == ENDED else cycle.due), ""
        rows.append(
            HistoryRow(*who, service.entry, ADVANCED, cycle.number, cycle.opened_on, cycle.due, cycle.completed_on,
                       status, _code(done), _course(done), source, next_due, " ".join(TRAINING_BASIS),
                       f"{history.reading} training-first-due reentry-onboarding")
        )  # fmt: skip
    return rows
