"""What the exports read from the gradebook: one query each, in one reading transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, and_, select
from sqlalchemy.orm import aliased

from simkit.gradebook.db import reading
from simkit.gradebook.sql import current, of_course_version, require_course
from simkit.gradebook.tables import acknowledgements, attempts, certificates, courses, learners
from simkit.submissions.ids import require_learner_id


def _checked(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows, once each learner id is one by the learner-id rule: an export names the learner in another system
    (an HR import, an xAPI account), so a row edited into the gradebook by hand stops it rather than go out."""
    for row in rows:
        try:
            require_learner_id(row["learner_id"])
        except ValueError as error:
            raise ValueError(f"gradebook attempt {row['id']}: learner {error}") from None
    return rows


def current_results(engine: Engine, course_id: str) -> list[dict[str, Any]]:
    """Each learner's current attempt at the course, with the roster's name and organisation, the acknowledgement
    of the Code and the certificate issued for it, if any."""
    query = (
        select(
            attempts,
            learners.c.name,
            learners.c.organisation,
            acknowledgements.c.signed_on,
            certificates.c.code.label("certificate"),
        )
        .join(learners, learners.c.id == attempts.c.learner_id)
        .outerjoin(
            acknowledgements,
            and_(acknowledgements.c.learner_id == attempts.c.learner_id, acknowledgements.c.course_id == course_id),
        )
        .outerjoin(certificates, certificates.c.attempt_id == attempts.c.id)
        .where(current(course_id))
        .order_by(attempts.c.learner_id)
    )
    with reading(engine) as connection:
        require_course(connection, course_id)
        return _checked([dict(row) for row in connection.execute(query).mappings()])


def every_attempt(engine: Engine, course_id: str) -> list[dict[str, Any]]:
    """Every attempt at the course, superseded ones too, with its course's title and, for an attempt that a regrade
    replaced, that regrade's grading time (``regraded_at``)."""
    regrade = aliased(attempts)
    query = (
        select(attempts, courses.c.title, regrade.c.graded_at.label("regraded_at"))
        .join(courses, of_course_version(attempts))
        .outerjoin(regrade, regrade.c.regrade_of == attempts.c.id)
        .where(attempts.c.course_id == course_id)
        .order_by(attempts.c.submitted_at, attempts.c.id)
    )
    with reading(engine) as connection:
        require_course(connection, course_id)
        return _checked([dict(row) for row in connection.execute(query).mappings()])
