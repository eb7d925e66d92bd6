"""Certificates in the gradebook: issued once per passed attempt, found again by code, with the attempt's standing.

The gradebook is the authority: a certificate file only points into it. Issuing twice gives the same certificate
(one per attempt, a unique key); two trainers issuing at once on PostgreSQL get the same one too. What a
certificate says and its code are made by ``simkit.certificates``; these are the rows and the queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, Engine, RowMapping, Select, select

from simkit.gradebook.db import reading, writing
from simkit.gradebook.sql import current, insert_missing, of_course_version, require_course
from simkit.gradebook.tables import attempts, certificates, courses, learners, training_records
from simkit.submissions.ids import normalise_learner_id

NewRow = Callable[[RowMapping], dict[str, Any]]  # a passed attempt's row → its certificate's row, with a code
ATTEMPTS_TO_MAKE_A_CODE = 3  # a new code clashing with another is a 1 in 2**75 event: three tries are plenty


@dataclass(frozen=True)
class Standing:
    """Where the certified attempt stands now, and the learner's result at the course since."""

    state: Literal["current", "regraded", "superseded"]
    score: float
    max_score: float
    passed: bool | None
    since: dt.datetime | None  # when the attempt that replaced it was graded


def issue(engine: Engine, course_id: str, new_row: NewRow, learner: str | None = None) -> list[RowMapping]:
    """The certificate rows of each current passed attempt of the course (or of one learner), made if missing,
    in one writing transaction, by learner."""
    learner = None if learner is None else normalise_learner_id(learner)
    with writing(engine) as connection:
        require_course(connection, course_id)
        passed = list(connection.execute(_passed_attempts(course_id, learner)).mappings())
        if learner is not None and not passed:
            raise ValueError(
                f"learner {learner!r} has no passed current attempt at {course_id!r} "
                "(hint: `simkit grade` and `simkit review` record passes)"
            )
        for _try in range(ATTEMPTS_TO_MAKE_A_CODE):
            missing = [row for row in passed if row["code"] is None]
            if not missing:
                break
            # Skipping an attempt another trainer has just certified (or, once in an age, a code already taken).
            insert_missing(connection, certificates, [new_row(row) for row in missing])
            passed = list(connection.execute(_passed_attempts(course_id, learner)).mappings())
        else:
            raise ValueError("could not make unique verification codes (hint: run the command again)")
        made = {row["attempt_id"] for row in passed}
        rows = connection.execute(select(certificates).where(certificates.c.course_id == course_id)).mappings()
        return sorted((row for row in rows if row["attempt_id"] in made), key=lambda row: row["learner_id"])


def find(engine: Engine, code: str) -> RowMapping | None:
    with reading(engine) as connection:
        return connection.execute(select(certificates).where(certificates.c.code == code)).mappings().first()


def standing(engine: Engine, attempt_id: int) -> Standing:
    with reading(engine) as connection:
        attempt = _attempt(connection, attempt_id)
        if attempt["superseded_by"] is None:
            return Standing("current", attempt["score"], attempt["max_score"], attempt["passed"], None)
        successor = _attempt(connection, attempt["superseded_by"])
    state: Literal["regraded", "superseded"] = "regraded" if successor["regrade_of"] == attempt["id"] else "superseded"
    return Standing(state, successor["score"], successor["max_score"], successor["passed"], successor["graded_at"])


def _attempt(connection: Connection, attempt_id: int) -> RowMapping:
    return connection.execute(select(attempts).where(attempts.c.id == attempt_id)).mappings().one()


def _passed_attempts(course_id: str, learner: str | None) -> Select[Any]:
    """Current passed attempts with what a certificate prints of them, and their certificate's code if issued."""
    query = (
        select(
            attempts.c.id.label("attempt_id"),
            attempts.c.learner_id,
            attempts.c.course_id,
            attempts.c.course_version,
            attempts.c.score,
            attempts.c.max_score,
            learners.c.name.label("learner_name"),
            courses.c.title,
            courses.c.rhythm,
            training_records.c.completed_on,
            certificates.c.code,
        )
        .join(learners, learners.c.id == attempts.c.learner_id)
        .join(courses, of_course_version(attempts))
        .join(training_records, training_records.c.attempt_id == attempts.c.id)
        .outerjoin(certificates, certificates.c.attempt_id == attempts.c.id)
        .where(current(course_id), attempts.c.passed.is_(True))
        .order_by(attempts.c.learner_id)
    )
    return query if learner is None else query.where(attempts.c.learner_id == learner)
