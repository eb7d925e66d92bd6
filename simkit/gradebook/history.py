"""What a learner's history reads from the gradebook: every counted completion of a course with a legal rhythm,
with its certificate's code, and every entry into the service the roster import stored. One query per table for
the whole gradebook, or for one learner."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from sqlalchemy import Engine, Select, select

from simkit.gradebook.db import reading
from simkit.gradebook.tables import (
    acknowledgements,
    attempts,
    certificates,
    learner_entries,
    learners,
    training_records,
)


class Completed(NamedTuple):
    day: dt.date  # the legal day of the submission's last save (training_records.completed_on)
    rhythm: str  # "onboarding" (code:5) or "advanced_training" (law:34.2)
    course_id: str
    course_version: int
    certificate: str | None  # the code of the certificate issued for it, if one was


class Learner(NamedTuple):
    name: str
    organisation: str
    corps: str | None
    entries: tuple[dt.date, ...]  # earliest first


def _completions(as_of: dt.date) -> Select[Any]:
    """Passed attempts' records up to ``as_of``, with their attempt and certificate."""
    return (
        select(
            training_records.c.attempt_id,
            training_records.c.learner_id,
            training_records.c.completed_on,
            training_records.c.rhythm,
            training_records.c.course_id,
            training_records.c.course_version,
            certificates.c.code,
        )
        .outerjoin(certificates, certificates.c.attempt_id == training_records.c.attempt_id)
        .where(training_records.c.rhythm.is_not(None), training_records.c.completed_on <= as_of)
        .order_by(training_records.c.learner_id, training_records.c.completed_on)
    )


def completions(engine: Engine, as_of: dt.date, learner: str | None = None) -> dict[str, list[Completed]]:
    """learner -> their completions, earliest first. A record whose attempt a regrade replaced is not counted (the
    regrade's own record counts when it passed)."""
    query = _completions(as_of)
    regraded = select(attempts.c.regrade_of).where(attempts.c.regrade_of.is_not(None))
    if learner is not None:
        query = query.where(training_records.c.learner_id == learner)
        regraded = regraded.where(attempts.c.learner_id == learner)
    found: dict[str, list[Completed]] = {}
    with reading(engine) as connection:
        replaced = set(connection.execute(regraded).scalars())  # attempts has no index on regrade_of: one scan
        for attempt, learner_id, day, rhythm, course, version, code in connection.execute(query):
            if attempt not in replaced:
                found.setdefault(learner_id, []).append(Completed(day, rhythm, course, version, code))
    return found


def stored_learners(engine: Engine, learner: str | None = None) -> dict[str, Learner]:
    """The learners the roster import stored with an entry date: name, organisation, corps and every entry."""
    people = select(learners).where(learners.c.entry_date.is_not(None))
    entries = select(learner_entries.c.learner_id, learner_entries.c.entry_date).order_by(
        learner_entries.c.learner_id, learner_entries.c.entry_date
    )
    if learner is not None:
        people = people.where(learners.c.id == learner)
        entries = entries.where(learner_entries.c.learner_id == learner)
    with reading(engine) as connection:
        every: dict[str, list[dt.date]] = {}
        for learner_id, day in connection.execute(entries):
            every.setdefault(learner_id, []).append(day)
        return {
            row.id: Learner(
                row.name or "",
                row.organisation or "",
                row.corps,
                tuple(sorted({*every.get(row.id, ()), row.entry_date})),
            )
            for row in connection.execute(people)
        }


def signatures(engine: Engine, as_of: dt.date, learner: str | None = None) -> dict[str, list[dt.date]]:
    """learner -> the days they signed the acknowledgement of the Code (code:5), up to ``as_of``."""
    query = select(acknowledgements.c.learner_id, acknowledgements.c.signed_on).where(
        acknowledgements.c.signed_on <= as_of
    )
    if learner is not None:
        query = query.where(acknowledgements.c.learner_id == learner)
    found: dict[str, list[dt.date]] = {}
    with reading(engine) as connection:
        for learner_id, day in connection.execute(query):
            found.setdefault(learner_id, []).append(day)
    return found
