"""The grading service's reads and writes in the gradebook: live submissions (one row per learner and course, changed in
one locked transaction per answer), and what the result, trainer and HR pages show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import msgspec
from sqlalchemy import Connection, Engine, and_, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError

from simkit.gradebook.db import WRITING, failure
from simkit.gradebook.tables import (
    acknowledgements,
    attempts,
    certificates,
    courses,
    learners,
    live_submissions,
    training_records,
)
from simkit.submissions import Submission, normalise_learner_id

Result = TypeVar("Result")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def as_json(submission: Submission) -> dict[str, Any]:
    return msgspec.to_builtins(submission)  # type: ignore[no-any-return]


class Storage:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = engine.execution_options(**WRITING)

    @contextmanager
    def _transaction(self, *, writes: bool) -> Iterator[Connection]:
        try:
            with (self._writer if writes else self.engine).begin() as connection:
                yield connection
        except OperationalError as error:
            doing = "cannot write to the gradebook" if writes else "cannot read the gradebook"
            raise failure(self.engine.url, doing, error) from None

    # Live submissions

    def submission(self, learner: str, course_id: str) -> Submission | None:
        learner = normalise_learner_id(learner)
        with self._transaction(writes=False) as connection:
            found = connection.execute(_live(learner, course_id)).scalar()
        return None if found is None else msgspec.convert(found, Submission)

    def change(
        self, learner: str, course_id: str, fresh: Callable[[], Submission], apply: Callable[[Submission], Result]
    ) -> Result:
        """Apply a change to the learner's submission as saved now and commit it, all in one transaction holding
        the row (PostgreSQL: SELECT … FOR UPDATE; SQLite: BEGIN IMMEDIATE). If ``apply`` raises, nothing is kept."""
        learner = normalise_learner_id(learner)
        with self._transaction(writes=True) as connection:
            locked = _live(learner, course_id).with_for_update()
            saved = connection.execute(locked).scalar()
            if saved is None:
                dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
                row = {"learner_id": learner, "course_id": course_id, "submission": as_json(fresh())}
                # A first answer from two tabs at once: one row is made, the other waits for it and reads it.
                insert = dialect.insert(live_submissions).values(row | {"updated_at": now()})
                connection.execute(insert.on_conflict_do_nothing())
                saved = connection.execute(locked).scalar_one()
            submission = msgspec.convert(saved, Submission)
            result = apply(submission)
            submission.updated_at = now()
            connection.execute(
                update(live_submissions)
                .where(live_submissions.c.learner_id == learner, live_submissions.c.course_id == course_id)
                .values(submission=as_json(submission), updated_at=submission.updated_at)
            )
        return result

    # Results

    def current_attempt(self, learner: str, course_id: str) -> dict[str, Any] | None:
        learner = normalise_learner_id(learner)
        query = (
            select(attempts, certificates.c.code.label("certificate_code"))
            .outerjoin(certificates, certificates.c.attempt_id == attempts.c.id)
            .where(
                attempts.c.learner_id == learner,
                attempts.c.course_id == course_id,
                attempts.c.superseded_by.is_(None),
            )
        )
        with self._transaction(writes=False) as connection:
            row = connection.execute(query).mappings().first()
        return None if row is None else dict(row)

    # The trainers' and HR's pages

    def course_results(self) -> dict[str, list[dict[str, Any]]]:
        """Each course's current attempts, newest first within a learner's order."""
        query = (
            select(attempts, courses.c.title)
            .join(courses, and_(courses.c.id == attempts.c.course_id, courses.c.version == attempts.c.course_version))
            .where(attempts.c.superseded_by.is_(None))
            .order_by(attempts.c.course_id, attempts.c.learner_id)
        )
        found: dict[str, list[dict[str, Any]]] = {}
        with self._transaction(writes=False) as connection:
            for row in connection.execute(query).mappings():
                found.setdefault(row["course_id"], []).append(dict(row))
        return found

    def in_progress(self) -> dict[str, int]:
        """Learners answering each course (a live submission) whether or not they have submitted."""
        query = select(live_submissions.c.course_id, func.count()).group_by(live_submissions.c.course_id)
        with self._transaction(writes=False) as connection:
            return {course_id: count for course_id, count in connection.execute(query)}

    def records(self) -> list[dict[str, Any]]:
        """Per learner: the acknowledgements of the Code and the training records, with their dates."""
        acknowledged = select(
            acknowledgements.c.learner_id,
            acknowledgements.c.course_id,
            acknowledgements.c.signed_on.label("on"),
        )
        trained = select(
            training_records.c.learner_id,
            training_records.c.course_id,
            training_records.c.completed_on.label("on"),
            training_records.c.score,
            training_records.c.rhythm,
        )
        people = select(learners.c.id, learners.c.name, learners.c.organisation)
        with self._transaction(writes=False) as connection:
            by_learner: dict[str, dict[str, Any]] = {
                row.id: {"learner": row.id, "name": row.name, "organisation": row.organisation}
                | {"ack": [], "trained": []}
                for row in connection.execute(people)
            }
            for row in connection.execute(acknowledged):
                by_learner[row.learner_id]["ack"].append(dict(row._mapping))
            for record in connection.execute(trained):
                by_learner[record.learner_id]["trained"].append(dict(record._mapping))
        return [entry for _id, entry in sorted(by_learner.items()) if entry["ack"] or entry["trained"]]


def _live(learner: str, course_id: str) -> Any:
    return select(live_submissions.c.submission).where(
        live_submissions.c.learner_id == learner, live_submissions.c.course_id == course_id
    )
