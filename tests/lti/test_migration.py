"""Migration 0006 adds the LTI tables to a gradebook holding attempts and changes nothing else; going back drops
them and keeps every attempt. On SQLite, and on PostgreSQL when $SIMKIT_TEST_POSTGRES_URL is set."""

from __future__ import annotations

from alembic import command
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import make_url

from simkit.gradebook import Gradebook, connect
from simkit.gradebook.db import _engine, alembic_config
from simkit.gradebook.tables import attempts
from tests.grading.conftest import gradebook_url
from tests.grading.test_gradebook import graded_submission

__all__ = ["gradebook_url"]
LTI_TABLES = {"lti_nonces", "lti_contexts", "lti_passbacks"}


def test_0006_adds_the_lti_tables_and_going_back_drops_only_them(gradebook_url: str) -> None:
    engine = _engine(make_url(gradebook_url))
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0005")
    assert not LTI_TABLES & set(inspect(engine).get_table_names())
    engine.dispose()

    migrated = connect(gradebook_url)  # to the newest: 0006 among them
    assert set(inspect(migrated).get_table_names()) >= LTI_TABLES
    book = Gradebook(migrated)
    book.record(book.begin_batch("grade onboarding"), [graded_submission("ann"), graded_submission("bek")])
    migrated.dispose()

    engine = _engine(make_url(gradebook_url))
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0005")
    assert not LTI_TABLES & set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(attempts)).scalar_one() == 2
    engine.dispose()
