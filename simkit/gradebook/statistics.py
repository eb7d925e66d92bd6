"""What per-question statistics read from the gradebook: the current attempts' scores with their scenarios'
answer arrays in one pass, and one question's (points, score) pairs. The arithmetic is
``simkit.grading.statistics_tally``'s."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Connection, Text, cast, func, select

from simkit.gradebook.sql import current
from simkit.gradebook.tables import answers, attempts, scenario_answers

StepKey = tuple[str, int, str]  # scenario, scenario version, step
ROWS_AT_ONCE = 5000  # scenario rows fetched at a time: a whole civil service's answers never sit in memory at once


def current_count(connection: Connection, course_id: str) -> int:
    return int(connection.execute(select(func.count()).where(current(course_id))).scalar_one())


def answer_arrays(connection: Connection, course_id: str) -> Iterator[tuple[float, str, int, str]]:
    """(attempt's score, scenario, scenario version, the answers as JSON text) of every current attempt's scenario,
    streamed: as text, because msgspec reads it faster than the driver's JSON."""
    query = (
        select(attempts.c.score, scenario_answers.c.scenario_id, scenario_answers.c.scenario_version)
        .add_columns(cast(scenario_answers.c.answers, Text))
        .select_from(attempts.join(scenario_answers, scenario_answers.c.attempt_id == attempts.c.id))
        .where(current(course_id))
    )
    yield from connection.execution_options(yield_per=ROWS_AT_ONCE).execute(query)


def points_and_scores(connection: Connection, course_id: str, question: StepKey) -> list[tuple[float, float, int]]:
    """Each distinct (points, attempt's score) of a question's scored answers in current attempts, with its count."""
    scenario_id, version, step_id = question
    pairs = (
        select(answers.c.points, attempts.c.score, func.count())
        .select_from(attempts.join(answers, answers.c.attempt_id == attempts.c.id))
        .where(current(course_id), answers.c.points.is_not(None))
        .where(answers.c.scenario_id == scenario_id, answers.c.scenario_version == version)
        .where(answers.c.step_id == step_id)
        .group_by(answers.c.points, attempts.c.score)
    )
    return [(points, score, count) for points, score, count in connection.execute(pairs)]
