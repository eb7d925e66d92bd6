"""Certificates in the gradebook: issued once per passed attempt, found again by code, with the attempt's standing.

The gradebook is the authority: a certificate file only points into it. Issuing twice gives the same certificate
(one per attempt, a unique key); two trainers issuing at once on PostgreSQL get the same one too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, Engine, Select, and_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError

from simkit.certificates.codes import new_code
from simkit.certificates.model import Certificate
from simkit.grading.db import WRITING, failure
from simkit.grading.tables import attempts, certificates, courses, learners, training_records

Titles = Mapping[int, tuple[str, str]]  # course version → (Russian, English) title, from the course file
ATTEMPTS_TO_MAKE_A_CODE = 3  # a new code clashing with another is a 1 in 2**75 event: three tries are plenty


@dataclass(frozen=True)
class Standing:
    """Where the certified attempt stands now, and the learner's result at the course since."""

    state: Literal["current", "regraded", "superseded"]
    score: float
    max_score: float
    passed: bool | None
    since: dt.datetime | None  # when the attempt that replaced it was graded


class CertificateBook:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def _transaction(self, *, writes: bool) -> Iterator[Connection]:
        engine = self.engine.execution_options(**WRITING) if writes else self.engine
        try:
            with engine.begin() as connection:
                yield connection
        except OperationalError as error:
            doing = "cannot write to the gradebook" if writes else "cannot read the gradebook"
            raise failure(self.engine.url, doing, error) from None

    def issue(self, course_id: str, titles: Titles, learner: str | None = None) -> list[Certificate]:
        """The certificate of each current passed attempt of the course (or of one learner), made if missing."""
        with self._transaction(writes=True) as connection:
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
                _insert_new(connection, [_new_row(row, titles) for row in missing])
                passed = list(connection.execute(_passed_attempts(course_id, learner)).mappings())
            else:
                raise ValueError("could not make unique verification codes (hint: run the command again)")
            made = {row["attempt_id"] for row in passed}
            rows = connection.execute(select(certificates).where(certificates.c.course_id == course_id)).mappings()
            return sorted(
                (Certificate.from_row(row) for row in rows if row["attempt_id"] in made), key=lambda c: c.learner_id
            )

    def find(self, code: str) -> Certificate | None:
        with self._transaction(writes=False) as connection:
            row = connection.execute(select(certificates).where(certificates.c.code == code)).mappings().first()
        return None if row is None else Certificate.from_row(row)

    def standing(self, certificate: Certificate) -> Standing:
        with self._transaction(writes=False) as connection:
            attempt = _attempt(connection, certificate.attempt_id)
            if attempt["superseded_by"] is None:
                return Standing("current", attempt["score"], attempt["max_score"], attempt["passed"], None)
            successor = _attempt(connection, attempt["superseded_by"])
        state: Literal["regraded", "superseded"] = (
            "regraded" if successor["regrade_of"] == attempt["id"] else "superseded"
        )
        return Standing(state, successor["score"], successor["max_score"], successor["passed"], successor["graded_at"])


def require_course(connection: Connection, course_id: str) -> None:
    """ValueError naming the courses the gradebook has, if it has not this one (a typo, or nothing graded yet)."""
    if connection.execute(select(courses.c.id).where(courses.c.id == course_id).limit(1)).first() is None:
        known = sorted(set(connection.execute(select(courses.c.id)).scalars()))
        listed = ", ".join(known) if known else "none yet (hint: `simkit grade COURSE` records a course)"
        raise ValueError(f"the gradebook has no course {course_id!r}; its courses: {listed}")


def _attempt(connection: Connection, attempt_id: int) -> Mapping[str, Any]:
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
        .join(courses, and_(courses.c.id == attempts.c.course_id, courses.c.version == attempts.c.course_version))
        .join(training_records, training_records.c.attempt_id == attempts.c.id)
        .outerjoin(certificates, certificates.c.attempt_id == attempts.c.id)
        .where(attempts.c.course_id == course_id, attempts.c.superseded_by.is_(None), attempts.c.passed.is_(True))
        .order_by(attempts.c.learner_id)
    )
    return query if learner is None else query.where(attempts.c.learner_id == learner)


def _new_row(row: Mapping[str, Any], titles: Titles) -> dict[str, Any]:
    fallback = row["title"] or row["course_id"]  # a course the gradebook knows only by id
    title_ru, title_en = titles.get(row["course_version"], (fallback, fallback))
    return {
        "code": new_code(),
        "attempt_id": row["attempt_id"],
        "learner_id": row["learner_id"],
        "learner_name": row["learner_name"],
        "course_id": row["course_id"],
        "course_version": row["course_version"],
        "title_ru": title_ru,
        "title_en": title_en,
        "rhythm": row["rhythm"],
        "completed_on": row["completed_on"],
        "score": row["score"],
        "max_score": row["max_score"],
        "issued_at": dt.datetime.now(dt.UTC),
    }


def _insert_new(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert, skipping an attempt another trainer has just certified (or, once in an age, a code already taken)."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    connection.execute(dialect.insert(certificates).on_conflict_do_nothing(), rows)
