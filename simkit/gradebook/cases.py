"""What the gradebook holds of each learner's current attempt case by case: the points each case earned, read
for a regrade report (``simkit grade --dry-run``). Nothing here writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec
from sqlalchemy import Engine, Text, cast, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from simkit.gradebook.book import stored_order
from simkit.gradebook.db import connect, gradebook_url, reading
from simkit.gradebook.sql import current
from simkit.gradebook.tables import attempts, scenario_answers

POINTS = 3  # an answer's points in its stored array: [step, value, at, points, maximum, correct]
ROWS_AT_ONCE = 5000


@dataclass
class RecordedAttempt:
    """A learner's current attempt at a course: its score, verdict, place in the learner's order and its cases."""

    score: float
    passed: bool | None
    order: tuple[dt.datetime, dt.datetime]  # as GradedSubmission.order: saved, then received
    cases: dict[str, tuple[int, float]] = field(default_factory=dict)  # case → (version, points)


def case_points(answers: Sequence[Sequence[Any]]) -> float:
    """A case's points: its answers' points, an answer awaiting review counting 0 (as an attempt's score does)."""
    return round(sum(float(answer[POINTS] or 0.0) for answer in answers), 4)


def recorded_attempts(engine: Engine, course_id: str) -> dict[str, RecordedAttempt]:
    """Each learner's current attempt at the course with the points of each of its cases."""
    query = (
        select(
            attempts.c.learner_id,
            attempts.c.score,
            attempts.c.passed,
            attempts.c.submitted_at,
            attempts.c.received_at,
            attempts.c.graded_at,
            scenario_answers.c.scenario_id,
            scenario_answers.c.scenario_version,
        )
        .add_columns(cast(scenario_answers.c.answers, Text))
        .select_from(attempts.outerjoin(scenario_answers, scenario_answers.c.attempt_id == attempts.c.id))
        .where(current(course_id))
    )
    found: dict[str, RecordedAttempt] = {}
    decode = msgspec.json.Decoder(list[list[object]]).decode
    with reading(engine) as connection:
        for row in connection.execution_options(yield_per=ROWS_AT_ONCE).execute(query):
            learner, score, passed, *_times, case, version, text = row
            attempt = found.setdefault(learner, RecordedAttempt(score, passed, stored_order(row)))
            if case is not None:
                attempt.cases[case] = (version, case_points(decode(text)))
    return found


def open_existing(url: str | None = None) -> Engine:
    """The gradebook at ``url`` (as :func:`simkit.gradebook.db.connect` opens it), refusing to make a new SQLite
    file: a report comparing with a gradebook that is not there would only create an empty one."""
    target = url or gradebook_url()
    try:
        database = make_url(target).database if make_url(target).get_backend_name() == "sqlite" else None
    except ArgumentError:
        database = None  # connect() says what is wrong with it
    if database and database != ":memory:" and not Path(database).expanduser().exists():
        raise ValueError(
            f"{database}: no gradebook there, so nothing graded to compare with "
            "(hint: --db or $SIMKIT_GRADEBOOK names the gradebook of the earlier grading)"
        )
    return connect(target)
