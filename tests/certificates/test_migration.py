"""A gradebook made before certificates existed gains their table when opened, keeping everything it had."""

from __future__ import annotations

from typing import Any

from alembic import command
from sqlalchemy import Connection, MetaData, Table, func, inspect, select
from sqlalchemy.engine import make_url

from simkit.certificates import CertificateBook, issue_certificates
from simkit.gradebook.book import Gradebook
from simkit.gradebook.db import _engine, alembic_config, connect
from simkit.gradebook.results import GradedSubmission
from simkit.gradebook.tables import attempts, training_records
from tests.grading.test_gradebook import graded_submission


def first_recorded(connection: Connection, graded: list[GradedSubmission]) -> None:
    """Each grading as a new attempt, a pass with its training record, in the tables as they are."""
    shapes = MetaData()

    def table(name: str) -> Table:
        return Table(name, shapes, autoload_with=connection)

    batch = connection.execute(table("batches").insert().values(command="grade", started_at=graded[0].submitted_at))
    connection.execute(table("learners").insert(), [{"id": g.learner} for g in graded])
    courses = table("courses")
    for g in graded:
        row = {name: getattr(g, name) for name in ("course_id", "course_version", "key_digest", "source")}
        row |= {"learner_id": g.learner, "batch_id": batch.inserted_primary_key[0], "submission_digest": g.digest}
        row |= {"submitted_at": g.submitted_at, "graded_at": g.submitted_at, "score": g.score}
        row |= {"max_score": g.max_score, "pending_review": 0, "passed": g.passed, "status": "graded"}
        made = connection.execute(table("attempts").insert().values(row)).inserted_primary_key[0]
        if g.passed:
            trained = {"attempt_id": made, "learner_id": g.learner, "course_id": g.course_id, "score": g.score}
            trained |= {"course_version": g.course_version, "completed_on": g.submitted_at.date()}
            of_course = (courses.c.id == g.course_id) & (courses.c.version == g.course_version)
            trained["rhythm"] = connection.execute(select(courses.c.rhythm).where(of_course)).scalar_one()
            connection.execute(table("training_records").insert().values(trained))


def test_an_existing_gradebook_is_migrated_and_keeps_its_attempts(gradebook_url: str, onboarding: Any) -> None:
    engine = _engine(make_url(gradebook_url))  # as an older simkit left it: the first migration only
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    assert "certificates" not in inspect(engine).get_table_names()
    Gradebook(engine).add_course(onboarding)
    # Written as the first migration's tables take them, without answers: this simkit writes attempts (0005) and
    # answers (0003) where they were not yet.
    with engine.begin() as connection:
        first_recorded(
            connection, [graded_submission(learner, right=right) for learner, right in (("ann", 1), ("bek", 0.2))]
        )
    engine.dispose()

    migrated = connect(gradebook_url)
    assert "certificates" in inspect(migrated).get_table_names()
    with migrated.connect() as connection:
        assert connection.execute(select(func.count()).select_from(attempts)).scalar_one() == 2
        assert connection.execute(select(training_records.c.learner_id)).scalars().all() == ["ann"]
    [certificate] = issue_certificates(CertificateBook(migrated), "onboarding")
    assert certificate.learner_id == "ann"
    migrated.dispose()
