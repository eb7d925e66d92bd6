"""A gradebook made before certificates existed gains their table when opened, keeping everything it had."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from alembic import command
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import make_url

from simkit.certificates import CertificateBook, issue_certificates
from simkit.gradebook.book import Gradebook
from simkit.gradebook.db import _engine, alembic_config, connect
from simkit.gradebook.tables import attempts, training_records
from tests.certificates.conftest import record
from tests.grading.test_gradebook import graded_submission


def test_an_existing_gradebook_is_migrated_and_keeps_its_attempts(gradebook_url: str, onboarding: Any) -> None:
    engine = _engine(make_url(gradebook_url))  # as an older simkit left it: the first migration only
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    assert "certificates" not in inspect(engine).get_table_names()
    book = Gradebook(engine)
    book.add_course(onboarding)
    # Without answers: where the first migration kept them is not where this simkit writes them (0003).
    bare = [
        replace(graded_submission(learner, right=right), scenarios=()) for learner, right in (("ann", 1), ("bek", 0.2))
    ]
    record(book, *bare)
    engine.dispose()

    migrated = connect(gradebook_url)
    assert "certificates" in inspect(migrated).get_table_names()
    with migrated.connect() as connection:
        assert connection.execute(select(func.count()).select_from(attempts)).scalar_one() == 2
        assert connection.execute(select(training_records.c.learner_id)).scalars().all() == ["ann"]
    [certificate] = issue_certificates(CertificateBook(migrated), "onboarding")
    assert certificate.learner_id == "ann"
    migrated.dispose()
