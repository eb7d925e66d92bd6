"""A gradebook made before the grading service gains its live submissions when opened, keeping everything it had;
one row per learner and course; and going back drops only that table."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from simkit.gradebook.db import _engine, alembic_config, connect
from simkit.gradebook.tables import batches, live_submissions

STAMP = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_a_gradebook_before_the_service_gains_live_submissions_and_goes_back(gradebook_url: str) -> None:
    engine = _engine(make_url(gradebook_url))
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0003")
        connection.execute(batches.insert().values(command="simkit grade", started_at=STAMP))
    assert "live_submissions" not in inspect(engine).get_table_names()
    engine.dispose()

    migrated = connect(gradebook_url)
    assert "live_submissions" in inspect(migrated).get_table_names()
    row = {"learner_id": "ann", "course_id": "onboarding", "submission": {"learner": "ann"}, "updated_at": STAMP}
    with migrated.begin() as connection:
        assert connection.execute(select(func.count()).select_from(batches)).scalar_one() == 1
        connection.execute(live_submissions.insert().values(row))
    with pytest.raises(IntegrityError), migrated.begin() as connection:
        connection.execute(live_submissions.insert().values(row))  # one live submission per learner and course
    with migrated.connect() as connection:
        kept = connection.execute(select(live_submissions.c.submission, live_submissions.c.updated_at)).one()
    assert kept.submission == {"learner": "ann"} and kept.updated_at == STAMP
    migrated.dispose()

    engine = _engine(make_url(gradebook_url))
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0003")
    assert "live_submissions" not in inspect(engine).get_table_names()
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(batches)).scalar_one() == 1
    engine.dispose()
